package main

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// casePunct writes s in lower, title or upper case, then drops, adds or
// spaces out its punctuation.
func casePunct(g *gen, s string) string {
	var b strings.Builder
	mode := g.pick(3)
	for i, r := range s {
		switch {
		case mode == 0:
			b.WriteRune(unicode.ToLower(r))
		case mode == 1 && (i == 0 || s[i-1] == ' '):
			b.WriteRune(unicode.ToUpper(r))
		case mode == 1:
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	t := b.String()
	switch g.pick(3) {
	case 0:
		t = strings.NewReplacer(".", "", ",", "", "-", " ", "&", "and").Replace(t)
	case 1:
		t = strings.ReplaceAll(t, " ", ", ")
	default:
		t = strings.NewReplacer(" ", "  ", ".", ". ").Replace(t) + "."
	}
	return t
}

// typo applies one edit (substitute, delete, transpose or insert) in the
// longest word of at least 6 letters.
func typo(g *gen, ws []string) string {
	best := -1
	for i, w := range ws {
		if len(w) >= 6 && isLatin(w) && (best < 0 || len(w) > len(ws[best])) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	w := []byte(ws[best])
	p := 1 + g.pick(len(w)-2)
	switch g.pick(4) {
	case 0:
		w[p] = "aeiourstnl"[g.pick(10)]
	case 1:
		w = append(w[:p], w[p+1:]...)
	case 2:
		w[p], w[p+1] = w[p+1], w[p]
	default:
		w = append(w[:p], append([]byte{w[p]}, w[p:]...)...)
	}
	out := slices.Clone(ws)
	out[best] = string(w)
	return strings.Join(out, " ")
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

func reverse(ws []string) string {
	out := slices.Clone(ws)
	slices.Reverse(out)
	return strings.Join(out, " ")
}

func dropMiddle(g *gen, ws []string) string {
	i := 1 + g.pick(len(ws)-2)
	out := append(slices.Clone(ws[:i]), ws[i+1:]...)
	return strings.Join(out, " ")
}

// suffixes are legal forms used in suffix changes, by class.
var suffixes = [][]string{
	{"Co., Ltd.", "Company Limited", "Co Ltd", "Limited", "Ltd.", "LLC", "Limited Liability Company"},
	{"JSC", "OJSC", "Joint Stock Company", "OAO", "AO", "PAO", "Open Joint Stock Company"},
	{"Inc.", "Corp.", "Corporation", "Company", "Co."},
}

var legalTail = regexp.MustCompile(`(?i)[ ,]+(co\.?,? ?ltd\.?|company limited|co\.? limited|limited|ltd\.?|llc|l\.l\.c\.|jsc|ojsc|cjsc|pjsc|joint stock company|inc\.?|corp\.?|corporation|company|co\.|gmbh|s\.a\.|ag)$`)

// suffix replaces the legal form at the end of an entity name by another of
// the same class, drops it, or adds one when there is none.
func suffix(g *gen, ws []string) string {
	s := strings.Join(ws, " ")
	if m := legalTail.FindStringIndex(s); m != nil {
		base := s[:m[0]]
		if g.pick(3) == 0 {
			return base
		}
		tail := strings.ToLower(strings.Trim(s[m[0]:], " ,."))
		cls := 0
		switch {
		case strings.Contains(tail, "jsc") || strings.Contains(tail, "stock"):
			cls = 1
		case strings.HasPrefix(tail, "inc") || strings.HasPrefix(tail, "corp") || tail == "company" || tail == "co":
			cls = 2
		}
		return base + " " + suffixes[cls][g.pick(len(suffixes[cls]))]
	}
	return s + " " + suffixes[0][g.pick(len(suffixes[0]))]
}

func joinSplit(g *gen, ws []string) string {
	out := slices.Clone(ws)
	for i, w := range out {
		if len(w) >= 8 && isLatin(w) && g.pick(2) == 0 {
			p := len(w) / 2
			out[i] = w[:p] + " " + w[p:]
			return strings.Join(out, " ")
		}
	}
	for i := 0; i+1 < len(out); i++ {
		if len(out[i]) >= 3 && len(out[i+1]) >= 3 && isLatin(out[i]+out[i+1]) {
			j := append(slices.Clone(out[:i]), out[i]+out[i+1])
			return strings.Join(append(j, out[i+2:]...), " ")
		}
	}
	return ""
}

// translitRules are the common alternative romanisations of Russian,
// Ukrainian, Persian/Arabic and Chinese names (BGN/PCGN vs. ISO 9 vs.
// German/French practice, pinyin vs. Wade-Giles).
var translitRules = [][2]string{
	{"kh", "h"}, {"shch", "sch"}, {"yu", "iu"}, {"ya", "ia"}, {"iy", "y"}, {"ks", "x"},
	{"y", "i"}, {"ts", "tz"}, {"ei", "ey"}, {"zh", "j"}, {"ou", "u"}, {"ii", "iy"},
	{"x", "hs"}, {"q", "ch"}, {"j", "ch"}, {"v", "w"}, {"ph", "f"}, {"ee", "i"},
}

func translitVariant(g *gen, name string) string {
	low := strings.ToLower(name)
	var cands [][2]string
	for _, r := range translitRules {
		if strings.Contains(low, r[0]) {
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 {
		return ""
	}
	r := cands[g.pick(len(cands))]
	return strings.Replace(low, r[0], r[1], 1)
}
