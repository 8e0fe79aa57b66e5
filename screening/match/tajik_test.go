package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestTajikO checks the Tajik o for the Persian long a in a word of three
// letters, read in the names of people of Tajikistan, Uzbekistan and
// Afghanistan only.
func TestTajikO(t *testing.T) {
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"jon", "jan", true},
		{"xon", "xan", true},
		{"jan", "jon", false}, // the query writes the o
		{"jon", "jin", false},
		{"jon", "jun", false},
		{"jon", "jam", false},
	} {
		q, tk := qtok{s: c.q}, tokInfo{s: c.t}
		if got := tajikOSim(&q, &tk) > 0; got != c.want {
			t.Errorf("tajikOSim(%q, %q) = %v, want %v", c.q, c.t, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "QAYOUM, Eissa Jan", Citizenships: []string{"AF"}},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "KOWALSKI, Jan Piotr", Nationalities: []string{"PL"}},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "BARZANI, Masud Jan"},
	})
	checkSoleEntry(t, ix, 0.9, map[string]string{
		"QAYOUM, Eissa Jon":   "1",
		"KOWALSKI, Jon Piotr": "", // Jon and Jan are two names in Europe
		"BARZANI, Masud Jon":  "", // of no known country
		"QAYOUM, Eissa Jan":   "1",
		"KOWALSKI, Jan Piotr": "2",
	})
}
