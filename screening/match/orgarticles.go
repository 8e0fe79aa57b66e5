package match

// The Arabic article in an organisation's name: romanisations write it,
// join it to its word or leave it out (AL-RAHMAH CHARITABLE ASSOCIATION
// for RAHMAH CHARITABLE ORGANIZATION), as in a person's name
// (articlesLeftOut). Left unaligned before a word that aligned, the
// query's says nothing of which business the name is. The listed name's
// article is not read so: on the real-alias sets the query's article
// alone gains the same aliases, and the listed side's would be looked for
// in every organisation name scored.

// articleWords returns the mask of the query words qs that are the
// article.
func articleWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if i < 64 && isArticle(qs[i].s) {
			m |= bit(i)
		}
	}
	return m
}

// orgArticles returns the mask of the query's articles (sc.qArticles)
// left unaligned (mask qm) before a word that aligned, when two words or
// more besides them agree (articleFree, edges from start): words that
// unmatchedWeights does not count. Out of line: few queries write the
// article.
//
//go:noinline
func (sc *scratch) orgArticles(qm uint64, start int) uint64 {
	var qa uint64
	for i := 0; i+1 < len(sc.qs) && i+1 < 64; i++ {
		if sc.qArticles&bit(i) != 0 && qm&bit(i) == 0 && qm&bit(i+1) != 0 {
			qa |= bit(i)
		}
	}
	if qa == 0 || !sc.articleFree(start) {
		return 0
	}
	return qa
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
