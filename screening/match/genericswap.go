package match

import (
	"math/bits"
	"slices"

	"github.com/exportguard/exportguard/rules"
)

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
	return (ix.genericLeft(ctoks, al.cm) || ix.genericOrCodeLeft(rec, ctoks, al.cm)) && sc.descriptorsLeft(al.qm)
}

// genericOrCodeLeft is genericLeft that also lets a two-letter code of
// the entry's country be left out (entryCountryCode: KINGS ROMANS
// INTERNATIONAL (HK) CO., LIMITED, of Hong Kong). Out of line: it runs
// only for a name that genericLeft refuses.
//
//go:noinline
func (ix *Index) genericOrCodeLeft(rec *nameRec, ctoks []int32, cm uint64) bool {
	code := false
	for m := ^cm & lowBits(len(ctoks)); m != 0; m &= m - 1 {
		if t := &ix.toks[ctoks[bits.TrailingZeros64(m)]]; !t.orgGeneric() && !isArticle(t.s) {
			if !ix.entryCountryCode(rec, t.s) {
				return false
			}
			code = true
		}
	}
	return code
}

// descriptorsLeft reports whether every query word that the mask qm leaves
// out is a generic word or a descriptor in any language: what a business
// is or does, not a name.
func (sc *scratch) descriptorsLeft(qm uint64) bool {
	for m := ^qm & lowBits(len(sc.qs)); m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); !isGenericWord(sc.qs[i].s) && !isOrgDescriptor(sc.qs[i].group) && !isArticle(sc.qs[i].s) && !sc.workingKind(i, qm) {
			return false
		}
	}
	return true
}

// genericLeft reports whether every word of the name ctoks that the mask
// cm leaves out is a generic word or a descriptor.
func (ix *Index) genericLeft(ctoks []int32, cm uint64) bool {
	for j, ct := range ctoks {
		if t := &ix.toks[ct]; cm&bit(j) == 0 && !t.orgGeneric() && !isArticle(t.s) {
			return false
		}
	}
	return true
}

// swapShare is the share of their weight that the generic words swapped
// on both sides count for when the query keeps the listed name's own word
// (swapKeepsOwnWord), instead of alphaUnmatched: what the business is or
// does, said in other words. 0.45 is the largest value at the dev halves'
// best (0.5 loses two aliases; 0.3 gains none more).
const swapShare = 0.45

// swapKeepsOwnWord reports whether the listed organisation's name ctoks
// (rec), whose words left over on both sides (masks qm, cm) are generic
// words or descriptors (genericSwap), has its rarest distinctive word
// aligned exactly, word for word, by one of the edges from start, and
// that word is a coined one (coinedWord, no given name) of one party
// (soleParty): the word that says who the business is kept, the words
// that say what it does said another way (PERIDOT SHIP MANAGEMENT for
// PERIDOT SHIPPING AND TRADING LLC, SHAHID MEISAMI RESEARCH COMPLEX for
// SHAHID MEISAMI GROUP). A name made to look like a listed one keeps its
// ordinary words and replaces the rarest, so every listed word left out
// must be more common than the one kept (SERVICIO DE METALS RODANTE is
// not SERVICIO DE EQUIPO RODANTE: equipo is a word of as few names as
// rodante). The words swapped stand on the same side of the kept word on
// both sides (leftSides): a business word said before a brand on one
// side and after it on the other reads as another name built on the
// word (VESTA TRADE CO. is not INVESTMENT BANK VESTA).
func (ix *Index) swapKeepsOwnWord(sc *scratch, rec *nameRec, ctoks []int32, qm, cm uint64, start int) bool {
	rare := -1
	for j, ct := range ctoks {
		if t := &ix.toks[ct]; !t.orgGeneric() && (rare < 0 || t.df < ix.toks[ctoks[rare]].df) {
			rare = j
		}
	}
	if rare < 0 {
		return false
	}
	t := &ix.toks[ctoks[rare]]
	if !coinedWord(t) || givenNameGroup(t.group) {
		// the name's own words together (keepsOwnPhrase), out of line
		return ix.keepsOwnPhrase(sc, rec, ctoks, qm, cm, start) || ix.emptyKindSwap(sc, rec, ctoks, qm, cm, start)
	}
	for j, ct := range ctoks {
		if cm&bit(j) == 0 && ix.toks[ct].df <= t.df {
			return false // a word left out as rare as the one kept
		}
	}
	// the article is no word swapped (orgarticles.go)
	for i := range sc.qs {
		if i < 64 && isArticle(sc.qs[i].s) {
			qm |= bit(i)
		}
	}
	for j, ct := range ctoks {
		if isArticle(ix.toks[ct].s) {
			cm |= bit(j)
		}
	}
	kept := false
	for _, e := range sc.edgeStore[start:] {
		if int(e.clo) <= rare && rare <= int(e.chi) {
			kept = e.sim >= 1 && e.clo == e.chi && e.qlo == e.qhi && leftSides(qm, int(e.qlo), len(sc.qs)) == leftSides(cm, rare, len(ctoks))
			break
		}
	}
	if !kept {
		return false
	}
	return ix.soleParty(rec, ctoks, ctoks[rare]) || ix.keepsOwnPhrase(sc, rec, ctoks, qm, cm, start) || ix.emptyKindSwap(sc, rec, ctoks, qm, cm, start)
}

