package match

import "strings"

// nameTokens is a name split into the tokens that are matched, with the
// legal form and numbers taken out.
type nameTokens struct {
	words []string   // distinctive and generic words, stop words removed
	nums  []string   // tokens containing a digit; they must agree exactly
	legal LegalClass // class of the legal form, if any
	// legalOnly is set when the name had nothing but legal forms, stop words
	// and numbers.
	legalOnly bool
	// codes is set when the name's words are its codes (tokens with digits):
	// it had no other word.
	codes bool
	// recordNum is the name's number that may be a record's rather than
	// the name's, or "": a token of recordCodeDigits digits or more
	// (recordCodeWord) as the first or last word of a name with words, as
	// a customer file keeps a record's number in the name field (SINNO
	// TRADING 10023, ZHANG WEI 10023). numberAdjustments reads the numbers
	// with it and, when they do not agree so, without it.
	recordNum string
}

// recordCodeDigits is the least number of digits of a record's number
// (recordCodeWord): an ordinal, a unit's or a model's number is
// shorter (7TH, 39, T72).
const recordCodeDigits = 4

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
	return analyzeName(norm, fields, out, scratch, false)
}

// analyzeName is analyze; for a query (parent set) it leaves out a parent
// named in the genitive after the name (parentGenitiveCut), which a listed
// name keeps and is indexed without besides (parentCutName). Both read a
// leading дочернее before a written-out form as part of the form
// (subsidiaryForm).
func analyzeName(norm string, fields []string, out *nameTokens, scratch []byte, parent bool) []string {
	fields = splitFields(fields[:0], norm)
	fields = canonLegal(fields, scratch)
	if parent {
		fields = parentGenitiveCut(fields, scratch) // parentgen.go
	}
	fields = subsidiaryForm(fields, scratch)
	if len(fields) > 2 && fields[0] == "the" {
		// the article before a legal form said first (THE JOINT STOCK
		// COMPANY SALUTE, THE OOO ORLAN), which would hide the form; a
		// stop word, left out of the words below in any case
		fields = fields[1:]
	}
	out.words, out.nums, out.legal, out.legalOnly = out.words[:0], out.nums[:0], LegalNone, false
	out.codes, out.recordNum = false, ""
	toks, class, legalOnly := stripLegalOnly(fields, scratch)
	if legalOnly {
		out.legalOnly = true
		return fields
	}
	out.legal = class
	for k, t := range toks {
		switch {
		case ezafeLink(toks, k): // ezafe.go
		case hasDigit(t):
			if w, n, ok := splitDigits(t); ok {
				// a word and its number written together ("damour850",
				// "308arz"): the word and the number
				out.nums = append(out.nums, n)
				if !isStopWord(w) {
					out.words = appendNameElements(out.words, w)
				}
				continue
			}
			n := trimOrdinal(t)
			if (k == 0 || k == len(toks)-1) && recordCodeWord(n) {
				out.recordNum = n
			}
			out.nums = append(out.nums, n)
		case isStopWord(t):
		default:
			out.words = appendNameElements(out.words, t)
		}
	}
	assimilatedArticles(out.words)
	if len(out.words) == 0 && len(out.nums) == 0 {
		out.legalOnly = true
	}
	if len(out.words) == 0 {
		out.recordNum = ""
		// a name made of codes ("N488RC", "Office 39" aside): the codes
		// are its words, matched exactly
		out.words, out.nums = append(out.words, out.nums...), out.nums[:0]
		out.codes = len(out.words) > 0
	}
	return fields
}

