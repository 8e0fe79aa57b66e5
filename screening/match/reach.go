package match

import (
	"math"
	"math/bits"
	"slices"
)

// reachEdges compares directly the query words and the words of the name
// nid (words ctoks, record rec) that the alignment al left over, when the
// name is one of the best reachCandidates candidates and pairing them could
// lift it to th, and adds to sc.edges the pairs that reach minTokSim
// (reachMinSimAlone beside a single aligned word); it reports whether it
// added any. A respelled word that
// neither the fuzzy keys nor a listed word's neighbours reach (Husayn /
// Hasan, Fatiyo / Futuyo) is so still compared with the words of the names
// that the query's other words found.
func (ix *Index) reachEdges(sc *scratch, nid int32, rec *nameRec, ctoks []int32, al *alignment, boost, th float64) bool {
	if al.qm == spanMask(0, int8(len(sc.qs)-1)) || al.cm == spanMask(0, int8(len(ctoks)-1)) {
		return false // every word of one side aligned
	}
	if len(sc.qcons) < len(sc.qs) {
		// first call of this query
		sc.reachStart()
	}
	// a name whose bit is not set is none of reachNames: most of the
	// names scored are not, and a bit costs less than the list
	if sc.reachBits&bit(int(nid)) == 0 || !slices.Contains(sc.reachNames, nid) || !ix.pairsCanReach(sc, ctoks, al, boost, th) {
		return false
	}
	return ix.reachPairs(sc, rec, ctoks, al)
}

// reachStart makes, on reachEdges' first call for a query, the query
// words' consonant sets and the names of the best candidates
// (reachNames, reachBits). Out of line, as reachPairs.
//
//go:noinline
func (sc *scratch) reachStart() {
	sc.qcons = sc.qcons[:0]
	for i := range sc.qs {
		sc.qcons = append(sc.qcons, consonantSet(sc.qs[i].skel))
	}
	sc.reachNames = topCandNames(sc.reachNames[:0], sc.cands)
	sc.reachBits = 0
	for _, n := range sc.reachNames {
		sc.reachBits |= bit(int(n))
	}
}

// reachPairs is reachEdges' comparison of the words al leaves over, for
// the few names a search that may gain by it: out of line, so that the
// scoring of the others, which return before it, stays compact in the
// instruction cache.
//
//go:noinline
func (ix *Index) reachPairs(sc *scratch, rec *nameRec, ctoks []int32, al *alignment) bool {
	east := int8(-1)
	minSim := float32(minTokSim)
	if bits.OnesCount64(al.cm) < 2 {
		// one word agrees: the other must be more than loosely alike
		// (PANKOV, Nikolay is not PESKOV, Nikolay: pankov / peskov 0.63)
		minSim = reachMinSimAlone
	}
	added := false
	// the words left over by their bits, in order (a query keeps at most
	// 24 words, a listed name 64)
	cFree := ^al.cm & lowBits(len(ctoks))
	for mq := ^al.qm & lowBits(len(sc.qs)); mq != 0; mq &= mq - 1 {
		i := bits.TrailingZeros64(mq)
		q := &sc.qs[i]
		if q.w == 0 || len(q.skel) == 0 {
			continue
		}
		qc := sc.qcons[i]
		for mc := cFree; mc != 0; mc &= mc - 1 {
			j := bits.TrailingZeros64(mc)
			t := &ix.toks[ctoks[j]]
			if rec.individual && min(len(q.s), len(t.s)) == 2 {
				if s := vowellessPairSim(q, t); s > 0 {
					// a word of two consonants written without a
					// vowel (AL-DJ, al-Daj: persons4.go)
					sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(j), s, t.w})
					added = true
					continue
				}
			}
			d := len(q.s) - len(t.s)
			if d > maxLenDiff || d < -maxLenDiff || min(len(q.s), len(t.s)) <= 3 && (d > 1 || d < -1) {
				// too different in length, or a short word against a
				// word more than a letter longer (Tan, Thune)
				continue
			}
			if len(t.skel) == 0 || t.skel[0] != q.skel[0] && !(rec.individual && initialDiphthongs(q.s, t.s)) || bits.OnesCount32(qc^consonantSet(t.skel)) > reachMaxConsDiff {
				// respellings keep the first letter and most consonants;
				// in a person's name, a diphthong the words start with
				// may be spelt two ways (personforms.go)
				continue
			}
			// below minSim tokSimFrom may be lower than tokSim: so is
			// then personRespelling's result, whose tests of s compare
			// with constants above minSim (0.78 or more), and the pair
			// is dropped either way
			s := ix.tokSimFrom(q, t, min(minSim, maxStrSimFloor), nil)
			if rec.individual {
				s = personRespelling(q, t, s) // as gatherEdges compares a person's hits
			}
			if s < minSim || rec.individual && s < 1 && ix.otherSyllabicName(q, t, rec, &east, nil) {
				continue
			}
			sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(j), s, t.w})
			added = true
		}
	}
	return added
}

