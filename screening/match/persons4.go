package match

import "strings"

// A person's name element is often written joined to the next or with a
// compounding element that another spelling leaves out: a Persian or
// Arabic theophoric compound shortened (Hedayatollah, Hedayat), a
// surname with a Persian suffix (Kashanimehr, Kashani), a name clipped
// (Mostaf for Mostafavi), or two names written as one (Nkundabatware for
// Nkunda Batware). The shorter word is then the start of the longer.

const (
	// minCompoundStem is the shortest word, in bytes, that may be the
	// start of a compound (compoundOf): shorter starts are as often
	// another name (Ali, Alireza; Hasan, Hasanzadeh is kept by its six).
	minCompoundStem = 6
	// minCompoundRest is the fewest letters the compound has beyond
	// its start: one letter more is a respelling or the nisba -i,
	// which the string similarity already weighs.
	minCompoundRest = 2
	// compoundSim is the similarity of a word of a person's name and
	// the compound it starts.
	compoundSim = 0.8
	// maxCompoundChecks is the most listed words compared through the
	// prefix key of a query word (compoundHits).
	maxCompoundChecks = 16
)

// compoundOf reports whether long begins with short, a word of
// minCompoundStem letters or more, and has minCompoundRest letters or
// more beyond it.
func compoundOf(long, short string) bool {
	n := len(short)
	if n < minCompoundStem || len(long)-n < minCompoundRest {
		return false
	}
	// the last letter of the start a vowel of the same class as the
	// compound's there: a clipped name ends in the vowel as it is said
	// alone (Kamchi for Kamchybek, the Kyrgyz y)
	return long[:n-1] == short[:n-1] && (long[n-1] == short[n-1] || isVowelByte(long[n-1]) && isVowelByte(short[n-1]) && vowelClass(long[n-1]) == vowelClass(short[n-1]))
}

// compoundPair reports whether one of two words is the start of the
// other (compoundOf).
func compoundPair(a, b string) bool {
	if len(a) < len(b) {
		return compoundOf(b, a)
	}
	return compoundOf(a, b)
}

// compoundHits adds, at compoundSim, the listed words that query word q
// (index i) begins or that begin with it (compoundToks); those of a listed
// word written with its vowels are its token's, found once (knownHitsOf).
// gatherEdges keeps these hits for listed people only.
func (ix *Index) compoundHits(sc *scratch, q *qtok, i int8) {
	if q.known && !q.vowelless {
		k := ix.knownHitsOf(q.id)
		for _, t := range k.prefix {
			sc.addHit(simHit{i, i, t, compoundSim})
		}
		if len(k.prefix) > 0 && len(sc.qs) > 1 {
			sc.qCompoundNext = true
		}
		for _, t := range k.starts {
			sc.addHit(simHit{i, i, t, compoundSim})
		}
		return
	}
	ix.compoundToks(q, func(t int32, prefix bool) {
		sc.addHit(simHit{i, i, t, compoundSim})
		if prefix {
			sc.qCompoundNext = sc.qCompoundNext || len(sc.qs) > 1
		}
	})
}

// compoundToks calls fn, in order, with the listed words that query word q
// begins or that begin with it: those that start with it (prefix true),
// found through the prefix key of the fuzzy index, and those it starts
// with, looked up as written. Not an East Slavic patronymic, which is a
// given name with a suffix (Vladimirovich) and compares by the group of
// its stem. The regular keys come first: a word they already found keeps
// their similarity.
func (ix *Index) compoundToks(q *qtok, fn func(t int32, prefix bool)) {
	n := len(q.s)
	if n < minCompoundStem || q.vowelless || q.patronymic || len(q.skel) < prefixLen {
		return
	}
	a, b := ix.fuzzyRange(hashStr(seedPrefix, q.skel[:prefixLen]))
	for k := 0; a < b && k < maxCompoundChecks; a, k = a+1, k+1 {
		if t := ix.fuzzyTok(a); !ix.toks[t].patronymic && compoundOf(ix.toks[t].s, q.s) {
			fn(t, true)
		}
	}
	// the listed words q begins with
	ix.listedStarts(q.s, minCompoundStem, n-minCompoundRest, func(id int32) {
		if !ix.toks[id].patronymic {
			fn(id, false)
		}
	})
}

// vowellessPairSim is the similarity of two words of a person's name of
// which one is two consonants written without a vowel and the other
// those consonants with vowels (or one of them doubled) between or
// around them, starting alike: an Arabic name romanised letter for letter
// leaves the short vowels out (AL-DJ), another spelling writes them
// (al-Daj, Dajj). It scores as a vowel respelling (vowelShapeSim), and 0
// for other words. A word of one vowel and two consonants is compared
// only with a word of three or four letters.
func vowellessPairSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) != 2 || len(b) < 3 || len(b) > 4 || a[0] != b[0] || hasVowel(a) {
		return 0
	}
	var buf [4]byte
	if string(appendConsonants(buf[:0], b)) != a {
		return 0
	}
	return vowelShapeSim
}

