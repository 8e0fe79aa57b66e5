package match

import (
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// Short names of organisations: what, besides a long coined word
// (soleCoinedWord), shows that the one word a query shares with a listed
// organisation's name stands for the whole name.

// minRegisteredShortLen is the least length of the one word of a short
// name written with a registered legal form (shortNameEvidence).
const minRegisteredShortLen = 6

// shortNameEvidence reports whether the query, aligned with the listed
// organisation rec on one distinctive word, carries evidence beyond that
// word that it names the same organisation:
//
//   - the numbers of both names agree (RADAR 2633 for JOINT STOCK COMPANY
//     PRODUCTION ENTERPRISE RADAR 2633). A number is no word of the
//     alignment, but a distinctive word and a number that agree are as
//     close as two words.
//   - the query is that word, of minRegisteredShortLen letters or more,
//     and a registered legal form (registeredForm), and the listed name
//     has a legal form too: the organisation's short name as written in
//     its own register (AMKODOR OAO, UNICIOUS SA, FARAZAN CO., LTD.). The
//     forms of the US and British issuers (Inc., Corp., Co., plc), whose
//     names take English words that other companies take too, are no such
//     evidence: SOUTHERN CO is not LLC SOUTHERN PROJECT, Alphabet Inc. is
//     not ALPHABET INTERNATIONAL DMCC.
//
// The caller (soleCoinedWord) has checked that the one word aligned
// closely and that the listed words left out are generic words or
// descriptors.
func (ix *Index) shortNameEvidence(sc *scratch, rec *nameRec) bool {
	if len(sc.nt.nums) > 0 {
		return ix.numbersAgree(sc, rec)
	}
	e := sc.edgeStore[len(sc.edgeStore)-1]
	return rec.legal != LegalNone && registeredForm(sc.nt.legal) && len(sc.qs[e.qlo].s) >= minRegisteredShortLen
}

// registeredForm reports whether a legal form of class c is one a company
// registers its name with in a civil-law register (limited, joint-stock,
// partnership, state enterprise: LLC, Ltd, OOO, DOO, OAO, SA, GmbH, AG),
// not the corporation's Inc., Corp., Co. or Company and the public
// company's plc, which English names of every kind end in.
func registeredForm(c LegalClass) bool {
	switch c {
	case LegalLimited, LegalJointStock, LegalPartnership, LegalState:
		return true
	}
	return false
}

// entryCountryWords reports whether every query word that the mask qm
// leaves out names a country of the listed entry rec (one of its
// addresses, nationalities or citizenships) by its name or adjective
// (entryCountryWord), and there is at least one: the country a state body
// belongs to, said in front of a name made of generic words (IRANIAN
// MINISTRY OF PETROLEUM for MINISTRY OF PETROLEUM, of Iran) and a number
// (MYANMAR MINING ENTERPRISE NUMBER 1 for MINING ENTERPRISE NO 1, of
// Burma). Another country names another body. Not inlined: it runs for
// such names only.
//
//go:noinline
func (ix *Index) entryCountryWords(sc *scratch, rec *nameRec, qm uint64) bool {
	e := ix.entries[rec.entry]
	n := 0
	for i := range sc.qs {
		if qm&bit(i) != 0 {
			continue
		}
		if q := &sc.qs[i]; !ix.mayNameCountry(q) || !entryCountryWord(e, q.s) {
			return false
		}
		n++
	}
	return n > 0
}

// countryAndNumber reports whether a query that aligns only generic words
// with a listed organisation's name, every word of that name and its
// numbers (numsAgree), adds to it only the names of the entry's countries
// (entryCountryWords): the same organisation, whose name is its trade and
// its number, with its country said. The caller has checked that the
// numbers agree. Not inlined: scoreName runs for every candidate, and this
// rarely.
//
//go:noinline
func (ix *Index) countryAndNumber(sc *scratch, rec *nameRec, ctoks []int32, al *alignment) bool {
	return !rec.individual && al.cm == spanMask(0, int8(len(ctoks)-1)) && ix.entryCountryWords(sc, rec, al.qm)
}

// initialsDedication returns the position of a dedication written without
// "named after" or "imeni" at the end of an organisation's name: a person's
// initials and surname (RESEARCH INSTITUTE POLYUS OF M.F. STELMAKH,
// TIKHORETSK MACHINE CONSTRUCTION PLANT V.V. VOROVSKY), the initials one
// word of one or two letters without a vowel, after two words or more of
// the name's own; len(ctoks) if there is none.
func (ix *Index) initialsDedication(ctoks []int32) int {
	n := len(ctoks)
	if n < 4 {
		return n
	}
	in, last := &ix.toks[ctoks[n-2]], &ix.toks[ctoks[n-1]]
	if len(in.s) > 2 || !in.vowelless || len(last.s) < 4 || last.vowelless || last.orgGeneric() {
		return n
	}
	return n - 2
}

// entryHasCountry reports whether c is the country of one of e's addresses,
// nationalities or citizenships (entryCountry).
func entryHasCountry(e *lists.Entry, c rules.Country) bool {
	_, hit := entryCountry(e, c)
	return hit
}

// countryWord reports whether the query word w, of four letters or more,
// names a country (rules.ResolveDestination): where a business is, said
// beside the whole of its listed name (IRASCO ITALY for IRASCO S.R.L.,
// VATECH LEBANON for VATECH SARL), counts as a descriptor does
// (unmatchedWeights).
func countryWord(w string) bool {
	if len(w) < 4 {
		return false
	}
	if demonymWord(w) {
		return true // IRANIAN MINISTRY OF PETROLEUM (demonyms.go)
	}
	d, err := rules.ResolveDestination(w)
	return err == nil && !d.Region.IsValid()
}

// countryToken is countryWord of the listed word id, kept for the index
// once asked: rules.ResolveDestination reads some 2,600 instructions of
// code and tables for a word, most of it for words that name no country,
// and the words asked recur from search to search.
func (ix *Index) countryToken(id int32) bool {
	w, sh := &ix.tokCountry[id>>4], uint(id&15)*2
	if v := w.Load() >> sh; v&1 != 0 {
		return v&2 != 0
	}
	ok := countryWord(ix.toks[id].s)
	b := uint32(1)
	if ok {
		b = 3
	}
	w.Or(b << sh)
	return ok
}

// queryCountryWord is countryWord of the query word i, worked out once a
// search (and kept for the index where the word is listed: countryToken):
// the rules that ask it ask it of every name they score, and
// rules.ResolveDestination reads (and, for a word that names no country,
// allocates) each time.
func (ix *Index) queryCountryWord(sc *scratch, i int) bool {
	b := bit(i)
	if sc.qCountryAsked&b == 0 {
		sc.qCountryAsked |= b
		if q := &sc.qs[i]; q.known && ix.countryToken(q.id) || !q.known && countryWord(q.s) {
			sc.qCountry |= b
		} else {
			sc.qCountry &^= b
		}
	}
	return sc.qCountry&b != 0
}

// numbersAgree reports whether the query has numbers and they are the
// listed name's (rec): a name of a number and a word held whole, with
// descriptors said beside it (7TH OF TIR INDUSTRIES for 7TH OF TIR), is
// that organisation's as a name of two words is.
func (ix *Index) numbersAgree(sc *scratch, rec *nameRec) bool {
	return len(sc.nt.nums) > 0 && rec.numLen > 0 && sameSet(sc.nt.nums, ix.nameNum[rec.numOff:rec.numOff+int32(rec.numLen)])
}
