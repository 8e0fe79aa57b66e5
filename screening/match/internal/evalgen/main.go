// Command evalgen builds the name-matching evaluation set in testdata/eval
// from real list names and real non-matching names, by deterministic,
// documented transformations (see testdata/eval/README.md). Run from the
// module root:
//
//	go run ./screening/match/internal/evalgen
//
// The list names come from the embedded evaluation snapshot
// (lists.Default).
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	pinyin "github.com/mozillazg/go-pinyin"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/match/internal/evalset"
)

var srcDir string

type entry struct {
	key, typ, name string
	aliases        []string
	countries      []string
}

type row struct {
	split, category, query, typ, expected string
}

func main() {
	dir := flag.String("dir", "testdata/eval", "evaluation directory (sources/ inside it is read, CSV files are written)")
	flag.Parse()
	srcDir = filepath.Join(*dir, "sources")
	entries, err := loadEntries()
	if err != nil {
		log.Fatal(err)
	}
	listed := evalset.NewListed()
	for _, e := range entries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			listed.AddCore(n)
			listed.AddWords(n)
		}
	}
	g := &gen{rng: rand.New(rand.NewPCG(20260101, 7)), listed: listed}
	pos := g.positives(entries)
	neg := g.negatives(*dir, entries)
	must(write(filepath.Join(*dir, "positives.csv"), []string{"split", "category", "query", "type", "expected_name"}, pos))
	must(write(filepath.Join(*dir, "negatives.csv"), []string{"split", "category", "query", "type", "note"}, neg))
	fmt.Printf("%d positives, %d negatives\n", len(pos), len(neg))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

type gen struct {
	rng    *rand.Rand
	listed *evalset.Listed
}

