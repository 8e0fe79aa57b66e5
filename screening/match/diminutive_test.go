package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestDiminutiveHits checks the Arabic diminutive written with and without
// its first short vowel found by the candidate look-up.
func TestDiminutiveHits(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SWEID, Joseph Jurji"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "SAID, Joseph"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "HWEIDI, Ali"},
	})
	// the look-up itself: a candidate of the whole list may be reached by
	// nothing else
	for q, want := range map[string]string{"suwaid": "sweid", "huwaidi": "hweidi", "suweid": "sweid"} {
		sc := newScratch(len(ix.names))
		ix.prepareQuery(sc, []string{q}, false)
		sc.linkHits(len(ix.toks))
		ix.findHits(sc)
		found := false
		for _, h := range sc.hits {
			found = found || ix.toks[h.tok].s == want
		}
		if !found {
			t.Errorf("%s: no hit of %s", q, want)
		}
	}
	for q, want := range map[string]string{
		"SUWAID, Joseph": "1",
		"HUWAIDI, Ali":   "3",
		"SUWEID, Joseph": "1",
	} {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: 0.8})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != want {
			t.Errorf("%s: %+v, want entry %s first", q, ms, want)
		}
	}
}
