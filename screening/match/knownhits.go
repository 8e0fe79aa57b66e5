package match

import (
	"sync"
	"sync/atomic"
)

// A query word that is a listed word, written with its vowels, has the
// skeleton, consonants and variant groups of its token (prepareQuery), so
// what compoundHits and gapHits find for it is the token's alone: the
// listed words found are kept, per token, the first time a search needs
// them, and later searches add them again without reading the fuzzy keys
// or comparing the words. The hits they add, and the order, are those the
// look-ups add.

// knownHits holds what compoundHits and gapHits find for a listed word
// used as a query word (knownHitsOf).
type knownHits struct {
	// prefix and starts are compoundHits' listed words, in the order it
	// adds them: those that start with the word, found through its
	// prefix key, then those it starts with
	prefix, starts []int32
	// gap holds gapHits' listed words and their similarities, in the
	// order it raises them
	gap []neighbour
}

// noKnownHits is the knownHits of the many listed words for which both
// find nothing, kept without an allocation.
var noKnownHits knownHits

// knownHitsCache holds the knownHits of each token, found on first use
// (knownHitsOf): the slice is made on the first search that needs it.
type knownHitsCache struct {
	once sync.Once
	toks []atomic.Pointer[knownHits]
}

// knownHitsOf returns what compoundHits and gapHits find for token t used
// as a query word written with its vowels. Two searches that need it at
// once find the same, and either keeps it.
func (ix *Index) knownHitsOf(t int32) *knownHits {
	c := &ix.knownH
	c.once.Do(func() { c.toks = make([]atomic.Pointer[knownHits], len(ix.toks)) })
	if t < 0 || int(t) >= len(c.toks) {
		return &noKnownHits
	}
	if p := c.toks[t].Load(); p != nil {
		return p
	}
	k := ix.findKnownHits(t)
	c.toks[t].Store(k)
	return k
}

// findKnownHits finds, by the look-ups of compoundHits and gapHits, what
// they add for token t as a query word: the query word prepareQuery makes
// of a listed word, not written without vowels.
func (ix *Index) findKnownHits(t int32) *knownHits {
	tk := &ix.toks[t]
	q := qtok{s: tk.s, skel: tk.skel, cons: tk.cons, w: tk.w, id: t, known: true, av: tk.av, variantInfo: tk.variantInfo}
	var prefix, starts []int32
	var gap []neighbour
	ix.compoundToks(&q, func(u int32, isPrefix bool) {
		if isPrefix {
			prefix = append(prefix, u)
		} else {
			starts = append(starts, u)
		}
	})
	ix.gapToks(&q, t, func(u int32, s float32) {
		gap = append(gap, neighbour{u, s})
	})
	if prefix == nil && starts == nil && gap == nil {
		return &noKnownHits
	}
	return &knownHits{prefix: prefix, starts: starts, gap: gap}
}
