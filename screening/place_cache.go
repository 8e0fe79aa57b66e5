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
type boundedCache[K comparable, V any] struct {
	m sync.Map // K → V
	n atomic.Int32
}

// load returns the entry of k.
func (c *boundedCache[K, V]) load(k K) (V, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		var none V
		return none, false
	}
	return v.(V), true
}

// store keeps v as the entry of k, unless k has one or the cache holds
// limit entries.
func (c *boundedCache[K, V]) store(k K, v V, limit int32) {
	if c.n.Load() < limit {
		if _, loaded := c.m.LoadOrStore(k, v); !loaded {
			c.n.Add(1)
		}
	}
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
