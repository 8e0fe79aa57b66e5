package match

// nameTokens is a name split into the tokens that are matched, with the
// legal form and numbers taken out.
type nameTokens struct {
	words []string   // distinctive and generic words, stop words removed
	nums  []string   // tokens containing a digit; they must agree exactly
	legal LegalClass // class of the legal form, if any
	// legalOnly is set when the name had nothing but legal forms, stop words
	// and numbers.
	legalOnly bool
}

// splitFields splits a normalised string on single spaces into dst.
func splitFields(dst []string, s string) []string {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if i > start {
				dst = append(dst, s[start:i])
			}
			start = i + 1
		}
	}
	return dst
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// analyze splits a normalised name into tokens, removes its legal form and
// stop words and separates numbers. fields and scratch are reusable buffers.
func analyze(norm string, fields []string, out *nameTokens, scratch []byte) []string {
	fields = splitFields(fields[:0], norm)
	fields = canonLegal(fields, scratch)
	out.words, out.nums, out.legal, out.legalOnly = out.words[:0], out.nums[:0], LegalNone, false
	if isLegalOnly(fields, scratch) {
		out.legalOnly = true
		return fields
	}
	toks, class := stripLegal(fields, scratch)
	out.legal = class
	for _, t := range toks {
		switch {
		case hasDigit(t):
			out.nums = append(out.nums, t)
		case stopWords[t]:
		default:
			out.words = append(out.words, t)
		}
	}
	if len(out.words) == 0 && len(out.nums) == 0 {
		out.legalOnly = true
	}
	if len(out.words) == 0 {
		// a name made of codes ("N488RC", "Office 39" aside): the codes
		// are its words, matched exactly
		out.words, out.nums = append(out.words, out.nums...), out.nums[:0]
	}
	return fields
}
