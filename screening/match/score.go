package match

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

// edge aligns the query words qlo..qhi with the name words clo..chi.
type edge struct {
	qlo, qhi int8
	clo, chi int8
	sim      float32
	w        float32
}

// result is a scored name with its alignment and adjustments.
type result struct {
	name      int32
	nameScore float32
	score     float32
	cut       bool   // the query is a cut of the name (keepCut, fieldcut.go)
	edges     []edge // points into scratch.edgeStore
	adj       [8]Adjustment
	nadj      int
}

// scoreName aligns the query with one indexed name, computes its name score
// and the number adjustments, and records a result if the largest boost the
// query's details could earn (boost, queryBoost: only a country, a date of
// birth and identifiers that agree raise a score) could lift it to th. It
// reads of the query's details only boost: applyDetails adds the rest.
func (ix *Index) scoreName(sc *scratch, nid int32, boost, th float64) {
	rec := &ix.names[nid]
	ctoks := ix.nameToks(rec)
	ix.gatherEdges(sc, nid, rec, ctoks)
	if len(sc.edges) == 0 {
		return
	}
	sortEdges(sc.edges)
	start := len(sc.edgeStore)
	al := ix.align(sc, ctoks)
	if al.multi && ix.exactPairLeft(sc, ctoks, start) {
		// a pair of words written together took words that pair
		// exactly one by one (exactfirst.go)
		al = ix.alignExactFirst(sc, ctoks, start, al)
	}
	if ix.reachEdges(sc, nid, rec, ctoks, &al, boost, th) {
		sc.edgeStore = sc.edgeStore[:start]
		sortEdges(sc.edges)
		if al = ix.align(sc, ctoks); al.multi && ix.exactPairLeft(sc, ctoks, start) {
			al = ix.alignExactFirst(sc, ctoks, start, al)
		}
	}
	if sc.qCompoundNext && rec.individual {
		ix.linkedCompounds(sc, ctoks, start, &al) // a compound linked by the article
	}
	if al.distinct && ix.leftoversCanReach(sc, ctoks, al.qm, al.cm, al.num, al.matchedW, boost, th) {
		// the words that aligned are not all generic: the one left on
		// each side may be a respelling. A name element joined and
		// split differently (its consonants equal) goes first, before
		// the looser pairs of single words take its words
		ix.alignSplitLeftovers(sc, rec, ctoks, start, &al)
		ix.alignLeftovers(sc, ctoks, start, &al, rec.individual)
		ix.ezafeSplitLeftovers(sc, rec, ctoks, start, &al) // ezafe.go: an organisation's word with the ezafe's glide
		ix.alignLastElement(sc, rec, ctoks, start, &al)
		if sc.qHiTech >= 0 && !rec.individual {
			// the clipping hi-tech (english.go)
			ix.alignHiTech(sc, ctoks, start, &al)
		}
		if !rec.individual && sc.qInnerForm&^al.qm != 0 {
			// a legal form inside both names (legalform.go)
			ix.alignInnerForms(sc, ctoks, &al)
		}
		if rec.individual && sc.qSurname != 0 {
			ix.alignClippedGiven(sc, rec, ctoks, start, &al)     // clippedgiven.go
			ix.alignCompoundEndGiven(sc, rec, ctoks, start, &al) // compoundend.go
		}
		if !rec.individual && al.qm != spanMask(0, int8(len(sc.qs)-1)) && al.cm != spanMask(0, int8(len(ctoks)-1)) {
			// where the business is, as a code on one side (placecode.go)
			ix.alignPlaceLeftovers(sc, ctoks, &al)
		}
		if !rec.individual && sc.qAbbr.mayPair(al.qm) {
			// a generic word shortened (abbrevwords.go)
			ix.alignAbbrevLeftovers(sc, ctoks, &al)
		}
	}
	if len(ctoks) >= 3 && sc.qDinHeads {
		ix.dinHeadsApart(sc, ctoks, start, &al) // dincompounds.go
	}
	numsAgree := len(sc.nt.nums) > 0 && rec.numLen > 0 && ix.numbersAgree(sc, rec) // most queries have no number
	// the query known to be a cut of the name (fieldcut.go)
	cut := false
	if !al.distinct && (len(sc.qs) < 2 && !numsAgree || al.qm != spanMask(0, int8(len(sc.qs)-1)) && !(numsAgree && ix.countryAndNumber(sc, rec, ctoks, &al)) && !sc.descriptorsOnTop(rec, ctoks, &al) || al.cm != spanMask(0, int8(len(ctoks)-1)) && (rec.individual || !ix.rfStatusLeft(ctoks, al.cm))) {
		// only generic words agree: require the whole name, of two words
		// or more, on both sides, unless a field cut the query from it
		// (fieldcut.go)
		if sc.qCut == "" || !sc.mayBeCut(ctoks, start) {
			sc.edgeStore = sc.edgeStore[:start]
			return
		}
		if ok, inWord := ix.cutOf(sc, rec); !ok || !inWord {
			sc.edgeStore = sc.edgeStore[:start]
			return
		}
		cut = true
	}
	den := ix.scoreDenominator(sc, nid, rec, ctoks, &al, start)
	num := al.num
	if rec.individual && uint(len(ctoks)-3) <= 1 {
		// a name of three or four words (givenSyllableLoss): the call
		// made only then keeps its code out of most names' scoring
		num -= ix.givenSyllableLoss(sc, rec, ctoks, al.cm, start)
	}
	// a single aligned word is weak evidence unless it is exact, and so is
	// a clipped word with only generic words beside it (loneClip): its
	// similarity counts as sim^1.5. A listed organisation's word respelt
	// (singleRespelling), or respelt with other vowels beside numbers that
	// agree (NUMEIRIYA 1057 SAL for NOUMAYRIYE 1057 SAL), is not weak
	var weak edge
	isWeak := false
	switch n := len(sc.edgeStore) - start; {
	case n == 1:
		weak = sc.edgeStore[start]
		isWeak = rec.individual || !ix.singleRespelling(sc, ctoks, &weak) && !ix.soundCoinedPair(sc, ctoks, &weak) && !(numsAgree && ix.vowelRespelling(sc, ctoks, &weak)) && !ix.coinedTypo(sc, ctoks, &weak)
	case n > 1 && sc.qClip != 0:
		// a query word that may be a clip (loneClip)
		weak, isWeak = ix.loneClip(sc, ctoks, start)
	}
	if isWeak {
		num -= (weak.sim - weak.sim*float32(math.Sqrt(float64(weak.sim)))) * 2 * weak.w
	}
	nameScore := num / den
	if cut || nameScore < fieldCutSim && sc.qCut != "" && sc.mayBeCut(ctoks, start) && ix.isCutOf(sc, rec) {
		ix.keepCut(sc, nid, nameScore, start, boost, th)
		return
	}
	if len(sc.nt.nums) > 0 || rec.numLen > 0 || sc.nt.codes {
		// the name's numbers sliced there: most names have none
		ix.keepAdjusted(sc, nid, nameScore, ctoks, ix.nameNum[rec.numOff:rec.numOff+int32(rec.numLen)], start, boost, th)
		return
	}
	// no numbers and no codes: no adjustment yet, and the result, most of
	// it the adjustments, is made only for a name that may be kept
	if float64(nameScore)+boost+boostSlack < th {
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	sc.results = append(sc.results, result{name: nid, nameScore: nameScore, edges: sc.edgeStore[start:len(sc.edgeStore):len(sc.edgeStore)]})
}

// keepAdjusted ends scoreName for a name (nid, words ctoks, numbers cnums,
// edges from sc.edgeStore[start], name score nameScore) when the query or
// the name has numbers or the query's words hold digits: the number
// adjustments, then the result recorded if the largest boost of the
// query's details (boost) could still lift it to th. Out of line: most
// names have neither.
//
//go:noinline
func (ix *Index) keepAdjusted(sc *scratch, nid int32, nameScore float32, ctoks []int32, cnums []string, start int, boost, th float64) {
	r := result{name: nid, nameScore: nameScore}
	numberAdjustments(&r, sc.nt.nums, cnums, sc.nt.recordNum, sc.qCode)
	ix.codeDigitsDiffer(sc, &r, ctoks, start) // returns at once unless words hold digits
	if float64(nameScore)+boost+boostSlack+sumDelta(&r) < th {
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	r.edges = sc.edgeStore[start:len(sc.edgeStore):len(sc.edgeStore)]
	sc.results = append(sc.results, r)
}

// gatherEdges collects in sc.edges every pairing of query words with words
// of the name ctoks of record rec (nid) that may align: the similar-token
// hits, the query words that are two adjacent name words written together,
// and (listed people only) initials.
func (ix *Index) gatherEdges(sc *scratch, nid int32, rec *nameRec, ctoks []int32) {
	sc.edges = sc.edges[:0]
	east := int8(-1)   // whether the entry is of China or Korea: -1 not yet known
	var rn readingName // what the readings of readingSim ask of the name, once
	for j, ct := range ctoks {
		for k := sc.hitHead[ct]; k != 0; k = sc.hitNext[k-1] {
			h := &sc.hits[k-1]
			if rec.individual && h.sim < 1 && h.qlo == h.qhi && ix.otherSyllabicName(&sc.qs[h.qlo], &ix.toks[ct], rec, &east, &sc.hitMemo[k-1].syl) &&
				!(sc.qKorean && ix.koreanPair(sc, k-1, j, &ix.toks[ct], rec, ctoks, &rn)) {
				continue
			}
			sim := h.sim
			if sim < 1 && h.qlo == h.qhi && otherPlace(&sc.qs[h.qlo], &ix.toks[ct]) {
				continue // two places, not one misspelt (places.go)
			}
			if !rec.individual {
				if sim == compoundSim && (compoundPair(sc.qs[h.qlo].s, ix.toks[ct].s) || strings.HasPrefix(ix.toks[ct].s, sc.qs[h.qlo].s)) {
					continue // a compound's start: person names only (compoundHits)
				}
				if len(sc.khmNew) > 0 && slices.Contains(sc.khmNew, k-1) {
					continue // the Khmer r: people's names only (khmer.go)
				}
			} else if h.qlo == h.qhi {
				if sim = ix.personHitSim(sc, k-1, len(ctoks)); sim < 0 {
					continue
				}
				if sc.qReadings&bit(int(h.qlo)) != 0 && sim < maxReadingSim {
					if sim = ix.readingSim(sc, k-1, j, ctoks, rec, &rn, sim); sim < 0 { // readings.go
						continue
					}
				}
			}
			sc.edges = append(sc.edges, edge{h.qlo, h.qhi, int8(j), int8(j), sim, ix.toks[ct].w})
		}
	}
	for _, jh := range sc.joins {
		if jh.name == nid && int(jh.pos)+1 < len(ctoks) {
			w := ix.toks[ctoks[jh.pos]].w + ix.toks[ctoks[jh.pos+1]].w
			sc.edges = append(sc.edges, edge{jh.q, jh.q + jh.span, int8(jh.pos), int8(jh.pos + 1), jh.sim, w})
		}
	}
	if rec.individual {
		if sc.qDinWords {
			ix.dinEdges(sc, ctoks) // dincompounds.go
		}
	} else {
		if len(sc.glueHeads) > 0 {
			ix.gluedEdges(sc, ctoks)
		}
		if len(sc.comps) > 0 {
			ix.compoundEdges(sc, ctoks)
		}
	}
	// initials (listed people only): a one-letter query word against a
	// word with that first letter, and a listed initial against a query word
	if !rec.individual || !hasInitial(sc, ix, ctoks) {
		return
	}
	if sc.qInitials != 0 {
		ix.initialsInOrder(sc, ctoks) // initials.go
	}
	for i := range sc.qs {
		if sc.qInitials&bit(i) != 0 {
			continue
		}
		qs := sc.qs[i].s
		for j, ct := range ctoks {
			cs := ix.toks[ct].s
			if qs[0] != cs[0] || (len(qs) == 1) == (len(cs) == 1) {
				continue
			}
			sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(j), initialSim, min(ix.toks[ct].w, 3)})
		}
	}
}

