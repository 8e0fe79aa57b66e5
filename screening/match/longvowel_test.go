package match

import "testing"

// TestLongVowelSame checks two spellings of a long vowel read as one.
func TestLongVowelSame(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"abbud", "abboud", true},
		{"abood", "abud", true},
		{"fareed", "farid", true},
		{"saalim", "salim", true},
		{"zumar", "zoumar", true},
		{"abbud", "abbud", false},  // the same word: the general rules
		{"aus", "aous", false},     // three letters: letter by letter
		{"zumar", "zomor", false},  // o for a is another vowel
		{"said", "saeed", true},    // the long i of Sa'id written ee
		{"nadir", "nazir", false},  // another consonant
		{"musa", "mousaa", true},   // two long vowels
		{"duaa", "doa", false},     // o alone is not read u
		{"fareed", "fared", false}, // e alone is not read i
	} {
		if got := longVowelSame(c.a, c.b); got != c.want {
			t.Errorf("longVowelSame(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
