package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLongIe checks the long i written ie (Jamiel, Jamil) read as the
// long vowels are, inside a word of six letters or more and before a
// consonant other than h, n, w or y, and found in a person's name where
// the given name written with one i is the name written with ie.
func TestLongIe(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"jamiel", "jamil", true},
		{"nazier", "nazir", true},
		{"daniel", "danil", true},
		{"friedrich", "fridrich", true},
		{"ievlev", "ivlev", false},     // the Slavic ye at the start
		{"chien", "chin", false},       // a syllable of five letters
		{"chieng", "ching", false},     // -ien: another vowel
		{"hsiehmin", "hsihmin", false}, // -ieh
		{"jamiel", "jamal", false},     // another vowel
	} {
		if got := longVowelSame(c.a, c.b); got != c.want {
			t.Errorf("longVowelSame(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "HAMIEH, Jamiel"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "TAHIR, Jamil"},
	})
	checkSoleEntry(t, ix, 0.8, map[string]string{
		"HAMIL, Jamil":      "1",
		"KOWALCZYK, Jamiel": "",
		"TSENG, Chin":       "",
	})
}
