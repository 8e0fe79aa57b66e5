// Package namekey turns names into lookup keys, in one place for the whole
// module, and versions the keys that are stored.
//
// Place is the key under which the destination tables store a place name:
// the names generator (rules/internal/gen/names) and rules.ResolveDestination
// both use it, so a table built at generation time and a lookup made at run
// time agree byte for byte.
//
// A key that outlives the program that made it (a reviewer's suppression is
// keyed by the party's name key) must say which version of the key function
// made it: Scheme holds every version of one key, Key carries its version,
// and Scheme.Rekey brings a key stored under an older version up to date,
// so a change to a normaliser re-keys stored data instead of voiding it.
// The party-name key is such a scheme (screening/partykey).
//
// The place key is built by a chain of small steps, each exported so a test can run
// it alone:
//
//	WidthFold   NFKC: full-width Latin and digits to ASCII, ligatures apart
//	CaseFold    Unicode case folding ("TÜRKİYE" -> "türki̇ye", "ß" -> "ss"),
//	            Cherokee to upper case as CaseFolding.txt specifies
//	StripMarks  NFD, drop diacritics (Latin, Greek and Cyrillic accents,
//	            Arabic harakat, Hebrew points), NFC. Vowel signs and viramas
//	            of Indic and South-East Asian scripts and the kana voicing
//	            marks are letters in all but name and stay.
//	Tokens      keep runs of letters, digits and marks; drop all
//	            spaces, punctuation and symbols
//	Trim        drop a leading or trailing English article "the" and a
//	            leading "region" (the OFAC address convention "Region: Crimea")
//
// The key is the remaining tokens concatenated without separators, so
// "Côte d'Ivoire", "COTE D IVOIRE" and "Cote dIvoire" all give "cotedivoire".
// Pure ASCII input takes a fast path that gives the same result without the
// Unicode tables and without allocating.
package namekey

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// WidthFold maps compatibility forms to their canonical equivalents (NFKC):
// "ＣＨＩＮＡ" becomes "CHINA".
func WidthFold(s string) string { return norm.NFKC.String(s) }

// CaseFold applies Unicode full case folding.
func CaseFold(s string) string {
	out, _, err := transform.String(transform.Chain(cases.Fold(), cherokeeUpper), s)
	if err != nil {
		return s
	}
	return out
}

// cherokeeUpper maps Cherokee small letters to capitals. Unicode folds
// Cherokee to the capitals, but x/text's cases.Fold swaps the two cases, which
// would make the key of a key differ from the key.
var cherokeeUpper = runes.Map(func(r rune) rune {
	switch {
	case 0xAB70 <= r && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	case 0x13F8 <= r && r <= 0x13FD:
		return r - 8
	}
	return r
})

// StripMarks removes non-spacing combining marks: "Türkiye" becomes "Turkiye".
func StripMarks(s string) string {
	out, _, err := transform.String(stripChain(), s)
	if err != nil {
		return s
	}
	return out
}

func stripChain() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(diacritics)), norm.NFC)
}

// diacritics are the non-spacing marks StripMarks removes: the combining
// diacritical blocks, Cyrillic combining marks, Hebrew points and Arabic
// harakat (each intersected with Mn when the table is built).
var diacritics = marksIn(
	[2]rune{0x0300, 0x036F}, // Combining Diacritical Marks
	[2]rune{0x0483, 0x0489}, // Cyrillic combining marks
	[2]rune{0x0591, 0x05C7}, // Hebrew cantillation and points
	[2]rune{0x0610, 0x061A}, // Arabic signs
	[2]rune{0x064B, 0x065F}, // Arabic harakat
	[2]rune{0x0670, 0x0670}, // Arabic superscript alef
	[2]rune{0x06D6, 0x06ED}, // Arabic Quranic marks
	[2]rune{0x1AB0, 0x1AFF}, // Combining Diacritical Marks Extended
	[2]rune{0x1DC0, 0x1DFF}, // Combining Diacritical Marks Supplement
	[2]rune{0x20D0, 0x20FF}, // Combining Diacritical Marks for Symbols
	[2]rune{0xFE20, 0xFE2F}, // Combining Half Marks
)

func marksIn(blocks ...[2]rune) *unicode.RangeTable {
	t := &unicode.RangeTable{}
	for _, b := range blocks {
		for r := b[0]; r <= b[1]; r++ {
			if unicode.Is(unicode.Mn, r) {
				t.R16 = append(t.R16, unicode.Range16{Lo: uint16(r), Hi: uint16(r), Stride: 1})
			}
		}
	}
	return t
}

// fold is the whole Unicode part of the chain. Transformers keep state, so
// each goroutine takes its own from the pool.
var foldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFKC, cases.Fold(), cherokeeUpper, norm.NFD, runes.Remove(runes.In(diacritics)), norm.NFC)
}}

// Fold runs WidthFold, CaseFold and StripMarks in one pass.
func Fold(s string) string {
	if IsASCII(s) {
		return asciiLower(s)
	}
	t := foldPool.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	foldPool.Put(t)
	if err != nil {
		return s
	}
	return out
}

// Place returns the lookup key of the place name s.
func Place(s string) string { return string(AppendPlace(nil, s)) }

// AppendPlace appends the lookup key of place name s to dst and returns the extended slice.
// For ASCII input it does not allocate beyond growing dst.
func AppendPlace(dst []byte, s string) []byte {
	if !IsASCII(s) {
		s = Fold(s)
	}
	// Find the first and last token, and how many there are, so that the
	// articles can be dropped without building a token list.
	first, last := span{-1, -1}, span{-1, -1}
	second, beforeLast := span{-1, -1}, span{-1, -1}
	n := 0
	for i := 0; i < len(s); {
		st, en := nextToken(s, i)
		if st < 0 {
			break
		}
		tok := span{st, en}
		switch n {
		case 0:
			first = tok
		case 1:
			second = tok
		}
		beforeLast, last = last, tok
		n++
		i = en
	}
	if n == 0 {
		return dst
	}
	from, to := first, last
	if n > 1 && (isWord(s[first.a:first.b], "the") || isWord(s[first.a:first.b], "region")) {
		from = second
		n--
	}
	if n > 1 && isWord(s[last.a:last.b], "the") {
		to = beforeLast
	}
	for i := from.a; i < to.b; {
		st, en := nextToken(s, i)
		if st < 0 || st >= to.b {
			break
		}
		dst = appendToken(dst, s[st:en])
		i = en
	}
	return dst
}

type span struct{ a, b int }

// nextToken returns the byte range of the next token at or after i, or -1.
func nextToken(s string, i int) (int, int) {
	start := -1
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if inToken(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

func inToken(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// appendToken appends tok, lower-casing ASCII letters (non-ASCII text has
// already been case folded).
func appendToken(dst []byte, tok string) []byte {
	for i := 0; i < len(tok); i++ {
		b := tok[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		dst = append(dst, b)
	}
	return dst
}

// isWord reports whether tok is the lower-case ASCII word w in any case.
func isWord(tok, w string) bool {
	if len(tok) != len(w) {
		return false
	}
	for i := 0; i < len(tok); i++ {
		b := tok[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if b != w[i] {
			return false
		}
	}
	return true
}

// IsASCII reports whether s is all ASCII: the fast path of every
// normaliser in the module.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
