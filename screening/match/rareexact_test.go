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
