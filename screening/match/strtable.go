package match

// The index looks words and joined word pairs up in open-addressing hash
// tables of uint32 slots rather than Go maps, so that a prebuilt index
// reads them in place from its file and a built one holds no map of
// strings.

const (
	seedVocab = 0x94D049BB133111EB
	seedJoin  = 0xBF58476D1CE4E5B9
)

// newStrTable returns the slots of a table of n strings (key(i) is string
// i): at least twice as many slots as strings, a power of two, each 0 or
// the number of a string plus one, found by linear probing from its hash.
func newStrTable(n int, seed uint64, key func(i int) string) []uint32 {
	size := 2
	for size < 2*n {
		size <<= 1
	}
	slots := make([]uint32, size)
	mask := uint64(size - 1)
	for i := range n {
		for j := hashStr(seed, key(i)) & mask; ; j = (j + 1) & mask {
			if slots[j] == 0 {
				slots[j] = uint32(i + 1)
				break
			}
		}
	}
	return slots
}

// tokenID returns the number of the indexed token w.
func (ix *Index) tokenID(w string) (int32, bool) {
	return ix.tokenIDHashed(w, hashStr(seedVocab, w))
}

// tokenIDHashed is tokenID for a word whose hash, hashStr(seedVocab, w),
// is h.
func (ix *Index) tokenIDHashed(w string, h uint64) (int32, bool) {
	mask := uint64(len(ix.vocabTab) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		v := ix.vocabTab[j]
		if v == 0 {
			return 0, false
		}
		if ix.toks[v-1].s == w {
			return int32(v - 1), true
		}
	}
}

// joinKey returns join key i: two adjacent tokens of a name, concatenated.
func (ix *Index) joinKey(i int) string {
	return ix.joinKeys[ix.joinKeyOff[i]:ix.joinKeyOff[i+1]]
}

// joinsOf returns the adjacent token pairs of names whose concatenation
// is key.
func (ix *Index) joinsOf(key string) ([]joinRef, bool) {
	mask := uint64(len(ix.joinTab) - 1)
	for j := hashStr(seedJoin, key) & mask; ; j = (j + 1) & mask {
		v := ix.joinTab[j]
		if v == 0 {
			return nil, false
		}
		if i := int(v - 1); ix.joinKey(i) == key {
			return ix.joinRefs[ix.joinOff[i]:ix.joinOff[i+1]:ix.joinOff[i+1]], true
		}
	}
}

// joinRefsOf is joinsOf without the flag.
func (ix *Index) joinRefsOf(key string) []joinRef {
	refs, _ := ix.joinsOf(key)
	return refs
}
