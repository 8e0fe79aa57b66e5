package match

import (
	"context"
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestRareExactKept checks that a long listed name holding the query's
// rare word exactly is scored, though more shorter names that hold a
// respelling of the word rank above it by the candidate estimate.
func TestRareExactKept(t *testing.T) {
	entries := []*lists.Entry{{Source: lists.SourceSDN, ID: "long", Type: lists.TypeEntity,
		Name: "SHENZHEN ZELVARO HENGTAI TECHNOLOGY DEVELOPMENT COMPANY LIMITED"}}
	for i, w := range []string{"ZELVAROS", "ZELVARON", "ZELVAROT", "ZELVAROR"} {
		entries = append(entries, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint(i), Type: lists.TypeEntity, Name: w})
	}
	ix := NewIndex(entries, WithoutPrebuiltIndex(), WithMaxCandidates(2))
	ms, err := ix.Search(context.Background(), Query{Name: "ZELVARO CO. LTD.", Threshold: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Entry.ID == "long" {
			return
		}
	}
	t.Errorf("the long name holding zelvaro was not scored (%d matches)", len(ms))
}

// TestRareShortWordKept checks, on the lists, that a listed name holding
// a rare word of two letters exactly is scored when the query's other
// word, a generic word, fills the candidates with the names that write it
// as the query does: FJ TECHNOLOGIES for FJ TECHNOLOGY, whose fj (a word
// of two letters weighs 2, however rare) ranked below the 32 names with
// technologies.
func TestRareShortWordKept(t *testing.T) {
	ms, err := realAliasIndex(t).Search(context.Background(), Query{Name: "FJ Technologies"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "FJ TECHNOLOGY" || ms[0].Score < DefaultThreshold {
		t.Errorf("FJ Technologies: got %+v, want FJ TECHNOLOGY at %.2f or more", ms, DefaultThreshold)
	}
}
