package match

import (
	"math/bits"

	"github.com/exportguard/exportguard/screening/lists"
)

// Short forms of a listed organisation's name: which part of the name a
// short form keeps.

// missLeading is the share of its weight that a distinctive word of a
// listed organisation's name counts for when a query leaves it out and
// keeps the name's first word and at least as many of its words as it
// leaves out, in their order (leadingKept): the short form of a name
// keeps its head and drops what qualifies it (BANK REFAH for BANK REFAH
// KARGARAN, JAHAN TECH for JAHAN TECH ROOYAN PARS).
const missLeading = 0.4

// missPlaceLeft is the share of its weight that a country's name or
// adjective of a listed organisation's name counts for when a query that
// keeps the rest of the name in its order (headInOrder) leaves it out:
// where the organisation is, as its generic words say what it does
// (ISLAMIC STATE - MOZAMBIQUE for ISLAMIC STATE OF IRAQ AND SYRIA -
// MOZAMBIQUE).
const missPlaceLeft = missGeneric

// leadDiscount returns what unmatchedWeights takes off the weight of the
// distinctive words (no generic words, no descriptors) of a listed
// organisation's name nid (words ctoks) left out (not in cm) by a query that aligns in
// full and closely: when the query keeps the name's head (leadingKept) or
// leaves out a group's prefix (groupPrefix), they count missLeading of
// their weight instead of all of it; when it keeps the head in order
// with a distinctive word, but not words enough to say which
// organisation it is, only the names of countries left out count less,
// missPlaceLeft (ISLAMIC STATE alone, all of it generic, stays away from
// ISLAMIC STATE OF IRAQ); when it keeps the name's own words that name
// this body alone, in any order (ownCoreKept), missLeading again. The
// words that count
// otherwise are as unmatchedWeights has them: its own words (cOwn), the
// dedication from ded on, the seat at cSeat and the words after it. Few
// names come here: out of line, so that unmatchedWeights stays compact.
//
//go:noinline
func (ix *Index) leadDiscount(sc *scratch, nid int32, ctoks []int32, cm, cOwn uint64, start, ded, cSeat int, missC float32) float32 {
	share, places, alone := float32(1), false, false
	switch {
	case len(sc.edgeStore)-start == 1 && ix.coinedAlone(sc, nil, ctoks, &sc.edgeStore[start]):
		share, alone = missLeading, true // coined.go
	case cm&1 == 0:
		if len(sc.edgeStore)-start == 1 && ix.groupPrefix(sc, nil, ctoks, &sc.edgeStore[start]) {
			share = missLeading
		} else if ix.initialsInFront(ctoks, cm) && ix.headInOrder(sc, ctoks, cm, start) && ix.twoNameWordsKept(sc, ctoks, start) {
			// the initials in front left out, two words of the
			// name's own after them kept
			if kept, _ := ix.leadingKept(sc, nid, ctoks, cm, start); kept {
				share = missLeading
			}
		}
	case ix.headInOrder(sc, ctoks, cm, start):
		switch kept, own := ix.leadingKept(sc, nid, ctoks, cm, start); {
		case kept:
			share = missLeading
		case own > 0:
			share, places = missPlaceLeft, true
		}
	}
	if share == 1 && ix.ownCoreKept(sc, ctoks, cm, start) {
		// the name's own words kept, in any order
		share = missLeading
	}
	if share == 1 {
		return 0
	}
	var d float32
	for j, ct := range ctoks[:min(ded, cSeat)] {
		if t := &ix.toks[ct]; cm&bit(j) == 0 && cOwn&bit(j) == 0 && !t.orgGeneric() && (!places || ix.countryToken(ct)) {
			d += t.w * (1 - share)
		}
	}
	if alone {
		d = coinedAloneLeft(sc, missC, d)
	}
	return d
}

// maxInitials is the most letters of a word of initials (initialsInFront).
const maxInitials = 5

// initialsInFront reports whether the words of a listed organisation's
// name ctoks that come before the first one aligned (cm) are initials: no
// vowel, two to maxInitials letters (N.P.T.T. DONA-SHELL, SBB NASOS). A
// word of initials says which group, form or body of a country the
// company is (the words it abbreviates, left out as the head rule leaves
// out what qualifies a name), and it cannot be said as a name: a query
// that keeps the name after it leaves it out.
func (ix *Index) initialsInFront(ctoks []int32, cm uint64) bool {
	first := bits.TrailingZeros64(cm)
	if first == 0 || first >= len(ctoks) {
		return false
	}
	for _, ct := range ctoks[:first] {
		if t := &ix.toks[ct]; !t.vowelless || len(t.s) < 2 || len(t.s) > maxInitials {
			return false
		}
	}
	return true
}

// twoNameWordsKept reports whether the listed words aligned by the edges
// from start hold two words that name the organisation: of three letters
// or more with a vowel, no generic word, descriptor, country or word of a
// legal form. Beside initials left out, initials kept (MT RUBIN for TSKB
// MT RUBIN) or a country and a form (FINLAND OY) say too little.
func (ix *Index) twoNameWordsKept(sc *scratch, ctoks []int32, start int) bool {
	n := 0
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			t := &ix.toks[ctoks[j]]
			if len(t.s) >= 3 && !t.vowelless && !t.orgGeneric() && !ix.countryToken(ctoks[j]) && !isLegalWord(t.s) {
				n++
			}
		}
	}
	return n >= 2
}

