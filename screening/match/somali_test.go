package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSomaliReading checks the Somali alphabet's x and c read as the h and
// the ayn of English-style spellings.
func TestSomaliReading(t *testing.T) {
	for _, c := range []struct {
		w, read string
		has     bool
	}{
		{"beenax", "beenah", true},
		{"maxamed", "mahamed", true},
		{"cabdi", "abdi", true},
		{"cumar", "umar", true},
		{"ciise", "iise", true},
		{"chehade", "chehade", false}, // ch is no Somali letter
		{"hassan", "hassan", false},
	} {
		if got := hasSomaliLetter(c.w); got != c.has {
			t.Errorf("hasSomaliLetter(%q) = %v, want %v", c.w, got, c.has)
		}
		if got := string(somaliRead(nil, c.w)); got != c.read {
			t.Errorf("somaliRead(%q) = %q, want %q", c.w, got, c.read)
		}
	}
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"beenax", "baynah", true},
		{"benax", "baynah", true},
		{"xasan", "hassan", true},
		{"cabdirahman", "abdirahman", true},
		{"felix", "fadil", false},
		{"beenax", "bakr", false},
	} {
		q := qtok{s: c.q, skel: string(appendSkeleton(nil, c.q)), cons: string(appendConsonants(nil, c.q))}
		tk := tokInfo{s: c.t, skel: string(appendSkeleton(nil, c.t)), cons: string(appendConsonants(nil, c.t))}
		if got := somaliSim(&q, &tk) >= somaliMinSim; got != c.want {
			t.Errorf("somaliSim(%q, %q) = %.3f, want a respelling: %v", c.q, c.t, somaliSim(&q, &tk), c.want)
		}
	}
}

// TestSomaliNames checks a Somali person found by the Somali spelling of his
// name, and the same name of a person of another country not.
func TestSomaliNames(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "BAYNAH, Yasin Ali", Nationalities: []string{"SO"}},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "BAYNAH, Hamid Omar", Nationalities: []string{"FR"}},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "BAYNAH, Yusuf"},
	})
	checkSoleEntry(t, ix, 0.78, map[string]string{
		"BEENAX, Yasin": "1",
		"BENAX, Yassin": "1",
		"BEENAX, Hamid": "", // not of a Somali-speaking country
		"BEENAX, Yusuf": "", // of no known country
		"BEENAH, Yasin": "1",
	})
}
