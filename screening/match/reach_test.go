package match

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestReachEdges checks that a respelled word that no fuzzy key reaches
// is compared with the words of a name the query's other words found,
// and that a short word is not paired with a much longer one.
func TestReachEdges(t *testing.T) {
	var entries []*lists.Entry
	for i, n := range []string{"FUTUYO, Alfred", "TAN, John", "JOHNSON, Alfred", "KAMARA, Alfred", "DOE, John", "SMITH, Peter"} {
		entries = append(entries, &lists.Entry{Source: lists.SourceInternal, ID: fmt.Sprint(i), Type: lists.TypeIndividual, Name: n})
	}
	ix := NewIndex(entries)
	ctx := context.Background()

	// Fatiyo and Futuyo: the same consonants, other vowels (0.82); the
	// skeleton keys differ and the consonant key "ft" is too short to be
	// looked up
	ms, err := ix.Search(ctx, Query{Name: "FATIYO, Alfred"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "FUTUYO, Alfred" {
		t.Fatalf("FATIYO, Alfred: got %+v, want FUTUYO, Alfred", ms)
	}
	want := map[string]TokenMatch{
		"fatiyo": {Query: "fatiyo", Candidate: "futuyo", Similarity: vowelShapeSim},
		"alfred": {Query: "alfred", Candidate: "alfred", Similarity: 1},
	}
	if len(ms[0].Tokens) != len(want) {
		t.Fatalf("tokens %+v, want %v", ms[0].Tokens, want)
	}
	for _, tm := range ms[0].Tokens {
		if w, ok := want[tm.Query]; !ok || tm != w {
			t.Errorf("token %+v, want %+v", tm, w)
		}
	}

	// a word of three letters is not paired with one two letters longer,
	// though their consonants agree (Tan, Thune)
	ms, err = ix.Search(ctx, Query{Name: "John Thune", Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		for _, tm := range m.Tokens {
			if tm.Query == "thune" {
				t.Errorf("John Thune: %q paired with %q at %.2f", tm.Query, tm.Candidate, tm.Similarity)
			}
		}
	}
}

// TestTopCandNames checks topCandNames against its definition on random
// candidate lists with many equal estimates: the reachCandidates names of
// the highest estimates, of equal ones the first in the list, best first.
func TestTopCandNames(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		cs := make([]cand, r.IntN(40))
		for i := range cs {
			cs[i] = cand{name: int32(r.IntN(1000)), acc: float32(r.IntN(6)) / 4}
		}
		order := make([]int, len(cs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cs[b].acc, cs[a].acc) })
		var want []int32
		for _, i := range order[:min(len(order), reachCandidates)] {
			want = append(want, cs[i].name)
		}
		if got := topCandNames(nil, cs); !slices.Equal(got, want) {
			t.Fatalf("topCandNames(%v) = %v, want %v", cs, got, want)
		}
	}
}