// leftSides says where the words of n that the mask m leaves out stand
// against the word at p: 1 some before it, 2 some after it, 3 both.
func leftSides(m uint64, p, n int) int { return phraseSides(m, p, p, n) }

// maxPhraseWords is the most distinctive words a listed name's own phrase
// (keepsOwnPhrase) holds.
const maxPhraseWords = 4

// keepsOwnPhrase is swapKeepsOwnWord for a listed organisation's name
// (ctoks, rec) whose rarest distinctive word is no coined word of one
// party: a given name, a short word, a word that other parties' names hold
// too (YA MAHDI INDUSTRIAL RESEARCH COMPLEX for YA MAHDI INDUSTRIES GROUP:
// ya is in other names, mahdi a given name). Every distinctive word of the
// listed name, two or more standing together, aligned exactly word for
// word and in order by the edges from start, says who the business is
// when no other party's name holds them all (solePhrase: SYRIAN ARAB is
// many parties' words); not when each is a given name (a person's name is
// many businesses' name).
//
// The look-alike's guard is swapKeepsOwnWord's: every listed word left out
// is more common than the rarest word kept, counting the words of three
// letters or more that a look-alike replaces (the initials JL of
// TRANSPORTES J.L. CORDON, of one name, are no measure). GREEN WAVE
// TECHNOLOGIES for GREEN WAVE TELECOMMUNICATION stays out: the business
// word left out is rarer than wave, the shape of a name with its rarest
// word replaced. The words swapped stand on the same side of the phrase
// on both sides (phraseSides).
//
//go:noinline
func (ix *Index) keepsOwnPhrase(sc *scratch, rec *nameRec, ctoks []int32, qm, cm uint64, start int) bool {
	var core [maxPhraseWords]int32
	n, first, last, qfirst, qlast := 0, -1, -1, -1, -1
	allGiven, ref := true, int32(-1)
	for j, ct := range ctoks {
		t := &ix.toks[ct]
		if t.orgGeneric() || isArticle(t.s) {
			continue
		}
		if cm&bit(j) == 0 || n == maxPhraseWords || (last >= 0 && j != last+1) {
			return false
		}
		qi := -1
		for _, e := range sc.edgeStore[start:] {
			if int(e.clo) == j && e.chi == e.clo && e.qlo == e.qhi && e.sim >= 1 {
				qi = int(e.qlo)
				break
			}
		}
		if qi < 0 || (qlast >= 0 && qi != qlast+1) {
			return false
		}
		if first < 0 {
			first, qfirst = j, qi
		}
		core[n] = ct
		n++
		if len(t.s) >= 3 && (ref < 0 || t.df < ref) {
			ref = t.df
		}
		last, qlast = j, qi
		allGiven = allGiven && givenNameGroup(t.group)
	}
	if n < 2 || allGiven || ref < 0 {
		return false
	}
	for j, ct := range ctoks {
		if cm&bit(j) == 0 && ix.toks[ct].df <= ref {
			return false // a word left out as rare as one kept
		}
	}
	// the article is no word swapped (orgarticles.go)
	for i := range sc.qs {
		if i < 64 && isArticle(sc.qs[i].s) {
			qm |= bit(i)
		}
	}
	for j, ct := range ctoks {
		if isArticle(ix.toks[ct].s) {
			cm |= bit(j)
		}
	}
	return phraseSides(qm, qfirst, qlast, len(sc.qs)) == phraseSides(cm, first, last, len(ctoks)) &&
		ix.solePhrase(rec, ctoks, core[:n])
}

// phraseSides is leftSides for the phrase of the words lo to hi: 1 words
// that the mask m leaves out before it, 2 after it, 3 both.
func phraseSides(m uint64, lo, hi, n int) int {
	s := 0
	for j := range n {
		if m&bit(j) == 0 {
			if j < lo {
				s |= 1
			} else if j > hi {
				s |= 2
			}
		}
	}
	return s
}

