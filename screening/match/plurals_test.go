package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestPluralsInVes checks that an English noun in -f or -fe and its plural
// in -ves find each other, and that words that only end that way do not.
func TestPluralsInVes(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "THIEVES-IN-LAW"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "GREY WOLF SECURITY"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "SHARP KNIFE TRADING"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeIndividual, Name: "GRAF, Peter"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"THIEF-IN-LAW", "1"},
		{"GREY WOLVES SECURITY", "2"},
		{"SHARP KNIVES TRADING", "3"},
		{"GRAVES, Peter", ""}, // graf is no English word
	})
}
