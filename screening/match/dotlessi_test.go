package match

import "testing"

// TestDotlessIDescriptor checks that a Turkish descriptor of the variant
// tables written with the dotless ı is found as Normalize writes it from
// capitals (HAVACILIK: havacilik) as well as from lowercase (havacılık).
func TestDotlessIDescriptor(t *testing.T) {
	for _, c := range [][2]string{
		{"HAVACILIK", "aviation"},
		{"havacılık", "aviation"},
		{"BANKACILIK", "banking"},
		{"DANIŞMANLIK", "consulting"},
	} {
		w, g := Normalize(c[0]), variantGroupOf(Normalize(c[1]))
		if g == 0 || !isOrgDescriptor(g) {
			t.Fatalf("%s: group %d is no descriptor group", c[1], g)
		}
		if got := variantGroupOf(w); got != g {
			t.Errorf("%s (%q): group %d, want %d (%s)", c[0], w, got, g, c[1])
		}
	}
}