// maxQafKey is the longest word, in bytes, that qafGSim compares.
const maxQafKey = 24

// qafGSim is the similarity of two words of a person's name of which one
// writes q where the other writes g: the Arabic qaf, which Gulf, Bedouin,
// Iraqi, Sudanese and Upper Egyptian Arabic say as g (Qasim, Gasim; Aqil,
// Agil), romanised as it is said, and which Persian says as its ghayn and
// romanises gh (Sadeq, Sadegh; Baqeri, Bagheri). The words are compared
// with q read as g, gh as g, the diphthong aw and the vowels o and u read
// alike, e, i and y alike, and doubled letters once (qafKey): equal, they
// score as a vowel respelling (vowelShapeSim), else 0. k is not read as g:
// Kamal and Gamal (Jamal) are two names.
func qafGSim(a, b string) float32 {
	if len(a) < 4 || len(b) < 4 || len(a) > maxQafKey || len(b) > maxQafKey {
		return 0
	}
	qa, qb := strings.IndexByte(a, 'q') >= 0, strings.IndexByte(b, 'q') >= 0
	if qa == qb || !qa && strings.IndexByte(a, 'g') < 0 || !qb && strings.IndexByte(b, 'g') < 0 {
		return 0 // no q on one side against a g on the other
	}
	var ka, kb [maxQafKey]byte
	if string(qafKey(ka[:0], a)) != string(qafKey(kb[:0], b)) {
		return 0
	}
	return vowelShapeSim
}

// qafKey appends the key of w that qafGSim compares.
func qafKey(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'q':
			c = 'g'
		case 'g':
			if i+1 < len(w) && w[i+1] == 'h' {
				i++ // Persian gh, for qaf as for ghayn
			}
		case 'o', 'w':
			c = 'u'
		case 'e', 'y':
			c = 'i'
		}
		if n := len(dst); n > 0 && dst[n-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// maxChKey is the longest word, in bytes, that chHSim compares.
const maxChKey = 24

// chHSim is the similarity of two words of a person's name of which one
// writes ch after its first letter where the other writes h or kh: the
// Dutch-based spelling of Indonesian and Malay names writes the Arabic ḥ
// and kh as ch (Achmad, Ahmad; Mochtar, Mokhtar; Rochim, Rahim). The word
// with ch is read with h, and the skeletons compared: equal, they score as
// equal skeletons (skelEqualSim); the same consonants with other vowels,
// as a vowel respelling (vowelShapeSim), else 0. A first ch (Chang,
// Hang) is left as it is.
func chHSim(a, askel, b, bskel string) float32 {
	if len(a) < 4 || len(b) < 4 || len(a) > maxChKey || len(b) > maxChKey {
		return 0
	}
	ca, cb := strings.Index(a[1:], "ch") >= 0, strings.Index(b[1:], "ch") >= 0
	if ca == cb {
		return 0
	}
	if cb {
		a, askel, b, bskel = b, bskel, a, askel
	}
	var buf [maxChKey]byte
	var skel [2 * maxChKey]byte
	w := append(buf[:0], a[0])
	for i := 1; i < len(a); i++ {
		if a[i] == 'c' && i+1 < len(a) && a[i+1] == 'h' {
			i++
		}
		w = append(w, a[i])
	}
	sk := bytesString(appendSkeleton(skel[:0], bytesString(w)))
	return readingSim(sk, bskel, min(len(w), len(b)))
}

// qafGHits adds the listed words that query word q (index i), written
// with a q, spells with that q read g (qafGSim): the word's skeleton with
// g for q, looked up among the listed skeletons (Aqlyl for Agleel), at
// most maxCompoundChecks compared. A q before u (Qu-) is left alone.
func (ix *Index) qafGHits(sc *scratch, q *qtok, i int8) {
	n := len(q.s)
	if n < 4 || n > maxQafKey || q.known || q.vowelless || strings.IndexByte(q.s, 'q') < 0 || strings.Contains(q.s, "qu") {
		return
	}
	var buf [maxQafKey]byte
	var skel [2 * maxQafKey]byte
	w := append(buf[:0], q.s...)
	for k := range w {
		if w[k] == 'q' {
			w[k] = 'g'
		}
	}
	sk := appendSkeleton(skel[:0], bytesString(w))
	a, b := ix.fuzzyRange(hashStr(seedExact, bytesString(sk)))
	for k := 0; a < b && k < maxCompoundChecks; a, k = a+1, k+1 {
		if t := ix.fuzzyTok(a); qafGSim(q.s, ix.toks[t].s) > 0 {
			sc.addHit(simHit{i, i, t, vowelShapeSim})
		}
	}
}
