package match

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/lists"
)

// A party's name as a customer record or an order writes it often holds
// more than one name: the legal name and a trade name (ACME TRADING LLC
// D/B/A ZORVATEK, ZORVATEK T/A ACME), a name and an alias (... AKA ...,
// A.K.A.), a name and a former one (... F/K/A ..., FORMERLY ...). Each is
// a name the party goes by, to be screened alone: searched whole, the two
// names' words weigh against each other and a listed one scored 0.52–0.66.
// An address line copied into the name field joins another party the same
// way (ZORVATEK LTD C/O ACME FORWARDING, ... ATTN ...): the party it is in
// care of, or a person it is for, which the transaction reaches too.

// nameSeparators are the words and phrases, as NameParts reads them (its
// words are runs of letters, compared in any case: D/B/A is the words d,
// b and a), that join two names of one party.
var nameSeparators = [][]string{
	{"d", "b", "a"}, {"dba"}, {"t", "a"}, {"trading", "as"},
	{"a", "k", "a"}, {"aka"}, {"also", "known", "as"},
	{"f", "k", "a"}, {"fka"}, {"formerly", "known", "as"}, {"formerly"},
	{"n", "k", "a"}, {"nka"}, {"now", "known", "as"},
	{"c", "o"}, {"care", "of"}, {"attn"},
}

// NameParts returns the names that name joins by a separator of trade
// names, aliases or former names (d/b/a, dba, t/a, trading as, aka,
// a.k.a., also known as, f/k/a, fka, formerly (known as), n/k/a, now known
// as) or of a party in whose care or for whose attention it is (c/o, care
// of, attn), each as written, trimmed, in order; nil if it joins none. A
// separator counts only with a word before and after it, so a name that
// begins or ends with one of these words (AKA INTEGRAL SERVICES) is one
// name; a part left empty is dropped.
func NameParts(name string) []string {
	// the words of name, runs of letters (ASCII or not), as byte spans:
	// on the stack for a name of up to maxPartWords words, which most
	// names are (a name without a separator allocates nothing)
	var buf [maxPartWords]wordSpan
	words := buf[:0]
	for lo, hi := nextPartWord(name, 0); lo < len(name); lo, hi = nextPartWord(name, hi) {
		words = append(words, wordSpan{lo, hi})
	}
	if len(words) < 3 {
		return nil
	}
	var parts []string
	start := 0 // the byte where the current part begins
	for k := 1; k < len(words)-1; k++ {
		n := separatorAt(name, words, k)
		if n == 0 || k+n >= len(words) {
			continue
		}
		if p := strings.TrimSpace(strings.Trim(name[start:words[k].lo], " ,;:(")); p != "" {
			parts = append(parts, p)
		}
		start = words[k+n-1].hi
		k += n - 1
	}
	if parts == nil {
		return nil
	}
	if p := strings.TrimSpace(strings.Trim(name[start:], " ,;:.()")); p != "" {
		parts = append(parts, p)
	}
	if len(parts) < 2 {
		return nil
	}
	return parts
}

// maxPartWords is the most words of a name NameParts reads without
// allocating.
const maxPartWords = 32

// partLetter reports whether byte c is part of a word for NameParts: an
// ASCII letter or a byte of a character beyond ASCII.
func partLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }

// wordSpan is the bytes lo to hi of a word of a name.
type wordSpan struct{ lo, hi int }

// separatorAt returns how many words of a separator (nameSeparators)
// begin at word k of name, in any case, 0 if none; the longest separator
// wins.
func separatorAt(name string, words []wordSpan, k int) int {
	switch name[words[k].lo] | 0x20 { // the first letters of the separators
	case 'd', 't', 'a', 'f', 'n', 'c':
	default:
		return 0
	}
	best := 0
	for _, sep := range nameSeparators {
		if len(sep) <= best || k+len(sep) > len(words) {
			continue
		}
		ok := true
		for j, w := range sep {
			if s := words[k+j]; !strings.EqualFold(name[s.lo:s.hi], w) {
				ok = false
				break
			}
		}
		if ok {
			best = len(sep)
		}
	}
	return best
}

