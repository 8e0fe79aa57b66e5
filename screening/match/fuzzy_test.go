package match

import (
	"math/rand/v2"
	"testing"
)

// TestDelHashes checks that appendDelHashes and appendDelHashPairs give
// hashDel's hash of each deletion, in order, on random words.
func TestDelHashes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	for n := 0; n < 20000; n++ {
		s := randWord(r, r.IntN(20), "abcdehiklmnorstuz")
		got := appendDelHashes(nil, seedRawDel, s)
		pairs := appendDelHashPairs(nil, s)
		if len(got) != len(s) || len(pairs) != 2*len(s) {
			t.Fatalf("%q: %d and %d hashes, want %d and %d", s, len(got), len(pairs), len(s), 2*len(s))
		}
		for i := range len(s) {
			if got[i] != hashDel(seedRawDel, s, i) || pairs[2*i] != hashDel(seedDel, s, i) || pairs[2*i+1] != hashDel(seedExact, s, i) {
				t.Fatalf("%q: deletion %d hashed otherwise", s, i)
			}
		}
	}
}
