package match

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

type evalRow struct {
	split, category, query, typ, expected string
}

func readEval(t testing.TB, name string) []evalRow {
	t.Helper()
	f, err := os.Open("../../testdata/eval/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]evalRow, 0, len(rows))
	for _, r := range rows[1:] {
		out = append(out, evalRow{r[0], r[1], r[2], r[3], r[4]})
	}
	return out
}

type tally struct{ n, hit int }

// TestEvaluation computes recall on labelled variants of real list names and
// the false-positive rate on real non-listed names at DefaultThreshold, per
// category and split, and fails below recall 0.97 or above FPR 0.01 on the
// test split.
func TestEvaluation(t *testing.T) {
	ix := NewIndex(testEntries(t))
	ctx := context.Background()
	pos, neg := readEval(t, "positives.csv"), readEval(t, "negatives.csv")
	stats := map[string]*tally{}
	bump := func(k string, hit bool) {
		s := stats[k]
		if s == nil {
			s = &tally{}
			stats[k] = s
		}
		s.n++
		if hit {
			s.hit++
		}
	}
	var misses, fps []string
	for _, r := range pos {
		ms, err := ix.Search(ctx, Query{Name: r.query})
		if err != nil {
			t.Fatalf("%q: %v", r.query, err)
		}
		want := Normalize(r.expected)
		found := slices.ContainsFunc(ms, func(m Match) bool {
			return slices.ContainsFunc(m.Entry.Names(), func(n string) bool { return Normalize(n) == want })
		})
		bump("pos/"+r.split+"/"+r.category, found)
		bump("pos/"+r.split+"/all", found)
		if !found && r.split == "dev" {
			misses = append(misses, fmt.Sprintf("%s: %q want %q", r.category, r.query, r.expected))
		}
	}
	for _, r := range neg {
		ms, err := ix.Search(ctx, Query{Name: r.query})
		if err != nil {
			t.Fatalf("%q: %v", r.query, err)
		}
		bump("neg/"+r.split+"/"+r.category, len(ms) > 0)
		bump("neg/"+r.split+"/all", len(ms) > 0)
		if len(ms) > 0 && r.split == "dev" {
			fps = append(fps, fmt.Sprintf("%s: %q -> %q %.3f", r.category, r.query, ms[0].Name, ms[0].Score))
		}
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "\n| set | split | category | n | rate |\n|---|---|---|---:|---:|\n")
	for _, k := range keys {
		p := strings.SplitN(k, "/", 3)
		s := stats[k]
		what := "recall"
		if p[0] == "neg" {
			what = "FPR"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s %.3f |\n", p[0], p[1], p[2], s.n, what, float64(s.hit)/float64(s.n))
	}
	t.Log(b.String())
	if testing.Verbose() {
		for i, m := range misses {
			if i < 60 {
				t.Log("miss ", m)
			}
		}
		for i, m := range fps {
			if i < 60 {
				t.Log("fp ", m)
			}
		}
	}
	rec := stats["pos/test/all"]
	fpr := stats["neg/test/all"]
	if r := float64(rec.hit) / float64(rec.n); r < 0.97 {
		t.Errorf("test recall %.3f < 0.97", r)
	}
	if f := float64(fpr.hit) / float64(fpr.n); f > 0.01 {
		t.Errorf("test FPR %.3f > 0.01", f)
	}
}

var _ = lists.TypeEntity
