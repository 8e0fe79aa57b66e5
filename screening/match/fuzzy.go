package match

import "slices"

// fuzzyKey files the indexed token tok under the hash h of its skeleton,
// of the skeleton less one byte, or of its prefix, so that words one edit
// apart share a key.
type fuzzyKey struct {
	h   uint64
	tok int32
}

// sortKeys sorts keys by hash, stably (least significant digit first
// radix sort, 16 bits a pass), and returns the sorted slice.
func sortKeys(keys []fuzzyKey) []fuzzyKey {
	tmp := make([]fuzzyKey, len(keys))
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		clear(count[:])
		for _, k := range keys {
			count[(k.h>>shift)&0xFFFF]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range keys {
			d := (k.h >> shift) & 0xFFFF
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

// neighbour is an indexed token similar to another one.
type neighbour struct {
	tok int32
	sim float32
}

// neighbours returns the indexed tokens similar to token t: those its
// fuzzy keys reach (at most maxFuzzyChecksKnown compared) with a similarity
// of at least minTokSim, the best maxNeighbours of them. A query word that
// is a listed word uses them instead of probing the keys. They depend on
// the index alone, so they are found once, on first use, and kept; two
// searches that need them at once find the same tokens.
func (ix *Index) neighbours(t int32) []neighbour {
	if ix.neighOff != nil {
		if t < 0 || int(t)+1 >= len(ix.neighOff) {
			return nil
		}
		return ix.neighFlat[ix.neighOff[t]:ix.neighOff[t+1]:ix.neighOff[t+1]]
	}
	if t < 0 || int(t) >= len(ix.neigh) {
		return nil
	}
	if p := ix.neigh[t].Load(); p != nil {
		return *p
	}
	ns := ix.findNeighbours(t)
	ix.neigh[t].Store(&ns)
	return ns
}

// findNeighbours finds, by a fuzzy probe, up to maxNeighbours indexed
// tokens similar to token t, most similar first.
func (ix *Index) findNeighbours(t int32) []neighbour {
	ti := &ix.toks[t]
	if len(ti.s) < 3 {
		return nil
	}
	sc := &scratch{}
	q := qtok{s: ti.s, skel: ti.skel, cons: ti.cons, w: ti.w, variantInfo: ti.variantInfo}
	ix.probeFuzzy(sc, &q, 0, 0, minTokSim, maxFuzzyChecksKnown, true)
	ix.soundHits(sc, &q, 0)
	ix.loanHits(sc, &q, 0) // loanwords.go
	ix.slavHits(sc, &q, 0)
	ix.frontedAHits(sc, &q, 0)
	ix.silentLetterHits(sc, &q, 0)
	slices.SortFunc(sc.hits, func(a, b simHit) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return int(a.tok - b.tok)
	})
	var ns []neighbour
	for _, h := range sc.hits {
		if h.tok != t && len(ns) < maxNeighbours {
			ns = append(ns, neighbour{h.tok, h.sim})
		}
	}
	return ns
}

const (
	fuzzyMinLen = 4 // skeletons shorter than this get no deletion keys
	prefixLen   = 6
	seedExact   = 0x9E3779B97F4A7C15
	seedDel     = 0xC2B2AE3D27D4EB4F
	seedPrefix  = 0x165667B19E3779F9
	seedRawDel  = 0x27D4EB2F165667C5
	seedCons    = 0x85EBCA77C2B2AE63
	rawMinLen   = 5
)

// appendFuzzyKeys adds the keys of skeleton skel of token tok: the whole
// skeleton, each single deletion of a skeleton of fuzzyMinLen bytes or more,
// and the prefix of a long one.
func appendFuzzyKeys(dst []fuzzyKey, skel string, tok int32, buf []byte) []fuzzyKey {
	dst = append(dst, fuzzyKey{hashStr(seedExact, skel), tok})
	if len(skel) >= fuzzyMinLen {
		for i := 0; i < len(skel); i++ {
			dst = append(dst, fuzzyKey{hashDel(seedDel, skel, i), tok})
		}
	}
	if len(skel) >= prefixLen+2 {
		dst = append(dst, fuzzyKey{hashStr(seedPrefix, skel[:prefixLen]), tok})
	}
	return dst
}

// appendRawKeys adds the single deletions of the token itself, so that a
// substitution or deletion the skeleton hides ("technooogy") is found.
func appendRawKeys(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	if len(s) < rawMinLen {
		return dst
	}
	dst = append(dst, fuzzyKey{hashStr(seedRawDel, s), tok})
	for i := 0; i < len(s); i++ {
		dst = append(dst, fuzzyKey{hashDel(seedRawDel, s, i), tok})
	}
	return dst
}

// hashStr is FNV-1a with a seed.
func hashStr(seed uint64, s string) uint64 {
	return hashMore(fnvOffset^seed, s)
}

// hashMore continues the hash h (hashStr's of a string) over the bytes of
// s: the hash of the string followed by s.
func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// The 64-bit FNV-1a offset basis and prime, which hashStr and the hashes
// built letter by letter use.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

// listedStarts calls fn with the token of each listed word that is the
// start of w, w[:n] for n from lo to hi, the starts hashed as they grow
// (hashStr, seedVocab) so that each costs one letter of hashing.
func (ix *Index) listedStarts(w string, lo, hi int, fn func(id int32)) {
	h := fnvOffset ^ seedVocab
	for n := 1; n <= hi && n <= len(w); n++ {
		h ^= uint64(w[n-1])
		h *= fnvPrime
		if n < lo {
			continue
		}
		if id, ok := ix.tokenIDHashed(w[:n], h); ok {
			fn(id)
		}
	}
}

// hashDel hashes s without its byte at position del.
func hashDel(seed uint64, s string, del int) uint64 {
	h := fnvOffset ^ seed
	for i := 0; i < len(s); i++ {
		if i == del {
			continue
		}
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// appendDelHashes appends hashDel(seed, s, i) for each i in order. The
// hash of the bytes before i is carried from one deletion to the next, so
// only the bytes after i are hashed again, with no test of each byte's
// position.
func appendDelHashes(dst []uint64, seed uint64, s string) []uint64 {
	pre := fnvOffset ^ seed
	for i := 0; i < len(s); i++ {
		dst = append(dst, hashMore(pre, s[i+1:]))
		pre ^= uint64(s[i])
		pre *= fnvPrime
	}
	return dst
}

// appendDelHashPairs appends hashDel(seedDel, s, i) and hashDel(seedExact,
// s, i) for each i in order, as appendDelHashes does, the two hashes of a
// deletion in one pass over the bytes after it.
func appendDelHashPairs(dst []uint64, s string) []uint64 {
	pd, pe := fnvOffset^seedDel, fnvOffset^seedExact
	for i := 0; i < len(s); i++ {
		hd, he := pd, pe
		for _, c := range []byte(s[i+1:]) {
			hd ^= uint64(c)
			hd *= fnvPrime
			he ^= uint64(c)
			he *= fnvPrime
		}
		dst = append(dst, hd, he)
		pd ^= uint64(s[i])
		pd *= fnvPrime
		pe ^= uint64(s[i])
		pe *= fnvPrime
	}
	return dst
}

// fuzzyDirectory returns the bucket directory of keys sorted by hash,
// with two to four keys a bucket (a directory of 4 bytes a bucket as
// large as the 8-byte keys' own array would double what a look-up may
// read), and enough buckets that a bucket number has as many bits as a
// token number of nTok tokens (packFuzzyKeys).
func fuzzyDirectory(keys []fuzzyKey, nTok int) ([]uint32, uint64) {
	bits := 1
	for (1<<bits < len(keys)/4 || 1<<bits < nTok) && bits < 30 {
		bits++
	}
	shift := uint64(64 - bits)
	dir := make([]uint32, 1<<bits+1)
	k := 0
	for b := range dir {
		for k < len(keys) && keys[k].h>>shift < uint64(b) {
			k++
		}
		dir[b] = uint32(k)
	}
	dir[len(dir)-1] = uint32(len(keys))
	return dir, shift
}

// packFuzzyKeys packs keys sorted by hash, whose directory has buckets of
// the hash's top 64-shift bits, in one word each: the bucket's bits of
// the hash say nothing within the bucket, so the hash's other bits move
// up and the token takes their place. The words keep the keys' order,
// and within a bucket two keys have the same hash exactly when their
// words agree above the token's bits. It halves the keys' memory (16
// bytes with padding before) and what a look-up reads.
func packFuzzyKeys(keys []fuzzyKey, shift uint64) []uint64 {
	out := make([]uint64, len(keys))
	for i, k := range keys {
		out[i] = k.h<<(64-shift) | uint64(k.tok)
	}
	return out
}

// fuzzyTokMask returns the bits of a packed fuzzy key that hold the token.
// The shift is 34 to 63 (fuzzyDirectory; checked when a prebuilt index is
// read), so masking the shift counts with 63 changes nothing, and spares
// the test of a count of 64 or more that a shift by a variable costs.
func (ix *Index) fuzzyTokMask() uint64 {
	return 1<<((64-ix.fuzzyShift)&63) - 1
}

// fuzzyTok returns the token of the packed fuzzy key at i.
func (ix *Index) fuzzyTok(i int) int32 {
	return int32(ix.fuzzy[i] & ix.fuzzyTokMask())
}

// fuzzyBucket returns the directory bucket of hash h.
func (ix *Index) fuzzyBucket(h uint64) uint64 {
	return h >> (ix.fuzzyShift & 63)
}

// fuzzyRange returns the range of ix.fuzzy stored under hash h.
func (ix *Index) fuzzyRange(h uint64) (int, int) {
	b := ix.fuzzyBucket(h)
	// the bucket's two entries in a slice of their own: one bounds check
	d := ix.fuzzyDir[b : b+2 : b+2]
	lo, hi := int(d[0]), int(d[1])
	// within the bucket, a key is below h's when its word is below h's
	// bits moved up (packFuzzyKeys), and has h when the two differ in
	// the token's bits only
	hk, mask := h<<((64-ix.fuzzyShift)&63), ix.fuzzyTokMask()
	// the bucket's keys in a slice of their own: one bounds check
	keys := ix.fuzzy[lo:hi]
	i := 0
	for i < len(keys) && keys[i] < hk {
		i++
	}
	if i == len(keys) || keys[i]-hk > mask {
		return 0, 0
	}
	end := i + 1
	for end < len(keys) && keys[end]-hk <= mask {
		end++
	}
	return lo + i, lo + end
}

// raiseUnder compares with query word i at most limit listed words filed
// under the key h, in the order filed, and raises the hit of each that sim
// scores above 0 to that score (raiseHit). It returns how many it compared,
// so that look-ups under several keys can share one limit.
func (ix *Index) raiseUnder(sc *scratch, i int8, h uint64, limit int, sim func(t int32) float32) int {
	a, b := ix.fuzzyRange(h)
	k := 0
	for ; a < b && k < limit; a, k = a+1, k+1 {
		t := ix.fuzzyTok(a)
		if s := sim(t); s > 0 {
			sc.raiseHit(simHit{i, i, t, s})
		}
	}
	return k
}