// headInOrder reports whether the query, aligned in full and closely with
// the listed organisation's name ctoks (cm: the listed words aligned, by
// the edges from start, the first among them), holds at least half of its
// words, and those in the order of the name.
func (ix *Index) headInOrder(sc *scratch, ctoks []int32, cm uint64, start int) bool {
	if len(ctoks) > 64 || 2*bits.OnesCount64(cm) < len(ctoks) {
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
	return true
}

// leadingKept reports whether a query that keeps the head of the listed
// organisation's name nid (words ctoks) in order (headInOrder; cm: the listed words
// aligned by the edges from start) holds words that say which
// organisation it is: two of them distinctive (no generic word,
// descriptor or given name), or one with the name's first words kept
// without a gap. A query that holds only generic words and one word of a
// longer name (PINGTAN FISHING is not PINGTAN GUANSHENG OCEAN FISHING),
// given names (JOHN JAMES) or ordinary words only (ordinaryAligned)
// keeps the full count of the words it leaves out. own is how many of the
// words aligned are distinctive, 0 beside a given name.
func (ix *Index) leadingKept(sc *scratch, nid int32, ctoks []int32, cm uint64, start int) (kept bool, own int) {
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			t := &ix.toks[ctoks[j]]
			if givenNameGroup(t.group) {
				return false, 0
			}
			if !t.orgGeneric() {
				own++
			}
		}
	}
	return (own >= 2 || own == 1 && cm == spanMask(0, int8(bits.OnesCount64(cm)-1))) && !ix.ordinaryAligned(sc, nid, ctoks, start), own
}

// maxCoreDF is the most listed names that each distinctive word a query
// keeps of a listed organisation's name may be a word of (ownCoreKept):
// one body's name and its few aliases.
const maxCoreDF = 3

// ownCoreKept reports whether a query aligned in full and closely with the
// listed organisation's name ctoks (cm: the listed words aligned by the
// edges from start) holds at least half of its words, two distinctive ones
// at least (no generic word, descriptor or given name) and each of those
// aligned exactly and a word of at most maxCoreDF listed names: words that
// name this body alone, in any order, with what the name says around them
// left out, its first word too (TAMIL TIGERS for LIBERATION TIGERS OF TAMIL
// EELAM, TALEEM UL-QURAN MADRASSA for JAMIA TALEEM-UL-QURAN-WAL-HADITH
// MADRASSA). A word many names share, a respelt one or a generic word
// with one of the name's words (PINGTAN FISHING) keeps the full count.
func (ix *Index) ownCoreKept(sc *scratch, ctoks []int32, cm uint64, start int) bool {
	if len(sc.edgeStore)-start < 2 || len(ctoks) > 64 || 2*bits.OnesCount64(cm) < len(ctoks) {
		return false
	}
	own := 0
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			t := &ix.toks[ctoks[j]]
			if givenNameGroup(t.group) {
				return false
			}
			if t.orgGeneric() || isArticle(t.s) || len(t.s) <= 2 {
				continue
			}
			if e.sim < 1 || t.df > maxCoreDF {
				return false
			}
			own++
		}
	}
	return own >= 2
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
// A coined word of minCoinedLen letters or more, which stands for a name
// alone (soleCoinedWord), needs no legal form in the query
// (STEKLOVOLOKNO for POLOTSK STEKLOVOLOKNO OAO). rec is nil when the caller has checked the legal forms already
// (leadDiscount, after soleCoinedWord).
func (ix *Index) groupPrefix(sc *scratch, rec *nameRec, ctoks []int32, e *edge) bool {
	n := len(ctoks)
	if len(sc.qs) != 1 || int(e.clo) != n-1 || e.chi != e.clo || e.qlo != e.qhi || e.sim < 1 || n-1 > maxGroupPrefix {
		return false
	}
	sameForm := rec != nil && rec.legal == sc.nt.legal && registeredForm(rec.legal)
	if rec != nil && !sameForm && (sc.nt.legal != LegalNone || len(sc.qs[0].s) < minCoinedLen) {
		return false
	}
	t := &ix.toks[ctoks[n-1]]
	return len(sc.qs[0].s) >= minRegisteredShortLen && coinedWord(t) && (t.df <= maxGroupPrefixDF || ix.entityNames(ctoks[n-1], maxGroupPrefixDF+1) <= maxGroupPrefixDF)
}

// maxEntityNamesAsked is the most listed names of a word that entityNames
// reads: a word of more is a common one.
const maxEntityNamesAsked = 32

// entityNames returns how many listed names of organisations (entries of
// type entity) hold the word ct, counting up to limit; limit when the word
// is of more than maxEntityNamesAsked names. A person's surname or a
// vessel's name is no word that other companies take: KUZNETSOV is of
// ten names, of which one company's (ODK-KUZNETSOV) and the rest people's
// and a ship's.
func (ix *Index) entityNames(ct int32, limit int) int {
	ps := ix.postings(ct)
	if len(ps) > maxEntityNamesAsked {
		return limit
	}
	n := 0
	for _, p := range ps {
		if o := &ix.names[p]; !o.individual && ix.entries[o.entry].Type == lists.TypeEntity {
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}
