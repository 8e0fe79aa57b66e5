package match

import (
	"sync"

	"github.com/exportguard/exportguard/rules"
)

// Where an organisation is, said in its name, one way by the query and
// another by the list: a country's code for its name (ARROW ELECTRONICS
// HK CO., LTD. for ARROW ELECTRONICS (HONG KONG) CO., LTD.; ADERAL
// INDUSTRIAL HONG KONG LIMITED for ADERAL INDUSTRIAL HK LTD.; UAE, PRC).
// The two are one place: left over on both sides, they made the name a
// substitution (0.640 for the first). alignPlaceLeftovers pairs them when
// rules.ResolveDestination reads both as the same country.

// maxPlaceRun is the most words of a country's name read on either side.
const maxPlaceRun = 3

// placeRun is a run of query words that names a country.
type placeRun struct {
	lo, hi int8
	c      rules.Country
}

// placeAnswer is what rules.ResolveDestination made of a run of listed
// words: the country, if it named one.
type placeAnswer struct {
	c  rules.Country
	ok bool
}

// placeCache keeps the answers for runs of listed words (by their token
// numbers, -1 past the run's end), asked as searches meet them:
// rules.ResolveDestination allocates for text that names nothing.
type placeCache struct {
	mu sync.RWMutex
	m  map[[maxPlaceRun]int32]placeAnswer
}

// placeOfToks returns the country that the listed words ids name
// together, if any.
func (ix *Index) placeOfToks(ids []int32) (rules.Country, bool) {
	key := [maxPlaceRun]int32{-1, -1, -1}
	copy(key[:], ids)
	pc := &ix.countryRuns
	pc.mu.RLock()
	a, found := pc.m[key]
	pc.mu.RUnlock()
	if found {
		return a.c, a.ok
	}
	n := 0
	for _, id := range ids {
		n += len(ix.toks[id].s) + 1
	}
	b := make([]byte, 0, n)
	for k, id := range ids {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, ix.toks[id].s...)
	}
	a.c, a.ok = resolveCountry(string(b))
	pc.mu.Lock()
	if pc.m == nil {
		pc.m = map[[maxPlaceRun]int32]placeAnswer{}
	}
	if len(pc.m) < maxCountryRuns {
		pc.m[key] = a
	}
	pc.mu.Unlock()
	return a.c, a.ok
}

// maxCountryRuns is the most answers placeCache keeps: the runs of the
// listed names are bounded by the index, but a long-running service asks
// the runs of its queries' listed words as well, which are not; past it,
// a run is answered without being kept.
const maxCountryRuns = 1 << 16

// placeWordOK reports whether the word w may be (part of) a country's
// name or code where a name says where a business is: no stop word, no
// legal form's word (CO, DE, IN name countries as codes), no number.
func placeWordOK(w string) bool {
	return len(w) >= 2 && !isStopWord(w) && !isLegalWord(w) && !hasDigit(w)
}

// queryPlaces returns the runs of one to maxPlaceRun query words that name
// a country, worked out on first asking in a search: a single word, or
// words all of which are listed words (an unlisted word is asked alone
// only, and only if it is a code of two or three letters or countryWord
// reads it); a run of several begins with a generic or common English
// word (HONG, UNITED), as the names of countries of several words do.
func (ix *Index) queryPlaces(sc *scratch) []placeRun {
	if sc.qPlacesAsked {
		return sc.qPlaces
	}
	sc.qPlacesAsked = true
	sc.qPlaces = sc.qPlaces[:0]
	var ids [maxPlaceRun]int32
	for lo := range sc.qs {
		q := &sc.qs[lo]
		if !placeWordOK(q.s) {
			continue
		}
		if !q.known {
			// a code of two or three letters, or a country's name
			// (queryCountryWord, asked once a search)
			if len(q.s) <= 3 || ix.queryCountryWord(sc, lo) {
				if c, ok := resolveCountry(q.s); ok {
					sc.qPlaces = append(sc.qPlaces, placeRun{int8(lo), int8(lo), c})
				}
			}
			continue
		}
		// a listed word alone, or first of a run: a code, a country
		// (countryToken), or an ordinary word that may begin a
		// country's name of several (HONG KONG, UNITED ARAB EMIRATES)
		t := &ix.toks[q.id]
		alone := len(q.s) <= 3 || ix.countryToken(q.id)
		if !alone && !t.generic && !t.common {
			continue
		}
		for hi := lo; hi < len(sc.qs) && hi < lo+maxPlaceRun; hi++ {
			h := &sc.qs[hi]
			if !h.known || !placeWordOK(h.s) {
				break
			}
			ids[hi-lo] = h.id
			if hi == lo && !alone {
				continue
			}
			if c, ok := ix.placeOfToks(ids[:hi-lo+1]); ok {
				sc.qPlaces = append(sc.qPlaces, placeRun{int8(lo), int8(hi), c})
			}
		}
	}
	return sc.qPlaces
}

// resolveCountry returns the country that the text s names, not a region.
func resolveCountry(s string) (rules.Country, bool) {
	d, err := rules.ResolveDestination(s)
	if err != nil || d.Region.IsValid() {
		return rules.Country{}, false
	}
	return d.Country, true
}

// alignPlaceLeftovers pairs a run of query words left over and a run of
// the listed organisation's words left over (al's masks) that name the
// same country (queryPlaces, placeOfToks), as one edge of variantSim, of
// the listed words' weight.
func (ix *Index) alignPlaceLeftovers(sc *scratch, ctoks []int32, al *alignment) {
	nc := len(ctoks)
	if nc > 64 || len(sc.qs) > 64 {
		return
	}
	for _, p := range ix.queryPlaces(sc) {
		if al.qm&spanMask(p.lo, p.hi) != 0 {
			continue
		}
		if lo, hi, ok := ix.listedPlaceRun(ctoks, al.cm, p.c, sc.qs[p.lo].s[0]); ok {
			var w float32
			for j := lo; j <= hi; j++ {
				w += ix.toks[ctoks[j]].w
			}
			al.take(sc, edge{p.lo, p.hi, int8(lo), int8(hi), variantSim, w})
		}
	}
}

// listedPlaceRun returns the first run of one to maxPlaceRun words of the
// listed name ctoks that the mask cm leaves over and that names the
// country c, beginning with the letter first, as the query's run does: a
// code is the initials of the name it stands for (HK, HONG KONG; UAE,
// UNITED ARAB EMIRATES; PRC, PEOPLE'S REPUBLIC OF CHINA), and a listed
// word of another letter is asked of no table. A word of four letters or
// more names a country alone only if countryToken says so.
func (ix *Index) listedPlaceRun(ctoks []int32, cm uint64, c rules.Country, first byte) (lo, hi int, ok bool) {
	for lo = 0; lo < len(ctoks); lo++ {
		if t := &ix.toks[ctoks[lo]]; cm&bit(lo) != 0 || t.s[0] != first {
			continue
		}
		for hi = lo; hi < len(ctoks) && hi < lo+maxPlaceRun && cm&bit(hi) == 0 && placeWordOK(ix.toks[ctoks[hi]].s); hi++ {
			if hi == lo && len(ix.toks[ctoks[lo]].s) > 3 && !ix.countryToken(ctoks[lo]) {
				continue
			}
			if d, ok := ix.placeOfToks(ctoks[lo : hi+1]); ok && d == c {
				return lo, hi, true
			}
		}
	}
	return 0, 0, false
}
