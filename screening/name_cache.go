package screening

// Name cache: the raw results of recent name searches of one world, because
// order books repeat their parties (the same customer on many orders).

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"sync"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/match"
)

// DefaultNameCacheSize is the number of name-search results a Screener
// keeps when WithNameCache is not given: about 3 MB. A result without hits
// (most names) takes about 300 bytes, one with hits more for their tokens
// and adjustments; 65,536 results of the realistic order book
// (examples/audit/gen -realistic) took 22 MB of heap.
const DefaultNameCacheSize = 4096

// nameCacheShards is the most shards a name cache has: enough that
// screenings on many cores rarely wait for one lock.
const nameCacheShards = 16

// nameKey is everything that decides a name search's result in one world:
// the query (name, type, country, date of birth, identifiers, threshold,
// limit). An ASCII name is keyed by its normalised form, so "ACME Corp."
// and "acme corp" share an entry; a name with other characters is keyed as
// given, because the matcher also reads the name's script (Arabic, Han)
// from the name as given.
type nameKey struct {
	name    string
	asGiven bool
	country rules.Country
	// detail is the type, date of birth and identifiers, joined; "" when
	// the query has none, as most do.
	detail    string
	threshold float64
	limit     int
}

// newNameKey is the key of query q, and false when q is not to be cached
// (a name too long for the matcher, which it rejects with an error).
func newNameKey(q match.Query) (nameKey, bool) {
	if len(q.Name) > match.MaxNameLen {
		return nameKey{}, false
	}
	k := nameKey{country: q.Country, threshold: q.Threshold, limit: q.Limit}
	if isASCII(q.Name) {
		k.name = match.Normalize(q.Name)
	} else {
		k.name, k.asGiven = q.Name, true
	}
	if q.Type != "" || q.DateOfBirth != "" || len(q.IDs) > 0 {
		// Each part with its length first: no two queries join alike,
		// whatever bytes their fields hold.
		b := appendPart(nil, string(q.Type))
		b = appendPart(b, q.DateOfBirth)
		for _, id := range q.IDs {
			b = appendPart(appendPart(appendPart(b, id.Type), id.Value), id.Country)
		}
		k.detail = string(b)
	}
	return k, true
}

func appendPart(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// nameCache is a bounded, concurrency-safe cache of name-search results,
// least recently used first out. It belongs to one world (one index, one
// list snapshot): a Reload builds a new world and with it a new cache. It
// keeps only what the index returned; what screening does with a hit
// (dates, reviewers' records, strength) runs on every call.
type nameCache struct {
	seed   maphash.Seed
	shards []nameShard
}

type nameShard struct {
	mu sync.Mutex
	// at finds an entry by its key's hash; the entry's key decides. Two
	// keys of one hash (odds of 2^-64 a pair) take turns in one entry.
	at   map[uint64]int32
	ents []nameEntry
	// head is the most recently used entry, tail the least; -1 for none.
	head, tail int32
	size       int
	_          [40]byte // keep shards' locks on separate cache lines
}

type nameEntry struct {
	key        nameKey
	hash       uint64
	ms         []match.Match
	prev, next int32
}

// newNameCache is a cache of at most size results; nil for size 0 (no
// cache).
func newNameCache(size int) *nameCache {
	if size <= 0 {
		return nil
	}
	n := min(size, nameCacheShards)
	c := &nameCache{seed: maphash.MakeSeed(), shards: make([]nameShard, n)}
	for i := range c.shards {
		sh := &c.shards[i]
		sh.size = size / n
		if i < size%n {
			sh.size++
		}
		sh.head, sh.tail = -1, -1
		sh.at = make(map[uint64]int32, min(sh.size, 4096))
	}
	return c
}

// hash is k's hash: a map keyed by a number hashes and compares faster
// than one keyed by the struct of strings.
func (c *nameCache) hash(k *nameKey) uint64 {
	h := maphash.String(c.seed, k.name)
	if k.detail != "" {
		h ^= maphash.String(c.seed, k.detail) * 0x9e3779b97f4a7c15
	}
	cc := k.country.String()
	var ch uint64
	if len(cc) == 2 {
		ch = uint64(cc[0])<<8 | uint64(cc[1])
	}
	if k.asGiven {
		ch |= 1 << 16
	}
	h ^= mix64(ch ^ math.Float64bits(k.threshold)*0xbf58476d1ce4e5b9 ^ uint64(k.limit)<<20)
	return h
}

// mix64 is the finaliser of SplitMix64.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func (c *nameCache) shard(h uint64) *nameShard {
	return &c.shards[h%uint64(len(c.shards))]
}

// get returns a copy of the result cached for k.
func (c *nameCache) get(k *nameKey) ([]match.Match, bool) { return c.getHashed(k, c.hash(k)) }

