package match

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/exportguard/exportguard/namekey"
)

// A record system keeps a party's name in a field of fixed width — 30, 35
// or 40 characters are common, an ERP's name line among them — and cuts
// what does not fit, inside a word or between two: KOREA GENERAL
// CORPORATION FOR EXTER for KOREA GENERAL CORPORATION FOR EXTERNAL
// CONSTRUCTION. The words after the cut were never written, so they are no
// evidence against the listed name; the words before it are the listed
// name's own, in its order. A query whose normalised name is that long and
// is the start of a listed name's, shorter than it, scores that name
// fieldCutSim: a potential hit for a reviewer, never a confirmed one, as
// the rest of the name is unseen (the name_cut adjustment says so). A
// query of generic words only (OPEN JOINT-STOCK OIL AND GAS COMPANY) is
// read as cut only when it ends inside a listed word: between two words it
// may be a whole name, and the listed name's rest its own.

// fieldCutMinLen is the least length in bytes of a query's normalised name
// that is read as a name a field may have cut: shorter names are whole
// names that share the start of a longer one (BANK OF CHINA), not a field's
// width.
const fieldCutMinLen = 24

// fieldCutSim is the score of a listed name whose start the query is.
const fieldCutSim = 0.85

// queryCut returns the query's normalised name q when a field may have cut
// it (fieldCutMinLen bytes or more), or "".
func queryCut(q string) string {
	if len(q) < fieldCutMinLen {
		return ""
	}
	return q
}

// mayBeCut reports whether the alignment of the query with a listed name
// of words ctoks (its edges from sc.edgeStore[start]) is one a cut leaves:
// the first words of both paired, and every word paired with the word of
// the same place on the other side, as the listed name's start, written the
// same and analysed the same, pairs. A query of two words or more begins
// with the listed name's first word whole. It is the cheap test before
// cutOf, which reads the listed name.
func (sc *scratch) mayBeCut(ctoks []int32, start int) bool {
	if len(sc.qs) >= 2 && (!sc.qs[0].known || len(ctoks) == 0 || ctoks[0] != sc.qs[0].id) {
		return false
	}
	first := false
	for _, e := range sc.edgeStore[start:] {
		if e.qlo != e.clo || e.qhi != e.chi {
			return false
		}
		first = first || e.qlo == 0
	}
	return first
}

// cutOf reports whether the query's normalised name sc.qCut is the start
// of the normalised listed name of rec and shorter than it, and whether it
// ends inside a word of it (inWord): a piece of a word is a cut's own mark,
// where a query that ends between two words may be a whole name.
func (ix *Index) cutOf(sc *scratch, rec *nameRec) (ok, inWord bool) {
	name := ix.listedName(rec)
	if namekey.IsASCII(name) {
		return cleanASCIIHasPrefix(name, sc.qCut)
	}
	if c := firstNormalizedByte(name); c != 0 && c != sc.qCut[0] {
		return false, false
	}
	sc.cutBuf = appendNormalized(sc.cutBuf[:0], name)
	if len(sc.cutBuf) <= len(sc.qCut) || string(sc.cutBuf[:len(sc.qCut)]) != sc.qCut {
		return false, false
	}
	return true, sc.cutBuf[len(sc.qCut)] != ' '
}

// cleanASCIIHasPrefix is cutOf's test of a listed name s in ASCII: whether
// appendCleanASCII(nil, s) is longer than prefix and begins with it, and
// whether the next byte is no space. It makes the normalised name byte by
// byte, as appendCleanASCII does, and stops at the first that differs: most
// listed names differ in their first word.
func cleanASCIIHasPrefix(s, prefix string) (ok, inWord bool) {
	j := 0
	space := false // a space is owed before the next byte of a word
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '`':
			continue // dropped without a break
		case c == '.' && joinDot(s, i):
			continue // S.A. -> sa
		default:
			space = j > 0
			continue
		}
		if space {
			if j == len(prefix) {
				return true, false
			}
			if prefix[j] != ' ' {
				return false, false
			}
			j++
			space = false
		}
		if j == len(prefix) {
			return true, true
		}
		if prefix[j] != c {
			return false, false
		}
		j++
	}
	return false, false
}

// firstNormalizedByte is the first byte of Normalize(s) when s's first
// letter or digit is ASCII and comes before any other byte outside ASCII,
// and 0 when it cannot tell without normalising s.
func firstNormalizedByte(s string) byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			return c
		case c >= 'A' && c <= 'Z':
			return c + ('a' - 'A')
		case c >= 0x80:
			return 0
		}
	}
	return 0
}

