package match

import "testing"

// TestFrenchSh checks the French transliteration of an Arabic sh, and
// that a ch in a word not spelt the French way (a Russian ch) stays apart
// from sh.
func TestFrenchSh(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"tantouche", "tantoush", skelEqualSim(8)},
		{"achour", "ashur", skelEqualSim(5)},
		{"bouchra", "bushra", skelEqualSim(6)},
		{"chubin", "shubin", 0},    // not spelt the French way
		{"chaabane", "chaaban", 0}, // both spelt with ch
		{"mouchel", "moushe", 0},
	} {
		if got := frenchShSim(c.a, skeleton(c.a), c.b, skeleton(c.b)); got != c.want {
			t.Errorf("frenchShSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := frenchShSim(c.b, skeleton(c.b), c.a, skeleton(c.a)); got != c.want {
			t.Errorf("frenchShSim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
