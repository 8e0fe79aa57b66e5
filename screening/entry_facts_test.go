package screening

import (
	"sync"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// TestEntryFactsExactName checks the exact-name check from an entry's
// normalised names against match.NormalizedEqual, for every name and alias
// of the embedded entries that have aliases, each against its own
// normalised form, a sibling's and an outsider's.
func TestEntryFactsExactName(t *testing.T) {
	snap, err := lists.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{entryIDs: &sync.Map{}}
	checked := 0
	for _, e := range snap.Entries() {
		if len(e.Aliases) == 0 {
			continue
		}
		f := w.entryFacts(e)
		names := []string{e.Name}
		for _, a := range e.Aliases {
			names = append(names, a.Name)
		}
		for i, n := range names {
			norms := []string{match.Normalize(n), match.Normalize(names[(i+1)%len(names)]), "hangzhou hikvision digital technology"}
			for _, norm := range norms {
				if got, want := f.isNormalized(e, norm, n), match.NormalizedEqual(norm, n); got != want {
					t.Fatalf("%s: isNormalized(%q, %q) = %v, NormalizedEqual says %v", e.ID, norm, n, got, want)
				}
				checked++
			}
		}
		if f.isNormalized(e, match.Normalize("Not Listed Trading LLC"), "Not Listed Trading LLC") != true {
			t.Fatal("a name outside the entry's names is not checked by normalising it")
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d names checked", checked)
	}
}