// initialSim is the similarity of an initial and a word that starts with
// its letter.
const initialSim = 0.8

// hasInitial reports whether the query or the name ctoks has a word of one
// letter, without which no initial pairs.
func hasInitial(sc *scratch, ix *Index, ctoks []int32) bool {
	for i := range sc.qs {
		if len(sc.qs[i].s) == 1 {
			return true
		}
	}
	for _, ct := range ctoks {
		if len(ix.toks[ct].s) == 1 {
			return true
		}
	}
	return false
}

// sortEdges orders edges most similar first, then heaviest first, then by
// position, so that the greedy alignment takes the best pairings.
func sortEdges(edges []edge) {
	if len(edges) > maxInsertionSort {
		slices.SortFunc(edges, func(a, b edge) int { return edgeCmp(&a, &b) })
		return
	}
	// the insertion sort slices.SortFunc runs on so few, with the
	// comparison inlined
	for i := 1; i < len(edges); i++ {
		for j := i; j > 0 && edgeCmp(&edges[j], &edges[j-1]) < 0; j-- {
			edges[j], edges[j-1] = edges[j-1], edges[j]
		}
	}
}

// maxInsertionSort is the length up to which slices.SortFunc sorts by
// insertion, which keeps the order of edges that compare equal; sortEdges
// sorts that many the same way itself, so that no pairing changes.
const maxInsertionSort = 12

