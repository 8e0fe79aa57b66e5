package screening

import "github.com/exportguard/exportguard/rules"

// Country codes for evidence and records without an allocation each:
// rules.Country.String makes a new string, and a string put into an
// evidence map is boxed anew. Every two-letter code is made, and boxed,
// once.
var (
	// codeText is every code "AA" to "ZZ", in order, in one string.
	codeText = func() string {
		b := make([]byte, 0, 26*26*2)
		for x := byte('A'); x <= 'Z'; x++ {
			for y := byte('A'); y <= 'Z'; y++ {
				b = append(b, x, y)
			}
		}
		return string(b)
	}()
	// codeBoxed holds the codes of codeText as interface values.
	codeBoxed = func() (t [26 * 26]any) {
		for i := range t {
			t[i] = codeText[2*i : 2*i+2]
		}
		return t
	}()
)

// codeIndex is the index of c's code in codeText, or -1.
func codeIndex(c rules.Country) int {
	s := c.String()
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return -1
	}
	return int(s[0]-'A')*26 + int(s[1]-'A')
}

// countryText is c.String() without allocating.
func countryText(c rules.Country) string {
	if i := codeIndex(c); i >= 0 {
		return codeText[2*i : 2*i+2]
	}
	return c.String()
}

// countryAny is c's code as an interface value, without allocating.
func countryAny(c rules.Country) any {
	if i := codeIndex(c); i >= 0 {
		return codeBoxed[i]
	}
	return c.String()
}

// maxInterned bounds the strings a screening value keeps boxed.
const maxInterned = 64

// interned returns s as an interface value, boxed once per screening
// value (which the pool keeps across calls) for the few strings that recur
// in nearly every decision, such as list source codes.
func (sc *screening) interned(s string) any {
	if v, ok := sc.boxed[s]; ok {
		return v
	}
	var v any = s
	if sc.boxed == nil {
		sc.boxed = make(map[string]any, 16)
	}
	if len(sc.boxed) < maxInterned {
		sc.boxed[s] = v
	}
	return v
}
