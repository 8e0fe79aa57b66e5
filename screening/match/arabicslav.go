package match

import "strings"

// A Russian or Central Asian family name in -ov that came through Arabic
// script and was read back into Latin letters: Arabic has no v and writes
// it with fa (f), writes o and u with one letter (waw) and leaves short
// vowels out, so Adanov, written أدانوف or أدنوف, is read back Adanuf or
// Adnuf. Lists whose sources are in Arabic (the aliases of fighters from
// Russia and Central Asia) give such spellings. A query word ending in -uf
// or -of, not an Arabic name of the variant tables (Yusuf, Rauf, Maruf), is
// compared with a listed person's word in -ov by the consonants of its
// stem, as vowels of one shape (vowelShapeSim).

// minArabicSlavWord is the fewest bytes of a query word the reading looks
// at: a stem of three letters or more and the ending.
const minArabicSlavWord = 5

// maxArabicSlavWord is the most bytes of a word the reading looks at.
const maxArabicSlavWord = 24

// arabicSlavSim is the similarity of the two spellings.
const arabicSlavSim = vowelShapeSim

// maxArabicSlavChecks is the most listed words arabicSlavHits compares.
const maxArabicSlavChecks = 16

// arabicSlavWords returns the query words (as bits) that arabicSlavPairSim
// can read: of minArabicSlavWord bytes or more, ending in -uf or -of after a
// consonant, in no variant group.
func arabicSlavWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		q := &qs[i]
		if w := q.s; i < 64 && len(w) >= minArabicSlavWord && len(w) <= maxArabicSlavWord && q.group == 0 && arabicSlavEnd(w) {
			m |= 1 << i
		}
	}
	return m
}

// arabicSlavEnd reports whether w ends in -uf or -of after a consonant.
func arabicSlavEnd(w string) bool {
	n := len(w)
	return w[n-1] == 'f' && (w[n-2] == 'u' || w[n-2] == 'o') && !isVowelByte(w[n-3]) && w[n-3] != 'f'
}

// arabicSlavPairSim is the similarity of a query word in -uf or -of
// (arabicSlavWords) and a listed word in -ov that begins with the same
// letter and whose stem has the same consonants (appendConsonants):
// arabicSlavSim, else 0.
func arabicSlavPairSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if len(b) < minArabicSlavWord || len(b) > maxArabicSlavWord || a[0] != b[0] || !strings.HasSuffix(b, "ov") {
		return 0
	}
	var ka, kb [maxArabicSlavWord]byte
	ca := appendConsonants(ka[:0], a[:len(a)-2])
	cb := appendConsonants(kb[:0], b[:len(b)-2])
	if len(ca) < 2 || string(ca) != string(cb) {
		return 0
	}
	return arabicSlavSim
}

// arabicSlavHits adds the listed words that query word q (index i), in -uf
// or -of (arabicSlavWords), may spell: those of its consonant key with v
// for the final f (index.go's seedCons keys), at most maxArabicSlavChecks
// compared, those arabicSlavPairSim pairs added at minTokSim until the
// alignment of a person's name raises them (gatherEdges).
func (ix *Index) arabicSlavHits(sc *scratch, q *qtok, i int8) {
	if sc.qArabSlavWords&bit(int(i)) == 0 {
		return
	}
	var buf [maxArabicSlavWord + 1]byte
	k := appendConsonants(buf[:0], q.s[:len(q.s)-1])
	k = append(k, 'v')
	ix.raiseUnder(sc, i, hashStr(seedCons, bytesString(k)), maxArabicSlavChecks, func(t int32) float32 {
		if arabicSlavPairSim(q, &ix.toks[t]) == 0 {
			return 0
		}
		return minTokSim
	})
}
