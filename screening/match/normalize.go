package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/exportguard/exportguard/namekey"
	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Normalize runs the full normalisation chain on a name and returns its
// tokens joined by single spaces: Unicode NFKC, width folding, case folding,
// transliteration of Cyrillic, Greek, Han, Hangul and Arabic/Persian script to
// Latin, removal of diacritics, and removal of punctuation. The result is
// lower-case; for names in the supported scripts it is ASCII.
//
// Each step is a separate function (see the steps in this file) so it can be
// tested on its own; Normalize is their composition:
//
//	cleanPunct(stripMarks(transliterate(foldCase(foldWidth(nfkc(sanitize(s)))))))
//
// ASCII input takes a fast path that gives the same result.
func Normalize(s string) string {
	return string(appendNormalized(nil, s))
}

// NormalizedEqual reports whether Normalize(s) == norm. For a name of up
// to 128 bytes in ASCII it does not allocate: it is the check of an exact
// name on the hot path of every hit.
func NormalizedEqual(norm, s string) bool {
	var buf [128]byte
	return string(appendNormalized(buf[:0], s)) == norm
}

// appendNormalized appends the normalised form of s to dst. For ASCII input it
// does not allocate beyond growing dst.
func appendNormalized(dst []byte, s string) []byte {
	if namekey.IsASCII(s) {
		return appendCleanASCII(dst, s)
	}
	t, ok := foldCyrillic(s)
	if !ok {
		t = sanitize(s)
		t = nfkc(t)
		t = foldWidth(t)
		t = foldCase(t)
	}
	t = transliterate(t)
	t = stripMarks(t)
	return appendClean(dst, t)
}

// foldCyrillic returns foldCase(foldWidth(nfkc(sanitize(s)))) for a name
// written in printable ASCII and the Cyrillic letters of cyrFold, the
// most common names that are not ASCII, rune by rune without the four
// passes; ok is false for any other name. Each of those runes is one
// that nfkc, foldWidth and sanitize leave as it is and that no rune after
// it combines with (a boundary before it, for NFKC), so the passes leave
// the name as it is but for the case folding, which is rune by rune.
func foldCyrillic(s string) (string, bool) {
	var buf [128]byte
	b := buf[:0]
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r)+('a'-'A'))
		case r >= ' ' && r < utf8.RuneSelf-1: // no control byte (DEL is 0x7f)
			b = append(b, byte(r))
		case r >= 0x0400 && r <= 0x04FF && cyrFold[r-0x0400] != 0:
			b = utf8.AppendRune(b, cyrFold[r-0x0400])
		default:
			return "", false
		}
	}
	return string(b), true
}

// cyrFold maps each rune of the Cyrillic block (U+0400 to U+04FF) that
// nfkc, foldWidth and sanitize leave as it is, that starts a segment of
// NFKC (nothing before it combines with it) and that foldCase maps to a
// single rune, to that rune; the others to 0. Built with the passes
// themselves, rune by rune.
var cyrFold = func() (t [0x100]rune) {
	for r := rune(0x0400); r <= 0x04FF; r++ {
		s := string(r)
		if p := norm.NFKC.PropertiesString(s); !p.BoundaryBefore() || p.CCC() != 0 {
			continue
		}
		if sanitize(s) != s || nfkc(s) != s || foldWidth(s) != s {
			continue
		}
		f := foldCase(s)
		if fr, n := utf8.DecodeRuneInString(f); fr != utf8.RuneError && n == len(f) {
			t[r-0x0400] = fr
		}
	}
	return t
}()

// sanitize replaces invalid UTF-8 and control characters by spaces.
func sanitize(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if unicode.IsControl(r) {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid bytes come out as utf8.RuneError
		if r == utf8.RuneError || unicode.IsControl(r) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// nfkc applies Unicode compatibility composition (ligatures, full-width
// forms, superscripts and circled digits become their plain letters).
func nfkc(s string) string { return norm.NFKC.String(s) }

// foldWidth maps East Asian full-width and half-width forms to their
// canonical width (full-width Latin to ASCII, half-width katakana to
// full-width).
func foldWidth(s string) string { return width.Fold.String(s) }

// foldCase applies Unicode case folding (language-independent lower-casing,
// including ß to ss and final sigma).
func foldCase(s string) string {
	out, _, err := transform.String(cases.Fold(), s)
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// stripMarks removes combining marks (diacritics) after canonical
// decomposition: é to e, ñ to n, ё to е.
func stripMarks(s string) string {
	if namekey.IsASCII(s) {
		return s
	}
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

// cleanPunct lower-cases ASCII and replaces punctuation and spacing by single
// spaces, so that the result is a space-separated token list. Apostrophes
// vanish without a space (O'Brien, Ch'ing), and dots between single letters
// join them (S.A. to sa, o.o. to oo).
func cleanPunct(s string) string { return string(appendClean(nil, s)) }

func appendCleanASCII(dst []byte, s string) []byte {
	start := len(dst)
	space := true // at token start; suppresses leading and double spaces
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			dst = append(dst, c)
			space = false
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+('a'-'A'))
			space = false
		case c == '\'' || c == '`':
			// dropped without a break
		case c == '.' && joinDot(s, i):
			// S.A. -> sa
		default:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		}
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// joinDot reports whether the dot at s[i] sits between two single letters as
// in "S.A." or "o.o.", so that it joins them instead of separating them.
func joinDot(s string, i int) bool {
	if i == 0 || i+1 >= len(s) {
		return false
	}
	isL := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	if !isL(s[i-1]) || !isL(s[i+1]) {
		return false
	}
	if i >= 2 && isL(s[i-2]) {
		return false // "Co.Ltd": a word before the dot
	}
	return i+2 >= len(s) || !isL(s[i+2]) // single letter after the dot too
}

func appendClean(dst []byte, s string) []byte {
	if namekey.IsASCII(s) {
		return appendCleanASCII(dst, s)
	}
	start := len(dst)
	space := true
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				dst = append(dst, c)
				space = false
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+('a'-'A'))
				space = false
			case c == '\'' || c == '`':
			default:
				if !space {
					dst = append(dst, ' ')
					space = true
				}
			}
		case r == '’' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '‘':
			// apostrophes and the ayn/hamza letters used in romanisation
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
		default:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		}
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}