// NameHead returns the part of name up to a legal form of one word (LTD,
// LLC, GMBH, S.A.) when what follows it is an address or a way to reach
// the party, as a customer record copies into the name field (SINNO
// ELECTRONICS CO LTD, 12 NANSHAN ROAD, SHENZHEN; ... LTD TEL 86-755-...):
// a number, or a word of an address (ROAD, STREET, FLOOR, BUILDING, ROOM,
// DISTRICT, P.O. BOX) or of a telephone or mail (TEL, FAX, EMAIL).
// Searched whole, such a name's own words weighed against the address's
// (0.382 for the first against Sinno Electronics Co., Ltd.); its head is
// the party's name. A name without a form is cut before a telephone or a
// mail address only (contactHead). ok is false when name has no such tail.
func NameHead(name string) (head string, ok bool) {
	if strings.IndexAny(name, "0123456789,") < 0 && !hasAddressWord(name) {
		return "", false // most names: nothing to read
	}
	var low [16]byte
	first := true // w is the name's first word
	for i, j := nextPartWord(name, 0); i < len(name); i, j = nextPartWord(name, j) {
		if w, ok := lowerWord(&low, name[i:j]); ok && !first && oneWordFormBytes(w) {
			// the form's last word: CO then LTD, CO., LTD.
			end := formRunEnd(name, j)
			if addressTail(name[end:]) {
				if h := strings.TrimSpace(strings.TrimRight(name[:end], " ,;:(")); h != "" {
					return h, true
				}
			}
			j = end
		}
		first = false
	}
	return contactHead(name)
}

// contactWords are the words that introduce a telephone number or a mail
// address written after a name (TEL: +86 755 ..., FAX 21-..., EMAIL:
// info@...).
var contactWords = map[string]bool{
	"tel": true, "telephone": true, "phone": true, "ph": true, "fax": true, "mob": true,
	"mobile": true, "email": true,
}

// contactHead returns the part of name before a word of contactWords that
// a number, a plus, a colon or an at sign follows (SINNO ELECTRONICS TEL
// +86 755 ...), with a word before it; TEL AVIV, a word after TEL, is a
// name.
func contactHead(name string) (string, bool) {
	var low [16]byte
	first := true
	for i, j := nextPartWord(name, 0); i < len(name); i, j = nextPartWord(name, j) {
		if w, ok := lowerWord(&low, name[i:j]); ok && !first && contactWords[string(w)] {
			k := j
			for k < len(name) && (name[k] == ' ' || name[k] == '.' || name[k] == '-') {
				k++
			}
			if k < len(name) && (name[k] >= '0' && name[k] <= '9' || name[k] == '+' || name[k] == ':' || name[k] == '(' || name[k] == '@') {
				if h := strings.TrimSpace(strings.TrimRight(name[:i], " ,;:(-")); h != "" {
					return h, true
				}
			}
		}
		first = false
	}
	return "", false
}

// nextPartWord returns the bounds of the next word of s (a run of bytes
// partLetter accepts) from byte i on; lo is len(s) if there is none.
func nextPartWord(s string, i int) (lo, hi int) {
	for i < len(s) && !partLetter(s[i]) {
		i++
	}
	hi = i
	for hi < len(s) && partLetter(s[hi]) {
		hi++
	}
	return i, hi
}

// lowerWord returns the word w written in lower case into buf (its ASCII
// letters; other bytes come out changed, and match no ASCII word), and
// false if w does not fit.
func lowerWord(buf *[16]byte, w string) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for k := 0; k < len(w); k++ {
		buf[k] = w[k] | 0x20
	}
	return buf[:len(w)], true
}

// formRunEnd returns the byte after the last of the legal-form words that
// follow byte j of name one after another, or j: the end of a form of
// several words (CO., LTD.; LIMITED LIABILITY COMPANY) whose first word
// ends at j. A full stop after the last is the form's.
func formRunEnd(name string, j int) int {
	var low [16]byte
	end := j
	for {
		i := end
		for i < len(name) && (name[i] == ' ' || name[i] == ',' || name[i] == '.') {
			i++
		}
		if i == len(name) || !partLetter(name[i]) {
			break
		}
		_, k := nextPartWord(name, i)
		w, ok := lowerWord(&low, name[i:k])
		if !ok || len(w) < 2 || !isLegalWord(string(w)) {
			break // a letter alone is an initial (P.O. BOX)
		}
		end = k
	}
	if end < len(name) && name[end] == '.' {
		end++
	}
	return end
}

// addressTail reports whether the text t after a name's legal form holds a
// number or a word of an address or of a way to reach the party
// (addressWords).
func addressTail(t string) bool {
	return strings.IndexAny(t, "0123456789") >= 0 || hasAddressWord(t)
}

