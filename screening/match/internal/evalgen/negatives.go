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
