package match

import (
	"html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/exportguard/exportguard/namekey"
)

// A customer book that went through a spreadsheet or a system that read
// its UTF-8 as Windows-1252 (or Latin-1) and wrote it out again holds
// mojibake: SociÃ©tÃ© GÃ©nÃ©rale for Société Générale, Ð˜Ð²Ð°Ð½ for Иван.
// Each letter outside ASCII became two or three letters that normalise to
// other words (SOCIAETAE), and the name was missed. repairMojibake reads
// such a name back: its runes written as Windows-1252 (or Latin-1) bytes
// are UTF-8 again, with letters outside ASCII. A name that is its own
// text (MÜÑOZ: its bytes, DC D1, are no UTF-8) is left as it is.

// readText returns s with its text read back as written, and whether it
// changed: HTML's character references (SMITH &amp; SONS, O&#39;BRIEN,
// SOCI&Eacute;T&Eacute;), which a book exported from a web form keeps,
// and mojibake (repairMojibake).
func readText(s string) (string, bool) {
	changed := false
	if i := strings.IndexByte(s, '&'); i >= 0 && strings.IndexByte(s[i:], ';') > 0 {
		if u := html.UnescapeString(s); u != s {
			s, changed = u, true
		}
	}
	if r, ok := repairMojibake(s); ok {
		s, changed = r, true
	}
	return s, changed
}

// repairMojibake returns s read back from mojibake, when it is mojibake
// (see above); ok is false otherwise. Each rune is taken back to its byte:
// a rune of U+0000 to U+00FF is its own byte (Latin-1, and the C1
// controls a decoder gives for the five bytes Windows-1252 leaves
// undefined), another its Windows-1252 byte (€, ’, Ÿ ...).
func repairMojibake(s string) (string, bool) {
	if !mayBeMojibake(s) {
		return s, false
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x100 {
			b = append(b, byte(r))
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return s, false // no byte: the name's own letter
		}
		b = append(b, c)
	}
	if !utf8.Valid(b) || namekey.IsASCII(string(b)) {
		return s, false
	}
	return string(b), true
}

// mayBeMojibake reports whether s has what UTF-8 read as Windows-1252
// leaves: a letter of U+00C2 to U+00EF, which a lead byte of a two- or
// three-byte sequence reads as, followed by another rune outside ASCII,
// which its continuation byte reads as. Most names have none.
func mayBeMojibake(s string) bool {
	lead := false
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			lead = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if lead {
			return true
		}
		lead = r >= 0xC2 && r <= 0xEF
		i += n
	}
	return false
}
