package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSyllabicAbbreviation checks that a query word made of the first
// syllables of two adjacent words of an organisation's name meets the
// name, the second word whole or clipped, and that a word that goes on
// past the second, a clip of three letters, or a person's name does not.
func TestSyllabicAbbreviation(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "PETROVAX TECHNOLOGIES JSC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "MERIDIANA CAPRI S.A."},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "LOMBARDINI, Severino"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"PETROTECH JSC", "1"},
		{"MERCAPRI", "2"},
		{"PETROTEC JSC", ""},
		{"PETROTEXTILE", ""},
		{"MERCAPRIS", ""},
		{"LOMSEVERINO", ""},
	})
}
