package match

import (
	"context"
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestGenericSwap checks, on the index of the real-alias evaluation
// (realAliasEntries), that a listed organisation's name with business words
// swapped for others (PRODUCTION for DEVELOPMENT, INSTITUTION for FOUNDATION)
// is found, and that a distinctive word in the same place is not taken for
// a business word. The first two queries are aliases OFAC publishes for
// the listed names.
func TestGenericSwap(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query string
		want  string // the listed name found first at DefaultThreshold, "" for none
	}{
		{"RESEARCH AND PRODUCTION ENTERPRISE SAPFIR JOINT STOCK COMPANY", "JOINT STOCK COMPANY RESEARCH AND DEVELOPMENT ENTERPRISE SAPFIR"},
		{"MUHJAT AL-QUDS INSTITUTION", "MUHJAT ALQUDS FOUNDATION"},
		{"RESEARCH AND VOLGA ENTERPRISE SAPFIR JOINT STOCK COMPANY", ""}, // VOLGA is a name, not a business word
		{"MUHJAT AL-QUDS ZENIT", ""},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == "" && len(ms) > 0:
			t.Errorf("%q: got %s %.3f, want no match", c.query, ms[0].Name, ms[0].Score)
		case c.want != "" && (len(ms) == 0 || ms[0].Name != c.want):
			t.Errorf("%q: got %+v, want %s", c.query, ms, c.want)
		}
	}
}

// TestSwapKeepsOwnWord checks that the business words of one party's coined
// name swapped for others count less (swapKeepsOwnWord), and not when the
// words swapped stand on either side of the brand, the brand is a word of
// two parties' names, or a word left out is as rare as the brand.
func TestSwapKeepsOwnWord(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK SHIPPING AND TRADING LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "INVESTMENT BANK KELBURNO"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "MIRAVEX SHIPPING AND TRADING LLC"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "MIRAVEX CHILE S.A."},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "SERVICIO DE EQUIPO QUENTROL"},
	}
	// other names, so that the words above weigh as rare words do and the
	// generic words as common ones
	es = append(es, numberedEntities(60, "PLANT")...)
	for i, w := range []string{"ALFA", "BETA", "GAMMA", "DELTA"} {
		for _, g := range []string{"MANAGEMENT", "TRADING", "SHIPPING", "GROUP", "SERVICIO", "INVESTMENT", "BANK", "COMPANY"} {
			es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("g", i, g), Type: lists.TypeEntity, Name: w + " " + g})
		}
	}
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ZORVATEK SHIP MANAGEMENT", "1"},
		{"KELBURNO INVESTMENT TRADING", ""}, // a business word on the other side of the brand
		{"MIRAVEX SHIP MANAGEMENT", ""},     // a word of two parties
		{"SERVICIO DE GROUP QUENTROL", ""},  // equipo is as rare as quentrol
	})
}

// TestKeepsOwnPhrase checks that the business words of a listed name swapped
// for others count less when the query keeps all the name's own words
// together and they are no coined word of one party (keepsOwnPhrase), and
// not when another party's name holds the same words, the words are given
// names only, or the words swapped stand on either side of the phrase.
func TestKeepsOwnPhrase(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KARWAN SAHAND SHIPPING AND TRADING LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KARWAN BANK"},
		{Source: lists.SourceSDN, ID: "7", Type: lists.TypeEntity, Name: "SAHAND GROUP"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "DORNA ARVAND SHIPPING AND TRADING LLC"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "DORNA ARVAND BANK"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "OMAR HASSAN SHIPPING AND TRADING LLC"},
		{Source: lists.SourceSDN, ID: "6", Type: lists.TypeEntity, Name: "OMAR ALI GROUP"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	for i, w := range []string{"ALFA", "BETA", "GAMMA", "DELTA", "SIGMA", "KAPPA", "OMEGA", "THETA"} {
		for _, g := range []string{"MANAGEMENT", "TRADING", "SHIPPING", "GROUP", "INVESTMENT", "BANK", "COMPANY"} {
			es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("g", i, g), Type: lists.TypeEntity, Name: w + " " + g})
		}
	}
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"KARWAN SAHAND SHIP MANAGEMENT", "1"},
		{"MANAGEMENT KARWAN SAHAND SHIP", ""}, // business words on either side
		{"DORNA ARVAND SHIP MANAGEMENT", ""},  // the words of two parties' names
		{"OMAR HASSAN SHIP MANAGEMENT", ""},   // given names only
	})
}

func TestEmptyKindSwap(t *testing.T) {
	hk := []lists.Address{{City: "Hong Kong", Country: rules.MustParseCountry("HK")}}
	my := []lists.Address{{City: "Kuala Lumpur", Country: rules.MustParseCountry("MY")}}
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "SES INTERNATIONAL CORP"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "ATEMPO SES GORUNTU SISTEMLERI"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "BVI ELECTRONICS"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "KINGS ROMANS INTERNATIONAL (HK) CO., LIMITED", Addresses: hk},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "KINGS ROMANS CASINO"},
		{Source: lists.SourceSDN, ID: "6", Type: lists.TypeEntity, Name: "LOTUS ARCADIA INTERNATIONAL (HK) CO., LIMITED", Addresses: my},
		{Source: lists.SourceSDN, ID: "7", Type: lists.TypeEntity, Name: "LOTUS ARCADIA HOTEL"},
		{Source: lists.SourceSDN, ID: "8", Type: lists.TypeEntity, Name: "HAITIAN GROUP"},
		{Source: lists.SourceSDN, ID: "9", Type: lists.TypeEntity, Name: "HAITIAN MARINE"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	for _, g := range []string{"GROUP", "INTERNATIONAL", "TRADING", "ELECTRONICS", "CORPORATION"} {
		for i := range 40 {
			es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint(g, i), Type: lists.TypeEntity, Name: fmt.Sprint(g, " NUMBER ", i)})
		}
	}
	for i, w := range []string{"ALFA", "BETA", "GAMMA", "DELTA", "SIGMA", "KAPPA", "OMEGA", "THETA"} {
		for _, g := range []string{"MANAGEMENT", "TRADING", "SHIPPING", "GROUP", "INVESTMENT", "BANK", "COMPANY", "INTERNATIONAL", "HOLDING", "ELECTRONICS"} {
			es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("g", i, g), Type: lists.TypeEntity, Name: w + " " + g})
		}
	}
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"SES GROUP", "1"},            // a word of two parties, the filler swapped
		{"SES TRADING", ""},           // what the business does said in
		{"BVI GROUP", ""},             // ... or left out
		{"KINGS ROMANS GROUP", "4"},   // the entry's own country code left out
		{"LOTUS ARCADIA GROUP", ""},   // a code that is not the entry's country
		{"HAITIAN INTERNATIONAL", ""}, // a place with filler
	})
}
