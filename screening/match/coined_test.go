package match

import (
	"context"
	"strconv"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// coinedAloneIndex is a small list of organisations for the tests of a
// coined word said alone, with names of generic words around them so that
// generic words weigh as little as in the whole list, and an address in
// Pyongyang.
func coinedAloneIndex() *Index {
	names := []string{
		"SANOVERA PHARM COMPANY SARL",
		"AKRESTSINA DETENTION CENTER",
		"KAVOSHGAR SYSTEMS RESEARCH COMPANY",
		"TEHRAN KAVOSHGAR TRADING CO.",
		"KAVOSHGAR TEJARAT SANA COMPANY",
		"KAVOSHGAR MOBTAKER PEYVAND",
		"PETROLEOS DE VENEZUELA, S.A.",
		"PYONGYANG UNIVERSITY OF AUTOMATION",
		"ZARNIK TRADING COMPANY",
		"GENERAL TRADING COMPANY",
		"RESEARCH CENTER",
		"PHARM TRADING SARL",
		"SYSTEMS COMPANY",
		"KONTROLES ELECTRONICOS DE BAJA CALIFORNIA, S.A. DE C.V.",
		"TMCP V.V. VOROVSKY",
		"RESEARCH INSTITUTE POLYUS OF M.F. STELMAKH",
	}
	es := make([]*lists.Entry, len(names))
	for i, n := range names {
		es[i] = &lists.Entry{Source: lists.SourceSDN, ID: strconv.Itoa(i + 1), Type: lists.TypeEntity, Name: n}
	}
	es[7].Addresses = []lists.Address{{City: "Pyongyang"}}
	return NewIndex(es)
}

// TestCoinedAlone checks that a coined word of one listed organisation's
// name, said alone, finds that name however many words it leaves out, and
// that a word of several names, a shorter word, a place, a name that says
// its country, a person's surname after initials, or the word with an
// English name's form or another class of form does not.
func TestCoinedAlone(t *testing.T) {
	ix := coinedAloneIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"SANOVERA", "1", true},
		{"AKRESTSINA", "2", true},
		{"KONTROLES", "14", true},
		{"SANOVERA SARL", "1", true},
		{"SANOVERA INC", "1", false},
		{"SANOVERA AO", "1", false},
		{"PETROLEOS", "7", false},
		{"PYONGYANG", "8", false},
		{"ZARNIK", "9", false},
		{"VOROVSKY", "15", false},
		{"STELMAKH", "16", false},
	} {
		checkShortName(t, ix, c.query, c.want, c.found)
	}
	// a word of four listed names: none of them is found
	ms, err := ix.Search(context.Background(), Query{Name: "KAVOSHGAR"})
	if err != nil || len(ms) != 0 {
		t.Errorf("KAVOSHGAR: got %+v, %v; want no match", ms, err)
	}
}
