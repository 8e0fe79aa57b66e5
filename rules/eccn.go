package rules

import "strings"

// ECCN is an Export Control Classification Number from the Commerce Control
// List (15 CFR Part 774, Supp. No. 1), optionally with a paragraph: "3A090",
// "3A090.a", "5A992.z", "3A001.b.1.a", or the basket designation "EAR99".
//
// ECCN is a small comparable value without pointers, usable as a map key.
// The zero ECCN means "not classified" (IsValid reports false, String is "").
type ECCN struct {
	code [5]byte  // "3A090" or "EAR99"
	para [11]byte // "a", "z", "b.1.a"; zero-padded; empty for no paragraph
}

// ParseECCN parses an ECCN such as "3A090.a", "4A090", "5A992.z" or "EAR99".
//
// It is strict about shape and lenient about case only:
//   - the five-character number is a category digit, a product-group letter
//     A to E, and three digits ("3A090"); the letter may be lower case and is
//     canonicalised to upper case ("3a090" gives 3A090);
//   - a paragraph follows a dot and is a dot-separated path of single
//     letters and numbers 1 to 99 ("a", "z", "b.1.a"); letters are
//     canonicalised to lower case ("3A090.A" gives 3A090.a);
//   - a paragraph written without its dot ("3a090a") is rejected, because it
//     cannot be told apart from a typing error;
//   - no spaces, no other punctuation, and "EAR99" takes no paragraph.
//
// It checks the syntax of the number, not whether the number exists on the
// Commerce Control List; ClassifyItem rejects advanced-computing paragraphs
// that do not exist (for example 3A090.d or 3A002.z).
func ParseECCN(s string) (ECCN, error) {
	if len(s) < 5 {
		return ECCN{}, &CodeError{"ECCN", s, "want a category digit, a group letter A-E and three digits, e.g. 3A090 or 3A090.a, or EAR99"}
	}
	var e ECCN
	head, rest := s[:5], s[5:]
	if strings.EqualFold(head, "EAR99") {
		if rest != "" {
			return ECCN{}, &CodeError{"ECCN", s, "EAR99 takes no paragraph"}
		}
		copy(e.code[:], "EAR99")
		return e, nil
	}
	c0, c1 := head[0], upper(head[1])
	if c0 < '0' || c0 > '9' {
		return ECCN{}, &CodeError{"ECCN", s, "first character must be a category digit 0-9"}
	}
	if c1 < 'A' || c1 > 'E' {
		return ECCN{}, &CodeError{"ECCN", s, "second character must be a product group letter A-E"}
	}
	for i := 2; i < 5; i++ {
		if head[i] < '0' || head[i] > '9' {
			return ECCN{}, &CodeError{"ECCN", s, "characters 3-5 must be digits"}
		}
	}
	e.code = [5]byte{c0, c1, head[2], head[3], head[4]}
	if rest == "" {
		return e, nil
	}
	if rest[0] != '.' {
		return ECCN{}, &CodeError{"ECCN", s, "a paragraph must follow a dot, e.g. " + string(e.code[:]) + ".a"}
	}
	p := asciiLower(rest[1:])
	if len(p) > len(e.para) {
		return ECCN{}, &CodeError{"ECCN", s, "paragraph too long"}
	}
	for _, part := range strings.Split(p, ".") {
		if !validParagraphPart(part) {
			return ECCN{}, &CodeError{"ECCN", s, "paragraph parts must be single letters or numbers 1-99, separated by dots"}
		}
	}
	copy(e.para[:], p)
	return e, nil
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func validParagraphPart(p string) bool {
	switch len(p) {
	case 1:
		return p[0] >= 'a' && p[0] <= 'z' || p[0] >= '1' && p[0] <= '9'
	case 2:
		return p[0] >= '1' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'
	}
	return false
}

// MustParseECCN is like ParseECCN but panics on error. It is meant for
// constants and tests.
func MustParseECCN(s string) ECCN {
	e, err := ParseECCN(s)
	if err != nil {
		panic(err)
	}
	return e
}

// IsValid reports whether e is a classification (not the zero value).
func (e ECCN) IsValid() bool { return e.code[0] != 0 }

// IsEAR99 reports whether e is the EAR99 basket designation.
func (e ECCN) IsEAR99() bool { return string(e.code[:]) == "EAR99" }

// String returns the canonical form, such as "3A090.a" or "EAR99", or "" for
// the zero ECCN.
func (e ECCN) String() string {
	if !e.IsValid() {
		return ""
	}
	if p := e.Paragraph(); p != "" {
		return string(e.code[:]) + "." + p
	}
	return string(e.code[:])
}

// Base returns the ECCN without its paragraph: 3A090 for 3A090.a.
func (e ECCN) Base() ECCN { return ECCN{code: e.code} }

// Paragraph returns the paragraph path, such as "a", "z" or "b.1.a", or "".
func (e ECCN) Paragraph() string {
	n := 0
	for n < len(e.para) && e.para[n] != 0 {
		n++
	}
	return string(e.para[:n])
}

// WithParagraph returns e's base number with paragraph p ("z", "a").
func (e ECCN) WithParagraph(p string) (ECCN, error) {
	if !e.IsValid() {
		return ECCN{}, &CodeError{"ECCN", p, "no base ECCN"}
	}
	return ParseECCN(string(e.code[:]) + "." + p)
}

// IsZ reports whether e is a ".z" paragraph: an item of another ECCN that meets
// the 3A090 or 4A090 parameters (for example 5A992.z).
func (e ECCN) IsZ() bool { return e.Paragraph() == "z" }

// MarshalText implements encoding.TextMarshaler. The zero ECCN encodes as "".
func (e ECCN) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseECCN's rules;
// empty text gives the zero ECCN.
func (e *ECCN) UnmarshalText(b []byte) error { return unmarshalText(e, b, ParseECCN) }