// splitDigits splits a token made of a run of letters and a run of
// digits, in either order, into the two, when the letters are a word (three
// letters or more) and the digits a number (two or more): "damour850",
// "308arz", "dna1953". A code with letters on both sides ("n488rc"), an
// ordinal ("140th") or a letter and a number ("t72") stays whole.
func splitDigits(t string) (word, num string, ok bool) {
	i := 0
	for i < len(t) && t[i] >= 'a' && t[i] <= 'z' {
		i++
	}
	if i == 0 {
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		rest := t[i:]
		// three letters or more: an ordinal's ending ("140th") is two
		if i < 2 || len(rest) < 3 || !allLetters(rest) {
			return "", "", false
		}
		return rest, t[:i], true
	}
	rest := t[i:]
	if i < 3 || len(rest) < 2 || !isDigits(rest) {
		return "", "", false
	}
	return t[:i], rest, true
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// trimOrdinal removes an English ordinal ending from a number ("140th",
// "61st" -> "140", "61"), so that "140th Repair Plant" and "140 Repair
// Plant" have the same number.
func trimOrdinal(t string) string {
	if n := len(t); n >= 3 && t[n-3] >= '0' && t[n-3] <= '9' {
		switch t[n-2:] {
		case "st", "nd", "rd", "th":
			return t[:n-2]
		}
	}
	return t
}

// appendNameElements appends word w, split into the elements of an Arabic
// compound name when it is one written as a single word: "abd" and the
// article joined to what follows ("abdelmajid", "abdulsalam",
// "abdurrahman" -> "abd al majid", "abd al salam", "abd al rahman"), and
// "-uddin" / "-eddine" endings ("najmuddin" -> "najm al din"). Both the
// listed names and the query go through it, so the joined and the split
// spellings meet.
func appendNameElements(dst []string, w string) []string {
	if len(w) >= 6 && w[:4] == "abdo" && (w[4] == 'u' || w[4] == 'e') {
		// the linking u written ou in French and oe in Dutch spellings
		// (Abdoul Karim, Abdourrahmane, Abdoel): read as u when the word
		// then splits; a word that does not (abdoush) stays as written
		if out := appendNameElements(dst, "abdu"+w[5:]); len(out) > len(dst)+1 {
			return out
		}
	}
	if len(w) >= 5 && w[:3] == "abd" {
		if abdLinks[w] {
			return append(dst, "abd", "al") // abdul, abdel, abdur ... standing alone
		}
		switch r := w[4:]; w[3] {
		case 'a', 'e', 'o', 'u', 'i':
			// the article after a linking vowel, or the letter it was
			// assimilated to (abdur-rahman): abd + al + the rest
			if strings.HasPrefix(r, "lah") || strings.HasPrefix(r, "llah") || strings.HasPrefix(r, "lay") {
				// abd + allah, the name of God, is one name
				// (abdullah, and abdullahi, abdillahi in its
				// genitive, abdoulaye, abdulaye in West Africa):
				// not the article and another name
				break
			}
			if len(r) >= 4 && (r[0] == 'l' || r[0] == r[1]) {
				return append(dst, "abd", "al", r[1:])
			}
			// the article left out after the linking vowel, the usual
			// Somali and Central Asian spelling (abdirahman, abduwahab),
			// or its assimilated letter written once (abdurahman)
			if len(r) >= 5 && !isVowelByte(r[0]) && (w[3] == 'u' || w[3] == 'i' || sunLetters[r[0]]) {
				return append(dst, "abd", "al", r)
			}
		case 't', 'r', 'z', 's', 'n':
			// no linking vowel before the letter the article is
			// assimilated to (personforms.go)
			if abdSunJoined(w) {
				return append(dst, "abd", "al", w[3:])
			}
		}
	}
	if len(w) >= 4 && len(w) <= 5 && w[:2] == "ab" && kunyaLinks[w] {
		return append(dst, "abu", "al") // abul-khair: abu al-khayr
	}
	if !dinTail(w) {
		return append(dst, w)
	}
	for _, suf := range dinSuffixes {
		// the last byte first: a byte costs less than a string compare
		if len(w) >= len(suf)+3 && w[len(w)-1] == suf[len(suf)-1] && w[len(w)-len(suf):] == suf {
			return append(dst, w[:len(w)-len(suf)], "al", "din")
		}
	}
	if head := dinLinkedHead(w); head != "" {
		return append(dst, head, "al", "din") // dincompounds.go
	}
	return append(dst, w)
}

// dinTail reports whether w, of seven letters or more, ends as the
// spellings of al-din joined to a name (dinSuffixes, dinLinkedSuffixes)
// all do: in n or e, with a d three or four letters from the end. A word
// that does not is compared with none of them.
func dinTail(w string) bool {
	n := len(w)
	return n >= 7 && (w[n-1] == 'n' || w[n-1] == 'e') && (w[n-3] == 'd' || w[n-4] == 'd')
}

// assimilatedArticles writes "al" for the Arabic article written as
// assimilated to the next word's first consonant, a word of its own (AR
// RAHMAN, ASH SHABAAB, AS SALAM), so that it meets the article as other
// romanisations write it (AL RAHMAN, AL-SHABAAB): the article's a and the
// letters the next word starts with. An and at are stop words, left out
// before.
func assimilatedArticles(words []string) {
	for i := 0; i+1 < len(words); i++ {
		w, next := words[i], words[i+1]
		if len(w) < 2 || len(w) > 3 || w[0] != 'a' || len(next) < 4 || !sunLetters[w[1]] || !strings.HasPrefix(next, w[1:]) {
			continue
		}
		words[i] = "al"
	}
}

// sunLetters are the first Latin letters of the Arabic consonants that
// the article assimilates (ar-rahman, as-salam, ad-din, an-nur).
var sunLetters = map[byte]bool{'t': true, 'd': true, 'r': true, 'z': true, 's': true, 'n': true}

func isVowelByte(c byte) bool { return letterClass[c]&vowelLetter != 0 }

// letterClass marks the vowels of a word (isVowelByte) and the letters of
// Korean vowel spellings (korVowelLetter): one load where a chain of
// comparisons was a branch each, taken by turns along a word.
var letterClass = [256]uint8{
	'a': vowelLetter | korVowel, 'e': vowelLetter | korVowel, 'i': vowelLetter | korVowel,
	'o': vowelLetter | korVowel, 'u': vowelLetter | korVowel, 'y': vowelLetter | korVowel,
	'w': korVowel,
}

const (
	vowelLetter = 1 << iota // a, e, i, o, u, y
	korVowel                // a, e, i, o, u, w, y
)

// abdLinks are "abd" and the article written as one word; abdyl in the
// Albanian alphabet, whose y is the vowel u of Turkish ü.
var abdLinks = map[string]bool{"abdul": true, "abdel": true, "abdal": true, "abdol": true, "abdur": true, "abdus": true, "abdun": true, "abdyl": true}

// kunyaLinks are the kunya "abu" and the article written as one word (Abul,
// Abu-l, the Persian Abol, the French Aboul), as rigour's person symbols
// give it: Abul-Khair is Abu al-Khayr.
var kunyaLinks = map[string]bool{"abul": true, "abol": true, "aboul": true}

// dinSuffixes are the spellings of "al-din" (of the faith) written joined
// to the word before it.
var dinSuffixes = []string{"uddin", "uddeen", "eddine", "eddin", "addin", "aldin", "aldeen", "uldin", "eldin", "iddin"}

// minGluedRest is the fewest letters of the listed word left when
// unglueLegal takes a legal-form word off a query word.
const minGluedRest = 5

// gluedLegal reports whether w is a word of the curated legal-form table
// that unglueLegal takes off a query word: a legal form by itself ("ltd",
// "llc", "sro") or a word of five letters or more ("company", "limited",
// "joint"), not a syllable of a Chinese form ("han", "xian"), which ends
// many names.
func gluedLegal(w string) bool {
	if w == gluedBulgarian[0] || w == gluedBulgarian[1] {
		return true
	}
	if !curatedShapes.has(w) || !inWords(w) || !curatedLegalWords[w] {
		return false
	}
	_, alone := curatedLegalForms[w]
	return alone || len(w) >= 5
}

// gluedBulgarian are the Bulgarian forms (shortLegalForms) that gluedLegal
// reports besides the curated table's words: written against the name as
// EOOD is ("EUROFOOTBALLOOD").
var gluedBulgarian = [2]string{"ood", "ead"}

// gluedStarts and gluedEnds hold the first and the last three bytes of the
// words of three bytes or more that gluedLegal reports: unglueLegal asks
// gluedLegal of no part of a word that no such word begins or ends.
// Filled by init, after legalWords (legalform.go) is.
var gluedStarts, gluedEnds triSet

func init() {
	add := func(w string) {
		if n := len(w); n >= 3 && gluedLegal(w) {
			gluedStarts.add(w[0], w[1], w[2])
			gluedEnds.add(w[n-3], w[n-2], w[n-1])
		}
	}
	// the words gluedLegal reports are among these
	for _, w := range gluedBulgarian {
		add(w)
	}
	for w := range curatedLegalWords {
		add(w)
	}
}

// unglueLegal replaces, in the query's words, a word that is no listed word
// but a listed word of minGluedRest letters or more with a word of the
// curated legal-form table (three letters or more) written against its end
// or start ("everfitcompany", "lasercutlimited", "llccenter"), by that
// listed word, and returns the class of the legal form it took off if the
// name had none.
func (ix *Index) unglueLegal(words []string, legal LegalClass) LegalClass {
	for i, w := range words {
		if len(w) < minGluedRest+3 {
			continue // a legal word of three letters and the rest
		}
		// a form at the end ends as w does, one at the start starts so;
		// and each part asked of gluedLegal begins or ends as a form does
		atEnd := gluedEnds.has(w[len(w)-3], w[len(w)-2], w[len(w)-1])
		atStart := gluedStarts.has(w[0], w[1], w[2])
		if !atEnd && !atStart {
			continue
		}
		for k := 3; k <= len(w)-3; k++ {
			a, b := w[:k], w[k:]
			var rest, form string
			switch {
			case atEnd && len(a) >= minGluedRest && gluedStarts.has(b[0], b[1], b[2]) && gluedLegal(b):
				rest, form = a, b
			case atStart && len(b) >= minGluedRest && gluedEnds.has(a[k-3], a[k-2], a[k-1]) && gluedLegal(a):
				rest, form = b, a
			default:
				continue
			}
			if _, ok := ix.tokenID(rest); !ok {
				continue
			}
			if _, ok := ix.tokenID(w); ok {
				break // a listed word as written
			}
			words[i] = rest
			if c, ok := legalForms[form]; ok && legal == LegalNone {
				legal = c
			}
			break
		}
	}
	return legal
}
