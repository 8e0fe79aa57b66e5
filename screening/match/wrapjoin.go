package match

import "strings"

// A name written surname first with a comma (HIENG, Hing Bun) is said in
// the other order, its given names first (Hing Bun Hieng), and there its
// last given name stands beside the surname. A romanisation that joins
// the two (Bunheang, Hing) writes a word of two name parts that are not
// adjacent in the listed order: the last word and the first. splitPair
// compares adjacent words only; wrapSplitPair compares that pair.

// wrapSplitPair adds to al, once splitPair has nothing more, the edges of
// a word left over on one side of a person's name against the last and
// the first words of the other side, left over too, written together in
// that order (sameJoined), when that side is written surname first with
// a comma and has given names after it. A query word against the listed
// pair takes two edges, one a listed word, each with its weight; a listed
// word against the query's pair one edge of its weight and one of none.
func (ix *Index) wrapSplitPair(sc *scratch, rec *nameRec, ctoks []int32, al *alignment) {
	nq, nc := len(sc.qs), len(ctoks)
	if nq > 64 || nc > 64 || nq < 1 || nc < 1 || nq+nc < 4 {
		return
	}
	var words [2]string
	// one query word against the listed last and first words
	if nc >= 2 && al.cm&bit(0) == 0 && al.cm&bit(nc-1) == 0 {
		first, last := &ix.toks[ctoks[0]], &ix.toks[ctoks[nc-1]]
		words[0], words[1] = last.s, first.s
		for i := 0; i < nq; i++ {
			q := &sc.qs[i]
			if al.qm&bit(i) != 0 || !mayJoin(q.s, q.skel, q.cons, last.skel, first.skel, last.cons, first.cons) || !splitCandidate(q.s, q.cons) {
				continue
			}
			if sameJoined(q.s, q.skel, words[:]) != 2 || !ix.listedSurnameFirst(sc, rec, nc) {
				continue
			}
			al.take(sc, edge{int8(i), int8(i), int8(nc - 1), int8(nc - 1), splitSim, last.w})
			al.take(sc, edge{int8(i), int8(i), 0, 0, splitSim, first.w})
			return
		}
	}
	// one listed word against the query's last and first words
	if nq >= 2 && al.qm&bit(0) == 0 && al.qm&bit(nq-1) == 0 {
		words[0], words[1] = sc.qs[nq-1].s, sc.qs[0].s
		for j := 0; j < nc; j++ {
			t := &ix.toks[ctoks[j]]
			if al.cm&bit(j) != 0 || !mayJoin(t.s, t.skel, t.cons, sc.qs[nq-1].skel, sc.qs[0].skel, sc.qs[nq-1].cons, sc.qs[0].cons) || !splitCandidate(t.s, t.cons) {
				continue
			}
			if sameJoined(t.s, t.skel, words[:]) != 2 {
				continue
			}
			if sc.qSurname < 0 {
				sc.qSurname = sc.surnameWords(sc.qName)
			}
			if sc.qSurname == 0 || sc.qSurname >= nq {
				return
			}
			al.take(sc, edge{int8(nq - 1), int8(nq - 1), int8(j), int8(j), splitSim, t.w})
			al.take(sc, edge{0, 0, int8(j), int8(j), splitSim, 0})
			return
		}
	}
}

// listedSurnameFirst reports whether the listed name rec, of nc words, is
// written surname first with a comma and has given names after it.
func (ix *Index) listedSurnameFirst(sc *scratch, rec *nameRec, nc int) bool {
	name := ix.listedName(rec)
	if !strings.Contains(name, ",") {
		return false
	}
	cs := sc.surnameWords(name)
	return cs > 0 && cs < nc
}

// mayJoin reports whether word w (skeleton wskel, consonants wcons) may be
// words a and b written together for sameJoined, before it compares them:
// its consonants those of a then b (a consonant doubled across the join
// written once, as appendConsonants writes it), or, for a word long enough
// to be compared by its skeleton, its skeleton a's (but for a's last
// letter, which the join may read otherwise) and about as long as both.
func mayJoin(w, wskel, wcons, askel, bskel, acons, bcons string) bool {
	if n := len(askel) + len(bskel); len(w) >= minSkelJoin && len(askel) > 0 && len(wskel) >= n-1 && len(wskel) <= n+1 && strings.HasPrefix(wskel, askel[:len(askel)-1]) {
		return true
	}
	if !strings.HasPrefix(wcons, acons) {
		return false
	}
	rest := wcons[len(acons):]
	if rest == bcons {
		return true
	}
	return len(bcons) > 0 && len(acons) > 0 && acons[len(acons)-1] == bcons[0] && rest == bcons[1:]
}
