// Command realevalgen builds the real-alias evaluation set in
// testdata/eval/real: spellings that the lists themselves publish as aliases
// of a listed party, chosen to be respellings of its primary name (not other
// names), to be searched against an index holding primary names only; and
// real names of parties that are not listed. Run from the module root:
//
//	go run ./screening/match/internal/realevalgen
//
// Aliases come from the UN Consolidated List and the BIS Entity List (as
// loaded into the embedded snapshot, lists.Default) and from OFAC's 2025-12
// alias file for SDN entries added after July 2021 (ent_num > 32391), whose
// primary names come from OFAC's sdn.csv of 2024-05-03. See
// testdata/eval/real/README.md for the selection rule and the kinds.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/match/internal/evalset"
)

type entry struct {
	key, source, typ, name string
	aliases                []string
	origin                 string // "arabic", "cyrillic", "chinese_korean" or ""
}

func main() {
	dir := flag.String("dir", "testdata/eval", "evaluation directory (real/ inside it is written, sources/ and real/sources/ are read)")
	flag.Parse()
	snap, err := lists.Default()
	must(err)
	var entries []entry
	for _, le := range snap.Entries() {
		e := entry{key: le.Key(), source: string(le.Source), typ: string(le.Type), name: strings.TrimSpace(le.Name)}
		var cs []string
		cs = append(cs, le.Nationalities...)
		cs = append(cs, le.Citizenships...)
		for _, a := range le.Addresses {
			if a.Country.IsValid() {
				cs = append(cs, a.Country.String())
			}
		}
		e.origin = originOf(cs)
		for _, a := range le.Aliases {
			if n := strings.TrimSpace(a.Name); n != "" && !a.Weak {
				e.aliases = append(e.aliases, n)
			}
		}
		entries = append(entries, e)
	}
	ofac, err := loadOFAC(filepath.Join(*dir, "real", "sources"))
	must(err)
	g := newGen(append(slices.Clone(entries), ofac...))

	all := append(slices.Clone(entries), ofac...)
	g.link(all)
	var pos []row
	for _, e := range entries {
		if e.source == "UN" || e.source == "EL" {
			pos = append(pos, g.positives(e)...)
		}
	}
	for _, e := range ofac {
		pos = append(pos, g.positives(e)...)
	}
	// the second set: SDN entries listed before July 2021, whose aliases
	// the embedded snapshot holds
	var older []row
	for _, e := range entries {
		if e.source == "SDN" && listedBefore2021(e.key) {
			older = append(older, g.positives(e)...)
		}
	}
	// the third set: aliases of the parties of the snapshot's other lists
	// (OFAC's non-SDN lists and the typed lists of the CSL), which no rule
	// of the matcher was chosen on; an alias already a query of the first
	// two sets (the same party on the SDN) is left out
	asked := map[string]bool{}
	for _, r := range append(slices.Clone(pos), older...) {
		asked[evalset.Core(r[2])] = true
	}
	var others []row
	for _, e := range entries {
		if !otherList(e.source) {
			continue
		}
		for _, r := range g.positives(e) {
			if c := evalset.Core(r[2]); !asked[c] {
				asked[c] = true
				others = append(others, r)
			}
		}
	}
	neg := g.negatives(filepath.Join(*dir, "sources"))
	var prim []row
	for _, e := range ofac {
		prim = append(prim, row{e.key, e.typ, e.name, e.origin})
	}
	out := filepath.Join(*dir, "real")
	must(write(filepath.Join(out, "positives.csv"), []string{"split", "kind", "query", "type", "expected_name", "key"}, pos))
	must(write(filepath.Join(out, "negatives.csv"), []string{"split", "category", "query", "type", "note"}, neg))
	must(write(filepath.Join(out, "primaries.csv"), []string{"key", "type", "name", "origin"}, prim))
	must(write(filepath.Join(out, "positives-sdn-before-2021.csv"), []string{"split", "kind", "query", "type", "expected_name", "key"}, older))
	must(write(filepath.Join(out, "positives-other-lists.csv"), []string{"split", "kind", "query", "type", "expected_name", "key"}, others))
	fmt.Printf("%d positives, %d negatives, %d added primaries, %d positives of SDN entries listed before July 2021, %d of the other lists\n", len(pos), len(neg), len(prim), len(older), len(others))
}

// otherList reports whether the source is one of the snapshot's lists
// whose aliases the first two sets do not ask: OFAC's non-SDN lists
// (SSI, CMIC, PLC, MBS, CAP) and the CSL's ISN, MEU and UVL (whose entries
// carry no party type, and are left out by positives).
func otherList(source string) bool {
	switch source {
	case "SDN", "UN", "EL", "DPL":
		return false
	}
	return true
}

