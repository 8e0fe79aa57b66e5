package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestClippedGivenName checks that a given name clipped to its first
// letters pairs with the full name after an agreeing surname
// (alignClippedGiven), and the shapes kept apart: a clipped form of
// fewer letters beyond it (a feminine), no comma, another surname, the
// first syllable of a Chinese given name. A South Slavic hypocoristic
// (the first letters and an o) pairs the same way after a surname in
// -ic, and only there.
func TestClippedGivenName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "TAGWIREI, Kudakwashe Regimond"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "OKONKWO, Josefina Adaeze"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "MUTASA, Tinotenda"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeIndividual, Name: "ZHANG, Xiaoguang"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeIndividual, Name: "BEGIC, Hasan"},
		{Source: lists.SourceSDN, ID: "6", Type: lists.TypeIndividual, Name: "OTIENO, Hasan"},
		{Source: lists.SourceSDN, ID: "7", Type: lists.TypeIndividual, Name: "DELIC, Mehmed"},
	})
	checkTopEntry(t, ix, map[string]string{
		"TAGWIREI, Kuda":  "1",
		"OKONKWO, Jose":   "", // Josefina: four letters beyond Jose
		"Tino Mutasa":     "", // no comma: the query's order says nothing
		"MUTAMBARA, Tino": "", // another surname
		"ZHANG, Xiao":     "", // the first of two Pinyin syllables
		"BEGIC, Haso":     "5",
		"DELIC, Meho":     "7",
		"OTIENO, Haso":    "", // no South Slavic surname
		"Haso Begic":      "", // no comma
		"DELIC, Mo":       "", // one letter before the o
	})
}
