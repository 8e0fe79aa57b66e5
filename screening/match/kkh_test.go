package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestKKhHits checks that an acronym with kh finds the listed one with kkh
// for к and х side by side, and the other way round, and that the acronym
// alone does not stand for the name with another word on top.
func TestKKhHits(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY TKKH-INVEST"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "SKH TRADING LLC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "LLC A INVEST"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "INOVEST LIMITED"},
	})
	// the look-up itself: in the whole list, where many names hold the
	// other word, the name may be reached by nothing else
	for q, want := range map[string]string{"tkh": "tkkh", "skkh": "skh"} {
		sc := newScratch(len(ix.names))
		ix.prepareQuery(sc, []string{q}, false)
		sc.linkHits(len(ix.toks))
		ix.findHits(sc)
		found := false
		for _, h := range sc.hits {
			found = found || ix.toks[h.tok].s == want && h.sim == skelEqualSim(len(q))
		}
		if !found {
			t.Errorf("%s: no hit of %s", q, want)
		}
	}
	for _, c := range []struct {
		query, id string
		found     bool
	}{
		{"OOO TKH-INVEST", "1", true},
		{"SKKH TRADING LLC", "2", true},
		{"TKH-INVESTMENTS GROUP", "1", false}, // words on top of the respelt acronym
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.8, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			if m.Entry.ID == c.id {
				found = true
			}
		}
		if found != c.found {
			t.Errorf("%s: found %v, want %v", c.query, found, c.found)
		}
	}
}