// addressWords are words of an address or of a telephone number or a mail
// address, as written after a party's name in a customer record.
var addressWords = map[string]bool{
	"road": true, "rd": true, "street": true, "str": true, "avenue": true, "ave": true,
	"boulevard": true, "blvd": true, "lane": true, "floor": true, "flr": true, "building": true,
	"bldg": true, "room": true, "rm": true, "suite": true, "district": true, "box": true,
	"tel": true, "telephone": true, "phone": true, "fax": true, "email": true, "mail": true,
}

// hasAddressWord reports whether the text t holds a word of addressWords
// (any case).
func hasAddressWord(t string) bool {
	var low [16]byte
	for i, j := nextPartWord(t, 0); i < len(t); i, j = nextPartWord(t, j) {
		if w, ok := lowerWord(&low, t[i:j]); ok && addressWords[string(w)] {
			return true
		}
	}
	return false
}

// CompanySide returns the side of name that ends with a legal form when
// name joins it to a person's name with a dash or a slash between spaces:
// a customer record's contact person beside the company (JOHN SMITH -
// SINNO ELECTRONICS CO LTD; SINNO ELECTRONICS CO LTD / JOHN SMITH).
// Searched whole, the person's words weighed against the company's (0.743
// for the first against Sinno Electronics Co., Ltd.). The other side is a
// person's name as far as its words tell (personLike: two to four words,
// none a legal form's, a generic word, a descriptor or a country's), and
// the company's side names more than a place: EUROBET - ROMANIA EOOD is
// Eurobet's Romanian company, not any company of Romania.
func CompanySide(name string) (string, bool) {
	for _, sep := range [...]string{" - ", " – ", " / "} {
		i := strings.Index(name, sep)
		if i <= 0 || strings.Contains(name[i+len(sep):], sep) {
			continue
		}
		a := strings.TrimSpace(name[:i])
		b := strings.TrimSpace(name[i+len(sep):])
		switch {
		case companyWithForm(a) && personLike(b):
			return a, true
		case companyWithForm(b) && personLike(a):
			return b, true
		}
	}
	return "", false
}

// companyWithForm reports whether the raw name s ends with a legal form
// whose last word is a one-word form (LTD, LLC, GMBH; CO., LTD.) and has a
// word before the form that is no legal form's word and names no country.
func companyWithForm(s string) bool {
	var low [16]byte
	last := false
	for i, j := nextPartWord(s, 0); i < len(s); i, j = nextPartWord(s, j) {
		w, ok := lowerWord(&low, s[i:j])
		last = ok && oneWordFormBytes(w)
	}
	if !last {
		return false // most names with a dash: countryWord, which allocates for a word of no country, not asked
	}
	for i, j := nextPartWord(s, 0); i < len(s); i, j = nextPartWord(s, j) {
		if w, ok := lowerWord(&low, s[i:j]); ok && !isLegalWord(string(w)) && !countryWord(string(w)) {
			return true
		}
	}
	return false
}

// personLike reports whether the raw text s may be a person's name: two to
// four words of letters, none a legal form's word, a generic word, a
// descriptor or a country's name or adjective.
func personLike(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return false
	}
	var low [16]byte
	n := 0
	for i, j := nextPartWord(s, 0); i < len(s); i, j = nextPartWord(s, j) {
		n++
		w, ok := lowerWord(&low, s[i:j])
		if !ok || n > 4 {
			return false
		}
		if ws := string(w); isLegalWord(ws) || isGenericWord(ws) || isOrgDescriptor(variantGroupOf(ws)) || countryWord(ws) {
			return false
		}
	}
	return n >= 2
}

// PersonWithoutNickname returns a person's name without the nickname or
// the other given name a customer record writes in parentheses inside it or
// after it (Aleksey (Lesha) Tsydenov, ZHANG Wei (David)): one or two words of
// Latin letters, the name left two words or more. Searched whole, the
// nickname weighs as a given name the listed person lacks (0.676 for the
// first against TSYDENOV, Aleksey Sambuyevich). The lists write a name's
// original script or what a name is in parentheses (Jin Tiesan (金铁三),
// EL PARA (COMBAT NAME)) and index it so: the whole name is searched too,
// and this one beside it. person says the party is a person; with no type
// given, the name left must be a person's as far as its words tell
// (personLike) and the words in parentheses no country's.
func PersonWithoutNickname(name string, person bool) (string, bool) {
	i := strings.IndexByte(name, '(')
	if i <= 0 || strings.Count(name, "(") != 1 || strings.Count(name, ")") != 1 {
		return "", false
	}
	j := strings.IndexByte(name, ')')
	if j < i {
		return "", false
	}
	inner := strings.Fields(name[i+1 : j])
	if len(inner) == 0 || len(inner) > 2 {
		return "", false
	}
	for _, w := range inner {
		for k := 0; k < len(w); k++ {
			if !asciiLetter(w[k]) && w[k] != '\'' && w[k] != '-' && w[k] != '.' {
				return "", false
			}
		}
		if countryWord(strings.ToLower(strings.Trim(w, ".-'"))) {
			return "", false // a place, not a name (cutPlaceTail)
		}
	}
	rest := strings.Join(strings.Fields(name[:i]+" "+name[j+1:]), " ")
	n := 0
	for _, w := range strings.Fields(Normalize(rest)) {
		if hasNameWord(w) {
			n++
		}
	}
	if n < 2 || !person && !personLike(rest) {
		return "", false
	}
	return rest, true
}

