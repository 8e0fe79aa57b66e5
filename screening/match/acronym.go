package match

// An organisation often writes its own abbreviation next to its name:
// KLIMOVSK SPECIALIZED AMMUNITION PLANT KSAP, KHATIBA IMAM AL-BUKHARI (KIB),
// TEHRIK-E TALIBAN PAKISTAN (TTP). Such a word repeats the words it
// abbreviates, so a name that leaves it out or adds it is the same name: it
// is not counted as a word left over (unmatchedWeights).

// mayBeAcronym reports whether w, word k of a name of n words, has the
// place and the length of an abbreviation that ownAcronym may find, so that
// most words are not looked at further.
func mayBeAcronym(w string, k, n int) bool {
	return (k == 0 || k == n-1) && len(w) >= 3 && len(w) <= 6
}

// ownAcronym reports whether word k of a name of n words (word returns
// each), its first or its last word, is made of the initials of a run of
// the name's other words, in order and next to each other, three to six of
// them. The Arabic article may stand in the run without an initial of its
// own (KIB for KHATIBA IMAM AL-BUKHARI).
func ownAcronym(n int, word func(int) string, k int) bool {
	if k != 0 && k != n-1 {
		return false
	}
	a := word(k)
	if len(a) < 3 || len(a) > 6 || n < len(a)+1 {
		return false
	}
	for s := 0; s < n; s++ {
		if s == k || word(s)[0] != a[0] {
			continue
		}
		m := 0
		for i := s; i < n && m < len(a); i++ {
			if i == k {
				break
			}
			w := word(i)
			if w[0] == a[m] {
				m++
				continue
			}
			if !isArticle(w) {
				break
			}
		}
		if m == len(a) {
			return true
		}
	}
	return false
}

// orgOwnWords returns, a bit per word, the query words that are not left
// over when the listed name is an organisation's: the words of a state
// institution's form it starts with (stateFormLen) and its own
// abbreviation (ownAcronym). unmatchedWeights reads them for every
// organisation scored; they depend on the query alone.
func orgOwnWords(qs []qtok) uint64 {
	word := func(i int) string { return qs[i].s }
	var m uint64
	if len(qs) > 0 && stateFormStart(qs[0].s) {
		m = spanMask(0, int8(stateFormLen(len(qs), word)-1))
	}
	for i := range qs {
		if mayBeAcronym(qs[i].s, i, len(qs)) && ownAcronym(len(qs), word, i) {
			m |= 1 << i
		}
	}
	return m
}

// orgOwnOf returns, a bit per word, the words of organisation name nid
// (whose words are ctoks, 64 at most) that are not left over: the words of
// a state institution's form it starts with and its own abbreviation, its
// first or last word. They depend on the name alone and are worked out
// once, kept as the form's length and a bit for each end.
func (ix *Index) orgOwnOf(nid int32, ctoks []int32) uint64 {
	const known, first, last = 1, 2, 4
	n := len(ctoks)
	v := ix.orgOwn[nid].Load()
	if v == 0 {
		word := func(j int) string { return ix.toks[ctoks[j]].s }
		v = known
		if n > 0 && stateFormStart(word(0)) {
			v |= uint32(stateFormLen(n, word)) << 3
		}
		if n > 0 && mayBeAcronym(word(0), 0, n) && ownAcronym(n, word, 0) {
			v |= first
		}
		if n > 0 && mayBeAcronym(word(n-1), n-1, n) && ownAcronym(n, word, n-1) {
			v |= last
		}
		ix.orgOwn[nid].Store(v)
	}
	m := spanMask(0, int8(v>>3)-1)
	if v&first != 0 {
		m |= 1
	}
	if v&last != 0 {
		m |= 1 << (n - 1)
	}
	return m
}