func write(path string, header []string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(header)
	for _, r := range rows {
		w.Write([]string{r.split, r.category, r.query, r.typ, r.expected})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// loadEntries reads the embedded evaluation snapshot of the lists.
func loadEntries() ([]entry, error) {
	snap, err := lists.Default()
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, le := range snap.Entries() {
		e := entry{key: le.Key(), typ: string(le.Type), name: strings.TrimSpace(le.Name)}
		if e.name == "" {
			continue
		}
		for _, a := range le.Aliases {
			if a.Name = strings.TrimSpace(a.Name); a.Name != "" && !a.Weak {
				e.aliases = append(e.aliases, a.Name)
			}
		}
		for _, a := range le.Addresses {
			if a.Country.IsValid() {
				e.countries = append(e.countries, a.Country.String())
			}
		}
		for _, n := range append(slices.Clone(le.Nationalities), le.Citizenships...) {
			if len(n) == 2 {
				e.countries = append(e.countries, n)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// words splits a name on spaces and commas (keeping the other punctuation).
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
}

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

func has(cs []string, set ...string) bool {
	for _, c := range cs {
		if slices.Contains(set, c) {
			return true
		}
	}
	return false
}

// positives makes labelled variants of real list names.
func (g *gen) positives(entries []entry) []row {
	var out []row
	add := func(cat string, e entry, q, expected string) {
		if q == "" || q == expected {
			return
		}
		out = append(out, row{evalset.Split(e.key), cat, q, e.typ, expected})
	}
	for i, e := range entries {
		if i%2 == 1 {
			continue // every other entry, in snapshot order
		}
		names := append([]string{e.name}, e.aliases...)
		name := names[g.pick(len(names))]
		if len(match.Normalize(name)) < 4 {
			continue
		}
		ws := words(name)
		individual := e.typ == "individual"
		// Every entry gets one generic variant; the specific categories
		// draw from the entries where they apply.
		switch g.pick(3) {
		case 0:
			add("case_punct", e, casePunct(g, name), name)
		case 1:
			add("typo", e, typo(g, ws), name)
		case 2:
			if individual {
				add("word_order", e, reverse(ws), name)
			} else {
				add("suffix", e, suffix(g, ws), name)
			}
		}
		if individual && len(ws) >= 3 && g.pick(2) == 0 {
			add("drop_middle", e, dropMiddle(g, ws), name)
		}
		if !individual && len(ws) >= 2 && g.pick(3) == 0 {
			add("join_split", e, joinSplit(g, ws), name)
		}
		if has(e.countries, "RU", "UA", "BY", "KZ", "CN", "KP", "IR", "SY", "KG", "TJ", "UZ") {
			if v := translitVariant(g, name); v != "" {
				add("translit", e, v, name)
			}
		}
		if has(e.countries, "RU", "UA", "BY", "KZ", "KG", "TJ", "UZ") {
			if v := toCyrillic(name); v != "" {
				add("cyrillic", e, v, name)
			}
		}
		if has(e.countries, "CN", "HK", "TW") {
			if v := toHan(name); v != "" {
				add("chinese", e, v, name)
			}
		}
	}
	return out
}

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

// latinToCyr writes romanised Russian, and English words as Russian
// speakers transcribe them, in Cyrillic (longest match first; "c" before
// e, i, y is с, otherwise к).
var latinToCyr = []([2]string){
	{"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"yu", "ю"}, {"ya", "я"}, {"yo", "ё"}, {"ye", "е"}, {"iy", "ий"}, {"yy", "ый"}, {"th", "т"},
	{"ph", "ф"}, {"oo", "у"}, {"ee", "и"}, {"ce", "се"}, {"ci", "си"}, {"cy", "си"}, {"ck", "к"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"i", "и"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"},
	{"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"h", "х"},
	{"c", "к"}, {"w", "в"}, {"x", "кс"}, {"j", "дж"}, {"q", "к"},
}

// cyrLegal are the Russian abbreviations of legal forms.
var cyrLegal = [][2]string{
	{"limited liability company", "ООО"}, {"obshchestvo s ogranichennoi otvetstvennostyu", "ООО"},
	{"obshchestvo s ogranichennoy otvetstvennostyu", "ООО"},
	{"open joint stock company", "ОАО"}, {"closed joint stock company", "ЗАО"},
	{"public joint stock company", "ПАО"}, {"joint stock company", "АО"},
	{"otkrytoe aktsionernoe obshchestvo", "ОАО"}, {"zakrytoe aktsionernoe obshchestvo", "ЗАО"},
	{"publichnoe aktsionernoe obshchestvo", "ПАО"}, {"aktsionernoe obshchestvo", "АО"},
	{"ooo", "ООО"}, {"llc", "ООО"}, {"jsc", "АО"}, {"ao", "АО"}, {"oao", "ОАО"}, {"ojsc", "ОАО"},
	{"zao", "ЗАО"}, {"cjsc", "ЗАО"}, {"pao", "ПАО"}, {"pjsc", "ПАО"},
}

// toCyrillic writes a romanised Russian name back in Cyrillic (round trip).
func toCyrillic(name string) string {
	low := " " + match.Normalize(name) + " "
	for _, p := range cyrLegal {
		low = strings.Replace(low, " "+p[0]+" ", " "+p[1]+" ", 1)
	}
	var out []string
	for _, w := range strings.Fields(low) {
		if !isLatin(w) {
			out = append(out, w)
			continue
		}
		var b strings.Builder
		for i := 0; i < len(w); {
			done := false
			for _, p := range latinToCyr {
				if strings.HasPrefix(w[i:], p[0]) {
					b.WriteString(p[1])
					i += len(p[0])
					done = true
					break
				}
			}
			if !done {
				if w[i] == 'y' { // y alone: й after a vowel, else ы
					if i > 0 && strings.IndexByte("aeiou", w[i-1]) >= 0 {
						b.WriteString("й")
					} else {
						b.WriteString("ы")
					}
				} else {
					b.WriteByte(w[i])
				}
				i++
			}
		}
		out = append(out, b.String())
	}
	s := strings.Join(out, " ")
	if s == "" || !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		return ""
	}
	return s
}

var (
	hanOnce  map[string]rune // toneless syllable -> first character with that primary reading
	hanLegal = map[string]string{
		"co ltd": "有限公司", "company limited": "有限公司", "limited": "有限公司", "ltd": "有限公司",
		"co": "公司", "company": "公司", "corporation": "公司", "group": "集团",
	}
)

func hanTable() map[string]rune {
	if hanOnce != nil {
		return hanOnce
	}
	hanOnce = map[string]rune{}
	a := pinyin.NewArgs()
	// prefer characters used in Chinese personal names (faker zh_CN,
	// zh_TW), then any character by code point
	var faker map[string]map[string]any
	must(evalset.ReadJSON(filepath.Join(srcDir, "faker-person-names-by-locale.json"), &faker))
	for _, l := range []string{"zh_CN", "zh_TW"} {
		for _, part := range []string{"last_name", "first_name"} {
			for _, n := range evalset.Flatten(faker[l][part]) {
				for _, r := range n {
					if p := pinyin.SinglePinyin(r, a); len(p) > 0 {
						if _, ok := hanOnce[p[0]]; !ok {
							hanOnce[p[0]] = r
						}
					}
				}
			}
		}
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		p := pinyin.SinglePinyin(r, a)
		if len(p) == 0 {
			continue
		}
		if _, ok := hanOnce[p[0]]; !ok {
			hanOnce[p[0]] = r
		}
	}
	return hanOnce
}

// toHan writes a pinyin name in Han characters (round trip): every word must
// split into pinyin syllables; a trailing legal form becomes 有限公司 or 公司.
func toHan(name string) string {
	tab := hanTable()
	low := match.Normalize(name)
	var tail string
	for k, v := range hanLegal {
		if strings.HasSuffix(low, " "+k) && len(k) > len(tail) {
			tail = k
			_ = v
		}
	}
	var legal string
	if tail != "" {
		legal = hanLegal[tail]
		low = strings.TrimSuffix(low, " "+tail)
	}
	var b strings.Builder
	for _, w := range strings.Fields(low) {
		syl, ok := segment(w, tab)
		if !ok {
			return ""
		}
		for _, s := range syl {
			b.WriteRune(tab[s])
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + legal
}

// segment splits a word into pinyin syllables, longest first.
func segment(w string, tab map[string]rune) ([]string, bool) {
	if w == "" {
		return nil, true
	}
	for n := min(6, len(w)); n >= 1; n-- {
		if _, ok := tab[w[:n]]; ok {
			if rest, ok := segment(w[n:], tab); ok {
				return append([]string{w[:n]}, rest...), true
			}
		}
	}
	return nil, false
}

// negatives collects real non-matching names.
func (g *gen) negatives(dir string, entries []entry) []row {
	var out []row
	add := func(cat, q, typ, note string) {
		if q == "" || g.listed.Is(q) || g.listed.Contains(q) {
			return // a name that is, or contains, a listed name (legal form aside) is not a negative
		}
		out = append(out, row{evalset.Split(cat + q), cat, q, typ, note})
	}
	src := filepath.Join(dir, "sources")
	// SEC company names: every 4th issuer, in file order
	var sec map[string]struct {
		Title string `json:"title"`
	}
	must(evalset.ReadJSON(filepath.Join(src, "sec-company_tickers-2026-02-01.json"), &sec))
	for i := 0; i < len(sec); i += 4 {
		if c, ok := sec[fmt.Sprint(i)]; ok {
			add("sec_company", c.Title, "entity", "")
		}
	}
	// hard collisions: SEC issuers whose normalised name equals a listed one
	f, err := os.Open(filepath.Join(src, "sec-titles-matching-listed-names.csv"))
	must(err)
	rows, err := csv.NewReader(f).ReadAll()
	must(err)
	f.Close()
	for _, r := range rows[1:] {
		out = append(out, row{evalset.Split("hard" + r[0]), "hard_collision", r[0], "entity", "listed in " + r[3]})
	}
	// US legislators and presidents
	f, err = os.Open(filepath.Join(src, "us-congress-legislators-names-2026-06.csv"))
	must(err)
	rows, err = csv.NewReader(f).ReadAll()
	must(err)
	f.Close()
	for _, r := range rows[1:] {
		add("legislator", r[2], "individual", "")
	}
	// faker person names: 24 first+last pairs per locale, native script
	var faker map[string]map[string]any
	must(evalset.ReadJSON(filepath.Join(src, "faker-person-names-by-locale.json"), &faker))
	locales := make([]string, 0, len(faker))
	for l := range faker {
		locales = append(locales, l)
	}
	slices.Sort(locales)
	for _, l := range locales {
		first, last := evalset.Flatten(faker[l]["first_name"]), evalset.Flatten(faker[l]["last_name"])
		if len(first) == 0 || len(last) == 0 {
			continue
		}
		for i := 0; i < 24; i++ {
			fn, ln := first[g.pick(len(first))], last[g.pick(len(last))]
			q := fn + " " + ln
			if strings.HasPrefix(l, "zh") || l == "ja" || l == "ko" {
				q = ln + fn
			}
			add("faker_person", q, "individual", l)
		}
	}
	// invented look-alikes: a real entity name of two to four words (legal
	// form and stop words aside) with its rarest word replaced by a word of
	// an SEC issuer name, or its number changed
	var secWords []string
	for i := 1; i < len(sec); i += 4 {
		for _, w := range strings.Fields(sec[fmt.Sprint(i)].Title) {
			if len(w) >= 5 && isLatin(w) && !strings.ContainsAny(w, ".,&") {
				secWords = append(secWords, w)
			}
		}
	}
	df := map[string]int{}
	for _, e := range entries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			for _, w := range strings.Fields(match.Normalize(n)) {
				df[w]++
			}
		}
	}
	numRe := regexp.MustCompile(`\d+`)
	for i, e := range entries {
		if e.typ != "entity" || i%5 != 0 {
			continue
		}
		if loc := numRe.FindStringIndex(e.name); loc != nil {
			n := e.name[loc[0]:loc[1]]
			add("lookalike_number", e.name[:loc[0]]+fmt.Sprint(atoi(n)+1+g.pick(3))+e.name[loc[1]:], "entity", e.key)
			continue
		}
		ws := words(e.name)
		best, content := -1, 0
		for j, w := range ws {
			nw := match.Normalize(w)
			if len(nw) < 3 || match.IsLegalFormWord(nw) || strings.Contains(nw, " ") || strings.HasPrefix(w, "(") {
				continue
			}
			content++
			if best < 0 || df[nw] < df[match.Normalize(ws[best])] {
				best = j
			}
		}
		if best < 0 || content < 2 || content > 4 {
			continue
		}
		ws[best] = secWords[g.pick(len(secWords))]
		add("lookalike", strings.Join(ws, " "), "entity", e.key)
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
