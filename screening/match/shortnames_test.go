package match

import (
	"context"
	"strconv"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// shortNameIndex is a small list of organisations for the short-name
// tests, with names of generic words around them so that generic words
// weigh as little as in the whole list.
func shortNameIndex() *Index {
	names := []string{
		"JOINT STOCK COMPANY PRODUCTION ENTERPRISE RADAR 2633",
		"IBEX SHIPPING INC",
		"SOME PRODUCTION ENTERPRISE",
		"OTHER PRODUCTION COMPANY",
		"SHIPPING AND TRADING",
		"GENERAL ENTERPRISE",
		"FARAZAN INDUSTRIAL ENGINEERING, INC.",
		"UNICIOUS ENERGY PTE. LTD.",
		"LIMITED LIABILITY COMPANY SOUTHERN PROJECT",
		"ALPHABET INTERNATIONAL DMCC",
		"TRUST LOGISTICS LLC",
		"INTERNATIONAL ENERGY PROJECT",
		"LOGISTICS AND ENGINEERING",
		"FGI",
		"NOAH",
		"INDUSTRIES AND HOLDINGS",
	}
	es := make([]*lists.Entry, len(names))
	for i, n := range names {
		es[i] = &lists.Entry{Source: lists.SourceSDN, ID: strconv.Itoa(i + 1), Type: lists.TypeEntity, Name: n}
	}
	return NewIndex(es)
}

// TestShortNameNumber checks that a distinctive word and a number that
// agree stand for an organisation name whose other words are generic, and
// that the word alone, or with another number, does not.
func TestShortNameNumber(t *testing.T) {
	ix := shortNameIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"AO RADAR 2633", "1", true},
		{"RADAR 2633", "1", true},
		{"AO RADAR 2634", "1", false},
		{"AO RADAR", "1", false},
		{"IBEX Ltd", "2", false},
	} {
		checkShortName(t, ix, c.query, c.want, c.found)
	}
}

// TestShortNameRegisteredForm checks that a word of six letters or more
// written with a registered legal form (limited, joint-stock) stands for an
// organisation name whose other words are generic, and that the same word
// with a US or British corporation's form (Inc., Co.) or a shorter word
// does not. A coined word of one listed name said alone stands for it too
// (coinedAlone).
func TestShortNameRegisteredForm(t *testing.T) {
	ix := shortNameIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"FARAZAN CO., LTD.", "7", true},
		{"UNICIOUS SA", "8", true},
		{"FARAZAN INC", "7", false},
		{"FARAZAN", "7", true},
		{"SOUTHERN CO", "9", false},
		{"Alphabet Inc.", "10", false},
		{"OSOO TRUST", "11", false},
		{"IBEX Ltd", "2", false},
		{"FGI Industries Ltd.", "14", false},
		{"NOAH HOLDINGS LLC", "15", false},
	} {
		checkShortName(t, ix, c.query, c.want, c.found)
	}
}

// checkShortName searches query and checks that entry want comes first,
// at DefaultThreshold or more if found, under it if not.
func checkShortName(t *testing.T, ix *Index, query, want string, found bool) {
	t.Helper()
	ms, err := ix.Search(context.Background(), Query{Name: query, Threshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Entry.ID != want {
		t.Errorf("%q: got %+v, want entry %s first", query, ms, want)
		return
	}
	if got := ms[0].Score >= DefaultThreshold; got != found {
		t.Errorf("%q: score %.3f, found = %v, want %v", query, ms[0].Score, got, found)
	}
}

// TestPersianRussianDescriptors checks the descriptors that Persian and
// Russian company names are built of (samaneh, gostar; kommercheski,
// nauchno): they share a descriptor group with the English word or its
// usual romanisation, and a query that leaves them out finds the listed
// name as its short name.
func TestPersianRussianDescriptors(t *testing.T) {
	checkDescriptorPairs(t, []descriptorPair{
		{"kommercheski", "kommercheskiy", true}, {"kommercheskii", "kommercheskoe", true},
		{"nauchno", "scientific", true}, {"samaneh", "system", true}, {"samane", "systems", true},
		{"gostar", "gostaresh", true}, {"gostar", "system", false}, {"nauchno", "kommercheskiy", false},
	})
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "SAMANE GOSTAR SAHAB PARDAZ PRIVATE LIMITED COMPANY"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU KOMMERCHESKI BANK SINKO BANK"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "PARS GHAEM GOSTAR"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "TEJARAT GOSTAR FARDAD"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "RUSSKI REGIONALNY KOMMERCHESKI BANK"},
		{Source: lists.SourceSDN, ID: "6", Type: lists.TypeEntity, Name: "NATIONAL BANK"},
	})
	checkShortName(t, ix, "SAHAB PARDAZ CO.", "1", true)
	checkShortName(t, ix, "SINKO BANK LTD", "2", true)
	checkShortName(t, ix, "SINKO TRADING LTD", "2", false)
}