// edgeCmp orders a before b when it is more similar, then heavier, then
// earlier in the query and the name.
func edgeCmp(a, b *edge) int {
	if a.sim != b.sim {
		if a.sim > b.sim {
			return -1
		}
		return 1
	}
	if a.w != b.w {
		if a.w > b.w {
			return -1
		}
		return 1
	}
	return int(a.qlo-b.qlo)*64 + int(a.clo-b.clo)
}

// alignment is a one-to-one alignment of query words with the words of a
// name: the words taken on either side (bit masks), the similarity-weighted
// and the plain weight of the aligned words (both sides counted), and
// whether an aligned name word is distinctive (not generic, not a
// descriptor of the query word).
type alignment struct {
	qm, cm        uint64
	num, matchedW float32
	distinct      bool
	multi         bool // an edge taken has more than one word on a side
}

// align takes the sorted sc.edges greedily, each unless it overlaps one
// taken before, and appends the ones taken to sc.edgeStore.
func (ix *Index) align(sc *scratch, ctoks []int32) alignment {
	var al alignment
	for _, e := range sc.edges {
		qmask := spanMask(e.qlo, e.qhi)
		cmask := spanMask(e.clo, e.chi)
		if al.qm&qmask != 0 || al.cm&cmask != 0 {
			continue
		}
		al.qm |= qmask
		al.cm |= cmask
		al.multi = al.multi || e.qhi > e.qlo || e.chi > e.clo
		al.num += e.sim * 2 * e.w
		al.matchedW += 2 * e.w
		if e.sim >= minTokSim && !al.distinct {
			for j := e.clo; j <= e.chi; j++ {
				if tk := &ix.toks[ctoks[j]]; !tk.generic && !(isOrgDescriptor(tk.group) && descriptorFor(&sc.qs[e.qlo], &e, tk)) {
					al.distinct = true
				}
			}
		}
		sc.edgeStore = append(sc.edgeStore, e)
	}
	return al
}

// alignLeftovers adds to al (whose edges start at sc.edgeStore[start]) up
// to maxLeftoverPairs pairs of words left over on both sides, fewer than
// the words aligned, that leftoverPair finds similar. individual says
// whether the name is a listed person's.
func (ix *Index) alignLeftovers(sc *scratch, ctoks []int32, start int, al *alignment, individual bool) {
	aligned := len(sc.edgeStore) - start
	for k := 0; k < maxLeftoverPairs && k < aligned-1; k++ {
		e, ok := ix.leftoverPair(sc, ctoks, al.qm, al.cm, start, individual)
		if !ok {
			break
		}
		al.take(sc, e)
	}
}

// scoreDenominator is the weight the name score divides by: the aligned
// weight plus the weight of the words left unmatched on either side
// (unmatchedWeights), scaled by how much a shortened name is allowed, and
// a substitution cost when both sides have words left over.
func (ix *Index) scoreDenominator(sc *scratch, nid int32, rec *nameRec, ctoks []int32, al *alignment, start int) float32 {
	den := al.matchedW
	alpha := float32(alphaUnmatched)
	if rec.individual {
		alpha = alphaUnmatchedPerson
		if len(sc.edgeStore)-start >= 3 {
			alpha = alphaUnmatchedPerson3
		}
	}
	missQ, missC := ix.unmatchedWeights(sc, nid, rec, ctoks, al, start)
	if rec.individual {
		missQ, missC = ix.articlesLeftOut(sc, ctoks, al.qm, al.cm, missQ, missC)
		if sc.qRepeat != 0 && missQ > 0 && len(sc.edgeStore)-start >= 2 {
			// a name part written twice (repeated.go)
			missQ = ix.repeatedLeftOut(sc, ctoks, al.qm, al.cm, missQ, missC, start)
		}
		if sc.qDangling && missQ > 0 {
			// a chain of names cut short (persons.go)
			missQ = ix.danglingLeftOut(sc, ctoks, al.qm, start, missQ, missC)
		}
	}
	alphaQ := float32(1)
	switch {
	case missQ > 0 && missC > 0 && ix.genericSwap(sc, rec, ctoks, al):
		// generic words swapped for others (genericswap.go)
		alphaQ = alpha
		if ix.swapKeepsOwnWord(sc, rec, ctoks, al.qm, al.cm, start) {
			alphaQ, alpha = swapShare, swapShare
		}
	case missQ > 0 && missC > 0 && rec.individual && ix.surnameAddedGivenLeft(sc, rec, ctoks, al, start):
		// a surname longer on one side, given names on the other
		// (namesafter.go)
		alphaQ, alpha = alphaFewerGivenNames, alphaPartialPerson
	case missQ > 0 && missC > 0:
		// words on both sides left unmatched look like a different name,
		// not a shortened one: the listed words count in full, and the
		// substitution costs extra
		alpha = 1
		den += substitutionCost * min(missQ, missC)
	case missQ > 0 && rec.individual && len(sc.edgeStore)-start >= 2:
		// the whole listed name of a person and more: another given
		// name (Laurent Nkunda Mahoro for LAURENT NKUNDA); not for a
		// listed name of one word, which any longer name may contain.
		// With every word in its place (moreGivenNames), the query's
		// given names count as the listed given names a query leaves
		// out do: DE GEETERE, Hans Maria for DE GEETERE, Hans
		alphaQ = alpha
		if missC == 0 {
			alphaQ, missQ = ix.givenNamesOnTop(sc, rec, ctoks, al, start, alphaQ, missQ)
		}
	}
	if rec.individual && missQ == 0 && missC > 0 {
		// the query is the listed person's name shortened; not the other
		// way round, where a short listed name of common words ("ALI,
		// Ahmad") is inside another person's longer name; a clipped
		// given name with the surname from a later word as well
		// (clippedFromLater, personforms.go)
		if extra := ix.partialExtra(sc, ctoks, al.cm, start); ix.partialPerson(sc, ctoks, start, extra) || ix.clippedFromLater(sc, rec, ctoks, start, extra) {
			alpha = ix.partialPersonAlpha(sc, rec, ctoks, al, start, missC)
		}
	}
	if !rec.individual && missQ == 0 && len(sc.edgeStore)-start == 1 && !ix.joinedClose(sc, ctoks, start) && !ix.soleCoinedWord(sc, rec, ctoks, al, start) {
		// one word of a longer organisation name is weak evidence
		// of it (orgs.go); not one that holds two listed words or
		// more written joined (joinedClose), as much as the words
		// written apart
		alpha = 1
	}
	if !rec.individual && missC > 0 && ix.ordinaryAligned(sc, nid, ctoks, start) {
		// only ordinary words agree: the listed words left out count
		// in full, the name is not shortened (orgs.go)
		alpha = 1
	}
	if rec.individual && missC > 0 && alpha < 1 {
		// a listed kunya left out counts in full: "father of" makes
		// another name of the name after it (kunyaLeftOut)
		den += (1 - alpha) * ix.kunyaLeftOut(sc, ctoks, al.cm, start)
	}
	den += alphaQ*missQ + alpha*missC
	return den
}

