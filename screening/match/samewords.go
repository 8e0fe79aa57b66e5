package match

import (
	"cmp"
	"slices"
	"sync"
)

// A listed name made only of words that many names share (MUHAMMAD,
// 'Abd-al-Nasir 'Ali; ABU AHMED GROUP; ELECTRONIC TECHNOLOGY RESEARCH
// INSTITUTE) can lose its place among the candidates to the query written
// exactly as it: the estimate that picks them favours shorter names and
// the names of rarer words, and no word of the query is rare enough for
// keepRareExact. Of the 31,112 aliases of the embedded lists searched by
// their own text, six that are no weak alias did not find their entry so
// (TestListedNamesFindThemselves). A name whose words are the query's
// words, as a set, is kept as a candidate whatever its estimate.

// maxSameWordsQuery is the most words of a query whose set is looked up.
const maxSameWordsQuery = 12

// sameWordsIndex holds, for every listed name, a key of its multiset of
// words (the sum of its token numbers' wordKey and their count) with the
// name's number, sorted by key: the names of a set of words are found by a
// binary search. Built on first use (51,333 names on the embedded lists:
// 0.8 MB, a few milliseconds).
type sameWordsIndex struct {
	once sync.Once
	keys []sameWordsKey
}

type sameWordsKey struct {
	key  uint64
	name int32
}

// wordKey is a token number's part of a key of a multiset of words
// (sameWordsKey): the key is the sum of its words' parts and their count,
// the same for the same words in any order. The parts are spread over the
// 64 bits (a multiply, a shift, a multiply), so that sums of other words
// seldom meet; a key shared by chance costs a comparison (sameWordSet).
func wordKey(id int32) uint64 {
	x := (uint64(id) + 1) * 0x9e3779b97f4a7c15
	x ^= x >> 32
	return x * 0xd6e8feb86659fd93
}

// sameWordsKeys returns the index's name keys, building them once.
func (ix *Index) sameWordsKeys() []sameWordsKey {
	s := &ix.sameWords
	s.once.Do(func() {
		keys := make([]sameWordsKey, len(ix.names))
		for n := range ix.names {
			toks := ix.nameToks(&ix.names[n])
			var k uint64
			for _, t := range toks {
				k += wordKey(t)
			}
			keys[n] = sameWordsKey{k ^ uint64(len(toks))<<56, int32(n)}
		}
		slices.SortFunc(keys, func(a, b sameWordsKey) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return cmp.Compare(a.name, b.name)
		})
		s.keys = keys
	})
	return s.keys
}

// keepSameWords appends to sc.cands the names, not among them, whose words
// are the query's words as a set, when every query word is a listed word
// of more than rareExactMaxDF names (a rarer word's names keepRareExact
// keeps).
// It runs only when the candidates are full: otherwise every touched name
// is one. The names added rank last (no estimate), after every other
// candidate.
func (ix *Index) keepSameWords(sc *scratch) {
	n := len(sc.qs)
	if len(sc.cands) < ix.opts.maxCandidates || n == 0 || n > maxSameWordsQuery {
		return
	}
	var key uint64
	for i := range sc.qs {
		q := &sc.qs[i]
		if !q.known || ix.toks[q.id].df <= rareExactMaxDF {
			// a word no name has, or a rare one, whose names
			// keepRareExact keeps
			return
		}
		key += wordKey(q.id)
	}
	key ^= uint64(n) << 56
	keys := ix.sameWordsKeys()
	// the first key not less than key
	i, j := 0, len(keys)
	for i < j {
		if h := int(uint(i+j) >> 1); keys[h].key < key {
			i = h + 1
		} else {
			j = h
		}
	}
next:
	for ; i < len(keys) && keys[i].key == key; i++ {
		nid := keys[i].name
		if !ix.sameWordSet(sc, nid) {
			continue
		}
		for _, c := range sc.cands {
			if c.name == nid {
				continue next
			}
		}
		sc.cands = append(sc.cands, cand{name: nid})
	}
}

// sameWordSet reports whether the words of name nid are the query's words
// as a multiset (a key can be shared by chance).
func (ix *Index) sameWordSet(sc *scratch, nid int32) bool {
	toks := ix.nameToks(&ix.names[nid])
	if len(toks) != len(sc.qs) {
		return false
	}
	var used [maxSameWordsQuery]bool
	for i := range sc.qs {
		found := false
		for j, t := range toks {
			if !used[j] && t == sc.qs[i].id {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
