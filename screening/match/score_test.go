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