// givenNamesOnTop returns scoreDenominator's share (alphaQ before) and
// weight (missQ) of the query words on top of a listed person's whole name
// (rec, words ctoks, alignment al whose edges start at sc.edgeStore[start]):
// with every word in its place (moreGivenNames), the query's given names
// count as the listed given names a query leaves out do, less the
// particles; so too after a listed surname (surnameAfterGiven) or beside
// a kunya. Few names come here: out of line, so that scoreDenominator
// stays compact.
//
//go:noinline
func (ix *Index) givenNamesOnTop(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int, alphaQ, missQ float32) (float32, float32) {
	if ix.moreGivenNames(sc, rec, ctoks, start) {
		return alphaFewerGivenNames, max(missQ-sc.abdParticles(al.qm), 0)
	}
	if ix.surnameAfterGiven(sc, rec, ctoks, start) || sc.kunyaOnly(al.qm) || ix.namesAfterWhole(sc, rec, ctoks, al.qm, start) {
		return alphaFewerGivenNames, missQ
	}
	return alphaQ, missQ
}

// partialPersonAlpha returns the share of their weight that the listed
// words (missC) a query leaves out of a listed person's name count for
// when the query is that name shortened (partialPerson): words left out in
// place count as the given names a query adds; so too with the listed
// surname left out as well (surnameFromLater), and less beside a family
// name that agrees (familyShare). Out of line, as givenNamesOnTop.
//
//go:noinline
func (ix *Index) partialPersonAlpha(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int, missC float32) float32 {
	if ix.moreGivenNames(sc, rec, ctoks, start) || ix.namePartRun(sc, rec, ctoks, start) || ix.surnameFromLater(sc, rec, ctoks, start) {
		if ix.familyNameAligned(sc, ctoks, start) {
			return familyShare(al, missC) // familyname.go
		}
		return alphaFewerGivenNames
	}
	return alphaPartialPerson
}

// unmatchedWeights is the weight of the query words (missQ) and of the name
// words (missC) that al leaves unmatched, each discounted by how often such
// a word is left out of a name.
func (ix *Index) unmatchedWeights(sc *scratch, nid int32, rec *nameRec, ctoks []int32, al *alignment, start int) (missQ, missC float32) {
	qm, cm, distinct := al.qm, al.cm, al.distinct
	// the words of a state institution's form (stateforms.go) and an
	// organisation's own abbreviation (acronym.go) are not left over; the
	// query's are known once per search (sc.qOrgOwn)
	var qOwn, cOwn, qArt uint64
	if !rec.individual {
		qOwn, cOwn = sc.qOrgOwn, ix.orgOwnOf(nid, ctoks)
		if sc.qSeatForm&^qm != 0 && ix.seatFormLeft(ctoks, cm) {
			qOwn &^= sc.qSeatForm // a form of another class (placetail.go)
		}
		if ix.rfStatusLeft(ctoks, cm) {
			// the name held whole but for a research centre's status
			// (rfstatus.go)
			cOwn |= ^cm
		}
		if sc.qBank != 0 && len(ctoks) > 1 && (sc.qBank&qBankForm != 0 && qm&1 == 0 || sc.qBank&qBankWord != 0 && cm&1 == 0 && len(ix.toks[ctoks[0]].s) <= 4) {
			// a bank's form abbreviated, left out (bankforms.go)
			qOwn, cOwn = ix.bankFormPair(sc, ctoks, qm, cm, qOwn, cOwn)
		}
		if sc.qArticles&^qm != 0 && len(sc.edgeStore)-start >= 2 {
			// the query's article before a word that aligned (orgarticles.go)
			qArt = sc.orgArticles(qm, start)
		}
	}
	// the query words left unaligned by their bits, in order (a query
	// has at most 24 words)
	for m := ^(qm | qOwn | qArt) & lowBits(len(sc.qs)); m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if sc.qInitials&bit(i) != 0 {
			missQ += initialMissWeight // initials.go
			continue
		}
		q := &sc.qs[i]
		if q.title && rec.individual {
			// a title or a form of address said before a person's
			// name (Mrs, Colonel, Shaykh) is no name of the person's:
			// left over, it counts nothing, so that a name shortened
			// is read as shortened, not as another name
			continue
		}
		missQ += q.w * q.variantInfo.missFactor(rec.individual, false)
	}
	// generic words the listed organisation has on top of a query that
	// aligns in full, closely and on two words or more: what the
	// business does, left out (AL-FADEL EXCHANGE for AL-FADEL EXCHANGE
	// AND MONEY TRANSFER COMPANY)
	shortened := !rec.individual && qm == spanMask(0, int8(len(sc.qs)-1)) && (ix.closeOrRespelt(sc, ctoks, start) || ix.soleCoinedWord(sc, rec, ctoks, al, start))
	ded := len(ctoks) // where a dedication starts (NAMED AFTER A.I. SHOKIN)
	if !rec.individual && distinct && qm == spanMask(0, int8(len(sc.qs)-1)) && cm != spanMask(0, int8(len(ctoks)-1)) {
		ded = ix.dedicationStart(ctoks)
	}
	cSeat := len(ctoks)
	if shortened && !ix.ordinaryAligned(sc, nid, ctoks, start) {
		cSeat = ix.listedSeat(ctoks, cm)
	}
	// the listed words left unaligned by their bits, in order (a listed
	// name keeps at most 64 words)
	for m := ^cm & lowBits(len(ctoks)); m != 0; m &= m - 1 {
		j := bits.TrailingZeros64(m)
		t := &ix.toks[ctoks[j]]
		if j == cSeat {
			continue
		}
		if j >= ded {
			// the person an organisation is named after, left
			// out as its short name does
			if ded < 64 && cm>>ded != 0 {
				// the short name is the person's: IOFFE
				// INSTITUTE (missDedicationKept)
				missC += t.w * missDedicationKept
				continue
			}
			missC += t.w * missDedication
			continue
		}
		if cOwn&bit(j) != 0 {
			continue
		}
		missC += t.w * t.variantInfo.missFactor(rec.individual, shortened && (t.orgGeneric() || j > cSeat || ix.entryPlaceLeft(sc, rec, ctoks, start, t)))
	}
	if shortened && missC > 0 {
		// the name's head or own words kept, what qualifies it left out
		// (shortforms.go)
		missC -= ix.leadDiscount(sc, nid, ctoks, cm, cOwn, start, ded, cSeat, missC)
	}
	if !rec.individual && missQ > 0 && missC == 0 {
		if sc.qDed != 0 {
			// the query's dedication (querydedication.go)
			if dal, m, share, ok := ix.dedicationOnTop(sc, nid, rec, ctoks, al, start, qOwn, missQ); ok {
				if m > 0 {
					m = ix.orgWordsOnTop(sc, rec, ctoks, &dal, start, qOwn, m)
				}
				return m + share, missC
			}
		}
		missQ = ix.orgWordsOnTop(sc, rec, ctoks, al, start, qOwn, missQ)
	}
	return missQ, missC
}

