package match

import "testing"

// TestDiphthong checks the Arabic diphthong aw read in its spellings and
// as o, and that a vowel pair that is no diphthong is read as it is.
func TestDiphthong(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"fawzi", "fouzi", skelEqualSim(5)},
		{"fawzi", "fozi", skelEqualSim(4)},
		{"fawz", "foz", skelEqualSim(3)},
		{"awf", "auf", skelEqualSim(3)},
		{"shawqi", "shoqi", skelEqualSim(5)},
		{"jawad", "jouad", 0}, // w before a vowel is a consonant
		{"fawzi", "fazi", 0},
		{"qansawh", "qansu", skelEqualSim(5)}, // the final h after the diphthong not said
		{"qansawh", "qansuh", skelEqualSim(6)},
		{"fawzah", "fawz", 0}, // the h after another vowel than the diphthong's
		{"rawh", "ra", 0},
	} {
		if got := diphthongSim(c.a, c.b); got != c.want {
			t.Errorf("diphthongSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := diphthongSim(c.b, c.a); got != c.want {
			t.Errorf("diphthongSim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
