package match

import (
	"math/rand"
	"slices"
	"testing"
)

// TestAddHitChained checks that addHit on a scratch whose hits are chained
// by token (linkHits) keeps the same hits, in the same order, and the same
// best similarities as on one that is not, which looks repeats up by
// scanning: random hits of few words and tokens, so that many repeat, with
// hitsFrom moved on now and then as findHits moves on to another word.
func TestAddHitChained(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const ntoks = 20
	for round := 0; round < 200; round++ {
		var linked, plain scratch
		linked.linkHits(ntoks)
		for n := 0; n < 60; n++ {
			if r.Intn(15) == 0 {
				linked.hitsFrom = len(linked.hits)
				plain.hitsFrom = len(plain.hits)
			}
			lo := int8(r.Intn(3))
			h := simHit{qlo: lo, qhi: lo + int8(r.Intn(2)), tok: int32(r.Intn(ntoks)), sim: float32(r.Intn(10)) / 10}
			linked.addHit(h)
			plain.addHit(h)
		}
		if !slices.Equal(linked.hits, plain.hits) || linked.bestSingle != plain.bestSingle {
			t.Fatalf("round %d: chained hits %v, best %v; scanned %v, best %v", round, linked.hits, linked.bestSingle, plain.hits, plain.bestSingle)
		}
		// the chains hold every hit of their token, the last first
		for tok := int32(0); tok < ntoks; tok++ {
			var want, got []int32
			for k := len(linked.hits) - 1; k >= 0; k-- {
				if linked.hits[k].tok == tok {
					want = append(want, int32(k+1))
				}
			}
			for k := linked.hitHead[tok]; k != 0; k = linked.hitNext[k-1] {
				got = append(got, k)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: chain of token %d is %v, want %v", round, tok, got, want)
			}
		}
	}
}
