package match

import "testing"

func TestRomanianC(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"copcin", "copchin"}, {"copeicin", "copeichin"}, {"ciobanu", "chobanu"}, {"ceban", "cheban"},
		{"cozma", ""}, {"muscel", ""}, {"chirica", ""},
	} {
		r, ok := romanianCRead(nil, c.in)
		if got := string(r); ok != (c.want != "") || ok && got != c.want {
			t.Errorf("romanianCRead(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}
