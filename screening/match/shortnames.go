package match

// Short names of organisations: what, besides a long coined word
// (soleCoinedWord), shows that the one word a query shares with a listed
// organisation's name stands for the whole name.

// shortNameEvidence reports whether the query, aligned with the listed
// organisation rec on one distinctive word, carries evidence beyond that
// word that it names the same organisation: the numbers of both names
// agree (RADAR 2633 for JOINT STOCK COMPANY PRODUCTION ENTERPRISE RADAR
// 2633). A number is no word of the alignment, but a distinctive word and
// a number that agree are as close as two words.
func (ix *Index) shortNameEvidence(sc *scratch, rec *nameRec) bool {
	return len(sc.nt.nums) > 0 && rec.numLen > 0 && sameSet(sc.nt.nums, ix.nameNum[rec.numOff:rec.numOff+int32(rec.numLen)])
}