// keepCut ends scoreName for a listed name the query is a cut of (cutOf;
// nid, name score nameScore, edges from sc.edgeStore[start]): the name_cut
// adjustment makes its score fieldCutSim (a name of generic words only
// may score more as words, and is held there), and no number adjustment is
// made, as every number of the query's is the listed name's own and the
// listed numbers it lacks are after the cut; nor is a legal form the
// listed name has and the query not a contradiction (entryAdjustments).
func (ix *Index) keepCut(sc *scratch, nid int32, nameScore float32, start int, boost, th float64) {
	r := result{name: nid, nameScore: nameScore, cut: true}
	r.add(Adjustment{"name_cut", float64(fieldCutSim - nameScore), "the query is the start of the listed name, cut as a name field of fixed width cuts it"})
	if float64(fieldCutSim)+boost+boostSlack < th {
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	r.edges = sc.edgeStore[start:len(sc.edgeStore):len(sc.edgeStore)]
	sc.results = append(sc.results, r)
}

// cutWords holds the listed words by their first eight bytes (cutHits),
// built on first use: keys[k] is the bytes of word toks[k], big-endian
// and padded with zeros, in the order of keys. A binary search over the
// keys alone, of 8 bytes each side by side, finds the words of a prefix
// without reading the words.
type cutWords struct {
	once sync.Once
	keys []uint64
	toks []int32
}

// prefixKey is the first eight bytes of s, big-endian, each missing one fill.
func prefixKey(s string, fill byte) uint64 {
	var k uint64
	for i := range 8 {
		c := fill
		if i < len(s) {
			c = s[i]
		}
		k = k<<8 | uint64(c)
	}
	return k
}

// cutMaxWords is the most listed words a cut word is looked up as the
// beginning of: a shorter piece begins too many words to say which.
const cutMaxWords = 16

// cutMinLen is the least length of a cut word looked up (cutHits).
const cutMinLen = 3

// cutHits adds, for the query's last word i when a field may have cut the
// query (sc.qCut), the listed words it is the beginning of (LIMITED
// LIABILITY COMPANY MUSH: MUSHROOM), when they are cutMaxWords or fewer:
// no fuzzy key of a long word reaches a short piece of it. The pair's
// similarity is the words' (tokSim), at least minTokSim; the cut rule
// (keepCut) scores a name the query is a cut of.
func (ix *Index) cutHits(sc *scratch, q *qtok, i int8) {
	if sc.qCut == "" || int(i) != len(sc.qs)-1 || len(q.s) < cutMinLen || !strings.HasSuffix(sc.qCut, q.s) {
		return
	}
	cw := ix.cutWordsOf()
	lo, _ := slices.BinarySearch(cw.keys, prefixKey(q.s, 0))
	hi, _ := slices.BinarySearch(cw.keys, prefixKey(q.s, 0xff)+1) // no word byte is 0xff
	if hi-lo > cutMaxWords && len(q.s) <= 8 {
		return
	}
	n := 0
	for k := lo; k < hi && n <= cutMaxWords; k++ {
		if t := cw.toks[k]; len(q.s) <= 8 || strings.HasPrefix(ix.toks[t].s, q.s) {
			sc.hitsTmp = append(sc.hitsTmp[:n], t)
			n++
		}
	}
	if n > cutMaxWords {
		return
	}
	for _, t := range sc.hitsTmp[:n] {
		sc.raiseHit(simHit{i, i, t, max(ix.tokSim(q, &ix.toks[t]), minTokSim)})
	}
}

// cutWordsOf returns ix.cutWords, built on first use.
func (ix *Index) cutWordsOf() *cutWords {
	cw := &ix.cutWords
	cw.once.Do(func() {
		type keyed struct {
			key uint64
			tok int32
		}
		ks := make([]keyed, len(ix.toks))
		for t := range ix.toks {
			ks[t] = keyed{prefixKey(ix.toks[t].s, 0), int32(t)}
		}
		slices.SortFunc(ks, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
		cw.keys, cw.toks = make([]uint64, len(ks)), make([]int32, len(ks))
		for k, x := range ks {
			cw.keys[k], cw.toks[k] = x.key, x.tok
		}
	})
	return cw
}

// isCutOf is cutOf's first answer.
func (ix *Index) isCutOf(sc *scratch, rec *nameRec) bool {
	ok, _ := ix.cutOf(sc, rec)
	return ok
}
