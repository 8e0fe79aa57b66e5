package match

import "testing"

// TestTaMarbuta checks the Arabic feminine ending written with and
// without its silent h, and that a final consonant written with an h is
// kept.
func TestTaMarbuta(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"fatimah", "fatima", skelEqualSim(6)},
		{"hamzah", "hamza", skelEqualSim(5)},
		{"attiyah", "attia", skelEqualSim(5)},
		{"salamah", "salameh", 0}, // both written with it: the skeletons decide
		{"zebih", "zabi", vowelShapeSim},
		{"sheikh", "shei", 0}, // kh is a consonant
		{"farah", "faraj", 0},
	} {
		n := min(len(c.a), len(c.b))
		if got := taMarbutaSim(c.a, skeleton(c.a), c.b, skeleton(c.b), n); got != c.want {
			t.Errorf("taMarbutaSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := taMarbutaSim(c.b, skeleton(c.b), c.a, skeleton(c.a), n); got != c.want {
			t.Errorf("taMarbutaSim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
