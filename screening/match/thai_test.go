package match

import "testing"

func TestThaiSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"puangpetch", "phuangphet", true},    // aspirates, final tch
		{"chaivorasilp", "chaiworasin", true}, // v, final l and its silent letter
		{"phitchayot", "pichayos", true},      // medial tch, final s
		{"phitchaiyot", "pichayos", true},
		{"wimolsri", "wimonsi", true}, // a syllable's final l, the silent r of sr
		{"suvit", "suwit", false},     // short words are not read so
		{"phuangphet", "phuangphan", false},
		{"chaiworasin", "chaiworasak", false},
	} {
		if got := thaiSim(c.a, c.b) > 0; got != c.want {
			t.Errorf("thaiSim(%q, %q) > 0 = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
