package match

import (
	"strings"
	"sync"
)

// A coined word said alone for a longer organisation name: the name's own
// word, the one no other company takes, with what the business is, where
// it is and its form left out (SANOVERA for SANOVERA PHARM COMPANY SARL,
// AKRESTSINA for AKRESTSINA DETENTION CENTER, GARANTEX for GARANTEX
// EUROPE OU).

// minCoinedAloneLen is the least length of a coined word that, said alone,
// stands for a longer listed organisation name of which it is a word
// (coinedAlone). Shorter coined words are more often a word other
// companies take too, or a brand's initials spelt as a word.
const minCoinedAloneLen = 7

// maxCoinedAloneDF is the most listed names a word said alone may be a
// word of (coinedAlone): one organisation's name and its few aliases.
const maxCoinedAloneDF = maxGroupPrefixDF

// coinedAlone reports whether the query is one word, with no legal form
// or the registered form (registeredForm) of the listed name's class, that
// e aligns exactly with a coined word (coinedWord) of minCoinedAloneLen
// letters or more of a longer listed organisation's name (ctoks), a word
// of at most maxCoinedAloneDF listed names: the organisation's own word,
// which no other listed name takes, said for the whole name. The words it
// leaves out then count as those of a short name kept in full
// (missGeneric for what the business is or does, missLeading for the
// other words: the kind of body, where it is; unmatchedWeights,
// leadDiscount). Not so for
//
//   - a word that several listed names share, which other companies take
//     too (PISHRO, KUZNETSOV), nor a common English word or a descriptor
//     (coinedWord), nor a given name's variant;
//   - a place: a country (countryWord) or a city or region of a listed
//     address (placeWord), which organisations there take into their
//     names (PYONGYANG UNIVERSITY OF AUTOMATION);
//   - a name that says its country (PETROLEOS DE VENEZUELA): the word is
//     then that country's, and the word alone another country's as well;
//   - a person's surname: after the person's initials or in the
//     dedication of a name (TMCP V.V. VOROVSKY, RESEARCH INSTITUTE POLYUS
//     OF M.F. STELMAKH, dedicationStart), which names the person, not
//     the organisation;
//   - a query with the Inc., Corp., Co. or plc of English names, or
//     another class of form than the listed name's (FARAZAN INC is not
//     FARAZAN INDUSTRIAL ENGINEERING, INC.).
//
// rec is nil when the caller has checked the legal forms already
// (leadDiscount, after soleCoinedWord).
func (ix *Index) coinedAlone(sc *scratch, rec *nameRec, ctoks []int32, e *edge) bool {
	if len(sc.qs) != 1 || len(ctoks) < 2 || e.sim < 1 || e.clo != e.chi || len(sc.qs[0].s) < minCoinedAloneLen {
		return false
	}
	if sc.nt.legal != LegalNone && (!registeredForm(sc.nt.legal) || rec != nil && rec.legal != sc.nt.legal) {
		return false
	}
	t := &ix.toks[ctoks[e.clo]]
	if t.df > maxCoinedAloneDF || !coinedWord(t) || givenNameGroup(t.group) || ix.countryToken(ctoks[e.clo]) || ix.placeWord(t.s) {
		return false
	}
	if j := int(e.clo); j > 0 && personInitials(&ix.toks[ctoks[j-1]]) || j >= ix.dedicationStart(ctoks) {
		return false
	}
	for j, ct := range ctoks {
		if j != int(e.clo) && ix.countryToken(ct) {
			return false
		}
	}
	return true
}

// personInitials reports whether the listed word t is a person's
// initials: a word of one or two letters without a vowel (M.F., V.V.).
// The word after them is that person's surname.
func personInitials(t *tokInfo) bool {
	return len(t.s) <= 2 && t.vowelless
}

// maxCoinedAloneLeft is the most that the words of a listed organisation's
// name left out by a coined word said alone (coinedAlone) count for, as a
// share of the weight of the word kept: the word says which organisation
// it is, and how many words the name spends on what the organisation is
// and where says nothing against it (KONTROLES for KONTROLES ELECTRONICOS
// DE BAJA CALIFORNIA, S.A. DE C.V.; VNESHECONOMBANK for STATE CORPORATION
// BANK FOR DEVELOPMENT AND FOREIGN ECONOMIC AFFAIRS VNESHECONOMBANK).
const maxCoinedAloneLeft = 0.6

// coinedAloneLeft returns leadDiscount's discount d of the weight missC of
// the words a coined word said alone leaves out, raised so that they
// count no more than maxCoinedAloneLeft of the word's weight.
func coinedAloneLeft(sc *scratch, missC, d float32) float32 {
	return max(d, missC-maxCoinedAloneLeft*sc.qs[0].w)
}

// placeWords is the set of the words, of four letters or more, of the
// cities and regions in the listed entries' addresses (placeWord).
type placeWords struct {
	once sync.Once
	set  map[string]struct{}
}

// placeWord reports whether w is a word of a city or region that a listed
// entry's address names: a place, which many organisations there take
// into their names (PYONGYANG UNIVERSITY OF AUTOMATION), not a coined
// word of one organisation's. The set is built on first use.
func (ix *Index) placeWord(w string) bool {
	p := &ix.places
	p.once.Do(func() {
		p.set = make(map[string]struct{})
		seen := make(map[string]struct{})
		for _, e := range ix.entries {
			for _, a := range e.Addresses {
				for _, f := range [...]string{a.City, a.State} {
					if _, dup := seen[f]; dup || f == "" {
						continue // most cities are named by many addresses
					}
					seen[f] = struct{}{}
					for _, x := range strings.Fields(Normalize(f)) {
						if len(x) >= 4 {
							p.set[x] = struct{}{}
						}
					}
				}
			}
		}
	})
	_, ok := p.set[w]
	return ok
}
