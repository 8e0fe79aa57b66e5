package match

// The Tajik and Uzbek o for the Persian long a. Tajik writes the long a of
// Persian (and of the Arabic names Persian took) as o, and Uzbek, Tajik
// and the Dari of Kabul say it so: Jon for Jan, Rahmon for Rahman,
// Abdujabbor for Abdujabbar. Words of four letters or more meet through
// their vowel shape; a word of three letters is compared letter for letter
// (shortWordSim), so Jon and Jan met nowhere. Jon, Don and Ton are also
// English and Korean words, so the reading is asked only of the names of
// listed people of Tajikistan, Uzbekistan or Afghanistan (tajikName).

// tajikCodes are the countries whose people's Persian names are said and
// written with the Tajik o: Tajikistan, Uzbekistan, Afghanistan.
var tajikCodes = countryCodes("TJ", "UZ", "AF")

// tajikOWords returns the query words (as bits) that tajikOSim can read:
// of three letters, consonant, o, consonant.
func tajikOWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if w := qs[i].s; i < 64 && len(w) == 3 && w[1] == 'o' && !isVowelByte(w[0]) && !isVowelByte(w[2]) {
			m |= 1 << i
		}
	}
	return m
}

// tajikOSim is the similarity of a query word of three letters,
// consonant, o, consonant, and a listed word with the same consonants and
// a for the o: vowelShapeSim, else 0.
func tajikOSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if len(a) != 3 || len(b) != 3 || a[1] != 'o' || b[1] != 'a' || a[0] != b[0] || a[2] != b[2] {
		return 0
	}
	return vowelShapeSim
}

// tajikName reports whether the listed name rec is that of a person of a
// country of tajikCodes. rn caches it for one name.
func (ix *Index) tajikName(rec *nameRec, rn *readingName) bool {
	return ix.personOf(rec, &rn.taj, tajikCodes)
}

// tajikOHits adds the listed word that query word q (index i), of three
// letters with an o (tajikOWords), writes with a for the o, at minTokSim,
// noting the hit when it is new (sc.tajNew): the alignment of the name of
// a person of a country of tajikCodes raises it (tajikOSim in
// gatherEdges), other names do not take it.
func (ix *Index) tajikOHits(sc *scratch, q *qtok, i int8) {
	if sc.qTajWords&bit(int(i)) == 0 {
		return
	}
	w := [3]byte{q.s[0], 'a', q.s[2]}
	t, ok := ix.tokenID(bytesString(w[:]))
	if !ok {
		return
	}
	if k, ok := sc.readingHit(i, t); ok {
		sc.tajNew = append(sc.tajNew, k)
	}
}

// readingHit adds the listed word t as query word i's hit at minTokSim
// when the query has no hit of t there yet (as pushHit: a reading's word
// does not raise the word's best similarity), and returns the new hit's
// index: the reading notes it (sc.tajNew, sc.khmNew), so that the names
// it does not apply to can leave the hit out.
func (sc *scratch) readingHit(i int8, t int32) (int32, bool) {
	hit := simHit{i, i, t, minTokSim}
	if sc.findHit(hit) != nil {
		return 0, false
	}
	sc.pushHit(hit)
	return int32(len(sc.hits) - 1), true
}