// NameVariants returns the names besides name itself that a screening
// searches for a party of type typ, each hit kept where the whole name's
// is weaker: the names it holds (NameParts), its head before an address
// or a telephone (NameHead), the company beside a contact person
// (CompanySide), for a person or a party of no type the name without a
// nickname in parentheses (PersonWithoutNickname), and the name in each of
// its scripts (ScriptParts). A hit through one is potential: the whole
// name is no listed name.
func NameVariants(name string, typ lists.EntryType) []string {
	parts := NameParts(name)
	if head, ok := NameHead(name); ok {
		parts = append(parts, head)
	}
	if side, ok := CompanySide(name); ok {
		parts = append(parts, side)
	}
	if typ == lists.TypeIndividual || typ == lists.TypeUnknown {
		if n, ok := PersonWithoutNickname(name, typ == lists.TypeIndividual); ok {
			parts = append(parts, n)
		}
	}
	if sp, ok := ScriptParts(name); ok {
		parts = append(parts, sp...)
	}
	return parts
}

// ScriptParts returns the parts of a name written in two scripts or more,
// one a script, as a customer record holds a party's name in its own
// script and in Latin letters (HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO
// LTD 杭州海康威视数字技术股份有限公司; SINNO ELECTRONICS CO LTD (深圳市思诺电子有限公司);
// Иван Петров IVAN PETROV). Searched whole, the words of each script weigh
// against the listed name of the other (0.502 for the first against the
// listed Latin name). A part is a run of letters of one script with the
// digits, spaces and punctuation inside it, of two letters or more;
// brackets around a part are left out. ok is false for a name of one
// script.
func ScriptParts(name string) (parts []string, ok bool) {
	if namekey.IsASCII(name) || scriptRuns(name, nil) < 2 {
		return nil, false // most names: nothing to split, nothing allocated
	}
	scriptRuns(name, func(p string) { parts = append(parts, p) })
	return parts, true
}

// scriptRuns counts the parts of name in one script each (ScriptParts),
// giving each to add if add is not nil.
func scriptRuns(name string, add func(string)) int {
	n := 0
	cur, start, letters := scriptNone, 0, 0
	flush := func(end int) {
		if letters >= 2 {
			if p := strings.Trim(name[start:end], " ,;:/-()[]（）【】「」"); p != "" {
				n++
				if add != nil {
					add(p)
				}
			}
		}
	}
	for i, r := range name {
		s := scriptOf(r)
		if s == scriptNone {
			continue
		}
		if s != cur {
			if cur != scriptNone {
				flush(i)
			}
			cur, start, letters = s, i, 0
			// what stood between the runs (a space, a bracket) belongs
			// to neither
		}
		letters++
	}
	if cur != scriptNone {
		flush(len(name))
	}
	return n
}

// The scripts ScriptParts tells apart.
const (
	scriptNone = iota // not a letter: a digit, a space, punctuation
	scriptLatin
	scriptCyrillic
	scriptHan // Han, and the kana and Hangul written beside it
	scriptArabic
	scriptOther
)

// scriptOf returns the script of the letter r (scriptNone for others).
func scriptOf(r rune) int {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return scriptLatin
		}
		return scriptNone
	case !unicode.IsLetter(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return scriptHan
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	}
	return scriptOther
}

// MergeMatches adds to ms the matches of more, one per entry as a search
// returns them: for an entry found by both, the match of the higher score.
// The result is ordered best first (ties in the order found). ms is
// modified. A screening merges so the matches of a name and of its
// variants (NameVariants).
func MergeMatches(ms, more []Match) []Match {
next:
	for _, m := range more {
		for i := range ms {
			if ms[i].Entry == m.Entry {
				if m.Score > ms[i].Score {
					ms[i] = m
				}
				continue next
			}
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b Match) int { return cmp.Compare(b.Score, a.Score) })
	return ms
}
