package screening

// Name cache: the first stage of recent name searches of one world
// (match.Prepared), because order books repeat their parties (the same
// customer on many orders, with other countries and dates).

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"sync"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/match"
)

// DefaultNameCacheSize is the number of prepared name searches a Screener
// keeps when WithNameCache is not given: about 5.5 MB. An entry (key and
// match.Prepared) holds about 1.3 KB of heap: 1,255-1,364 bytes over the
// 25,275 names of the evaluation set (BenchmarkNameCacheBytes, 2026-12-07).
const DefaultNameCacheSize = 4096

// nameCacheShards is the most shards a name cache has: enough that
// screenings on many cores rarely wait for one lock.
const nameCacheShards = 16

// nameKey is everything that decides the first stage of a name search
// (match.Prepared) in one world: the name, the threshold and whether the
// query has a country, a date of birth and identifiers
// (match.PreparedKey), not their values nor the party type or the limit,
// which only the second stage (match.Prepared.Matches) reads. An order book
// names one customer with many countries and dates: they share an entry.
// An ASCII name is keyed by its normalised form, so "ACME Corp." and "acme
// corp" share an entry, and by the words before its first comma when it
// has one between words: the matcher reads a name written surname first
// ("MAJEED, Chaudhry Abdul") from the comma, which normalising drops, and
// scores it otherwise than "Majeed Chaudhry Abdul". A name with other
// characters is keyed as given, because the matcher also reads the name's
// script (Arabic, Han) from the name as given. Names that normalise alike
// are read otherwise by what normalising drops (a place in parentheses, a
// person's initials glued by their full stops): the index's NameReading
// keys that.
type nameKey struct {
	name    string
	asGiven bool
	reading uint8 // how the matcher reads the name as written (match.Index.NameReading)
	match.PreparedKey
}

// newNameKey is the key of query q, and false when q is not to be cached
// (a name too long for the matcher, which it rejects with an error).
func newNameKey(ix *match.Index, q match.Query) (nameKey, bool) {
	if len(q.Name) > match.MaxNameLen {
		return nameKey{}, false
	}
	k := nameKey{PreparedKey: match.KeyOf(q), reading: ix.NameReading(q)}
	if namekey.IsASCII(q.Name) {
		k.name = match.Normalize(q.Name)
		if i := match.SurnameComma(q.Name); i > 0 {
			k.name += "\x00" + match.Normalize(q.Name[:i])
		}
	} else {
		k.name, k.asGiven = q.Name, true
	}
	return k, true
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
	p          *match.Prepared
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
	var bits uint64
	for i, b := range [...]bool{k.asGiven, k.Country, k.DOB, k.IDs} {
		if b {
			bits |= 1 << i
		}
	}
	bits |= uint64(k.reading) << 8
	h ^= mix64(bits ^ math.Float64bits(k.Threshold)*0xbf58476d1ce4e5b9)
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

// get returns the prepared search cached for k. It is immutable: shared
// with every caller.
func (c *nameCache) get(k *nameKey) (*match.Prepared, bool) { return c.getHashed(k, c.hash(k)) }

func (c *nameCache) getHashed(k *nameKey, h uint64) (*match.Prepared, bool) {
	sh := c.shard(h)
	sh.mu.Lock()
	i, ok := sh.at[h]
	if !ok || sh.ents[i].key != *k {
		sh.mu.Unlock()
		return nil, false
	}
	sh.touch(i)
	p := sh.ents[i].p
	sh.mu.Unlock()
	return p, true
}

// put caches p for k, dropping the least recently used entry when the
// shard is full.
func (c *nameCache) put(k *nameKey, p *match.Prepared) { c.putHashed(k, c.hash(k), p) }

func (c *nameCache) putHashed(k *nameKey, h uint64, own *match.Prepared) {
	sh := c.shard(h)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if i, ok := sh.at[h]; ok {
		// Another screening searched the same name meanwhile, or
		// (rarely) another key has the same hash: this one replaces it.
		sh.ents[i].key, sh.ents[i].p = *k, own
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
	sh.ents[i].key, sh.ents[i].hash, sh.ents[i].p = *k, h, own
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
// one: the first stage of the search (match.Prepared) comes from the cache
// when a query with the same name, threshold and kinds of details was
// searched before, and the second stage (the query's details, the
// threshold cut, the ranking, the limit) runs for every call. Errors (a
// cancelled context, a bad query) are not cached.
func (w *world) searchNames(ctx context.Context, q match.Query) ([]match.Match, error) {
	if w.names == nil {
		return w.index.Search(ctx, q)
	}
	k, ok := newNameKey(w.index, q)
	if !ok {
		return w.index.Search(ctx, q)
	}
	h := w.names.hash(&k)
	p, ok := w.names.getHashed(&k, h)
	if ok {
		// As Search does: a cancelled screening gets no result.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	} else {
		var err error
		if p, err = w.index.Prepare(ctx, q); err != nil {
			return nil, err
		}
		w.names.putHashed(&k, h, p)
	}
	return p.Matches(q)
}
