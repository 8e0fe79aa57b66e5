package screening

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// placeCache remembers the policy's answer (concern profiles and embargo)
// for a place on a date. A batch asks about the same few hundred places on
// the same date over and over; the answers depend only on the policy, which
// a world never changes (a reload builds a new world and a new cache). At
// most maxPlaces answers are kept, so odd dates in the input cannot grow it
// without bound; past that the policy is asked every time.
type placeCache struct {
	boundedCache[placeKey, *placeRules]
}

// boundedCache is a concurrent map that keeps at most a given number of
// entries; past that, store keeps nothing and the caller works each answer
// out again.
//
// Entries are read from a map that is never written once published, with
// one atomic load and the key type's own hash (a sync.Map hashes an
// interface through its type's reflection data, which costs far more for a
// key of many fields); new entries wait in a small map under a lock until
// freezeEvery of them are folded into a new published map, so that filling
// the cache copies each entry about limit/freezeEvery times at most.
type boundedCache[K comparable, V any] struct {
	frozen atomic.Pointer[map[K]V]
	mu     sync.RWMutex
	recent map[K]V // entries not yet in frozen
	n      int     // entries in frozen and recent
}

// freezeEvery is how many new entries a boundedCache gathers before it
// publishes a new frozen map.
const freezeEvery = 32

// load returns the entry of k.
func (c *boundedCache[K, V]) load(k K) (V, bool) {
	if m := c.frozen.Load(); m != nil {
		if v, ok := (*m)[k]; ok {
			return v, true
		}
	}
	c.mu.RLock()
	v, ok := c.recent[k]
	c.mu.RUnlock()
	return v, ok
}

// size returns the number of entries kept.
func (c *boundedCache[K, V]) size() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

// store keeps v as the entry of k, unless k has one or the cache holds
// limit entries.
func (c *boundedCache[K, V]) store(k K, v V, limit int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n >= int(limit) {
		return
	}
	m := c.frozen.Load()
	if m != nil {
		if _, ok := (*m)[k]; ok {
			return
		}
	}
	if _, ok := c.recent[k]; ok {
		return
	}
	if c.recent == nil {
		c.recent = make(map[K]V, freezeEvery)
	}
	c.recent[k] = v
	c.n++
	if len(c.recent) < freezeEvery && c.n < int(limit) {
		return
	}
	var next map[K]V
	if m == nil {
		next = make(map[K]V, len(c.recent))
	} else {
		next = make(map[K]V, len(*m)+len(c.recent))
		for k, v := range *m {
			next[k] = v
		}
	}
	for k, v := range c.recent {
		next[k] = v
	}
	c.frozen.Store(&next)
	clear(c.recent)
}

// maxPlaces bounds a placeCache.
const maxPlaces = 4096

type placeKey struct {
	d   rules.Destination
	day int64 // Unix seconds of the screening date (midnight UTC)
}

// get returns the policy's answer for d on date. A nil cache asks the
// policy.
func (c *placeCache) get(p *rules.Policy, d rules.Destination, date time.Time) placeRules {
	if c == nil {
		return askPolicy(p, d, date)
	}
	k := placeKey{d: d, day: date.Unix()}
	if v, ok := c.load(k); ok {
		return *v
	}
	pr := askPolicy(p, d, date)
	c.store(k, &pr, maxPlaces)
	return pr
}

func askPolicy(p *rules.Policy, d rules.Destination, date time.Time) placeRules {
	e, ok := p.Embargo(d, date)
	return placeRules{d: d, set: true, concern: p.ConcernProfiles(d, date), embargo: e, embargoed: ok}
}
