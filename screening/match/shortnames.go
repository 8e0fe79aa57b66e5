package match

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
		return rec.numLen > 0 && sameSet(sc.nt.nums, ix.nameNum[rec.numOff:rec.numOff+int32(rec.numLen)])
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
