package match

import "testing"

// TestHardCK checks which pairs of words read as one word with a hard c
// for a k.
func TestHardCK(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"macrooptica", "makrooptika", true},
		{"eco", "eko", true},
		{"tecnica", "teknika", true},
		{"marcus", "markus", true},
		{"eco", "eco", false},       // the same word
		{"lucie", "lukie", false},   // c before i is read s
		{"cosmos", "kosmos", false}, // the first letter: respellStart's
		{"electronic", "elektronik", true},
		{"blacksmith", "blaksmith", false}, // not one length
		{"acha", "akha", false},            // ch is another sound
		{"rcm", "rkm", true},               // hardCKSim keeps acronyms apart
	} {
		if got := hardCK(c.a, c.b); got != c.want {
			t.Errorf("hardCK(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
