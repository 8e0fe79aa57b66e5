package match

// A one-word organisation name mistyped by one letter (LRKOIL for LUKOIL,
// SOLMUR for SOLMAR, KOHALA for KOHANA), or respelt and mistyped at once
// (TERNEFTGAS for TERNEFTEGAZ: gas for gaz, an e dropped, one slip apart
// in their romanisation skeletons), aligned as a single fuzzy word,
// and a single fuzzy word is weak evidence: its similarity counts as
// sim^1.5, which put every such slip of a word of six letters at 0.784,
// under the threshold, however rare the listed word. coinedTypo reads a
// query word that no listed name has, one keyboard slip from a listed
// coined word (a letter changed, added or dropped, or two adjacent letters
// swapped, after the first letter), as that word mistyped: as strong
// evidence as its similarity says. A query word that is itself a listed
// word names that party (METHEL would be another listed name, not MECHEL
// mistyped), an English word is the word, and a short word one letter
// from another is as often a different brand: minCoinedTypoLen.

// minCoinedTypoLen is the least length of the listed word that coinedTypo
// reads a slip of.
const minCoinedTypoLen = 6

// coinedTypo reports whether e, the one edge of a listed organisation's
// name (ctoks), pairs a query word that is no listed word and no English
// word with a listed coined word (coinedWord) of minCoinedTypoLen letters
// or more that it mistypes by one slip after the first letter
// (oneSlipApart), in its letters or, of five consonants or more, in its
// romanisation skeleton (appendSkeleton).
func (ix *Index) coinedTypo(sc *scratch, ctoks []int32, e *edge) bool {
	if e.qlo != e.qhi || e.clo != e.chi || e.sim >= 1 {
		return false
	}
	q, t := &sc.qs[e.qlo], &ix.toks[ctoks[e.clo]]
	if q.known || len(t.s) < minCoinedTypoLen || !coinedWord(t) || isEnglishWord(q.s) || q.s[0] != t.s[0] {
		return false
	}
	return oneSlipApart(q.s, t.s) || len(q.skel) >= 5 && oneSlipApart(q.skel, t.skel)
}

// oneSlipApart reports whether a and b differ by one letter added,
// dropped or changed (oneEditApart) or by two adjacent letters swapped.
func oneSlipApart(a, b string) bool {
	if oneEditApart(a, b) {
		return true
	}
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
