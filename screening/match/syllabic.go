package match

import (
	"slices"
	"strings"

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
	// the other way round (syllabicRunHits): the least letters of a
	// listed syllabic word, the longest first part
	sylMinCompound = 6
	sylRevMaxHead  = 7
	sylRevChecks   = 16
	seedSylRev     = 0x589965CC75374CC3
)

// syllabicKeys returns the syllabic keys of the names of organisations in
// ix (its tokens described), sorted by token and without repeats.
func (ix *Index) syllabicKeys() []fuzzyKey {
	var keys []fuzzyKey
	// skip holds the words keyed as syllabic names already and the words
	// of people's names, which are left out of those keys (a listed
	// organisation's word that is a surname too)
	skip := make([]bool, len(ix.toks))
	for nid := range ix.names {
		if r := &ix.names[nid]; r.individual {
			for _, t := range ix.nameToks(r) {
				skip[t] = true
			}
		}
	}
	for nid := range ix.names {
		r := &ix.names[nid]
		if ix.entries[r.entry].Type != lists.TypeEntity {
			continue
		}
		ct := ix.nameToks(r)
		for j, t := range ct {
			if a := &ix.toks[t]; !skip[t] && len(a.s) >= sylMinCompound && !a.generic && !a.common && !hasDigit(a.s) {
				skip[t] = true
				// the first three letters with the two at each place a
				// second part may start
				for k := sylPartLen; k <= sylRevMaxHead && k+2 <= len(a.s); k++ {
					keys = append(keys, fuzzyKey{sylRevKey(a.s, a.s[k:]), t})
				}
			}
			if j+1 == len(ct) {
				break
			}
			a, c := &ix.toks[t], &ix.toks[ct[j+1]]
			if len(a.s) < sylMinHead || len(c.s) < sylPartLen || a.df > sylMaxDF || a.generic && c.generic || isStopWord(a.s) || isStopWord(c.s) {
				continue
			}
			keys = append(keys, fuzzyKey{sylKey(a.s, c.s), ct[j]})
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
	for k := sylPartLen; k+sylPartLen <= len(s); k++ {
		ix.syllabicAt(sc, s, k, s[k:], i)
	}
	// a part written with kh for an English ch (sylKhCh)
	if kh := strings.Index(s[sylPartLen:], "kh"); kh >= 0 {
		var b [64]byte
		if len(s) > len(b) {
			return
		}
		// one string for every place the part may start: each rest is
		// a tail of it
		c := string(sylKhCh(b[:0], s[sylPartLen:]))
		for k := sylPartLen; k+sylPartLen <= len(s) && k <= sylPartLen+kh; k++ {
			ix.syllabicAt(sc, s, k, c[k-sylPartLen:], i)
		}
	}
}

// syllabicAt looks up the listed words that begin s up to k and are
// followed in a name by a word that rest, the query word's end, stands
// for (syllabicPairs).
func (ix *Index) syllabicAt(sc *scratch, s string, k int, rest string, i int8) {
	lo, hi := ix.fuzzyRange(sylKey(s, rest))
	for ; lo < hi; lo++ {
		t := ix.fuzzyTok(lo)
		a := &ix.toks[t]
		if len(a.s) <= k || a.s[:k] != s[:k] || a.df > sylMaxDF {
			continue
		}
		ix.syllabicPairs(sc, t, rest, i)
	}
}

// sylKhCh appends to dst the word part p with every kh written ch. Russian
// writes х for the Greek chi that English writes ch, and romanises it kh:
// a syllabic name's part clipped from an English loanword (тех for
// technologies, мех for mechanical, хим for chemical, арх for
// architecture) comes back into Latin letters as TEKH, MEKH, KHIM, ARKH
// (SBERTEKH for SBERBANK TECHNOLOGIES).
func sylKhCh(dst []byte, p string) []byte {
	for j := 0; j < len(p); j++ {
		if p[j] == 'k' && j+1 < len(p) && p[j+1] == 'h' {
			dst = append(dst, 'c')
			continue
		}
		dst = append(dst, p[j])
	}
	return dst
}

// syllabicPairs adds to sc.joins the names in which the listed word t is
// followed by a word that rest, the end of query word i, stands for.
func (ix *Index) syllabicPairs(sc *scratch, t int32, rest string, i int8) {
	for _, nid := range ix.postings(t) {
		r := &ix.names[nid]
		if r.individual {
			continue
		}
		ct := ix.nameToks(r)
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

// syllabicRunHits adds the listed words of organisations' names that two
// or three adjacent query words abbreviate by their first syllables (the
// listed name is the syllabic one: URALSIB for Uralo-Sibirskiy,
// KRIOGENMASH for Kriogennogo Mashinostroyeniya). The index keys every
// word of an organisation's name of sylMinCompound letters or more, not
// generic, no common English word and no word of a person's name, by its
// first three letters with the two at each place from the fourth to the
// eighth where a second part may start (seedSylRev); two adjacent query
// words look up the first three letters of the first with the first two
// of the second. The first part ends where the listed word leaves the
// first query word, the others are beginnings of the next query words of
// two letters or more, one part at least clipped (sylParts); the query
// words are not stop words and not all generic. The pair scores sylSim.
func (ix *Index) syllabicRunHits(sc *scratch) {
	for i := 0; i+1 < len(sc.qs); i++ {
		q1, q2 := &sc.qs[i], &sc.qs[i+1]
		if len(q1.s) < sylPartLen || len(q2.s) < 2 {
			continue
		}
		lo, hi := ix.fuzzyRange(sylRevKey(q1.s, q2.s))
		for c := 0; lo < hi && c < sylRevChecks; lo, c = lo+1, c+1 {
			t := ix.fuzzyTok(lo)
			if last := sylParts(ix.toks[t].s, sc.qs, i); last > i && !ix.allGeneric(sc.qs[i:last+1]) && !isStopWord(q1.s) && !isStopWord(q2.s) {
				sc.addHit(simHit{int8(i), int8(last), t, sylSim})
			}
		}
	}
}

// sylKey is the key of a pair of words by their first sylPartLen letters
// each (seedSyl): hashStr of the six letters, without a buffer to join
// them in.
func sylKey(a, b string) uint64 {
	return hashMore(hashStr(seedSyl, a[:sylPartLen]), b[:sylPartLen])
}

// sylRevKey is the key of a listed syllabic word by its first sylPartLen
// letters and the first two of a second part (seedSylRev).
func sylRevKey(a, b string) uint64 {
	return hashMore(hashStr(seedSylRev, a[:sylPartLen]), b[:2])
}

// sylParts returns the last of the query words from i on whose beginnings,
// two or three of them, spell the listed word l (the first three letters
// or more, the others two or more, one of them at least clipped), or -1.
func sylParts(l string, qs []qtok, i int) int {
	q1, q2 := qs[i].s, qs[i+1].s
	// the first part ends where the listed word leaves the first query
	// word (CASTRO is no CAST- and RO- of CASTRO RONALDO)
	a := commonPrefix(l, q1)
	if a < sylPartLen || a > len(l)-2 {
		return -1
	}
	rest := l[a:]
	b := commonPrefix(rest, q2)
	if b < 2 {
		return -1
	}
	if b == len(rest) {
		if a < len(q1) || b < len(q2) {
			return i + 1
		}
		return -1
	}
	if i+2 >= len(qs) || isStopWord(qs[i+2].s) {
		return -1
	}
	q3 := qs[i+2].s
	for ; b >= 2; b-- {
		if r := rest[b:]; len(r) >= 2 && len(r) <= len(q3) && q3[:len(r)] == r && (a < len(q1) || b < len(q2) || len(r) < len(q3)) {
			return i + 2
		}
	}
	return -1
}

// commonPrefix is the length of the longest common beginning of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// allGeneric reports whether every query word of qs is a generic word.
func (ix *Index) allGeneric(qs []qtok) bool {
	for i := range qs {
		if !(qs[i].known && ix.toks[qs[i].id].generic || isGenericWord(qs[i].s)) {
			return false
		}
	}
	return true
}