// solePhrase reports whether no other party's name than rec's holds every
// word of core, the listed name ctoks itself under another entry aside.
func (ix *Index) solePhrase(rec *nameRec, ctoks, core []int32) bool {
	for _, nid := range ix.postings(core[0]) {
		o := &ix.names[nid]
		if o.entry == rec.entry {
			continue
		}
		otoks := ix.nameToks(o)
		if slices.Equal(otoks, ctoks) {
			continue
		}
		all := true
		for _, ct := range core[1:] {
			if !slices.Contains(otoks, ct) {
				all = false
				break
			}
		}
		if all {
			return false
		}
	}
	return true
}

// emptyKindGroups are the descriptor groups of the words that say of a
// business only that it is a company or has parts or reach, not what it
// does: company, corporation, group, holding, international, global,
// world. A name that swaps these for one another (SES GROUP for SES
// INTERNATIONAL CORP, KINGS ROMANS GROUP for KINGS ROMANS INTERNATIONAL
// (HK) CO., LIMITED) is the same name said with other filler.
var emptyKindGroups = [...]uint16{
	variantGroupOf("company"), variantGroupOf("corporations"), variantGroupOf("group"),
	variantGroupOf("holding"), variantGroupOf("international"), variantGroupOf("global"),
	variantGroupOf("world"),
}

// emptyKind reports whether group g is one of emptyKindGroups.
func emptyKind(g uint16) bool {
	if g == 0 {
		return false
	}
	for _, e := range emptyKindGroups {
		if g == e {
			return true
		}
	}
	return false
}

// emptyKindSwap is swapKeepsOwnWord for a listed organisation's name
// (ctoks, rec) whose own words are short or shared with other parties (ses
// is of two parties' names, KINGS ROMANS of three): every distinctive word
// of the listed name is aligned exactly, word for word, and the words left
// over on both sides (masks qm, cm) only say that the business is a
// company, a group or international (emptyKind, a legal form, an article,
// the link of, the entry's country code), one of them at least an empty
// kind word of the listed name. The swap that makes a look-alike or
// another business of the same word puts a word of what the business does
// in (BVI ELECTRONICS is not BVI GROUP, SIAS TRADING not SIAS INVESTMENT):
// those are no empty kind words. Not for a name whose distinctive words
// are all given names or places (a country, its adjective, a listed
// address's city or region), which many businesses are named for.
//
//go:noinline
func (ix *Index) emptyKindSwap(sc *scratch, rec *nameRec, ctoks []int32, qm, cm uint64, start int) bool {
	for i := range sc.qs {
		if q := &sc.qs[i]; i < 64 && qm&bit(i) == 0 && !emptyKind(q.group) && !isArticle(q.s) && q.s != "of" && !oneWordForm(q.s) {
			return false
		}
	}
	own, kind, allGiven := 0, false, true
	for j, ct := range ctoks {
		t := &ix.toks[ct]
		if cm&bit(j) == 0 {
			if emptyKind(t.group) {
				kind = true
			} else if !isArticle(t.s) && !oneWordForm(t.s) && !ix.entryCountryCode(rec, t.s) {
				return false
			}
			continue
		}
		if t.orgGeneric() || isArticle(t.s) {
			continue
		}
		exact := false
		for _, e := range sc.edgeStore[start:] {
			if int(e.clo) == j && e.chi == e.clo && e.qlo == e.qhi && e.sim >= 1 {
				exact = true
				break
			}
		}
		if !exact {
			return false
		}
		own++
		allGiven = allGiven && givenNameGroup(t.group)
	}
	if !kind || own == 0 || allGiven {
		return false
	}
	// a place with filler is many businesses' name (HAITIAN GROUP is not
	// every Haitian company's): one own word at least is no place
	for j, ct := range ctoks {
		if t := &ix.toks[ct]; cm&bit(j) != 0 && !t.orgGeneric() && !isArticle(t.s) && !ix.countryToken(ct) && !ix.placeWord(t.s) {
			return true
		}
	}
	return false
}

// entryCountryCode reports whether the listed word w is the two-letter
// code of a country of the entry of rec (its addresses, nationalities):
// the jurisdiction a company's registered name carries, as the (HK) of
// a Hong Kong company, says where it is, not who.
func (ix *Index) entryCountryCode(rec *nameRec, w string) bool {
	if len(w) != 2 {
		return false
	}
	c, err := rules.ParseCountry(w)
	return err == nil && entryHasCountry(ix.entries[rec.entry], c)
}