// orgWordsOnTop returns unmatchedWeights' weight of the query words (missQ
// before) that a listed organisation's name (rec, words ctoks, alignment
// al whose edges start at sc.edgeStore[start]) leaves unmatched when it
// leaves none of its own (qOwn: the query's own words). Few of the names
// scored come here: the code stands apart so that unmatchedWeights, run
// for every name, stays compact in the instruction cache.
//
//go:noinline
func (ix *Index) orgWordsOnTop(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int, qOwn uint64, missQ float32) float32 {
	qm, cm, distinct := al.qm, al.cm, al.distinct
	// a country written by its long name (places.go)
	if missQ, qOwn = sc.withoutCountryLong(qm, qOwn, rec.individual, missQ); missQ == 0 {
		return 0
	}
	if distinct && ix.soleNameOnTop(sc, rec, ctoks, al, start, qOwn) {
		// ordinary words on top of one party's coined name (addedwords.go)
		return ix.soleNameAdded(sc, qm, qOwn)
	}
	if distinct && (ix.closeOrRespelt(sc, ctoks, start) || ix.soleCoinedEdge(sc, rec, ctoks, start) || ix.soleRespeltCoinedEdge(sc, rec, ctoks, start) || ix.bareCoinedName(sc, rec, ctoks, start, qm) || ix.numbersAgree(sc, rec)) {
		// the whole listed organisation name, closely, and on top words
		// that say what a business is or does, in any language (FARS
		// NEWS AGENCY CULTURAL INSTITUTE for FARS NEWS AGENCY): they
		// count as generic words left out; other words on top count
		// missAddedWordOrg of their weight (BAZ GRAN GRIF for GRAN GRIF).
		// On a name of generic words and descriptors only, every word
		// on top counts in full (addedWordShare): BANCO NACIONAL DE
		// CREDIT is another national bank than BANCO NACIONAL
		missQ = 0
		share := ix.addedWordShare(ctoks, cm)
		seat, kind := len(sc.qs), int8(0)
		if share < 1 && rec.legal != LegalNone {
			seat = seatAfterForm(sc.qs, qm)
		}
		// a group's initials in front of a brand listed bare (orgs.go)
		var lead uint64
		if rec.legal == LegalNone && len(ctoks) == 1 && qm&1 == 0 {
			lead = sc.bareLead(sc.edgeStore[start:])
		}
		var kp kindPhrase
		for i := range sc.qs {
			if qm&bit(i) == 0 {
				q := &sc.qs[i]
				if qOwn&bit(i) != 0 || i == seat || linkWord(q.s) || ix.nameInitials(q.s, ctoks) {
					continue
				}
				if share < 1 && (i > seat || lead&bit(i) != 0 || isGenericWord(q.s) || isOrgDescriptor(q.group) || ix.queryCountryWord(sc, i) || ix.otherPartyJoined(sc, rec, start, i)) {
					kp.add(ix, sc, i, q.w)
					continue
				}
				if share < 1 && rec.legal == LegalNone && kind == 0 {
					// a body's known name and its kind said beside
					// it (addedwords.go), asked once
					kind = -1
					if ix.kindBesideBareName(sc, ctoks, start, qm) {
						kind = 1
					}
				}
				if kind > 0 {
					kp.add(ix, sc, i, q.w)
					continue
				}
				missQ += q.w * share
			}
		}
		missQ += kp.weight() * missAddedOrg
	} else if distinct && missQ > 0 && len(sc.edgeStore) > start && sc.allEdgesClose(start, closeMinSim) {
		// the whole name of one word or more and where the entry is
		// (places.go)
		if m, ok := ix.placesOnTop(sc, rec, qm, qOwn); ok {
			missQ = m
		} else if ix.brandFirstKind(sc, rec, ctoks, start, qm) {
			// a brand listed bare, said first with its kind
			// (addedwords.go)
			missQ = ix.wordsOnTopAs(sc, qm, qOwn, missAddedOrg)
		}
	}
	if !distinct {
		if len(sc.nt.nums) > 0 {
			// a country said in front of a name of generic words and a
			// number (countryAndNumber, shortnames.go)
			missQ *= missAddedOrg
		} else if ix.entryCountryWords(sc, rec, qm) {
			// the entry's country said in front of a name of
			// generic words (entryCountryWords, shortnames.go)
			missQ *= missAddedOrg
		} else {
			// generic words and descriptors on top of a name of such
			// words only (descriptorsOnTop) count in full
			missQ = 0
			for i := range sc.qs {
				if qm&bit(i) == 0 && qOwn&bit(i) == 0 {
					missQ += sc.qs[i].w
				}
			}
		}
	}
	return missQ
}

