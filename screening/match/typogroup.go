package match

import "sync"

// A given name mistyped (a letter dropped, added, replaced, or two letters
// swapped: Adballah, Abdalah) is close to the one spelling of its variant
// group that it mistypes, and only as close to the group's other
// spellings as their letters happen to be (Adballah: Abdallah 0.90,
// Abdullah 0.65). A query word of no group that is one such typo of a
// given name of the tables is read as a typo of that name: it scores its
// similarity to the spelling it mistypes, discounted as a variant
// (variantSim), against every spelling of the group.

// minTypoGroupWord is the shortest query word, in bytes, read as a typo of
// a given name: shorter words one letter apart are as often other names
// (Hamid, Hamed, Hamad, Hamud are other groups; Karim, Kazim, Kamil).
const minTypoGroupWord = 6

// minTypoGroupSim is the least letter similarity of a typo and the
// spelling it mistypes.
const minTypoGroupSim = 0.85

// typoGroupKeys maps each given-name spelling of the variant tables
// (the groups givenNameKind reads, minTypoGroupWord-1 letters or more)
// and each of its single deletions to the spelling's group; a key two
// groups share maps to 0. Built on first use (some 1.8 MB, which a
// program that imports the package and never searches does not hold),
// read only.
var typoGroupKeys = sync.OnceValue(func() map[string]uint16 {
	m := make(map[string]uint16, 32768)
	put := func(k string, g uint16) {
		if old, ok := m[k]; ok && old != g {
			m[k] = 0
			return
		}
		m[k] = g
	}
	for i, g := range variantGroups {
		if !givenNameKind(g.kind) {
			continue
		}
		for _, w := range g.words {
			if len(w) < minTypoGroupWord-1 {
				continue
			}
			put(w, uint16(i+1))
			for d := 0; d < len(w); d++ {
				put(w[:d]+w[d+1:], uint16(i+1))
			}
		}
	}
	return m
})

// typoGroupEnds marks the first and last letters (a to z) of the
// spellings typoGroupKeys holds, and the first and second last (a typo
// may swap the last two), and typoGroupMaxLen is the longest spelling:
// a word whose ends no spelling has is looked up no further. Built once,
// read only.
var typoGroupEnds, typoGroupMaxLen = func() (*[26][26]bool, int) {
	var ends [26][26]bool
	n := 0
	for _, g := range variantGroups {
		if !givenNameKind(g.kind) {
			continue
		}
		for _, w := range g.words {
			if len(w) < minTypoGroupWord-1 || !allLetters(w) {
				continue
			}
			ends[w[0]-'a'][w[len(w)-1]-'a'] = true
			ends[w[0]-'a'][w[len(w)-2]-'a'] = true
			n = max(n, len(w))
		}
	}
	return &ends, n
}()

// typoGroupOf returns the variant group of the given name that w, a word
// of no group, mistypes by one letter dropped, added or replaced, or two
// adjacent letters swapped, and the similarity it scores against the
// group's spellings; 0 when w is no such typo or mistypes names of two
// groups.
func typoGroupOf(w string) (uint16, float32) {
	if len(w) < minTypoGroupWord || len(w) > typoGroupMaxLen+1 || len(w) > 24 {
		return 0, 0
	}
	if a, z := w[0]-'a', w[len(w)-1]-'a'; a >= 26 || z >= 26 || !typoGroupEnds[a][z] {
		return 0, 0 // no spelling begins and ends so (sameEnds)
	}
	var buf [24]byte
	var g uint16
	keys := typoGroupKeys()
	// a letter dropped: w is a deletion of a spelling
	if h, ok := keys[w]; ok {
		if h == 0 {
			return 0, 0
		}
		g = h
	}
	for d := 1; d < len(w)-1; d++ {
		if w[d] == w[d-1] {
			continue // the same word as the deletion before
		}
		// not the first or last letter, which a typo keeps (sameEnds);
		// a letter added (w less a letter is a spelling), replaced
		// or two adjacent letters swapped (w and a spelling less a
		// letter meet: Adballah and Abdallah less their first b)
		b := append(append(buf[:0], w[:d]...), w[d+1:]...)
		if h, ok := keys[string(b)]; ok {
			if h == 0 || g != 0 && h != g {
				return 0, 0
			}
			g = h
		}
	}
	if g == 0 {
		return 0, 0
	}
	best := float32(0)
	for _, v := range variantGroups[g-1].words {
		if len(v)+1 >= len(w) && len(v) <= len(w)+1 && sameEnds(w, v) {
			best = max(best, strSim(w, v, min(len(w), len(v))))
		}
	}
	if best < minTypoGroupSim {
		return 0, 0
	}
	return g, best * variantSim
}

// givenNameKind reports whether groups of kind k are read for typos:
// the Arabic and Persian given names. Slavic and European given names
// are one letter from the surnames made of them (Petrov, Petro; Volodin,
// Volodia), which are other names.
func givenNameKind(k variantKind) bool {
	return k == variantArabic
}

// sameEnds reports whether w and the spelling v it may mistype begin
// with the same letter and end with the same letter or with their last
// two swapped: a letter added or dropped at an end is a name's ending
// (the nisba of Ahmadi, Hasani; Hasan, Hasana), not a typo.
func sameEnds(w, v string) bool {
	n, m := len(w), len(v)
	return w[0] == v[0] && (w[n-1] == v[m-1] || n == m && w[n-1] == v[m-2] && w[n-2] == v[m-1])
}

// typoGroupHits adds, for query word q (index i) that mistypes a given
// name (typoGroupOf), the listed spellings of the name's group at q's
// similarity to them, raising a hit the other keys found lower.
func (ix *Index) typoGroupHits(sc *scratch, q *qtok, i int8) {
	for _, t := range ix.groupToks[q.typoGroup] {
		h := simHit{i, i, t, q.typoSim}
		if p := sc.findHit(h); p != nil {
			if p.sim < h.sim {
				p.sim = h.sim
				sc.bestSingle[i] = max(sc.bestSingle[i], h.sim)
			}
		}
	}
}
