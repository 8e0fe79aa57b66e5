package match

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// TestAddPostings checks addPostings against the loop it replaced (a
// branch on acc[n] == 0 and an append): the same sums and the same names
// touched, in the same order, over random postings with names repeated,
// adds of zero and accumulators of -0.
func TestAddPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 2000; round++ {
		nNames := 1 + r.IntN(50)
		acc := make([]float32, nNames)
		want := make([]float32, nNames)
		for i := range acc {
			switch r.IntN(4) {
			case 0:
				acc[i] = float32(math.Copysign(0, -1))
			case 1:
				acc[i] = r.Float32()
			}
			want[i] = acc[i]
		}
		var touched, wantTouched []int32
		for range 1 + r.IntN(6) {
			ps := make([]int32, r.IntN(20))
			for i := range ps {
				ps[i] = int32(r.IntN(nNames))
			}
			add := float32(0)
			if r.IntN(4) != 0 {
				add = r.Float32() * 3
			}
			for _, n := range ps {
				a := want[n]
				if a == 0 {
					wantTouched = append(wantTouched, n)
				}
				want[n] = a + add
			}
			touched = slices.Grow(touched, len(ps))
			bits := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(acc))), len(acc))
			k := addPostings(bits, ps, touched[:cap(touched)], len(touched), add)
			touched = touched[:k]
		}
		if !slices.Equal(touched, wantTouched) {
			t.Fatalf("round %d: touched %v, want %v", round, touched, wantTouched)
		}
		for i := range acc {
			if math.Float32bits(acc[i]) != math.Float32bits(want[i]) {
				t.Fatalf("round %d: acc[%d] = %v, want %v", round, i, acc[i], want[i])
			}
		}
	}
}