// numberAdjustments lowers r when the numbers of the query (qnums) and of
// the listed name (cnums) differ or only one side has any. A number that
// may be a record's, not the name's (recordcode.go) — one of qnums
// (recNum, nameTokens.recordNum) or one cut from the name (code,
// cutRecordCode) — is read with the name's when the numbers then agree
// (HYUNDAI MIPO 2655, FU YUAN YU #7880), and left out when they do not:
// the query's other numbers must then be the listed ones, and against a
// listed name without numbers it is no number the listed name lacks.
func numberAdjustments(r *result, qnums, cnums []string, recNum, code string) {
	if len(qnums) == 0 && len(cnums) == 0 {
		return
	}
	extra := recNum
	if code != "" {
		extra = code
		if slices.Contains(cnums, code) && sameSetExcept(cnums, code, qnums) {
			return // the number cut is one of the listed name's (FU YUAN YU #7880)
		}
	}
	if extra != "" {
		own := len(qnums)
		if recNum != "" {
			own-- // qnums holds it
		}
		switch {
		case len(cnums) > 0 && own > 0 && sameSetExcept(qnums, recNum, cnums):
		case len(cnums) > 0 && recNum != "" && sameSet(qnums, cnums):
		case len(cnums) > 0:
			r.add(Adjustment{"number_mismatch", deltaNumberMismatch, "numbers differ"})
		case own > 0:
			r.add(Adjustment{"number_missing", deltaNumberMissing, "query has a number the listed name lacks"})
		}
		return
	}
	switch {
	case len(qnums) > 0 && len(cnums) > 0:
		if !sameSet(qnums, cnums) {
			r.add(Adjustment{"number_mismatch", deltaNumberMismatch, "numbers differ"})
		}
	case len(qnums) > 0:
		r.add(Adjustment{"number_missing", deltaNumberMissing, "query has a number the listed name lacks"})
	default:
		r.add(Adjustment{"number_missing", deltaNumberMissing / 2, "listed name has a number the query lacks"})
	}
}

