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
	"slices"
	"strings"

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
