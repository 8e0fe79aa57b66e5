package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/match/internal/evalset"
)

// negatives collects real non-matching names.
func (g *gen) negatives(dir string, entries []entry) []row {
	ns := &negSet{g: g}
	src := filepath.Join(dir, "sources")
	sec := ns.secCompanies(src)
	ns.hardCollisions(src)
	ns.legislators(src)
	ns.fakerPersons(src)
	ns.lookalikes(sec, entries)
	return ns.out
}

// negSet collects negatives, in the order they are made (the random
// choices depend on it).
type negSet struct {
	g   *gen
	out []row
}

// add adds query q of category cat unless it is empty or is, or contains,
// a listed name (legal form aside).
func (ns *negSet) add(cat, q, typ, note string) {
	if q == "" || ns.g.listed.Is(q) || ns.g.listed.Contains(q) {
		return // a name that is, or contains, a listed name (legal form aside) is not a negative
	}
	ns.out = append(ns.out, row{evalset.Split(cat + q), cat, q, typ, note})
}

// secTickers is SEC's company_tickers.json: issuers by number.
type secTickers map[string]struct {
	Title string `json:"title"`
}

// secCompanies adds every 4th SEC issuer, in file order, and returns them
// all.
func (ns *negSet) secCompanies(src string) secTickers {
	var sec secTickers
	must(evalset.ReadJSON(filepath.Join(src, "sec-company_tickers-2026-02-01.json"), &sec))
	for i := 0; i < len(sec); i += 4 {
		if c, ok := sec[fmt.Sprint(i)]; ok {
			ns.add("sec_company", c.Title, "entity", "")
		}
	}
	return sec
}

// hardCollisions adds the SEC issuers whose normalised name equals a
// listed one, as they are.
func (ns *negSet) hardCollisions(src string) {
	f, err := os.Open(filepath.Join(src, "sec-titles-matching-listed-names.csv"))
	must(err)
	rows, err := csv.NewReader(f).ReadAll()
	must(err)
	f.Close()
	for _, r := range rows[1:] {
		ns.out = append(ns.out, row{evalset.Split("hard" + r[0]), "hard_collision", r[0], "entity", "listed in " + r[3]})
	}
}

// legislators adds the US legislators and presidents.
func (ns *negSet) legislators(src string) {
	f, err := os.Open(filepath.Join(src, "us-congress-legislators-names-2026-06.csv"))
	must(err)
	rows, err := csv.NewReader(f).ReadAll()
	must(err)
	f.Close()
	for _, r := range rows[1:] {
		ns.add("legislator", r[2], "individual", "")
	}
}

// fakerPersons adds 24 first+last name pairs per faker locale, in native
// script (family name first for Chinese, Japanese and Korean).
func (ns *negSet) fakerPersons(src string) {
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
			fn, ln := first[ns.g.pick(len(first))], last[ns.g.pick(len(last))]
			q := fn + " " + ln
			if strings.HasPrefix(l, "zh") || l == "ja" || l == "ko" {
				q = ln + fn
			}
			ns.add("faker_person", q, "individual", l)
		}
	}
}

// lookalikes adds invented look-alikes: a real entity name of two to four
// words (legal form and stop words aside) with its rarest word replaced by
// a word of an SEC issuer name, or its number changed.
func (ns *negSet) lookalikes(sec secTickers, entries []entry) {
	g := ns.g
	var secWords []string
	for i := 1; i < len(sec); i += 4 {
		for _, w := range strings.Fields(sec[fmt.Sprint(i)].Title) {
			if len(w) >= 5 && isLatin(w) && !strings.ContainsAny(w, ".,&") {
				secWords = append(secWords, w)
			}
		}
	}
	df := wordFrequencies(entries)
	numRe := regexp.MustCompile(`\d+`)
	for i, e := range entries {
		if e.typ != "entity" || i%5 != 0 {
			continue
		}
		if loc := numRe.FindStringIndex(e.name); loc != nil {
			n := e.name[loc[0]:loc[1]]
			ns.add("lookalike_number", e.name[:loc[0]]+fmt.Sprint(atoi(n)+1+g.pick(3))+e.name[loc[1]:], "entity", e.key)
			continue
		}
		ws := words(e.name)
		best, content := rarestWord(ws, df)
		if best < 0 || content < 2 || content > 4 {
			continue
		}
		ws[best] = secWords[g.pick(len(secWords))]
		if q := strings.Join(ws, " "); !spellsOwnName(q, e) {
			ns.add("lookalike", q, "entity", e.key)
		}
	}
}

// spellsOwnName reports whether the look-alike q still spells out, letter
// for letter with the spaces taken out, a whole name of its own entry e
// (legal form aside): GAZPROM FINANCIAL OOO made from a name of the entry
// that GAZPROM also names, Carlyle RICA S PIZZA from one that RICA'S PIZZA
// names. Such a name is that party's more likely than another's, and no
// look-alike of it.
func spellsOwnName(q string, e entry) bool {
	letters := func(s string) string { return strings.ReplaceAll(evalset.Core(s), " ", "") }
	lq := letters(q)
	for _, n := range append([]string{e.name}, e.aliases...) {
		if ln := letters(n); len(ln) >= 4 && strings.Contains(lq, ln) {
			return true
		}
	}
	return false
}

// wordFrequencies counts the occurrences of each normalised word in the
// listed names and aliases.
func wordFrequencies(entries []entry) map[string]int {
	df := map[string]int{}
	for _, e := range entries {
		for _, n := range append([]string{e.name}, e.aliases...) {
			for _, w := range strings.Fields(match.Normalize(n)) {
				df[w]++
			}
		}
	}
	return df
}

// rarestWord returns the index of the rarest content word of ws by df (-1
// if none: a content word has 3 letters or more and is neither a legal form
// nor in parentheses) and the number of content words.
func rarestWord(ws []string, df map[string]int) (best, content int) {
	best = -1
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
	return best, content
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
