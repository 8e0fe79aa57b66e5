package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSilentLetter checks a short name written with an unsaid letter
// more (a vowel beside a vowel, an h after a final vowel), and that other
// letters, other places and two Pinyin syllables stay apart.
func TestSilentLetter(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"pye", "pyae", vowelShapeSim}, // Burmese
		{"mo", "moe", vowelShapeSim},
		{"ba", "bah", vowelShapeSim}, // a silent final h
		{"nur", "nour", vowelShapeSim},
		{"zia", "zaia", vowelShapeSim},
		{"lin", "lian", 0},  // two Pinyin syllables: two Chinese names
		{"ba", "bat", 0},    // a consonant is said
		{"bah", "bahh", 0},  // not a vowel
		{"an", "han", 0},    // the first letter kept
		{"sha", "shao", 0},  // two Pinyin syllables
		{"tun", "tuny", 0},  // y is no silent vowel
		{"abc", "abch", 0},  // an h after a consonant
		{"kim", "kimer", 0}, // two letters more
	} {
		if got := silentLetterSim(c.a, c.b); got != c.want {
			t.Errorf("silentLetterSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "TAY ZA, Pye Phyo"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "MOUSSA, Bah Ag"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "LI, Xiao Ming"},
	})
	checkTopEntry(t, ix, map[string]string{"TAY ZA, Pyae Phyo": "1", "MOUSSA, Ba Ag": "2", "LI, Xia Ming": ""})
}
