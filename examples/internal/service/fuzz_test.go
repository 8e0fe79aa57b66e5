package service

import (
	"strings"
	"testing"
)

// FuzzParseTokens: any input either parses into tokens that Check finds
// again by their text, or fails with errors that each name the file and a
// line.
func FuzzParseTokens(f *testing.F) {
	f.Add("reviewer e.manager " + reviewerTok + "\nadmin ops " + adminTok + "\n")
	f.Add("# comment\n\nreviewer a short\n")
	f.Add("owner b " + reviewerTok)
	f.Add("reviewer a " + reviewerTok + "\nreviewer a " + adminTok)
	f.Add("\x00\xff reviewer\t\tb  " + adminTok + "  \r\n")
	f.Fuzz(func(t *testing.T, in string) {
		tk, err := ParseTokens(strings.NewReader(in), "f.txt")
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.txt") {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
			return
		}
		for _, raw := range strings.Split(in, "\n") {
			f := strings.Fields(raw)
			if len(f) != 3 || strings.HasPrefix(strings.TrimSpace(raw), "#") {
				continue
			}
			p, ok := tk.Check(f[2])
			if !ok || p.Name != f[1] || string(p.Role) != f[0] {
				t.Fatalf("token of line %q: Check = %+v, %v", raw, p, ok)
			}
		}
		if _, ok := tk.Check(""); ok {
			t.Fatal("the empty token was accepted")
		}
	})
}