// sameSetExcept is sameSet of a without the element skip (none if "") and
// b, when b does not hold skip.
func sameSetExcept(a []string, skip string, b []string) bool {
	for _, x := range a {
		if x != skip && !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if x == skip || !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// entryAdjustments adds to r what the listed name and its entry say beyond
// the words: a weak alias, a different legal form or party type, and the
// country, date of birth and identifiers that corroborate or contradict.
func (ix *Index) entryAdjustments(legal LegalClass, r *result, rec *nameRec, q Query) {
	e := ix.entries[rec.entry]
	if rec.weak {
		r.add(Adjustment{"weak_alias", deltaWeak, "weak alias"})
	}
	if legal != LegalNone && rec.legal != LegalNone && legal != rec.legal && !r.cut {
		r.add(Adjustment{"legal_form_differs", deltaLegalDiffers, "legal form " + legal.String() + " vs " + rec.legal.String()})
	}
	if q.Type != lists.TypeUnknown && e.Type != lists.TypeUnknown && q.Type != e.Type {
		r.add(Adjustment{"type_mismatch", deltaTypeMismatch, "query is " + string(q.Type) + ", entry is " + string(e.Type)})
	}
	legalFormTypeMismatch(legal, r, rec, e.Type, q)
	ix.respelledCorporation(legal, r, rec, q)
	corroborate(r, e, ix.entryIDs[rec.entry], q)
}

// partialPerson reports whether the edges of a result from start on
// align every word of the shorter of two person names, closely
// (partialMinSim), with at least two words and at least half as many
// words as the longer name has extra (extra): the same person with a given
// name, a second surname or a patronymic more or less. It counts words,
// not their weights, so that it holds alike in an index of the whole
// list and in one of a few changed entries (screening's Affected). A query
// word that aligns two listed words written together counts as two
// (MUHAMMADHILALI for HILALI, Muhammad Jalal: the name's words are there,
// glued), but not in a Chinese or Korean name (allOneSyllable), whose
// given name is one word or two as anyone writes it (NAMUNG is the given
// name of KIM, Nam Ung alone).
func (ix *Index) partialPerson(sc *scratch, ctoks []int32, start, extra int) bool {
	n := len(sc.edgeStore) - start
	if glued := sc.gluedWords(start); glued > 0 && !allOneSyllable(ix, ctoks) {
		n += glued
	}
	return float32(n) >= partialMinShare*float32(extra) && (n >= 2 && sc.allEdgesClose(start, partialMinSim) || sc.oneLooseEdge(start))
}

// gluedWords is the number of listed words beyond the first that the
// single query words of the edges from start align.
func (sc *scratch) gluedWords(start int) int {
	n := 0
	for _, e := range sc.edgeStore[start:] {
		if e.qlo == e.qhi {
			n += int(e.chi - e.clo)
		}
	}
	return n
}

// missDedication is the share of its weight that a word of an
// organisation's dedication counts for when the query leaves it out.
const missDedication = 0.3

// missDedicationKept is the share of their weight that the other words of
// an organisation's dedication count for when the query holds one of them,
// the person's name: the short name of an institution named after a person
// is the person's name and what the institution is (IOFFE INSTITUTE for
// ... PHYSICS AND TECHNOLOGY INSTITUTE NAMED AFTER A. F. IOFFE OF THE
// RUSSIAN FEDERATION ACADEMY OF SCIENCES), and the formula, the initials
// and what the institution belongs to are left out with it.
const missDedicationKept = 0.1

// dedicationStart returns the position of the first word of the
// dedication in an organisation's name: the words from "named after" or
// "imeni" on (MOSCOW STATE TECHNICAL UNIVERSITY NAMED AFTER N.E. BAUMAN,
// RESEARCH INSTITUTE IMENI A.L. MINTS), which the organisation's short name
// usually leaves out, or a person's initials and surname at its end
// (initialsDedication); len(ctoks) if it has none. A dedication is never
// the start of a name.
func (ix *Index) dedicationStart(ctoks []int32) int {
	for j := 1; j < len(ctoks); j++ {
		switch ix.toks[ctoks[j]].s {
		case "imeni":
			return j
		case "named":
			if j+1 < len(ctoks) && ix.toks[ctoks[j+1]].s == "after" {
				return j
			}
		}
	}
	return ix.initialsDedication(ctoks)
}

// extraWords returns how many of the first n words the mask m leaves out.
func extraWords(m uint64, n int) int {
	if n > 64 {
		n = 64
	}
	return n - bits.OnesCount64(m&(1<<n-1))
}

// closeEdges reports whether the edges of a result from start on are two
// or more, each of similarity minSim or more.
func (sc *scratch) closeEdges(start int, minSim float32) bool {
	return len(sc.edgeStore)-start >= 2 && sc.allEdgesClose(start, minSim)
}

// allEdgesClose reports whether every edge of a result from start on has
// similarity minSim or more (true for none).
func (sc *scratch) allEdgesClose(start int, minSim float32) bool {
	for _, e := range sc.edgeStore[start:] {
		if e.sim < minSim {
			return false
		}
	}
	return true
}

// otherSyllabicName reports whether the query word q and the word t of a
// listed person's name are different Chinese or Korean names one letter
// apart (differentSyllabicName) and the person is of China or Korea. east
// caches the latter for one name: -1 unknown, 0 no, 1 yes; pair, if not
// nil, the former for the pair of words (a hit, met in many names): 0
// unknown, 1 yes, 2 no.
func (ix *Index) otherSyllabicName(q *qtok, t *tokInfo, rec *nameRec, east, pair *int8) bool {
	if pair == nil || *pair == 0 {
		differ := !(q.group != 0 && q.group == t.group) && differentSyllabicName(q.s, t.s, q.skel, t.skel)
		if pair == nil {
			if !differ {
				return false
			}
		} else if *pair = 2; differ {
			*pair = 1
		}
	}
	if pair != nil && *pair != 1 {
		return false
	}
	if *east < 0 {
		*east = 0
		if eastAsian(ix.entries[rec.entry]) {
			*east = 1
		}
	}
	return *east == 1
}

// leftoversCanReach reports whether pairing the words left unaligned could
// lift the name to the threshold th: with every leftover listed word
// paired at similarity 1, the query's extra words not counted at all, and
// the largest boost the query's country, date of
// birth and identifiers could add (boost, queryBoost). Most scored names cannot, and comparing
// their leftovers is the costly part of pairing. The bound must hold
// whatever the words weigh: a name whose pairing is skipped on one list
// and done on the next would change its score by more than the weights
// moved.
func (ix *Index) leftoversCanReach(sc *scratch, ctoks []int32, qm, cm uint64, num, matchedW float32, boost, th float64) bool {
	var wq, wc float32
	// the unaligned words by their bits, in order: which words a name
	// leaves is no pattern a branch per word predicts
	uq, uc := ^qm&lowBits(len(sc.qs)), ^cm&lowBits(len(ctoks))
	nq, nc := 0, 0
	for ; uq != 0; uq &= uq - 1 {
		wq += sc.qs[bits.TrailingZeros64(uq)].w
		nq++
	}
	for ; uc != 0; uc &= uc - 1 {
		wc += ix.toks[ctoks[bits.TrailingZeros64(uc)]].w
		nc++
	}
	if wq == 0 || wc == 0 || nq > maxLeftoverWords || nc > maxLeftoverWords {
		// nothing to pair, or names that differ in more than a few
		// respelled words
		return false
	}
	// a pair weighs its listed word (an edge's weight): at most every
	// leftover listed word paired at 1, nothing else counted
	best := float64((num + 2*wc) / (matchedW + 2*wc))
	return best+boost >= th
}

// boostSlack covers the rounding of a sum of adjustments taken in another
// order than queryBoost's, so that a name whose score reaches th with its
// boosts is never cut before applyDetails adds them.
const boostSlack = 1e-9

// queryBoost returns the largest boost the query's country, date of birth
// and identifiers could add to a name's score: the one thing of a query's
// details that the scoring of names reads (leftoversCanReach).
func queryBoost(q Query) float64 {
	var boost float64
	if q.Country.IsValid() {
		boost += deltaCountryMatch
	}
	if q.DateOfBirth != "" {
		boost += deltaDOBMatch
	}
	if len(q.IDs) > 0 {
		boost += deltaIDMatch
	}
	return boost
}

// applyDetails adds to each scored name in rs the adjustments of its entry
// and the query's details (entryAdjustments), keeps those whose final score
// reaches th, in order, and returns them. legal is the query's legal form.
func (ix *Index) applyDetails(rs []result, legal LegalClass, q Query, th float64) []result {
	k := 0
	for i := range rs {
		r := &rs[i]
		ix.entryAdjustments(legal, r, &ix.names[r.name], q)
		score := float64(r.nameScore) + sumDelta(r)
		score = max(0, min(1, score))
		if score < th {
			continue
		}
		r.score = float32(score)
		rs[k] = *r
		k++
	}
	return rs[:k]
}

// leftoverPair returns an edge between a query word and a listed word
// both left unaligned, the most similar such pair, when the words that
// aligned are two or more, each at 0.9 or more (for a listed person, a
// vowel respelling, partialMinSim, or more): a word respelled further
// than the fuzzy keys reach (Ghoreishi for Quraishi, Bhattwi for Bhuttavi)
// in a name that otherwise agrees. Its similarity (of the letters or of
// the skeletons, or for a listed person as the alignment compares words,
// personPairSim: Rami / Rimi, Monytuil / Mantiel), at least
// leftoverMinSim (for a listed person personLeftoverMinSim, when the
// words are a looseRespelling: Feyself / Faysal), counts as it is. Words
// of fewer than four letters are not paired.
func (ix *Index) leftoverPair(sc *scratch, ctoks []int32, qm, cm uint64, start int, individual bool) (edge, bool) {
	nq, nc := len(sc.qs), len(ctoks)
	minAligned := float32(closeMinSim)
	if individual {
		// the words of a person's name that agree may be respelled
		// themselves (AL-BANNAY, 'Ali Ridha for AL BANAI, Ali Reda):
		// romanisations of one name differ in more than one word
		minAligned = partialMinSim
	}
	if nq > 64 || nc > 64 || !sc.closeEdges(start, minAligned) {
		return edge{}, false
	}
	// a given name and a patronymic that agree say little about the
	// surname left over (KOLBIN, Sergey Nikolayevich is not KOTKIN,
	// Sergey Nikolayevich): two aligned words that are neither patronymics
	// nor titles are needed
	named := 0
	for _, e := range sc.edgeStore[start:] {
		qi, ti := &sc.qs[e.qlo].variantInfo, &ix.toks[ctoks[e.clo]].variantInfo
		if !qi.patronymic && !qi.title && !ti.patronymic && !ti.title {
			named++
		}
	}
	if named < 2 {
		return edge{}, false
	}
	minSim := float32(leftoverMinSim)
	if individual {
		minSim = personLeftoverMinSim
	}
	best, bq, bc := float32(0), -1, -1
	// the words left over by their bits, in order (nq and nc are at
	// most 64)
	cFree := ^cm & lowBits(nc)
	for mq := ^qm & lowBits(nq); mq != 0; mq &= mq - 1 {
		i := bits.TrailingZeros64(mq)
		q := &sc.qs[i]
		if q.w == 0 || len(q.s) < 4 {
			continue
		}
		for mc := cFree; mc != 0; mc &= mc - 1 {
			j := bits.TrailingZeros64(mc)
			t := &ix.toks[ctoks[j]]
			if len(t.s) < 4 || !sameStart(q.skel, t.skel) || otherPlace(q, t) {
				continue
			}
			// the string similarities left out (0) where the letters
			// shared bound both below what the pair must beat: the
			// best so far and the least kept, and, for a person, the
			// test of personPairSim below, which they then pass as 0
			// does. A pair so weighed ranks below the first pair of
			// the greatest similarity whenever that is kept, as it did.
			floor := max(best, minSim)
			if individual {
				floor = min(floor, vowelShapeSim)
			}
			floor -= strSimBoundSlack
			var sim float32
			n, nk := min(len(q.s), len(t.s)), min(len(q.skel), len(t.skel))
			if strSimBound(q.s, t.s, n) >= floor || strSimBound(q.skel, t.skel, nk) >= floor {
				sim = max(strSim(q.s, t.s, n), strSim(q.skel, t.skel, nk))
			}
			if individual && sim < vowelShapeSim {
				sim = max(sim, personPairSim(q, t))
				if sim < leftoverMinSim && !looseRespelling(q, t) {
					continue
				}
			}
			if sim > best {
				best, bq, bc = sim, i, j
			}
		}
	}
	if bq < 0 || best < minSim {
		return edge{}, false
	}
	return edge{int8(bq), int8(bq), int8(bc), int8(bc), best, ix.toks[ctoks[bc]].w}, true
}

// sameStart reports whether two skeletons start with the same letter, both
// with a vowel, or with a voiced and a voiceless consonant of one place
// (g/k, b/p, d/t, v/f): respellings seldom change the first consonant
// more than that (Ghoreishi, Quraishi).
func sameStart(a, b string) bool {
	return startClass(a[0]) == startClass(b[0])
}

func startClass(c byte) byte {
	switch c {
	case 'a', 'i', 'u':
		return 'a'
	case 'g':
		return 'k'
	case 'b':
		return 'p'
	case 'd':
		return 't'
	case 'v':
		return 'f'
	}
	return c
}

// descriptorFor reports whether the listed word t, aligned by e with the
// query word q, is an organisation descriptor in another language standing
// for q, a generic word ("torgovy" for "trade", "resurs" for "resources"):
// the pair says no more than the generic word itself.
//
// It is only true of a descriptor: the loops over every word of an
// alignment ask isOrgDescriptor, inlined, before they call it (the edge
// by pointer, not copied).
func descriptorFor(q *qtok, e *edge, t *tokInfo) bool {
	return e.qlo == e.qhi && isOrgDescriptor(t.group) && q.s != t.s && isGenericWord(q.s)
}

func (r *result) add(a Adjustment) {
	if r.nadj < len(r.adj) {
		r.adj[r.nadj] = a
		r.nadj++
	}
}

func sumDelta(r *result) float64 {
	var d float64
	for _, a := range r.adj[:r.nadj] {
		d += a.Delta
	}
	return d
}

// bit returns the mask of position i within 0..63: a word of a query or a
// listed name (names keep 64 words at most), or a byte of a word that
// jaroWinkler or levASCII compares (on 64 bytes at most). The count
// masked with 63 compiles to a bare shift, where 1<<i carries a check for
// counts of 64 and more.
func bit(i int) uint64 {
	return 1 << (uint(i) & 63)
}

// lowBits returns the bits 0..n-1 set, the words of a name or query of n
// words (n at most 64).
func lowBits(n int) uint64 {
	return ^uint64(0) >> (64 - uint(n))
}

// spanMask returns the bits lo..hi set, none for an empty span (hi below
// lo) or one outside 0..63.
func spanMask(lo, hi int8) uint64 {
	// both shift counts masked with 63 compile to bare shifts; the span
	// is within 0..63 exactly when lo, hi and hi-lo, read as unsigned,
	// are all at most 63 (a negative one is not), one test without a
	// branch where the caller's spans come and go
	l, h := uint(int(lo)), uint(int(hi))
	m := ^uint64(0) >> ((63 - (h - l)) & 63) << (l & 63)
	if l|h|(h-l) > 63 {
		m = 0
	}
	return m
}

func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// descriptorsOnTop reports whether the query holds the whole of a listed
// organisation's name of generic words and descriptors only, of two words
// or more (ctoks, al), and its words on top are generic words or
// descriptors too: IRAN COMMUNICATIONS INDUSTRIES GROUP for IRAN
// COMMUNICATION INDUSTRIES. They count in full (unmatchedWeights).
func (sc *scratch) descriptorsOnTop(rec *nameRec, ctoks []int32, al *alignment) bool {
	return !rec.individual && len(ctoks) >= 2 && len(ctoks) <= 64 && al.cm == spanMask(0, int8(len(ctoks)-1)) && sc.descriptorsLeft(al.qm)
}
