package match

// The person an organisation is named after, said by the query on top of a
// listed name that leaves it out: AKTSIONERNOE OBSHCHESTVO NAUCHNO
// PROIZVODSTVENNAIA KORPORATSIIA URALVAGONZAVOD IMENI F E DZERZHINSKOGO for
// URALVAGONZAVOD. A listed dedication that a query leaves out counts
// missDedication of its weight (unmatchedWeights); the same words said by
// the query and left out by the listed name count so too, and the word
// that opens the dedication (imeni, named after) says only that a name
// follows: it counts nothing, as of does.

// queryDedication returns, a bit per query word, the words of the query's
// dedication: from imeni, or named after, to the end, when the word is not
// the query's first and a word follows it; 0 if none.
func queryDedication(qs []qtok) uint64 {
	for i := 1; i < len(qs)-1 && i < 64; i++ {
		switch s := qs[i].s; {
		case s == "imeni":
			return spanMask(int8(i), int8(len(qs)-1))
		case s == "named" && qs[i+1].s == "after" && i+2 < len(qs):
			return spanMask(int8(i), int8(len(qs)-1))
		}
	}
	return 0
}

// dedicationMarker reports whether the query word s opens a dedication.
func dedicationMarker(s string) bool { return s == "imeni" || s == "named" || s == "after" }

// dedicationOnTop returns the alignment al of a listed organisation's name
// (nid, record rec) with the query's dedication (sc.qDed) read as aligned, the weight
// of the other words on top (missQ, as unmatchedWeights counted them, less
// the dedication's) and what the dedication counts: missDedication of its
// words but the marker. It holds when the name has a word of its own
// aligned (al.distinct, and not ordinaryAligned: a name of generic and
// common English words, CENTRAL REPUBLIC BANK, is told from another of its
// kind by whom it is named after), each such word is one party's
// (soleParty: of ZVEZDA, AVANGARD or RAMAK, held by several parties, the
// dedication tells which plant it is), every word of
// the dedication is left out and every aligned word comes before it; ok is
// false otherwise, and al and missQ are as given.
func (ix *Index) dedicationOnTop(sc *scratch, nid int32, rec *nameRec, ctoks []int32, al *alignment, start int, qOwn uint64, missQ float32) (alignment, float32, float32, bool) {
	ded := sc.qDed
	if !al.distinct || al.qm&ded != 0 || ix.ordinaryAligned(sc, nid, ctoks, start) {
		return *al, missQ, 0, false
	}
	for _, e := range sc.edgeStore[start:] {
		if ded&bit(int(e.qhi)) != 0 || ded&bit(int(e.qlo)) != 0 {
			return *al, missQ, 0, false
		}
		for j := e.clo; j <= e.chi; j++ {
			if t := &ix.toks[ctoks[j]]; !t.common && !t.generic && !ix.soleParty(rec, ctoks, ctoks[j]) {
				return *al, missQ, 0, false
			}
		}
	}
	var share float32
	for i := range sc.qs {
		if ded&bit(i) == 0 || qOwn&bit(i) != 0 {
			continue
		}
		q := &sc.qs[i]
		missQ -= q.w * q.variantInfo.missFactor(false, false)
		if !dedicationMarker(q.s) {
			share += q.w * missDedication
		}
	}
	out := *al
	out.qm |= ded
	return out, max(missQ, 0), share, true
}
