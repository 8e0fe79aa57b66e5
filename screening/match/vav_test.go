package match

import "testing"

func TestVavSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"navyan", "noyan", true},
		{"navruz", "nowruz", true},
		{"navruz", "noruz", true},
		{"khosrav", "khosro", true},
		{"davlat", "dowlat", true},
		{"mavlavi", "moulavi", true},
		{"kovrov", "kurov", false}, // ov is not read (Russian)
		{"crown", "kron", false},   // nor aw, ow alone
		{"avto", "otto", false},    // too short
		{"ivanov", "ivano", false},
		{"navid", "nid", false},
	} {
		n := min(len(c.a), len(c.b))
		got := vavSim(c.a, skeleton(c.a), c.b, skeleton(c.b), n) > 0
		if got != c.want {
			t.Errorf("vavSim(%q, %q) > 0 = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if !hasAv("navyan") || hasAv("pavel") || hasAv("kovrov") {
		t.Error("hasAv")
	}
}
