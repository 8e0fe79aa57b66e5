package match

import (
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
	checkEntryFound(t, ix, "SDN:1", "TKKH-INVEST", []foundCase{
		{"OOO TKH-INVEST", true},
		{"TKH-INVESTMENTS GROUP", false}, // words on top of the respelt acronym
	})
	checkEntryFound(t, ix, "SDN:2", "SKH TRADING LLC", []foundCase{
		{"SKKH TRADING LLC", true},
	})
}
