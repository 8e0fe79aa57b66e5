package match

import "strings"

// Russian к and х side by side in an acronym. The romanisation tables
// write к as k and х as kh, so ТКХ is TKKH; writers who read the letters
// as sounds write the two as one kh (TKH). A query word without a vowel
// (an acronym) that holds kh after another consonant but k is looked up
// with kkh there, and one that holds kkh with kh: an exact look-up, at the
// similarity of equal skeletons.

// maxKKhLen is the longest acronym kkhHits reads.
const maxKKhLen = 12

// kkhHits adds the listed word that query word i (q) is with its kh
// written kkh, or its kkh written kh.
func (ix *Index) kkhHits(sc *scratch, q *qtok, i int8) {
	w := q.s
	if len(w) < 3 || len(w) > maxKKhLen || hasVowel(w) {
		return
	}
	var buf [maxKKhLen + 1]byte
	var r []byte
	if k := strings.Index(w, "kkh"); k >= 0 {
		r = append(append(buf[:0], w[:k]...), w[k+1:]...)
	} else if k := strings.Index(w, "kh"); k > 0 && w[k-1] != 'k' {
		r = append(append(append(buf[:0], w[:k]...), 'k'), w[k:]...)
	} else {
		return
	}
	if id, ok := ix.tokenID(bytesString(r)); ok {
		sc.raiseHit(simHit{i, i, id, skelEqualSim(len(w))})
	}
}