// TestCountryAndNumber checks that a listed organisation named by its
// trade and a number is found when the query says its country in front
// (Myanmar, or the adjective Myanma), and not with another country, with
// another number, or with another word in front.
func TestCountryAndNumber(t *testing.T) {
	mm, err := rules.ParseCountry("MM")
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "MINING ENTERPRISE NO 1", Addresses: []lists.Address{{Country: mm}}},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "MINING ENTERPRISE NO 2", Addresses: []lists.Address{{Country: mm}}},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "MYANMA OIL AND GAS ENTERPRISE", Addresses: []lists.Address{{Country: mm}}},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "NATIONAL MINING COMPANY"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "MINING AND TRADING"},
	})
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"MYANMAR MINING ENTERPRISE NUMBER 1", "1", true},
		{"MYANMA MINING ENTERPRISE NUMBER 2", "2", true},
		{"MINING ENTERPRISE NUMBER 2", "2", true},
		{"MYANMAR MINING ENTERPRISE NUMBER 3", "", false},
		{"PERU MINING ENTERPRISE NUMBER 1", "", false},
		{"GOLDEN MINING ENTERPRISE NUMBER 1", "", false},
	} {
		if c.want != "" {
			checkShortName(t, ix, c.query, c.want, c.found)
			continue
		}
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 {
			t.Errorf("%q: got %s %.3f, want no match", c.query, ms[0].Name, ms[0].Score)
		}
	}
}

// TestInitialsDedication checks that a person's initials and surname at
// the end of an organisation's name, without "named after", are left out
// as a dedication is, and that a last word after a short word with a vowel
// (the Arabic article) is not.
func TestInitialsDedication(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY RESEARCH INSTITUTE POLYUS OF M.F. STELMAKH"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KATAIB SAYYID AL SHUHADA"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "RESEARCH INSTITUTE OF PHYSICS"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "POLYOT ENTERPRISE"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "KATAIB HEZBOLLAH"},
	})
	if got := ix.initialsDedication(ix.nameTok[ix.names[0].tokOff : ix.names[0].tokOff+int32(ix.names[0].tokLen)]); got != 3 {
		t.Errorf("POLYUS OF M.F. STELMAKH: dedication at %d, want 3 (mf)", got)
	}
	checkShortName(t, ix, "POLYUS INSTITUTE", "1", true)
	checkShortName(t, ix, "POLYUS RESEARCH INSTITUTE", "1", true)
	checkShortName(t, ix, "KATAIB SAYYID", "2", false)
}

// TestCountryToken checks that countryToken gives countryWord's answer for
// every listed word of the embedded lists' index, asked twice (the second
// time from what the first kept), and that entryPlaceWordOf, which asks
// it first, gives entryPlaceWord's answer for listed words.
func TestCountryToken(t *testing.T) {
	ix := NewIndex(testEntries(t))
	n := 0
	for pass := range 2 {
		for id := range ix.toks {
			w := ix.toks[id].s
			if got, want := ix.countryToken(int32(id)), countryWord(w); got != want {
				t.Fatalf("pass %d: countryToken(%q) = %v, countryWord says %v", pass, w, got, want)
			} else if want && pass == 0 {
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no listed word names a country")
	}
	sy, _ := rules.ParseCountry("SY")
	e := &lists.Entry{Addresses: []lists.Address{{City: "Damascus", Country: sy}}}
	for _, w := range []string{"syria", "syrian", "damascus", "iraq", "bank", "trading"} {
		id, ok := ix.tokenID(w)
		if !ok {
			continue
		}
		q := qtok{s: w, skel: skeleton(w), id: id, known: true}
		if got, want := ix.entryPlaceWordOf(e, &q), entryPlaceWord(e, &q); got != want {
			t.Errorf("entryPlaceWordOf(%q) = %v, entryPlaceWord says %v", w, got, want)
		}
	}
}
