package match

import (
	"strings"

	"github.com/exportguard/exportguard/rules"
)

// A listed organisation's name is at times two names written as one: the
// name and another it goes by, after a slash ("NEW PEOPLE'S ARMY /
// COMMUNIST PARTY OF THE PHILIPPINES"), or a parent given with its
// acronym and the unit after a dash ("ISLAMIC REVOLUTIONARY GUARD CORPS
// (IRGC)-QODS FORCE"). Each such name is said alone, and against the whole
// it is only a part: the query of one scored well below the name it is.
// Those parts are indexed as names of their own (nameSegments) when they
// can name (segmentName), and so is an organisation named before the
// faction it is listed as ("PALESTINE ISLAMIC JIHAD - SHAQAQI FACTION"),
// and a name whose status or legal form is written in parentheses after
// it, without them (statusPart).
// Other parts around a spaced dash are left out: the part after it is as
// often a place, a branch or a description as a name ("HOTEL CASA GRANDE
// - ULCINJ, MONTENEGRO", "... - GENERAL COMMAND", "... - EXCHANGE AND
// TRANSFERS"), and the part before it a parent's name the units share
// ("ISLAMIC STATE OF IRAQ AND SYRIA - MOZAMBIQUE").

// segment is a part of a listed name (nameSegments): normalised, with the
// alias it is part of (-1 for the entry's name) and whether that is weak.
type segment struct {
	norm   string
	origin int32
	weak   bool
	whole  bool // the name with its status in parentheses left out
	// a person's glued initials (cutInitials), read beside the words
	// of norm, first or last
	initials      string
	initialsFirst bool
}

// nameSegments appends to dst the parts of the raw name s that are names
// of their own, normalised: both sides of a slash with spaces around it,
// what follows a dash glued after a closing parenthesis (the unit after
// its parent's acronym), what precedes a spaced dash before a faction
// (factionAfter), and the name before a status in parentheses at its end
// (statusPart; marked whole: it is the name, not a part). A slash or dash
// inside a word (AL-AQSA, TEMP-AVIA) is no separator.
func nameSegments(dst []segment, s string, origin int32, weak bool) []segment {
	if head, inner, ok := parenTail(s); ok && statusPart(inner) {
		dst = appendWhole(dst, head, origin, weak)
	}
	if !strings.ContainsAny(s, "/-") {
		return dst
	}
	if i := strings.Index(s, ")-"); i > 0 {
		dst = appendSegment(dst, s[i+2:], origin, weak)
	}
	if i := strings.LastIndex(s, " - "); i > 0 && factionAfter(s[i+3:]) {
		dst = appendSegment(dst, s[:i], origin, weak)
	}
	if !strings.Contains(s, " / ") {
		return dst
	}
	for _, p := range strings.Split(s, " / ") {
		dst = appendSegment(dst, p, origin, weak)
	}
	return dst
}

// placePart reports whether the raw text inside the parentheses that end
// a name names a country or a region (rules.ResolveDestination: UAE, HK,
// Hong Kong, PRC, Crimea): where the company is, said after its name
// (ENERQUIP LTD. (UAE)). A query that ends so is searched without it
// (cutPlaceTail), as a listed name that ends so is indexed without it too.
func placePart(inner string) bool {
	inner = strings.TrimSpace(inner)
	if inner == "" || len(inner) > 40 || strings.ContainsAny(inner, "()") {
		return false
	}
	d, err := rules.ResolveDestination(inner)
	return err == nil && d.IsValid()
}

// cutPlaceTail returns the raw name without a country or region said in
// parentheses at its end (placePart), and whether it had one; a name that
// is nothing else is kept.
func cutPlaceTail(name string) (string, bool) {
	head, inner, ok := parenTail(name)
	if !ok || !placePart(inner) || Normalize(head) == "" {
		return name, false
	}
	return head, true
}

// parenTail returns what the raw name s says before the parentheses that
// end it (spaces and a comma before them left out) and what it says inside
// them; ok is false if s does not end in a closing parenthesis after an
// opening one that something precedes.
func parenTail(s string) (head, inner string, ok bool) {
	t := strings.TrimRight(s, " ")
	if !strings.HasSuffix(t, ")") {
		return "", "", false
	}
	i := strings.LastIndexByte(t, '(')
	if i <= 0 {
		return "", "", false
	}
	return strings.TrimRight(t[:i], " ,"), t[i+1 : len(t)-1], true
}

// appendWhole appends to dst the raw name head, normalised, as a segment
// that is the whole name without what it says after it (its status, its
// seat: segment.whole), not a part of it.
func appendWhole(dst []segment, head string, origin int32, weak bool) []segment {
	if n := Normalize(head); n != "" {
		dst = append(dst, segment{norm: n, origin: origin, weak: weak, whole: true})
	}
	return dst
}

func appendSegment(dst []segment, part string, origin int32, weak bool) []segment {
	if n := Normalize(part); n != "" {
		dst = append(dst, segment{norm: n, origin: origin, weak: weak})
	}
	return dst
}

// segmentName reports whether words, the analysed words of a part of a
// listed name (nameSegments), may stand as a name: two words or more, one
// of them a word that names on its own (ownNameWord), and not a
// description (a generic word last after common English words: DRUG
// TRAFFICKING ORGANIZATION).
func segmentName(words []string) bool {
	n := len(words)
	if n < 2 {
		return false
	}
	own, described := false, isGenericWord(words[n-1])
	for i, w := range words {
		own = own || ownNameWord(w)
		if i < n-1 && !isStopWord(w) && !isEnglishWord(w) {
			described = false
		}
	}
	return own && !described
}

// factionAfter reports whether the raw part of a name after its last
// spaced dash names a faction (SHAQAQI FACTION, ABU ABBAS FACTION): the
// organisation is named before the dash, the faction by whom it follows.
func factionAfter(part string) bool {
	f := strings.Fields(Normalize(part))
	return len(f) >= 2 && f[len(f)-1] == "faction"
}

// statusPart reports whether the raw text inside the parentheses that end
// a name is a status or a legal form said after the name's own, as the
// Lebanese offshore company is written (PREMIER INVESTMENT GROUP SAL
// (OFF-SHORE)), or where the company is (placePart): the name is indexed
// without it too (nameSegments), as it is said, so that the status or the
// place left out costs nothing.
func statusPart(inner string) bool {
	if placePart(inner) {
		return true
	}
	f := strings.Fields(Normalize(inner))
	if len(f) == 0 || len(f) > maxLegalTokens {
		return false
	}
	if strings.Join(f, "") == "offshore" {
		return true
	}
	n, c := longestLegal(f, true, make([]byte, 0, 64))
	return n == len(f) && c != LegalNone
}
