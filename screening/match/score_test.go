package match

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortEdgesAsSortFunc checks sortEdges against slices.SortFunc with the
// same comparison on random edges, ties included: the pairings depend on
// the order of edges that compare equal.
func TestSortEdgesAsSortFunc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		for range 200 {
			es := make([]edge, n)
			for i := range es {
				es[i] = edge{qlo: int8(r.IntN(3)), qhi: int8(r.IntN(4)), clo: int8(r.IntN(3)), chi: int8(r.IntN(4)),
					sim: []float32{0.6, 0.8, 1}[r.IntN(3)], w: []float32{1, 2}[r.IntN(2)]}
			}
			want := slices.Clone(es)
			slices.SortFunc(want, func(a, b edge) int { return edgeCmp(&a, &b) })
			sortEdges(es)
			if !slices.Equal(es, want) {
				t.Fatalf("%d edges: sortEdges\n%v\nslices.SortFunc\n%v", n, es, want)
			}
		}
	}
}

// TestSpanMask checks spanMask against its definition for every pair of
// int8 bounds: the bits lo..hi set, none for an empty span or one outside
// 0..63.
func TestSpanMask(t *testing.T) {
	for lo := -128; lo < 128; lo++ {
		for hi := -128; hi < 128; hi++ {
			var want uint64
			if lo >= 0 && hi < 64 && hi >= lo {
				for i := lo; i <= hi; i++ {
					want |= 1 << uint(i)
				}
			}
			if got := spanMask(int8(lo), int8(hi)); got != want {
				t.Fatalf("spanMask(%d, %d) = %#x, want %#x", lo, hi, got, want)
			}
		}
	}
	for n := 0; n <= 64; n++ {
		if got, want := lowBits(n), spanMask(0, int8(n-1)); got != want {
			t.Fatalf("lowBits(%d) = %#x, want %#x", n, got, want)
		}
	}
}