// lastEntNumBefore2021 is the last SDN ent_num of July 2021: entries up to
// it are the embedded snapshot's own, later ones come from OFAC's files.
const lastEntNumBefore2021 = 32391

// listedBefore2021 reports whether the SDN key (SDN:ent_num) is of an entry
// listed up to July 2021.
func listedBefore2021(key string) bool {
	n, err := strconv.Atoi(strings.TrimPrefix(key, "SDN:"))
	return err == nil && n <= lastEntNumBefore2021
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

type row []string

func write(path string, header []string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(header)
	for _, r := range rows {
		w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Countries whose people's names are usually romanised from Arabic or
// Persian, from Cyrillic, or from Chinese or Korean. Names or ISO codes.
var origins = map[string][]string{
	"arabic": {"AF", "IQ", "IR", "SY", "LB", "YE", "SA", "PK", "SO", "SD", "LY", "AE", "KW", "JO", "EG", "PS", "DZ", "TN", "MA", "QA", "BH", "OM", "MR",
		"afghanistan", "iraq", "iran", "syria", "lebanon", "yemen", "saudi arabia", "pakistan", "somalia", "sudan", "libya", "united arab emirates",
		"kuwait", "jordan", "egypt", "west bank", "gaza", "palestinian", "algeria", "tunisia", "morocco", "qatar", "bahrain", "oman", "mauritania"},
	"cyrillic": {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "MD", "TM",
		"russia", "ukraine", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "moldova", "turkmenistan"},
	"chinese_korean": {"CN", "HK", "TW", "MO", "KP", "KR",
		"china", "hong kong", "taiwan", "macau", "korea, north", "korea, south", "north korea", "korea"},
}

// originOf returns the origin of the first country in cs that has one.
func originOf(cs []string) string {
	for _, c := range cs {
		c = strings.ToLower(strings.TrimSpace(c))
		for o, set := range origins {
			for _, s := range set {
				if c == strings.ToLower(s) {
					return o
				}
			}
		}
	}
	return ""
}

var nationalityRe = regexp.MustCompile(`(?i)(?:nationality|citizen) ([A-Za-z ,]+?)[;.]`)

// loadOFAC reads the SDN rows of 2024-05 with ent_num > 32391 and joins
// their 2025-12 aliases and address countries.
func loadOFAC(dir string) ([]entry, error) {
	prim, err := readOFACCSV(dir, "ofac-sdn-2024-05-after-32391.csv")
	if err != nil {
		return nil, err
	}
	alt, err := readOFACCSV(dir, "ofac-alt-2025-12-after-32391.csv")
	if err != nil {
		return nil, err
	}
	add, err := readOFACCSV(dir, "ofac-add-2025-12-after-32391.csv")
	if err != nil {
		return nil, err
	}
	aliases, countries := map[string][]string{}, map[string][]string{}
	for _, r := range alt {
		if len(r) >= 5 && r[2] != "" && !strings.Contains(strings.ToLower(r[4]), "weak") && (r[2] == "aka" || r[2] == "fka" || r[2] == "nka") {
			aliases[r[0]] = append(aliases[r[0]], r[3])
		}
	}
	for _, r := range add {
		if len(r) >= 5 && r[4] != "" {
			countries[r[0]] = append(countries[r[0]], r[4])
		}
	}
	var out []entry
	for _, r := range prim {
		if len(r) < 12 || r[1] == "" {
			continue
		}
		var cs []string
		for _, m := range nationalityRe.FindAllStringSubmatch(r[11], -1) {
			cs = append(cs, m[1])
		}
		cs = append(cs, countries[r[0]]...)
		out = append(out, entry{key: "SDN:" + r[0], source: "SDN", typ: ofacType(r[2]), name: r[1], aliases: aliases[r[0]], origin: originOf(cs)})
	}
	return out, nil
}

// ofacType is the party type of an SDN row's SDN_Type: individual, vessel,
// aircraft, or else entity.
func ofacType(sdnType string) string {
	switch t := strings.ToLower(sdnType); t {
	case "individual", "vessel", "aircraft":
		return t
	}
	return "entity"
}

// readOFACCSV reads one of OFAC's legacy CSV files in dir, each field
// trimmed and OFAC's "-0-" (no value) made empty.
func readOFACCSV(dir, name string) ([][]string, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for i := range rec {
			if rec[i] = strings.TrimSpace(rec[i]); rec[i] == "-0-" {
				rec[i] = ""
			}
		}
		out = append(out, rec)
	}
}

type gen struct {
	listed *evalset.Listed
	df     map[string]int // names per normalised word, over primary names
	nNames int
	// same holds, per entry key, the primary names of the entries of the
	// same type (or of a list that gives none, as the Entity List) on
	// other lists that share a name or alias of two words or more with
	// it: the same party, listed twice
	same map[string][]string
}

// link fills g.same.
func (g *gen) link(entries []entry) {
	byName := map[string][]int{}
	for i, e := range entries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			if c := orderFree(evalset.Core(n)); strings.Contains(c, " ") && !slices.Contains(byName[c], i) {
				byName[c] = append(byName[c], i)
			}
		}
	}
	g.same = map[string][]string{}
	for _, is := range byName {
		for _, i := range is {
			for _, j := range is {
				a, b := entries[i], entries[j]
				if i != j && (a.typ == b.typ || a.typ == "" || b.typ == "") && a.source != b.source && !slices.Contains(g.same[a.key], b.name) {
					g.same[a.key] = append(g.same[a.key], b.name)
				}
			}
		}
	}
	for k := range g.same {
		slices.Sort(g.same[k])
	}
}

