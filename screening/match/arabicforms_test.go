package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestAynH checks the ayn written h after l, m or n, and the shapes kept
// out.
func TestAynH(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"menhem", "munim", true},  // Mun'im: h for the ayn, e for u and i
		{"munim", "menhem", true},  // either order
		{"munhim", "munim", true},  // the h alone
		{"farhad", "farid", false}, // after r: not read
		{"manhal", "manil", false}, // an a stays an a
		{"serhiy", "seriy", false}, // after r
		{"jinhou", "jinou", false}, // a Pinyin syllable: h before two vowels
		{"menhem", "menhem", false},
		{"menhem", "mahmud", false},
		{"manhi", "mani", false},    // the word without the h too short
		{"salhim", "shalim", false}, // an h of the other word left unpaired
		{"menhim", "munium", false}, // another length
	} {
		if got := aynHPair(c.a, c.b) > 0; got != c.want {
			t.Errorf("aynHPair(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-QUBAYSI, Abd-al-Munim"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "AL-QUBAYSI, Munir"},
	})
	checkTopEntry(t, ix, map[string]string{
		"QUBAYSI, Abd Al Menhem": "1",
		"QUBAYSI, Abd Al Manhal": "", // an a for the u: another name
	})
}
