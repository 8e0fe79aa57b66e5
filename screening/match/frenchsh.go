package match

import "strings"

// The French transliteration of Arabic names (the Maghreb, Lebanon, West
// Africa) writes the Arabic sh as ch, u as ou and often a silent final e
// (Tantouche for Tantoush, Achour for Ashur, Bouchra for Bushra). The
// skeletons read ch as the English and Russian ch, so such a word met its
// English spelling only by its letters. A word written the French way is
// also read with ch as sh and without a final e after a consonant.

const (
	// maxFrenchKey is the longest word, in bytes, that frenchShSim
	// compares.
	maxFrenchKey = 24
	// seedFrench is the seed of the key a listed word spelt the French
	// way files: the skeleton of its reading.
	seedFrench uint64 = 0xBB67AE8584CAA73B
)

// appendFrenchKey adds the key of the listed word s (token tok) when it
// is spelt the French way: the skeleton of its reading, under which a
// query word written with sh finds it.
func appendFrenchKey(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	if !frenchWord(s) {
		return dst
	}
	var sk [2 * maxFrenchKey]byte
	return append(dst, fuzzyKey{hashStr(seedFrench, bytesString(appendFrenchSkel(sk[:0], s))), tok})
}

// frenchWord reports whether w, written with ch, is spelt the French way:
// with ou, or a final e after a consonant.
func frenchWord(w string) bool {
	n := len(w)
	if n < 4 || n > maxFrenchKey || strings.Index(w, "ch") < 0 {
		return false
	}
	return strings.Contains(w, "ou") || w[n-1] == 'e' && !isVowelByte(w[n-2])
}

// appendFrenchSkel appends the skeleton of the French word w read with ch
// as sh and without a final e after a consonant.
func appendFrenchSkel(dst []byte, w string) []byte {
	var buf [maxFrenchKey + 4]byte
	b := buf[:0]
	n := len(w)
	if w[n-1] == 'e' && !isVowelByte(w[n-2]) {
		n--
	}
	for i := 0; i < n; i++ {
		if w[i] == 'c' && i+1 < n && w[i+1] == 'h' {
			b = append(b, 's', 'h')
			i++
			continue
		}
		b = append(b, w[i])
	}
	return appendSkeleton(dst, bytesString(b))
}

// frenchShSim is the similarity of two words of a person's name of which
// one is spelt the French way (frenchWord) and the other not: read as
// above, equal skeletons score as equal skeletons, the same consonants with
// other vowels as a vowel respelling; else 0.
func frenchShSim(a, askel, b, bskel string) float32 {
	fa, fb := frenchWord(a), frenchWord(b)
	if fa == fb {
		return 0
	}
	if fb {
		a, b, bskel = b, a, askel
	}
	if strings.Index(b, "sh") < 0 {
		return 0
	}
	var sk [2 * maxFrenchKey]byte
	s := appendFrenchSkel(sk[:0], a)
	return readingSim(bytesString(s), bskel, min(len(a), len(b)))
}

// frenchShHits adds the listed words that query word q (index i) spells
// with ch the French way where the other writes sh, or the other way round
// (frenchShSim): a query word spelt the French way looks its reading's
// skeleton up among the listed skeletons, a query word with sh its own
// skeleton among the readings of the listed words spelt the French way
// (seedFrench); at most maxCompoundChecks compared.
func (ix *Index) frenchShHits(sc *scratch, q *qtok, i int8) {
	if q.known || q.vowelless || len(q.s) < 4 || len(q.s) > maxFrenchKey {
		return
	}
	var h uint64
	if frenchWord(q.s) {
		var sk [2 * maxFrenchKey]byte
		h = hashStr(seedExact, bytesString(appendFrenchSkel(sk[:0], q.s)))
	} else if strings.Contains(q.s, "sh") {
		// a listed word spelt the French way (Bushusha, Bouchoucha)
		h = hashStr(seedFrench, q.skel)
	} else {
		return
	}
	ix.raiseUnder(sc, i, h, maxCompoundChecks, func(t int32) float32 {
		return frenchShSim(q.s, q.skel, ix.toks[t].s, ix.toks[t].skel)
	})
}
