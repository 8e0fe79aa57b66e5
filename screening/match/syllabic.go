package match

import (
	"slices"

	"github.com/exportguard/exportguard/screening/lists"
)

// Syllabic abbreviations. An organisation is often named by the first
// syllables of the words of its full name written as one word, the
// Russian and Soviet way (SBERTECH for SBERBANK TECHNOLOGIES) and the
// Spanish and Cuban one (FINCIMEX for FINANCIERA CIMEX): the first word
// clipped, the next glued onto it whole or clipped in turn. No key of a
// single listed word reaches such a query word, and the joined pairs of the
// index hold pairs written together whole.
//
// The index keys, for each two adjacent words of an organisation's name
// (not stop words, the first of sylMinHead letters or more and in at most
// sylMaxDF names, not both generic), the first sylPartLen letters of each
// (seedSyl), to the first word. A query word that is not listed, of
// sylMinWord letters or more and without a close hit, looks up its first
// letters with the letters at each place further on. A listed word that
// begins with the query word's letters up to that place, and has more, is
// read in its names: where the next word is the rest of the query word, as
// written or clipped as compounds clip their last word (gluedClip), the
// query word is that pair written together, at sylSim.

const (
	sylPartLen = 3
	sylMinHead = 5
	sylMinWord = 7
	sylMaxDF   = 200
	sylSim     = 0.9
	seedSyl    = 0x8EBC6AF09C88C6E3
)

// syllabicKeys returns the syllabic keys of the names of organisations in
// ix (its tokens described), sorted by token and without repeats.
func (ix *Index) syllabicKeys() []fuzzyKey {
	var keys []fuzzyKey
	var buf [2 * sylPartLen]byte
	for nid := range ix.names {
		r := &ix.names[nid]
		if ix.entries[r.entry].Type != lists.TypeEntity {
			continue
		}
		ct := ix.nameTok[r.tokOff : r.tokOff+int32(r.tokLen)]
		for j := 0; j+1 < len(ct); j++ {
			a, c := &ix.toks[ct[j]], &ix.toks[ct[j+1]]
			if len(a.s) < sylMinHead || len(c.s) < sylPartLen || a.df > sylMaxDF || a.generic && c.generic || isStopWord(a.s) || isStopWord(c.s) {
				continue
			}
			copy(buf[:], a.s[:sylPartLen])
			copy(buf[sylPartLen:], c.s[:sylPartLen])
			keys = append(keys, fuzzyKey{hashStr(seedSyl, string(buf[:])), ct[j]})
		}
	}
	slices.SortFunc(keys, func(x, y fuzzyKey) int {
		if x.tok != y.tok {
			return int(x.tok - y.tok)
		}
		if x.h < y.h {
			return -1
		}
		if x.h > y.h {
			return 1
		}
		return 0
	})
	return slices.Compact(keys)
}

// syllabicHits adds to sc.joins the listed pairs of adjacent words that the
// query word q (number i) abbreviates by their first syllables.
func (ix *Index) syllabicHits(sc *scratch, q *qtok, i int8) {
	s := q.s
	var buf [2 * sylPartLen]byte
	copy(buf[:], s[:sylPartLen])
	for k := sylPartLen; k+sylPartLen <= len(s); k++ {
		copy(buf[sylPartLen:], s[k:k+sylPartLen])
		lo, hi := ix.fuzzyRange(hashStr(seedSyl, bytesString(buf[:])))
		for ; lo < hi; lo++ {
			t := ix.fuzzyTok(lo)
			a := &ix.toks[t]
			if len(a.s) <= k || a.s[:k] != s[:k] || a.df > sylMaxDF {
				continue
			}
			ix.syllabicPairs(sc, t, s[k:], i)
		}
	}
}

// syllabicPairs adds to sc.joins the names in which the listed word t is
// followed by a word that rest, the end of query word i, stands for.
func (ix *Index) syllabicPairs(sc *scratch, t int32, rest string, i int8) {
	for _, nid := range ix.postings(t) {
		r := &ix.names[nid]
		ct := ix.nameTok[r.tokOff : r.tokOff+int32(r.tokLen)]
		for j := 0; j+1 < len(ct); j++ {
			if ct[j] != t {
				continue
			}
			if c := &ix.toks[ct[j+1]]; rest == c.s || gluedClip(rest, c) {
				sc.joins = append(sc.joins, joinHit{q: i, pos: int16(j), name: nid, sim: sylSim})
			}
		}
	}
}
