package match

// The Arabic article in an organisation's name: romanisations write it,
// join it to its word or leave it out (AL-RAHMAH CHARITABLE ASSOCIATION
// for RAHMAH CHARITABLE ORGANIZATION), as in a person's name
// (articlesLeftOut). Left unaligned before a word that aligned, it says
// nothing of which business the name is.

// orgArticle reports whether the query word i is the article, left
// unaligned (mask qm) before a word that aligned.
func (sc *scratch) orgArticle(i int, qm uint64) bool {
	return i+1 < len(sc.qs) && i+1 < 64 && qm&bit(i+1) != 0 && isArticle(sc.qs[i].s)
}

// listedOrgArticle reports whether the listed word t, the j-th of ctoks,
// is the article, left unaligned (mask cm) before a word that aligned.
func listedOrgArticle(t *tokInfo, j int, ctoks []int32, cm uint64) bool {
	return j+1 < len(ctoks) && j+1 < 64 && cm&bit(j+1) != 0 && isArticle(t.s)
}

// articleFree reports whether two of the edges from start or more align
// words other than the article, each at vowelShapeSim or more: the name
// agrees on words of its own, not on an article and a consonant key.
func (sc *scratch) articleFree(start int) bool {
	n := 0
	for _, e := range sc.edgeStore[start:] {
		if e.sim >= vowelShapeSim && !(e.qlo == e.qhi && isArticle(sc.qs[e.qlo].s)) {
			n++
		}
	}
	return n >= 2
}
