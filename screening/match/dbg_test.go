package match

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	ix := NewIndex(realAliasEntries(t))
	kind := os.Getenv("K")
	n := 0
	for _, r := range readEval(t, "real/positives.csv") {
		if r.split != "dev" || (kind != "" && r.category != kind) {
			continue
		}
		ms, _ := ix.Search(context.Background(), Query{Name: r.query, Threshold: 0.05, Limit: 50})
		want := []string{}
		for _, x := range strings.Split(r.expected, "|") {
			want = append(want, Normalize(x))
		}
		var got *Match
		for i := range ms {
			if slices.ContainsFunc(ms[i].Entry.Names(), func(n string) bool { return slices.Contains(want, Normalize(n)) }) {
				got = &ms[i]
				break
			}
		}
		if got != nil && got.Score >= DefaultThreshold {
			continue
		}
		n++
		if n%2 == 0 {
			continue
		}
		s := fmt.Sprintf("%s | %q => %q", r.category, r.query, r.expected)
		if got == nil {
			s += " NOT FOUND"
		} else {
			s += fmt.Sprintf(" %.3f", got.Score)
			for _, tm := range got.Tokens {
				s += fmt.Sprintf(" [%s~%s %.2f]", tm.Query, tm.Candidate, tm.Similarity)
			}
		}
		fmt.Println(s)
	}
}
