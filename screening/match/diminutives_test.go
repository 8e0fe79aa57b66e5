package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSlavicDiminutives checks that a Russian short form of a given name
// (slavic-diminutives.txt) meets the full name at cognateSim beside a
// surname that agrees, and that the short form alone finds no one-word
// name.
func TestSlavicDiminutives(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SOKOLOVA, Nadezhda Ivanovna"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "ORLOV, Aleksandr Petrovich"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeVessel, Name: "MIKHAIL"},
	})
	checkGivenNameForms(t, ix, []givenNameCase{
		{"SOKOLOVA, Nadya", "1", "nadya"},
		{"Sasha Orlov", "2", "sasha"},
		{"ORLOV, Sacha", "2", "sacha"},
		{"Misha", "", ""},
	})
}
