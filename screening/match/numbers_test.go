package match

import (
	"context"
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestNumberCandidates checks that a query's number picks its name out of
// more names than the candidates kept (maxCandidates) that share every
// word: a fleet of vessels listed by hull number.
func TestNumberCandidates(t *testing.T) {
	var entries []*lists.Entry
	for i := range 60 {
		entries = append(entries, &lists.Entry{Source: lists.SourceInternal, ID: fmt.Sprint(i), Type: lists.TypeVessel,
			Name: fmt.Sprintf("FU YUAN YU %d", 7600+i)})
	}
	ix := NewIndex(entries)
	for _, c := range []struct {
		q    string
		want float64
	}{
		{"FU YUAN YU 7657", 1}, {"Fu, Yuan, Yu, 7657", 1},
		// a legal form says the query is a company, not the vessel
		// (type_mismatch, falsepos.go)
		{"FU YUAN YU 7657 Co., Ltd.", 1 + deltaTypeMismatch},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Name != "FU YUAN YU 7657" || ms[0].Score != c.want {
			t.Errorf("%q: got %d matches %+v, want FU YUAN YU 7657 alone at %v", c.q, len(ms), ms, c.want)
		}
	}
}