// reachMinSimAlone is the least similarity of a pair reachEdges adds to a
// name of which one word agrees. The dev half chose it: 0.6 let
// PESKOV, Nikolay match PANKOV, Nikolay in the SDN history replay, 0.7 kept
// one respelling fewer than 0.65.
const reachMinSimAlone = 0.65

// reachMaxConsDiff is the most consonant letters that the skeletons of two
// words reachEdges compares may have on one side only.
const reachMaxConsDiff = 2

// consonantSet is the set of consonant letters of a skeleton, a bit a
// letter.
func consonantSet(skel string) uint32 {
	var m uint32
	for i := 0; i < len(skel); i++ {
		if c := skel[i]; c >= 'a' && c <= 'z' && !isSkelVowel(c) {
			m |= 1 << (c - 'a')
		}
	}
	return m
}

// pairsCanReach reports whether pairing the words al leaves over could
// lift the name to th: each leftover query word with a weight pairs at
// most one leftover listed word, at similarity 1 at best, and the listed
// words left unpaired count nothing (the least any rule counts them).
func (ix *Index) pairsCanReach(sc *scratch, ctoks []int32, al *alignment, boost, th float64) bool {
	// the words left over by their bits, in order (a query keeps at most
	// 24 words, a listed name 64)
	nq := 0
	for m := ^al.qm & lowBits(len(sc.qs)); m != 0; m &= m - 1 {
		if sc.qs[bits.TrailingZeros64(m)].w > 0 {
			nq++
		}
	}
	// the nq heaviest leftover listed words
	var top [4]float32
	k := min(nq, len(top))
	if k == 0 {
		return false
	}
	for mc := ^al.cm & lowBits(len(ctoks)); mc != 0; mc &= mc - 1 {
		w := ix.toks[ctoks[bits.TrailingZeros64(mc)]].w
		for m := 0; m < k; m++ {
			if w > top[m] {
				copy(top[m+1:k], top[m:k-1])
				top[m] = w
				break
			}
		}
	}
	var wp float32
	for _, w := range top[:k] {
		wp += w
	}
	if wp == 0 {
		return false
	}
	best := float64((al.num + 2*wp) / (al.matchedW + 2*wp))
	return best+boost >= th
}

// reachCandidates is the number of candidates, the best first, whose
// leftover words reachEdges compares.
const reachCandidates = 8

// topCandNames appends to dst the names of the reachCandidates candidates
// of cs with the highest estimate, of equal estimates the first in cs, the
// best first.
//
// A candidate ranks above another by a higher estimate or, at the same
// estimate, an earlier place in cs. The eight best are kept in eight
// registers, t0 the best, and every candidate goes in without a branch:
// the m-th best of the kept and c is the greater of the m-th kept and the
// lesser of the one before and c (max and min are conditional moves).
// Where a candidate goes among the kept, and whether it goes at all,
// follows no pattern a predictor learns.
func topCandNames(dst []int32, cs []cand) []int32 {
	// a candidate as one integer, as candKey: its estimate's bits (never
	// negative, so they order as the estimate does) above its place the
	// other way round, so that the larger integer ranks above; never 0
	// (a place's complement is not), so 0 stands for none
	var t0, t1, t2, t3, t4, t5, t6, t7 uint64
	for k := len(cs) - 1; k >= 0; k-- {
		c := uint64(math.Float32bits(cs[k].acc))<<32 | uint64(^uint32(k))
		t7 = max(t7, min(t6, c))
		t6 = max(t6, min(t5, c))
		t5 = max(t5, min(t4, c))
		t4 = max(t4, min(t3, c))
		t3 = max(t3, min(t2, c))
		t2 = max(t2, min(t1, c))
		t1 = max(t1, min(t0, c))
		t0 = max(t0, c)
	}
	top := [...]uint64{t0, t1, t2, t3, t4, t5, t6, t7}
	var _ [len(top) - reachCandidates]struct{} // reachCandidates is 8
	var _ [reachCandidates - len(top)]struct{}
	for _, c := range top[:min(len(cs), len(top))] {
		dst = append(dst, cs[^uint32(c)].name)
	}
	return dst
}
