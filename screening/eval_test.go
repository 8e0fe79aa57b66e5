package screening

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/match"
)

// evalCase is one row of testdata/eval (see its README).
type evalCase struct {
	split, category, query, typ, expected string
}

func readEvalSet(t testing.TB, name string) []evalCase {
	t.Helper()
	f, err := os.Open("../testdata/eval/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]evalCase, 0, len(rows)-1)
	for _, r := range rows[1:] {
		out = append(out, evalCase{r[0], r[1], r[2], r[3], r[4]})
	}
	return out
}

// bandCount counts cases by the strongest band they reach.
type bandCount struct{ n, confirmed, potential int }

func (b *bandCount) add(strength string) {
	b.n++
	switch strength {
	case StrengthConfirmed:
		b.confirmed++
	case StrengthPotential:
		b.potential++
	}
}

func pct(k, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(k)/float64(n))
}

// TestEvaluationBands screens the name-matching evaluation set
// (testdata/eval) through Screen at the embedded defaults and reports, per
// category, how many true positives are confirmed and how many potential,
// and how many negatives reach each band. It fails when any negative,
// the hard collisions included (real issuers whose name is a listed name
// but for its legal form's spelling), is confirmed. It also reports the sweep of
// thresholds.confirm in docs/decisions.md: the share of positives whose
// name score reaches each value (confirmed once an identifier, date of
// birth or address country agrees) and of negatives that would be confirmed
// if such a detail agreed by coincidence.
func TestEvaluationBands(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation runs in the full test suite")
	}
	s := embedded(t)
	ctx := context.Background()
	screen := func(c evalCase) Decision {
		d, err := s.Screen(ctx, Request{ID: "eval", Parties: []Party{{Name: c.query, Type: c.typ}}})
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		return d
	}
	rank := map[string]int{"": 0, StrengthPotential: 1, StrengthConfirmed: 2}
	sweep := []float64{0.80, 0.84, 0.86, 0.88, 0.90, 0.92, 0.94, 0.96, 0.98, 1.00}
	// per split: dev (where the default was chosen) and test
	posAt := map[string][]int{"dev": make([]int, len(sweep)), "test": make([]int, len(sweep))}
	negAt := map[string][]int{"dev": make([]int, len(sweep)), "test": make([]int, len(sweep))}
	nPos, nNeg := map[string]int{}, map[string]int{}
	var atOne []string // negatives whose name score is 1: no threshold keeps them out
	pos, neg := map[string]*bandCount{}, map[string]*bandCount{}
	bump := func(m map[string]*bandCount, k, strength string) {
		if m[k] == nil {
			m[k] = &bandCount{}
		}
		m[k].add(strength)
	}
	for _, c := range readEvalSet(t, "positives.csv") {
		d := screen(c)
		want := match.Normalize(c.expected)
		best, name := "", 0.0
		for _, m := range d.Matches {
			if m.Via != "name" {
				continue
			}
			e, ok := s.Lists().Get(m.List + ":" + m.EntryID)
			if !ok || !slices.ContainsFunc(e.Names(), func(n string) bool { return match.Normalize(n) == want }) {
				continue
			}
			if rank[m.Strength] > rank[best] {
				best = m.Strength
			}
			name = max(name, m.NameScore)
		}
		bump(pos, c.category, best)
		bump(pos, "all", best)
		nPos[c.split]++
		for i, th := range sweep {
			if best != "" && name >= th {
				posAt[c.split][i]++
			}
		}
	}
	var confirmedNeg []string
	for _, c := range readEvalSet(t, "negatives.csv") {
		d := screen(c)
		best, name := "", 0.0
		for _, m := range d.Matches {
			if rank[m.Strength] > rank[best] {
				best = m.Strength
			}
			name = max(name, m.NameScore)
		}
		bump(neg, c.category, best)
		if best == StrengthConfirmed {
			confirmedNeg = append(confirmedNeg, c.category+": "+c.query)
		}
		if c.category == "hard_collision" {
			continue
		}
		bump(neg, "all", best)
		nNeg[c.split]++
		if name >= 1 {
			atOne = append(atOne, c.category+": "+c.query)
		}
		for i, th := range sweep {
			if best != "" && name >= th {
				negAt[c.split][i]++
			}
		}
	}
	var b strings.Builder
	table := func(title string, m map[string]*bandCount) {
		fmt.Fprintf(&b, "\n%s:\n| category | n | confirmed | potential | no hit |\n|---|---:|---:|---:|---:|\n", title)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := m[k]
			fmt.Fprintf(&b, "| %s | %d | %d (%s) | %d (%s) | %d |\n", k, c.n, c.confirmed, pct(c.confirmed, c.n), c.potential, pct(c.potential, c.n), c.n-c.confirmed-c.potential)
		}
	}
	table("positives (the expected entry)", pos)
	table("negatives (any entry; all = without hard_collision)", neg)
	fmt.Fprintf(&b, "\nthresholds.confirm sweep (hits whose name score is at or above):\n| confirm | positives dev | negatives dev | positives test | negatives test |\n|---:|---:|---:|---:|---:|\n")
	for i, th := range sweep {
		fmt.Fprintf(&b, "| %.2f | %d (%s) | %d (%s) | %d (%s) | %d (%s) |\n", th,
			posAt["dev"][i], pct(posAt["dev"][i], nPos["dev"]), negAt["dev"][i], pct(negAt["dev"][i], nNeg["dev"]),
			posAt["test"][i], pct(posAt["test"][i], nPos["test"]), negAt["test"][i], pct(negAt["test"][i], nNeg["test"]))
	}
	fmt.Fprintf(&b, "\nnegatives with name score 1: %q\n", atOne)
	t.Log(b.String())
	if len(confirmedNeg) > 0 {
		t.Errorf("%d negatives confirmed: %q", len(confirmedNeg), confirmedNeg)
	}
}
