package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestGluedGenericWord checks that a coined name with a generic word or a
// descriptor glued after it meets the listed name, and that another word
// glued there, or a generic word glued to a common English word, does
// not.
func TestGluedGenericWord(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY ZORVATEK"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY ELEMENT"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ZORVATEKSOLUTIONS", "1"},
		{"ZORVATEKTRADING LLC", "1"},
		{"ZORVATEKMIRAGE", ""},
		{"ELEMENTSOLUTIONS", ""},
	})
}