// orderFree returns the words of a core name sorted: a party's name in
// another word order ("HAQQANI, Khalil Al-Rahman" and "Khalil Al-Rahman
// Haqqani", surname first or last) is the same name.
func orderFree(core string) string {
	ws := strings.Fields(core)
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

func newGen(entries []entry) *gen {
	g := &gen{listed: evalset.NewListed(), df: map[string]int{}}
	for _, e := range entries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			g.listed.AddCore(n)
			g.listed.AddWords(n)
		}
		seen := map[string]bool{}
		for _, w := range strings.Fields(match.Normalize(e.name)) {
			if !seen[w] {
				seen[w] = true
				g.df[w]++
			}
		}
		g.nNames++
	}
	return g
}

// generic reports whether a normalised word is a common word of listed
// names (in 0.3% of them or more) rather than a distinctive one.
func (g *gen) generic(w string) bool {
	return g.df[w]*1000 >= 3*g.nNames || match.IsLegalFormWord(w)
}

// lev is the Levenshtein distance of a and b, in bytes.
func lev(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// similar is the selection rule's notion of a respelled word, independent
// of the matcher: equal, or a Levenshtein ratio of at least 0.5 with the
// same first letter, or one a prefix of the other of 3+ letters.
func similar(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) >= 3 && len(b) >= 3 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) {
		return true
	}
	n := max(len(a), len(b))
	return a[0] == b[0] && float64(lev(a, b)) <= 0.5*float64(n)
}

