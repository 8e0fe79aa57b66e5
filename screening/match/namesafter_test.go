package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestNamesAfterWhole checks that a query saying the whole of a listed
// person's name from its first word, in the spoken order, with more names
// after it, is the listed person (namesAfterWhole), and the shapes kept
// apart: the name not from the query's first word, a listed surname that
// is a given name, a query with a comma, a name after it that repeats one
// of its words, a Chinese name's syllables.
func TestNamesAfterWhole(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "NKUNDA, Laurent"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "HASAN, Karim"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "WEI, Linna"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeIndividual, Name: "TSHISEKEDI MBUYI, Etienne"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "GLOBAL MARITIME TRADING"},
	})
	checkTopEntry(t, ix, map[string]string{
		"Laurent Nkunda Mahoro Batware":      "1",
		"Etienne Tshisekedi Mbuyi Kalala Wa": "4", // a surname of two words
		"Mahoro Laurent Nkunda Batware":      "",  // not from the first word
		"Karim Hasan Mahoro Batware":         "",  // Hasan, a given name
		"Laurent Nkunda Laurent Nkunda":      "",  // the name repeated
		"Lin Wei Chen":                       "",  // syllables of a Chinese name
	})
}

// TestSurnameAddedGivenLeft checks that a name with a word added after
// the listed surname and a listed given name left out after the one that
// agrees is the listed person (surnameAddedGivenLeft), and the shapes kept
// apart: both leftovers in the given names (another given name), the
// listed given name left out before the one that agrees, and a query
// whose added word is in front of the listed surname.
func TestSurnameAddedGivenLeft(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-DARI, Harith Sulayman"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "MAKHLUFI, Tariq Nadim"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "GLOBAL MARITIME TRADING"},
	})
	checkTopEntry(t, ix, map[string]string{
		"AL-DARI AL-ZAWBAI, Harith": "1",
		"MAKHLUFI QASIMI, Tariq":    "2",
		"MAKHLUFI, Tariq Qasimi":    "", // another given name for Nadim
		"MAKHLUFI QASIMI, Nadim":    "", // the first given name left out
		"QASIMI MAKHLUFI, Tariq":    "", // the added word in front
		"AL-ZAWBAI AL-DARI, Harith": "",
	})
}
