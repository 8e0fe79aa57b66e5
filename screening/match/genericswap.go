package match

// genericSwap reports whether a listed organisation's name and the query,
// aligned by al, agree on a distinctive word and differ only in words that
// say what a business is or does: the generic words and organisation
// descriptors left over on both sides (SIAS TRADING for SIAS INVESTMENT,
// "Research and Production Enterprise Sapfir" for RESEARCH AND DEVELOPMENT
// ENTERPRISE SAPFIR). Such words are swapped as a business describes itself
// one way or another, so they count as words left out, not as a different
// name with its substitution cost (scoreDenominator).
func (ix *Index) genericSwap(sc *scratch, rec *nameRec, ctoks []int32, al *alignment) bool {
	if rec.individual || !al.distinct || len(ctoks) > 64 {
		return false
	}
	// the listed words first: each carries a flag, the query's words are
	// looked up in a map
	return ix.genericLeft(ctoks, al.cm) && sc.descriptorsLeft(al.qm)
}

// descriptorsLeft reports whether every query word that the mask qm leaves
// out is a generic word or a descriptor in any language: what a business
// is or does, not a name.
func (sc *scratch) descriptorsLeft(qm uint64) bool {
	for i := range sc.qs {
		if q := &sc.qs[i]; qm&bit(i) == 0 && !isGenericWord(q.s) && !isOrgDescriptor(q.group) {
			return false
		}
	}
	return true
}

// genericLeft reports whether every word of the name ctoks that the mask
// cm leaves out is a generic word or a descriptor.
func (ix *Index) genericLeft(ctoks []int32, cm uint64) bool {
	for j, ct := range ctoks {
		if t := &ix.toks[ct]; cm&bit(j) == 0 && !t.orgGeneric() {
			return false
		}
	}
	return true
}