// respelling reports whether alias words aw are a respelling of primary
// words pw: every distinctive primary word but at most one in three has a
// similar alias word (or is joined or split), and at most one distinctive
// alias word is new, and only when the alias has more words. It also
// reports whether every distinctive primary word is in the alias unchanged
// (only generic words differ).
func (g *gen) respelling(pw, aw []string) (ok, sameDistinct bool) {
	joinedA := strings.Join(aw, "")
	joinedP := strings.Join(pw, "")
	var pd, ad []string
	for _, w := range pw {
		if !g.generic(w) {
			pd = append(pd, w)
		}
	}
	for _, w := range aw {
		if !g.generic(w) {
			ad = append(ad, w)
		}
	}
	if len(pd) == 0 || len(ad) == 0 {
		return false, false
	}
	aligned := 0
	for _, p := range pd {
		for _, a := range aw {
			if similar(p, a) || len(p) >= 3 && strings.Contains(joinedA, p) {
				aligned++
				break
			}
		}
	}
	newA := 0
	for _, a := range ad {
		found := false
		for _, p := range pw {
			if similar(p, a) || len(a) >= 3 && strings.Contains(joinedP, a) {
				found = true
				break
			}
		}
		if !found {
			newA++
		}
	}
	// a word replaced by another is a different name; a word added on top
	// of the primary's (an honorific, another given name) is not
	ok = aligned*3 >= len(pd)*2 && aligned >= 1 && (newA == 0 || newA == 1 && len(aw) > len(pw))
	sameDistinct = true
	for _, p := range pd {
		if !slices.Contains(aw, p) {
			sameDistinct = false
		}
	}
	return ok, sameDistinct
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// subset reports whether the multiset a is a proper subset of b.
func subset(a, b []string) bool {
	if len(a) >= len(b) {
		return false
	}
	left := slices.Clone(b)
	for _, w := range a {
		i := slices.Index(left, w)
		if i < 0 {
			return false
		}
		left = slices.Delete(left, i, i+1)
	}
	return true
}

// kind classifies an alias that is a respelling of the primary name.
func (g *gen) kind(e entry, alias string) string {
	pw, aw := strings.Fields(evalset.Core(e.name)), strings.Fields(evalset.Core(alias))
	if letters(strings.Join(pw, "")) == letters(strings.Join(aw, "")) {
		if slices.Equal(strings.Fields(match.Normalize(e.name)), strings.Fields(match.Normalize(alias))) {
			return "case_punct"
		}
		return "join_split"
	}
	if len(pw) == len(aw) {
		ps, as := slices.Clone(pw), slices.Clone(aw)
		slices.Sort(ps)
		slices.Sort(as)
		if slices.Equal(ps, as) {
			return "word_order"
		}
	}
	if subset(aw, pw) {
		return "token_dropped"
	}
	if subset(pw, aw) {
		return "token_added"
	}
	ok, same := g.respelling(pw, aw)
	if !ok {
		return ""
	}
	if e.typ != "individual" {
		if same {
			return "generic_translated"
		}
		return "company"
	}
	if e.origin != "" {
		return e.origin
	}
	return "person_other"
}

// positives returns the aliases of e that respell its primary name, with
// their kind. Aliases not in Latin script, aliases that are a
// list of several names (separated by ";") and acronyms are left out.
func (g *gen) positives(e entry) []row {
	if e.typ != "individual" && e.typ != "entity" || e.name == "" {
		return nil
	}
	pc := evalset.Core(e.name)
	if pc == "" {
		return nil
	}
	var out []row
	seen := map[string]bool{pc: true}
	for _, a := range e.aliases {
		ac := evalset.Core(a)
		if ac == "" || seen[ac] || !isLatin(a) || strings.Contains(a, ";") {
			continue
		}
		seen[ac] = true
		if ws := strings.Fields(ac); len(ws) == 1 && len(ws[0]) <= 5 && len(strings.Fields(pc)) > 1 {
			continue // an acronym
		}
		k := g.kind(e, a)
		if k == "" {
			continue
		}
		expected := strings.Join(append([]string{e.name}, g.same[e.key]...), "|")
		out = append(out, row{evalset.Split(e.key), k, a, e.typ, expected, e.key})
	}
	return out
}

// negatives picks real names of parties that are not listed: SEC issuers
// (every 9th, from the 3rd), US legislators (every 2nd), and first+last
// name pairs of the faker locales whose names are often confused with
// listed ones (Arabic, Persian, Russian, Ukrainian, Chinese, Korean,
// Turkish, and others in Latin script), taken in order from their lists.
func (g *gen) negatives(src string) []row {
	var out []row
	add := func(cat, q, typ, note string) {
		if q == "" || g.listed.Is(q) || g.listed.Contains(q) {
			return
		}
		out = append(out, row{evalset.Split("real" + cat + q), cat, q, typ, note})
	}
	var sec map[string]struct {
		Title string `json:"title"`
	}
	must(evalset.ReadJSON(filepath.Join(src, "sec-company_tickers-2026-02-01.json"), &sec))
	for i := 2; i < len(sec); i += 9 {
		if c, ok := sec[fmt.Sprint(i)]; ok {
			add("sec_company", c.Title, "entity", "")
		}
	}
	f, err := os.Open(filepath.Join(src, "us-congress-legislators-names-2026-06.csv"))
	must(err)
	rows, err := csv.NewReader(f).ReadAll()
	must(err)
	f.Close()
	for i, r := range rows[1:] {
		if i%2 == 1 {
			add("legislator", r[2], "individual", "")
		}
	}
	var faker map[string]map[string]any
	must(evalset.ReadJSON(filepath.Join(src, "faker-person-names-by-locale.json"), &faker))
	for _, l := range []string{"ar", "fa", "ru", "uk", "zh_CN", "ko", "tr", "az", "uz_UZ_latin", "en", "de", "fr", "es", "it", "pl", "vi", "id_ID", "ur"} {
		first, last := evalset.Flatten(faker[l]["first_name"]), evalset.Flatten(faker[l]["last_name"])
		if len(first) == 0 || len(last) == 0 {
			continue
		}
		for i := 0; i < 20; i++ {
			fn, ln := first[(i*7+3)%len(first)], last[(i*11+5)%len(last)]
			q := fn + " " + ln
			if strings.HasPrefix(l, "zh") || l == "ko" {
				q = ln + fn
			}
			add("faker_person", q, "individual", l)
		}
	}
	return out
}
