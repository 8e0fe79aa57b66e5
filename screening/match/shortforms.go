package match

import "math/bits"

// Short forms of a listed organisation's name: which part of the name a
// short form keeps.

// missLeading is the share of its weight that a distinctive word of a
// listed organisation's name counts for when a query leaves it out and
// keeps the name's first word and at least as many of its words as it
// leaves out, in their order (leadingKept): the short form of a name
// keeps its head and drops what qualifies it (BANK REFAH for BANK REFAH
// KARGARAN, JAHAN TECH for JAHAN TECH ROOYAN PARS).
const missLeading = 0.4

// leadDiscount returns what unmatchedWeights takes off the weight of the
// words of a listed organisation's name ctoks left out (not in cm) when
// the query keeps its head (leadingKept) or leaves out a group's prefix
// (groupPrefix): the distinctive words left out
// count missLeading of their weight instead of all of it. The words that
// count otherwise are as unmatchedWeights has them: its own words (cOwn),
// the dedication from ded on, the seat at cSeat and the words after it.
// Few names come here: out of line, so that unmatchedWeights stays
// compact.
//
//go:noinline
func (ix *Index) leadDiscount(sc *scratch, ctoks []int32, cm, cOwn uint64, start, ded, cSeat int) float32 {
	if cm&1 != 0 && !ix.leadingKept(sc, ctoks, cm, start) || cm&1 == 0 && !ix.groupPrefix(sc, nil, ctoks, &sc.edgeStore[start]) {
		return 0
	}
	var d float32
	for j, ct := range ctoks[:min(ded, cSeat)] {
		if t := &ix.toks[ct]; cm&bit(j) == 0 && cOwn&bit(j) == 0 && !t.generic && !isOrgDescriptor(t.group) {
			d += t.w * (1 - missLeading)
		}
	}
	return d
}

// leadingKept reports whether the query, aligned in full and closely with
// the listed organisation's name ctoks (cm: the listed words aligned, by
// the edges from start), holds the name's first word, at least half of
// its words, and those in the order of the name. The words it holds must
// say which organisation it is: two of them distinctive (no generic word,
// descriptor or given name), or one with the name's first words kept
// without a gap. A query that holds only generic words and one word of a
// longer name (PINGTAN FISHING is not PINGTAN GUANSHENG OCEAN FISHING),
// given names (JOHN JAMES), ordinary words only (ordinaryAligned), one
// word of a long name, or the name's words in another order, keeps the
// full count of the words it leaves out.
func (ix *Index) leadingKept(sc *scratch, ctoks []int32, cm uint64, start int) bool {
	n := bits.OnesCount64(cm)
	if len(ctoks) > 64 || 2*n < len(ctoks) {
		return false
	}
	es := sc.edgeStore[start:]
	for a := range es {
		for b := a + 1; b < len(es); b++ {
			if (es[a].clo < es[b].clo) != (es[a].qlo < es[b].qlo) {
				return false
			}
		}
	}
	own := 0
	for _, e := range es {
		for j := e.clo; j <= e.chi; j++ {
			t := &ix.toks[ctoks[j]]
			if givenNameGroup(t.group) {
				return false
			}
			if !t.generic && !isOrgDescriptor(t.group) {
				own++
			}
		}
	}
	return (own >= 2 || own == 1 && cm == spanMask(0, int8(n-1))) && !ix.ordinaryAligned(sc, ctoks, start)
}

// givenNameGroup reports whether the variant group g is one of given
// names (a Slavic, Arabic or Persian, Korean or European name).
func givenNameGroup(g uint16) bool {
	if g == 0 {
		return false
	}
	switch variantGroups[g-1].kind {
	case variantSlavic, variantArabic, variantKorean, variantEuropean:
		return true
	}
	return false
}

// maxGroupPrefix is the most words a group's or parent's name in front of
// a listed organisation's own name has (groupPrefix).
const maxGroupPrefix = 2

// maxGroupPrefixDF is the most listed names that the company's own word
// after a group's prefix may be a word of (groupPrefix): one company's
// name and its few aliases.
const maxGroupPrefixDF = 3

// groupPrefix reports whether e, the one edge of a query of one word and
// a registered legal form (registeredForm), aligns exactly the last word
// of a listed organisation's name ctoks, a coined word (coinedWord) of
// minRegisteredShortLen letters or more and of at most maxGroupPrefixDF
// listed names, with at most maxGroupPrefix words before it, and the
// listed name is written with a legal form of the same class: the
// company's own name as it is registered, with its group's or parent's
// name in front left out (LLC VNIIGAZ for GAZPROM VNIIGAZ, OOO;
// QUANTTELECOM LLC for LIMITED LIABILITY COMPANY SMARTS QUANTTELECOM). A
// word that more names share is a word other companies take too (VOSTOK
// LLC is not HERMLE VOSTOK, nor TRANSNEFT PAO the group's NPF TRANSNEFT),
// and a respelling is another word (TELECOM LLC is not GAZPROM TELEKOM).
// rec is nil when the caller has checked the legal forms already
// (leadDiscount, after soleCoinedWord).
func (ix *Index) groupPrefix(sc *scratch, rec *nameRec, ctoks []int32, e *edge) bool {
	n := len(ctoks)
	if len(sc.qs) != 1 || int(e.clo) != n-1 || e.chi != e.clo || e.qlo != e.qhi || e.sim < 1 || n-1 > maxGroupPrefix {
		return false
	}
	if rec != nil && (rec.legal != sc.nt.legal || !registeredForm(rec.legal)) {
		return false
	}
	t := &ix.toks[ctoks[n-1]]
	return len(sc.qs[0].s) >= minRegisteredShortLen && t.df <= maxGroupPrefixDF && coinedWord(t)
}
