package match

// The greedy alignment takes the most similar pairings first and, among
// equally similar ones, the heaviest: a listed name's acronym of its own
// words (HK P&W INDUSTRY CO. LTD (HKPW)) lets the query's three words
// HK P W pair with the listed HKPW at 1.0, heavier than each of them alone,
// and the query's own HKPW and the listed HK, P and W are then left over:
// the name's own text scored 0.684. Where the alignment took such an edge
// and a word in it has its same word outside it on the other side, the
// pairings are taken again with every pair of one word each that agrees exactly first, and
// the alignment that aligns more (similarity-weighted) is kept.

// exactPairLeft reports whether an edge of the alignment (its edges in
// sc.edgeStore from start) with more than one word on a side holds a word
// whose same word stands outside the edge on the other side: a query word
// in it that is a listed word the edge left, or a listed word in it that
// is a query word the edge left.
func (ix *Index) exactPairLeft(sc *scratch, ctoks []int32, start int) bool {
	for _, e := range sc.edgeStore[start:] {
		if e.qhi == e.qlo && e.chi == e.clo {
			continue
		}
		for i := e.qlo; i <= e.qhi; i++ {
			if q := &sc.qs[i]; q.known {
				for j, t := range ctoks {
					if t == q.id && (int8(j) < e.clo || int8(j) > e.chi) {
						return true
					}
				}
			}
		}
		for j := e.clo; j <= e.chi; j++ {
			for i := range sc.qs {
				if q := &sc.qs[i]; q.known && q.id == ctoks[j] && (int8(i) < e.qlo || int8(i) > e.qhi) {
					return true
				}
			}
		}
	}
	return false
}

// alignExactFirst aligns the query with the name ctoks again, the pairs of
// one word each that agree exactly (similarity 1) first and then the
// other edges in their order, and returns the alignment, of the two, that
// aligns more: its edges are in sc.edgeStore from start, and sc.edges in
// the order it took them.
func (ix *Index) alignExactFirst(sc *scratch, ctoks []int32, start int, first alignment) alignment {
	k := 0
	for i, e := range sc.edges {
		if e.sim >= 1 && e.qhi == e.qlo && e.chi == e.clo {
			// move it before the others, keeping both runs in order
			copy(sc.edges[k+1:i+1], sc.edges[k:i])
			sc.edges[k] = e
			k++
		}
	}
	firstEnd := len(sc.edgeStore)
	al := ix.align(sc, ctoks)
	if al.num > first.num {
		// the new edges replace the first alignment's
		n := copy(sc.edgeStore[start:], sc.edgeStore[firstEnd:])
		sc.edgeStore = sc.edgeStore[:start+n]
		return al
	}
	sc.edgeStore = sc.edgeStore[:firstEnd]
	sortEdges(sc.edges)
	return first
}
