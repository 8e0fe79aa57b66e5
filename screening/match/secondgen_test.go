package match

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSecondGenerator measures recall on variants that a second generator,
// written apart from testdata/eval's and after the matcher's rules, makes
// of the primary names of the real-alias index (every seventh entry by a
// hash of its key, Latin script, two words or more): the slips and
// respellings a user's data holds that no list publishes as an alias. Each
// name gets one variant of each kind that applies to it, searched by the
// name's party type (a kind named _untyped: with none, as a user's file
// without a type column is) at DefaultThreshold; a variant is found when its own
// entry scores at the threshold or more. Some variants are other names
// (a vowel changed in a short Korean syllable, a letter dropped from BEST),
// which the matcher should not find: the floors are the figures measured
// when the test was written, less a margin, so that a change that loses
// respellings fails here. The negatives are the evaluations' (this test
// has none of its own). See docs/matching.md "A second generator".
func TestSecondGenerator(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation runs in the full test suite")
	}
	ix := realAliasIndex(t)
	ctx := context.Background()
	type kindTally struct{ n, hit int }
	got := map[string]*kindTally{}
	for _, e := range realAliasEntries(t) {
		h := fnv.New32a()
		h.Write([]byte(e.Key()))
		hv := h.Sum32()
		if hv%7 != 0 || !isLatin(e.Name) {
			continue
		}
		ws := strings.Fields(strings.ToLower(e.Name))
		if len(ws) < 2 {
			continue
		}
		rng := rand.New(rand.NewPCG(uint64(hv), 7))
		for _, k := range secondGenKinds {
			v := k.make(rng, ws)
			if v == "" || v == strings.Join(ws, " ") || k.who == "entity" && e.Type == lists.TypeIndividual || k.who == "individual" && e.Type != lists.TypeIndividual {
				continue
			}
			kt := got[k.name]
			if kt == nil {
				kt = &kindTally{}
				got[k.name] = kt
			}
			kt.n++
			typ := e.Type
			if strings.HasSuffix(k.name, "_untyped") {
				typ = lists.TypeUnknown // a query that gives no type
			}
			ms, err := ix.Search(ctx, Query{Name: v, Type: typ, Threshold: DefaultThreshold, Limit: 10})
			if err != nil {
				t.Fatalf("%q: %v", v, err)
			}
			// found: the entry, or the same name on another list (FAROOQ,
			// Muhammad on one, Muhammad Farooq on another)
			if slices.ContainsFunc(ms, func(m Match) bool { return m.Entry.Key() == e.Key() || sameWords(m.Name, e.Name) }) {
				kt.hit++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| kind | n | recall | 95%% interval | floor |\n|---|---:|---:|---:|---:|\n")
	for _, k := range secondGenKinds {
		kt := got[k.name]
		if kt == nil || kt.n == 0 {
			t.Errorf("%s: no variant made", k.name)
			continue
		}
		r := float64(kt.hit) / float64(kt.n)
		lo, hi := wilson(kt.hit, kt.n)
		fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f–%.3f | %.2f |\n", k.name, kt.n, r, lo, hi, k.floor)
		if r < k.floor {
			t.Errorf("%s: recall %.3f < floor %.2f", k.name, r, k.floor)
		}
	}
	t.Log(b.String())
}

// secondGenKinds are the second generator's kinds of variant, in the
// order they draw from a name's random source, each with its floor.
var secondGenKinds = []struct {
	name  string
	floor float64
	make  func(rng *rand.Rand, ws []string) string
	who   string // made of the names of individuals only ("individual"), of others only ("entity"), or of all ("")
}{
	{"romanisation", 0.97, secondGenRomanised, ""},
	{"vowel", 0.96, secondGenVowel, ""},
	{"short_typo", 0.88, secondGenShortTypo, ""},
	{"legal_slip", 0.95, secondGenLegalSlip, ""},
	{"abbreviation", 0.99, secondGenAbbreviated, ""},
	{"slavic_ending", 0.99, secondGenSlavicEnding, ""},
	{"country_adjective", 0.97, secondGenSwapFirst(secondGenCountries), "entity"},
	{"plural", 0.99, secondGenSwapFirst(secondGenPlurals), "entity"},
	{"glued_name", 0.80, secondGenGluedName, "individual"},
	{"drop_middle", 0.84, secondGenDropMiddle, ""},
	{"title_added", 0.99, secondGenTitle, "individual"},
	{"diacritics", 0.99, secondGenDiacritics, "individual"},
	{"arabic_article", 0.97, secondGenArticle, "individual"},
	{"patronymic_dropped", 0.97, secondGenPatronymicDropped, "individual"},
	{"article_the", 0.99, secondGenThe, "entity"},
	{"place_in_parentheses", 0.99, secondGenPlaceTail, "entity"},
	{"place_after_form", 0.97, secondGenPlaceAfterForm, "entity"},
	{"spoken_order", 0.99, secondGenSpokenOrder, "individual"},
	{"middle_initial", 0.97, secondGenMiddleInitial, "individual"},
	{"two_typos", 0.96, secondGenTwoTypos, ""},
	{"muhammad_abbreviated", 0.97, secondGenMuhammad, "individual"},
	{"legal_letter_dropped", 0.95, secondGenLegalDropped, ""},
	{"surname_initials", 0.89, secondGenSurnameInitials, "individual"},
	{"branch_after", 0.95, secondGenBranch, "entity"},
	{"surname_initials_untyped", 0.82, secondGenSurnameInitials, "individual"},
	{"title_shortened", 0.91, secondGenTitleShortened, "individual"},
	{"country_code", 0.70, secondGenCountryCode, "entity"},
	{"field_cut", 0.89, secondGenFieldCut, ""},
	{"record_code", 0.98, secondGenRecordCode, ""},
	{"digit_for_letter", 0.96, secondGenDigitForLetter, ""},
	{"mojibake", 0.99, secondGenMojibake, ""},
	{"html_entity", 0.99, secondGenHTMLEntity, ""},
}

// secondGenRules are alternations of romanisation systems and spelling
// traditions (Russian BGN/PCGN, French and German practice, Persian and
// Arabic): a word is written with one for the other. The hard c and k
// alternate before a, o and u only (ch is no kh).
var secondGenRules = [][2]string{
	{"kh", "h"}, {"ou", "u"}, {"u", "ou"}, {"ee", "i"}, {"oo", "u"}, {"q", "k"},
	{"j", "dj"}, {"dzh", "j"}, {"sh", "ch"}, {"w", "v"}, {"v", "w"}, {"ks", "x"}, {"x", "ks"},
	{"ts", "tz"}, {"iy", "ii"}, {"ya", "ia"}, {"yu", "iu"}, {"zh", "j"}, {"shch", "sch"},
	{"ph", "f"}, {"ai", "ay"}, {"ay", "ai"}, {"ei", "ey"}, {"ck", "k"}, {"gh", "g"}, {"dh", "z"},
	{"ca", "ka"}, {"co", "ko"}, {"cu", "ku"}, {"ka", "ca"}, {"ko", "co"}, {"ku", "cu"},
}

// secondGenWord reports whether w is a word of the name's own that the
// generator may respell: not an English, generic or legal-form word
// (C.V. is the form CV).
func secondGenWord(w string) bool {
	letters := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, w)
	return len(letters) >= 3 && !isEnglishWord(letters) && !isGenericWord(letters) && !isLegalWord(letters)
}

// secondGenRomanised applies two alternations that the name's own words
// hold, every occurrence in each such word.
func secondGenRomanised(rng *rand.Rand, ws []string) string {
	var cands [][2]string
	for _, r := range secondGenRules {
		if slices.ContainsFunc(ws, func(w string) bool { return secondGenWord(w) && strings.Contains(w, r[0]) }) {
			cands = append(cands, r)
		}
	}
	if len(cands) < 2 {
		return ""
	}
	i := rng.IntN(len(cands))
	j := rng.IntN(len(cands) - 1)
	if j >= i {
		j++
	}
	out := slices.Clone(ws)
	for _, r := range [][2]string{cands[i], cands[j]} {
		for k, w := range out {
			if secondGenWord(w) {
				out[k] = strings.ReplaceAll(w, r[0], r[1])
			}
		}
	}
	return strings.Join(out, " ")
}

// secondGenVowel writes one vowel after the first letter of a word of four
// letters or more for another.
func secondGenVowel(rng *rand.Rand, ws []string) string {
	var idx []int
	for i, w := range ws {
		if len(w) >= 4 && !isLegalWord(strings.Trim(w, ".,()")) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return ""
	}
	i := idx[rng.IntN(len(idx))]
	w := []byte(ws[i])
	var vs []int
	for p, c := range w {
		if p > 0 && strings.IndexByte("aeiou", c) >= 0 {
			vs = append(vs, p)
		}
	}
	if len(vs) == 0 {
		return ""
	}
	p := vs[rng.IntN(len(vs))]
	alt := map[byte]string{'a': "eo", 'e': "ai", 'i': "ey", 'o': "ua", 'u': "oa"}[w[p]]
	w[p] = alt[rng.IntN(2)]
	out := slices.Clone(ws)
	out[i] = string(w)
	return strings.Join(out, " ")
}

// secondGenShortTypo doubles, swaps or drops a letter after the first of a
// word of four or five letters.
func secondGenShortTypo(rng *rand.Rand, ws []string) string {
	var idx []int
	for i, w := range ws {
		if len(w) >= 4 && len(w) <= 5 && isLatin(w) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return ""
	}
	i := idx[rng.IntN(len(idx))]
	return secondGenSlip(rng, ws, i, 3)
}

// secondGenLegalSlip swaps two letters after the first, or writes a vowel
// for another, in a legal-form word of four to six letters.
func secondGenLegalSlip(rng *rand.Rand, ws []string) string {
	i := secondGenLegalWord(rng, ws, 4)
	if i < 0 {
		return ""
	}
	w := []byte(strings.Trim(ws[i], ".,()"))
	if rng.IntN(2) == 0 {
		p := 1 + rng.IntN(len(w)-2)
		w[p], w[p+1] = w[p+1], w[p]
	} else {
		var vs []int
		for p := 1; p+1 < len(w); p++ {
			if strings.IndexByte("aeiou", w[p]) >= 0 {
				vs = append(vs, p)
			}
		}
		if len(vs) == 0 {
			return ""
		}
		p := vs[rng.IntN(len(vs))]
		w[p] = "aeiou"[(strings.IndexByte("aeiou", w[p])+1+rng.IntN(4))%5]
	}
	out := slices.Clone(ws)
	out[i] = string(w)
	return strings.Join(out, " ")
}

// secondGenLegalDropped drops a letter after the first of a legal-form
// word of five or six letters (JOIT STOCK COMPANY).
func secondGenLegalDropped(rng *rand.Rand, ws []string) string {
	i := secondGenLegalWord(rng, ws, 5)
	if i < 0 {
		return ""
	}
	w := strings.Trim(ws[i], ".,()")
	p := 1 + rng.IntN(len(w)-1)
	out := slices.Clone(ws)
	out[i] = w[:p] + w[p+1:]
	return strings.Join(out, " ")
}

// secondGenSurnameInitials writes a person listed as SURNAME, Given names
// as the surname and the given names' initials glued (SMOLIN O.N.), as
// Russian and other records write it.
func secondGenSurnameInitials(_ *rand.Rand, ws []string) string {
	surname, ok := strings.CutSuffix(ws[0], ",")
	if !ok || len(ws) < 3 || len(ws) > 1+maxGluedInitials {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[1:] {
		b.WriteString(w[:1] + ".")
	}
	return surname + " " + b.String()
}

// secondGenBranch writes an organisation's name as a branch's or an
// office's: BRANCH, BRANCH OFFICE, REPRESENTATIVE OFFICE, (BRANCH), with a
// city before it or not.
func secondGenBranch(rng *rand.Rand, ws []string) string {
	b := [...]string{"branch", "branch office", "representative office", "dubai branch", "- dubai branch", "(branch)"}[rng.IntN(6)]
	return strings.Join(ws, " ") + " " + b
}

// secondGenFieldCut writes a name as a record system's name field of 30,
// 35 or 40 characters keeps it: cut at the field's width, inside a word or
// between two, the spaces and punctuation before the cut dropped. Names
// that fit the field have no variant of this kind.
func secondGenFieldCut(rng *rand.Rand, ws []string) string {
	width := [...]int{30, 35, 40}[rng.IntN(3)]
	rs := []rune(strings.Join(ws, " "))
	if len(rs) <= width {
		return ""
	}
	return strings.TrimRight(string(rs[:width]), " -,.;:/&(")
}

// secondGenRecordCode writes a name as a customer or supplier file keeps
// it with its record's number in the name field, before or after it, bare
// or marked (#, a dash, parentheses, a label).
func secondGenRecordCode(rng *rand.Rand, ws []string) string {
	n := fmt.Sprint(1000 + rng.IntN(99000))
	name := strings.Join(ws, " ")
	switch rng.IntN(6) {
	case 0:
		return n + " " + name
	case 1:
		return name + " " + n
	case 2:
		return name + " #" + n
	case 3:
		return name + " - " + n
	case 4:
		return name + " (cust " + n + ")"
	default:
		return "c" + n + " " + name
	}
}

// secondGenDigitForLetter writes one O of a word of four letters or more as
// the digit 0, or one I or L as the digit 1, as typing in capitals or
// reading a scanned page does.
func secondGenDigitForLetter(rng *rand.Rand, ws []string) string {
	type spot struct{ w, i int }
	var spots []spot
	for wi, w := range ws {
		if len(w) < 4 || !allLetters(w) {
			continue
		}
		for i := 0; i < len(w); i++ {
			if w[i] == 'o' || w[i] == 'i' || w[i] == 'l' {
				spots = append(spots, spot{wi, i})
			}
		}
	}
	if len(spots) == 0 {
		return ""
	}
	p := spots[rng.IntN(len(spots))]
	out := slices.Clone(ws)
	b := []byte(out[p.w])
	if b[p.i] == 'o' {
		b[p.i] = '0'
	} else {
		b[p.i] = '1'
	}
	out[p.w] = string(b)
	return strings.Join(out, " ")
}

// secondGenMojibake writes a word of the name with the accents a European
// keyboard puts on it (secondGenDiacritics), then the whole name as a
// system that read its UTF-8 as Windows-1252 writes it (José: JosÃ©).
func secondGenMojibake(rng *rand.Rand, ws []string) string {
	v := secondGenDiacritics(rng, ws)
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		b.WriteRune(charmap.Windows1252.DecodeByte(v[i]))
	}
	return b.String()
}

// secondGenHTMLEntity writes a name's ampersand, apostrophes and accented
// letters as the character references a web form's export keeps (SMITH
// &amp; SONS, O&#39;BRIEN, JOS&Eacute;); a name with no ampersand or
// apostrophe gets accents on a word first (secondGenDiacritics), and a
// name left with nothing to write so has no variant.
func secondGenHTMLEntity(rng *rand.Rand, ws []string) string {
	name := strings.Join(ws, " ")
	if !strings.ContainsAny(name, "&'") {
		name = secondGenDiacritics(rng, ws)
	}
	v := strings.NewReplacer("&", "&amp;", "'", "&#39;", "á", "&aacute;", "é", "&eacute;", "ö", "&ouml;", "ü", "&uuml;", "ç", "&ccedil;", "í", "&iacute;").Replace(name)
	if v == name {
		return ""
	}
	return v
}

// secondGenLegalWord returns the index in ws of one of the words, drawn by
// rng, that are words of the curated legal-form table of minLen to six
// letters (its punctuation aside); -1 if there is none.
func secondGenLegalWord(rng *rand.Rand, ws []string, minLen int) int {
	var idx []int
	for i, w := range ws {
		if w := strings.Trim(w, ".,()"); len(w) >= minLen && len(w) <= 6 && allLetters(w) && curatedLegalWords[w] {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return -1
	}
	return idx[rng.IntN(len(idx))]
}

// secondGenSlip makes one of the first ops of: a letter doubled, two
// letters swapped, a letter dropped, after the first letter of ws[i].
func secondGenSlip(rng *rand.Rand, ws []string, i, ops int) string {
	w := []byte(ws[i])
	p := 1 + rng.IntN(len(w)-2)
	switch rng.IntN(ops) {
	case 0:
		w = slices.Insert(w, p, w[p])
	case 1:
		w[p], w[p+1] = w[p+1], w[p]
	default:
		w = slices.Delete(w, p, p+1)
	}
	out := slices.Clone(ws)
	out[i] = string(w)
	return strings.Join(out, " ")
}

// secondGenAbbreviations are the English abbreviations of business words
// that letterheads and registers write.
var secondGenAbbreviations = map[string]string{
	"international": "intl", "corporation": "corp", "company": "co", "manufacturing": "mfg",
	"brothers": "bros", "industries": "inds", "services": "svcs", "limited": "ltd",
	"management": "mgmt", "association": "assn", "university": "univ", "national": "natl",
	"equipment": "equip", "and": "&", "&": "and", "group": "grp", "holdings": "hldgs",
}

// secondGenAbbreviated writes every business word of the name that has an
// abbreviation so.
func secondGenAbbreviated(_ *rand.Rand, ws []string) string {
	return secondGenRewrite(ws, true, func(core string) (string, bool) {
		a, ok := secondGenAbbreviations[core]
		return a, ok
	})
}

// secondGenRewrite writes the words of ws that f rewrites, their trailing
// comma or full stop kept: every one (all) or the first, and returns ""
// if f rewrote none.
func secondGenRewrite(ws []string, all bool, f func(core string) (string, bool)) string {
	out := slices.Clone(ws)
	done := false
	for i, w := range out {
		core := strings.TrimRight(w, ",.")
		if r, ok := f(core); ok {
			out[i], done = r+w[len(core):], true
			if !all {
				break
			}
		}
	}
	if !done {
		return ""
	}
	return strings.Join(out, " ")
}

// secondGenSlavicEnding writes the first Slavic ending of the name in
// another tradition (-off for -ov, -ski for -sky, -ovitch for -ovich).
func secondGenSlavicEnding(_ *rand.Rand, ws []string) string {
	out := slices.Clone(ws)
	for i, w := range out {
		core := strings.TrimRight(w, ",.")
		for _, r := range [][2]string{{"ov", "off"}, {"ev", "eff"}, {"sky", "ski"}, {"skiy", "sky"}, {"iy", "y"}, {"ovich", "ovitch"}, {"aya", "aia"}, {"iya", "ia"}} {
			if strings.HasSuffix(core, r[0]) && len(core) > len(r[0])+2 {
				out[i] = strings.TrimSuffix(core, r[0]) + r[1] + w[len(core):]
				return strings.Join(out, " ")
			}
		}
	}
	return ""
}

// secondGenCountries are countries' names and adjectives that
// organisations' names use either way.
var secondGenCountries = map[string]string{
	"china": "chinese", "korea": "korean", "iran": "iranian", "russia": "russian", "syria": "syrian",
	"japan": "japanese", "india": "indian", "turkey": "turkish", "germany": "german", "pakistan": "pakistani",
	"iraq": "iraqi", "lebanon": "lebanese", "belarus": "belarusian", "ukraine": "ukrainian", "cuba": "cuban",
}

// secondGenPlurals are business words and their plurals.
var secondGenPlurals = map[string]string{
	"technology": "technologies", "service": "services", "system": "systems", "industry": "industries",
	"product": "products", "holding": "holdings", "enterprise": "enterprises", "investment": "investments",
	"solution": "solutions", "resource": "resources", "electronic": "electronics", "chemical": "chemicals",
	"metal": "metals", "logistic": "logistics", "material": "materials", "communication": "communications",
}

// secondGenSwapFirst returns a kind that writes the first word of a name
// that pairs holds, as a key or a value, as the other word of its pair: a
// country's name as its adjective or back, a business word singular for
// plural or back.
func secondGenSwapFirst(pairs map[string]string) func(*rand.Rand, []string) string {
	other := map[string]string{}
	for a, b := range pairs {
		other[a], other[b] = b, a
	}
	return func(_ *rand.Rand, ws []string) string {
		return secondGenRewrite(ws, false, func(core string) (string, bool) {
			o, ok := other[core]
			return o, ok
		})
	}
}

// secondGenGluedName writes a person's given name and surname as one
// word in the order they are said: the word after the comma first
// (PIRI, Morteza: mortezapiri), or a name of two words as written.
func secondGenGluedName(_ *rand.Rand, ws []string) string {
	if surname, ok := strings.CutSuffix(ws[0], ","); ok && len(ws) >= 2 {
		return ws[1] + surname
	}
	if len(ws) == 2 {
		return ws[0] + ws[1]
	}
	return ""
}

// secondGenTitle puts a title or honorific in front of a person's name.
func secondGenTitle(rng *rand.Rand, ws []string) string {
	t := [...]string{"mr", "dr", "sheikh", "haji", "general", "colonel", "mrs"}[rng.IntN(7)]
	return t + " " + strings.Join(ws, " ")
}

// secondGenTitleShortened writes a person of three names or more as a
// customer record addresses them: a form of address or a title, the first
// given name and the surname (MRS NATALYA KOSTENKO for KOSTENKO, Natalya
// Vasilyevna; MR WILLIAM YAKUTUMBA for WILLIAM AMURI YAKUTUMBA).
func secondGenTitleShortened(rng *rand.Rand, ws []string) string {
	if len(ws) < 3 {
		return ""
	}
	t := [...]string{"mr", "mrs", "ms", "miss", "dr", "sheikh", "haji", "colonel", "herr", "senor"}[rng.IntN(10)]
	if strings.HasSuffix(ws[0], ",") {
		return t + " " + ws[1] + " " + strings.TrimSuffix(ws[0], ",")
	}
	return t + " " + ws[0] + " " + ws[len(ws)-1]
}

// secondGenCountryCode writes a country said in an organisation's name by
// its code, or a code by the country's name (HONG KONG and HK, UNITED ARAB
// EMIRATES and UAE, UNITED KINGDOM and UK), as a customer record writes it
// the other way.
func secondGenCountryCode(_ *rand.Rand, ws []string) string {
	pairs := [...][2]string{
		{"hong kong", "hk"}, {"united arab emirates", "uae"}, {"united kingdom", "uk"},
		{"united states", "usa"}, {"people's republic of china", "prc"},
	}
	name := " " + strings.Join(ws, " ") + " "
	for _, p := range pairs {
		for _, ab := range [...][2]string{{p[0], p[1]}, {p[1], p[0]}} {
			for _, wrap := range [...][2]string{{"(", ")"}, {" ", " "}} {
				from := wrap[0] + ab[0] + wrap[1]
				if i := strings.Index(name, from); i >= 0 {
					return strings.TrimSpace(name[:i] + wrap[0] + ab[1] + wrap[1] + name[i+len(from):])
				}
			}
		}
	}
	return ""
}

// secondGenDiacritics writes a word of a person's name with the accents a
// European or Turkish keyboard puts on its letters (á, é, ö, ü, ş, ç, í).
func secondGenDiacritics(rng *rand.Rand, ws []string) string {
	out := slices.Clone(ws)
	i := rng.IntN(len(out))
	out[i] = strings.NewReplacer("a", "á", "e", "é", "o", "ö", "u", "ü", "s", "ş", "c", "ç", "i", "í").Replace(out[i])
	return strings.Join(out, " ")
}

// secondGenArticle writes the Arabic article of a person's name (al-)
// joined to the word, as el-, or as a word of its own.
func secondGenArticle(rng *rand.Rand, ws []string) string {
	out := slices.Clone(ws)
	for i, w := range out {
		if rest, ok := strings.CutPrefix(w, "al-"); ok && len(rest) >= 3 {
			out[i] = [...]string{"al" + rest, "el-" + rest, "al " + rest}[rng.IntN(3)]
			return strings.Join(out, " ")
		}
	}
	return ""
}

// secondGenPatronymicDropped leaves out the patronymic of a person's name
// of three words or more (-ovich, -evich, -ovna, -evna) and writes kh as h
// in the words left, or v as w if none has kh.
func secondGenPatronymicDropped(_ *rand.Rand, ws []string) string {
	if len(ws) < 3 {
		return ""
	}
	var out []string
	dropped := false
	for _, w := range ws {
		core := strings.TrimRight(w, ",.")
		if !dropped && (strings.HasSuffix(core, "ovich") || strings.HasSuffix(core, "evich") || strings.HasSuffix(core, "ovna") || strings.HasSuffix(core, "evna")) {
			dropped = true
			continue
		}
		out = append(out, w)
	}
	if !dropped {
		return ""
	}
	r := [2]string{"kh", "h"}
	if !slices.ContainsFunc(out, func(w string) bool { return strings.Contains(w, "kh") }) {
		r = [2]string{"v", "w"}
	}
	for i, w := range out {
		out[i] = strings.ReplaceAll(w, r[0], r[1])
	}
	return strings.Join(out, " ")
}

// secondGenThe puts the English article in front of an organisation's
// name.
func secondGenThe(_ *rand.Rand, ws []string) string {
	if ws[0] == "the" {
		return ""
	}
	return "the " + strings.Join(ws, " ")
}

// secondGenPlaceTail writes where an organisation is after its name, in
// parentheses: (UAE), (Hong Kong), (PRC), (HK), (Russia).
func secondGenPlaceTail(rng *rand.Rand, ws []string) string {
	p := [...]string{"(uae)", "(hong kong)", "(prc)", "(hk)", "(russia)"}[rng.IntN(5)]
	return strings.Join(ws, " ") + " " + p
}

// secondGenPlaces are countries and cities that a customer book writes
// after a company's name.
var secondGenPlaces = [...]string{
	"united arab emirates", "hong kong", "russia", "china", "iran", "turkey", "singapore",
	"korea, north", "dubai", "tehran", "moscow", "istanbul", "beijing", "minsk",
}

// secondGenPlaceAfterForm writes a country or a city after an
// organisation's name that ends in a legal form of one word (NAGHMEH FZE
// UNITED ARAB EMIRATES; FIRST OIL JV CO LTD, PYONGYANG).
func secondGenPlaceAfterForm(rng *rand.Rand, ws []string) string {
	if !oneWordForm(Normalize(ws[len(ws)-1])) {
		return ""
	}
	sep := [...]string{" ", ", "}[rng.IntN(2)]
	return strings.Join(ws, " ") + sep + secondGenPlaces[rng.IntN(len(secondGenPlaces))]
}

// secondGenSpokenOrder writes a person's name listed as SURNAME, Given
// names in the order it is said: Given names SURNAME.
func secondGenSpokenOrder(_ *rand.Rand, ws []string) string {
	surname, ok := strings.CutSuffix(ws[0], ",")
	if !ok {
		return ""
	}
	return strings.Join(ws[1:], " ") + " " + surname
}

// secondGenMiddleInitial writes the second given name of a person listed
// as SURNAME, Given Middle (and more) as its initial.
func secondGenMiddleInitial(_ *rand.Rand, ws []string) string {
	if !strings.HasSuffix(ws[0], ",") || len(ws) < 4 {
		return ""
	}
	out := slices.Clone(ws)
	out[2] = out[2][:1] + "."
	return strings.Join(out, " ")
}

// secondGenTwoTypos makes a slip (secondGenSlip) in two words of six
// letters or more of a name's own.
func secondGenTwoTypos(rng *rand.Rand, ws []string) string {
	var idx []int
	for i, w := range ws {
		if len(w) >= 6 && isLatin(w) && secondGenWord(w) {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return ""
	}
	rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
	out := strings.Fields(secondGenSlip(rng, ws, idx[0], 3))
	return secondGenSlip(rng, out, idx[1], 3)
}

// secondGenMuhammad writes a spelling of Muhammad in a person's name as
// Malaysia, Singapore, Bangladesh and India abbreviate it: Mohd, Md.,
// Muhd.
func secondGenMuhammad(rng *rand.Rand, ws []string) string {
	return secondGenRewrite(ws, false, func(core string) (string, bool) {
		switch core {
		case "muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mohamud":
			return [...]string{"mohd", "md.", "muhd", "mohd."}[rng.IntN(4)], true
		}
		return "", false
	})
}

// secondGenDropMiddle leaves out a word between the first and the last of
// a name of three words or more.
func secondGenDropMiddle(rng *rand.Rand, ws []string) string {
	if len(ws) < 3 {
		return ""
	}
	i := 1 + rng.IntN(len(ws)-2)
	return strings.Join(slices.Delete(slices.Clone(ws), i, i+1), " ")
}

// sameWords reports whether the names a and b, normalised, have the same
// words in any order.
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(Normalize(a)), strings.Fields(Normalize(b))
	slices.Sort(wa)
	slices.Sort(wb)
	return slices.Equal(wa, wb)
}

// isLatin reports whether s is written in ASCII only.
func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 127 {
			return false
		}
	}
	return true
}
