package match

import (
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSoleNameOnTop checks that ordinary words on top of the whole of a
// registered company's name, whose coined word no other party's name
// holds, count as what the business does; and that a family's word, a
// word no ordinary word, an English form or a respelt coined word keep
// the rules of words on top. A bare brand said first with what its
// business is (QUENTROL ... SUPPLIES LTD) is read so too (bareBrandFirst).
func TestSoleNameOnTop(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK SARL"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "MIRAVEX LLC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "MIRAVEX CHILE S.A."},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "QUENTROL"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "KELBURNO ENTERPRISE"},
		{Source: lists.SourceEL, ID: "6", Type: lists.TypeEntity, Name: "KELBURNO ENTERPRISE"},
	}
	// other names, so that the words above weigh as rare words do
	es = append(es, numberedEntities(60, "PLANT")...)
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ZORVATEK GARDEN AND KITCHEN SUPPLIES", "1"},
		{"ZORVATEK KITCHEN TOOLS", "1"},
		{"MIRAVEX KITCHEN TOOLS", ""},
		{"QUENTROL GARDEN AND KITCHEN SUPPLIES LTD", "4"},
		{"ZORVATEK KRELUNDA PAVISTO", ""},
		{"ZORVATEK KRELUNDA LLC", "1"},
		{"ZORVATEK KRT", "1"},
		{"ZORVATEK IVANOVA", ""},
		{"ZORVATEK GARDEN KITCHEN CORP", ""},
		{"GARDEN KITCHEN ZORVATEK SUPPLIES CORP", ""},
	})
	ms, err := ix.Search(t.Context(), Query{Name: "KELBURNO ENTERPRISE FOR GARDEN AND KITCHEN SUPPLIES"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Errorf("KELBURNO ENTERPRISE FOR GARDEN AND KITCHEN SUPPLIES: got %v, want both listings", ms)
	}
}

// TestBareBrandFirst checks that a coined word listed bare, one party's,
// said first with what its business is in two words or more, finds the
// brand (a group's company named by its brand and its line of business);
// and that one word after it, ordinary words that name no business, a word
// in front of it, a brand glued from business words (ZAKBANK) and a
// body's initials written as a word (CNQGC) keep the general rule.
func TestBareBrandFirst(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "VORTELA"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "ZAKBANK"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "CNQGC"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"VORTELA SHIPPING AND LOGISTICS COMPANY", "1"},
		{"VORTELA MESSAGE SOFTWARE CO.", "1"},
		{"VORTELA TRADING AND SERVICES", "1"},
		{"VORTELA SOFTWARE", ""},
		{"VORTELA BLUE SKY", ""},
		{"GLOBAL VORTELA TRADING SERVICES", ""},
		{"ZAKBANK GENERAL TRADING FZE", ""},
		{"CNQGC GENERAL TRADING LLC", ""},
	})
}

// TestKindBesideBareName checks, on the real-alias index, that a query
// holding the whole of a name listed without a legal form (AL-AQSA),
// exactly, and saying what kind of body it is in a descriptor counts its
// own words on top as the descriptor; and that without a descriptor,
// beside a generic word only or with the listed word respelt, the general
// rule holds.
func TestKindBesideBareName(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real-alias index")
	}
	checkEntryFound(t, realAliasIndex(t), "SDN:7641", "AL-AQSA", []foundCase{
		{"AL-AQSA SPANMAL STIFTELSE", true},
		{"AL-AQSA SINABIL ESTABLISHMENT", true},
		{"AL-AQSA SPANMAL", false},
		{"AL-AQSA SPANMAL TRADING", false},
		{"AL-AQSSA SPANMAL STIFTELSE", false},
	})
}

// TestBrandFirstKind checks, on the real-alias index, that a brand listed
// bare (IYARI) said first and followed by what kind of body it is counts
// the words on top as the kind; and that the brand said after them, a
// query with an English form or generic words only keep the general rule.
func TestBrandFirstKind(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real-alias index")
	}
	checkEntryFound(t, realAliasIndex(t), "SDN:25139", "IYARI", []foundCase{
		{"IYARI DISENO DE COLECCION HUICHOL", true},
		{"IYARI ALTO DISENO HUICHOL", true},
		{"ALTO DISENO IYARI HUICHOL", false},
		{"IYARI ALTO DISENO HUICHOL CORP", false},
		{"IYARI HUICHOL GENERAL TRADING", false},
	})
}

// TestKindPhraseCapped checks, on the real-alias index, that a long phrase
// saying what kind of body a bare listed name (AL-AQSA) is counts as no more
// than three of its heaviest words, and that words of the query's own with
// generic words only still keep the general rule.
func TestKindPhraseCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real-alias index")
	}
	checkEntryFound(t, realAliasIndex(t), "SDN:7641", "AL-AQSA", []foundCase{
		{"AL-AQSA CHARITABLE SOCIETY FOR RELIEF OF ORPHANS", true},
		{"CHARITABLE SOCIETY FOR RELIEF AND AID OF ORPHANS AL-AQSA", true},
		{"AL-AQSA SPANMAL GENERAL TRADING AND CONTRACTING", false},
	})
}

// foundCase is a query and whether it finds the entry a test names.
type foundCase struct {
	query string
	found bool
}

// checkEntryFound checks that each query of cases finds the entry of key
// (label is its name in messages) at DefaultThreshold, or does not, as
// the case says.
func checkEntryFound(t *testing.T, ix *Index, key, label string, cases []foundCase) {
	t.Helper()
	for _, c := range cases {
		ms, err := ix.Search(t.Context(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		best := 0.0
		for _, m := range ms {
			if m.Entry.Key() == key {
				best = max(best, m.Score)
			}
		}
		if got := best >= DefaultThreshold; got != c.found {
			t.Errorf("%q: %s at %.3f, found = %v, want %v", c.query, label, best, got, c.found)
		}
	}
}

// numberedEntities returns n entities named "name NUMBER i" (IDs x0, x1,
// ...): other names of a test's index, so that name's words weigh as
// common words do in the whole list.
func numberedEntities(n int, name string) []*lists.Entry {
	es := make([]*lists.Entry, n)
	for i := range es {
		es[i] = &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("x", i), Type: lists.TypeEntity, Name: fmt.Sprintf("%s NUMBER %d", name, i)}
	}
	return es
}

// TestOtherPartyJoined checks that two listed parties' names joined by and
// find each, and that without and, with a word that names no listed party
// or with a listed name respelt, the general rule holds.
func TestOtherPartyJoined(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY ZORVATEK"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KELMARO JSC"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	ix := NewIndex(es)
	for _, q := range []string{"ZORVATEK AND KELMARO", "KELMARO & ZORVATEK"} {
		ms, err := ix.Search(t.Context(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 {
			t.Errorf("%q: got %v, want both parties", q, ms)
		}
	}
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ZORVATEK KELMARO", ""},
		{"ZORVATEK AND VELMARO", ""},
		{"ZORVATEK AND KELMAROS", ""},
	})
}

// TestPairedWithBrand checks that a word paired by and (or the Arabic wa)
// with a coined word listed bare, the body's kind said after them, finds
// the brand; and that without and, or without a kind, the general rule
// holds.
func TestPairedWithBrand(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "QUENTROL"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"BIRR AND QUENTROL SOCIETY", "1"},
		{"BIR WA QUENTROL SOCIETY", "1"},
		{"BIRR QUENTROL SOCIETY", ""},
		{"BIRR AND QUENTROL", ""},
	})
}