func (c *nameCache) getHashed(k *nameKey, h uint64) ([]match.Match, bool) {
	sh := c.shard(h)
	sh.mu.Lock()
	i, ok := sh.at[h]
	if !ok || sh.ents[i].key != *k {
		sh.mu.Unlock()
		return nil, false
	}
	sh.touch(i)
	ms := copyMatches(sh.ents[i].ms)
	sh.mu.Unlock()
	return ms, true
}

// put caches a copy of ms for k, dropping the least recently used result
// when the shard is full.
func (c *nameCache) put(k *nameKey, ms []match.Match) { c.putHashed(k, c.hash(k), ms) }

func (c *nameCache) putHashed(k *nameKey, h uint64, ms []match.Match) {
	own := copyMatches(ms)
	sh := c.shard(h)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if i, ok := sh.at[h]; ok {
		// Another screening searched the same name meanwhile, or
		// (rarely) another key has the same hash: this one replaces it.
		sh.ents[i].key, sh.ents[i].ms = *k, own
		sh.touch(i)
		return
	}
	var i int32
	if len(sh.ents) < sh.size {
		i = int32(len(sh.ents))
		sh.ents = append(sh.ents, nameEntry{prev: -1, next: -1})
	} else {
		i = sh.tail
		sh.unlink(i)
		delete(sh.at, sh.ents[i].hash)
	}
	sh.ents[i].key, sh.ents[i].hash, sh.ents[i].ms = *k, h, own
	sh.at[h] = i
	sh.pushFront(i)
}

// len is the number of results cached.
func (c *nameCache) len() int {
	n := 0
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		n += len(sh.at)
		sh.mu.Unlock()
	}
	return n
}

func (sh *nameShard) touch(i int32) {
	if sh.head == i {
		return
	}
	sh.unlink(i)
	sh.pushFront(i)
}

func (sh *nameShard) unlink(i int32) {
	e := &sh.ents[i]
	if e.prev >= 0 {
		sh.ents[e.prev].next = e.next
	} else {
		sh.head = e.next
	}
	if e.next >= 0 {
		sh.ents[e.next].prev = e.prev
	} else {
		sh.tail = e.prev
	}
	e.prev, e.next = -1, -1
}

func (sh *nameShard) pushFront(i int32) {
	e := &sh.ents[i]
	e.prev, e.next = -1, sh.head
	if sh.head >= 0 {
		sh.ents[sh.head].prev = i
	}
	sh.head = i
	if sh.tail < 0 {
		sh.tail = i
	}
}

// copyMatches copies ms down to its token and adjustment lists, so that
// neither the caller nor the cache sees the other's changes. The list
// entries are shared: they belong to the world's immutable snapshot.
func copyMatches(ms []match.Match) []match.Match {
	if len(ms) == 0 {
		return nil
	}
	out := make([]match.Match, len(ms))
	copy(out, ms)
	ntok, nadj := 0, 0
	for i := range ms {
		ntok += len(ms[i].Tokens)
		nadj += len(ms[i].Adjustments)
	}
	toks := make([]match.TokenMatch, 0, ntok)
	adjs := make([]match.Adjustment, 0, nadj)
	for i := range out {
		if ms[i].Tokens != nil {
			lo := len(toks)
			toks = append(toks, ms[i].Tokens...)
			out[i].Tokens = toks[lo:len(toks):len(toks)]
		}
		if ms[i].Adjustments != nil {
			lo := len(adjs)
			adjs = append(adjs, ms[i].Adjustments...)
			out[i].Adjustments = adjs[lo:len(adjs):len(adjs)]
		}
	}
	return out
}

// startNameCache gives w an empty name cache: of size entries if given,
// else of the size in use (DefaultNameCacheSize for a new Screener).
func (w *world) startNameCache(fresh bool, size *int) error {
	switch {
	case size != nil && *size < 0:
		return fmt.Errorf("name cache of %d entries: want 0 or more", *size)
	case size != nil:
		w.namesSize = *size
	case fresh:
		w.namesSize = DefaultNameCacheSize
	}
	w.names = newNameCache(w.namesSize)
	return nil
}

// searchNames is index.Search through the world's name cache, if it has
// one. Errors (a cancelled context, a bad query) are not cached.
func (w *world) searchNames(ctx context.Context, q match.Query) ([]match.Match, error) {
	if w.names == nil {
		return w.index.Search(ctx, q)
	}
	k, ok := newNameKey(q)
	if !ok {
		return w.index.Search(ctx, q)
	}
	h := w.names.hash(&k)
	if ms, ok := w.names.getHashed(&k, h); ok {
		// As Search does: a cancelled screening gets no result.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return ms, nil
	}
	ms, err := w.index.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	w.names.putHashed(&k, h, ms)
	return ms, nil
}
