package match

import "testing"

func TestFinalDevoicedSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"mawlud", "mevlut", true}, // w as v, the vowels, d as t
		{"yaqub", "yakup", true},
		{"rajab", "recep", false}, // j and c: another consonant as the skeleton reads it
		{"mehmed", "mehmet", true},
		{"hamid", "hamit", true},
		{"said", "sait", false}, // short words are left to the one-letter rules
		{"mawlud", "mawlid", false},
		{"ahmad", "ahmed", false},
	} {
		got := finalDevoicedSim(c.a, skeleton(c.a), c.b, skeleton(c.b)) > 0
		if got != c.want {
			t.Errorf("finalDevoicedSim(%q, %q) > 0 = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
