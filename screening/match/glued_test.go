package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestGluedWords checks that a query word made of a listed organisation's
// word and the next one glued (the next as a letter's name, or over a stop
// word) meets the name, and that a word glued to another word does not.
func TestGluedWords(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "VEKTOR Z LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KS BUILDING AND DESIGN"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"VEKTORZET LLC", "1"},
		{"KS BUILDINGANDDESIGN", "2"},
		{"KS BUILDINGANDDECOR", ""},
	})
	for _, c := range []struct {
		rest, b string
		ok      bool
	}{
		{"zed", "z", true}, {"anddevelopment", "development", true}, {"design", "design", true},
		{"zed", "zed", true}, {"ze", "z", false}, {"andesign", "design", false}, {"ofx", "x", true},
	} {
		if got := gluedWord(c.rest, c.b); got != c.ok {
			t.Errorf("gluedWord(%q, %q) = %v, want %v", c.rest, c.b, got, c.ok)
		}
	}
}

// TestGluedClip checks that a query word of listed words glued, the last
// clipped as compounds clip it (in letters, or in another romanisation),
// meets the name, and that a clip of three letters or of another word
// does not.
func TestGluedClip(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "BRIGHT TURBO TECHNOLOGY LTD"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"BRIGHTTURBOTECH LTD", "1"},
		{"OOO BRIGHTTURBOTEKH", "1"},
		{"BRIGHTTURBOTEC LTD", ""},
		{"BRIGHTTURBOTEXTILE LTD", ""},
	})
}
