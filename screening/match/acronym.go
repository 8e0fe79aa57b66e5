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

// ownWords returns what of a name of n words (word returns each) is not
// left over against an organisation: the number of words of a state
// institution's form, of a bank's form written out, of a run of form
// abbreviations, of a research and production form written out or of a
// developer's status it starts with (stateFormLen, bankPhraseLen,
// formAbbrevLen, researchFormLen, developerStatusLen), the number of
// words of a research and production form it ends with (tail), and
// whether its first and its last word are its own abbreviation
// (ownAcronym), the first also when it is a bank's form abbreviated
// (bankFormFirst).
func ownWords(n int, word func(int) string) (form, tail int, first, last bool) {
	if n == 0 {
		return 0, 0, false, false
	}
	form = max(stateFormLen(n, word), bankPhraseLen(n, word), formAbbrevLen(n, word), researchFormLen(n, word, false), developerStatusLen(n, word))
	tail = researchFormLen(n, word, true)
	first = mayBeAcronym(word(0), 0, n) && ownAcronym(n, word, 0) || bankFormFirst(n, word)
	last = mayBeAcronym(word(n-1), n-1, n) && ownAcronym(n, word, n-1)
	return form, tail, first, last
}

// ownMask is ownWords' answer as a bit per word of a name of n words.
func ownMask(n, form, tail int, first, last bool) uint64 {
	m := spanMask(0, int8(form)-1)
	if tail > 0 {
		m |= spanMask(int8(n-tail), int8(n-1))
	}
	if first {
		m |= 1
	}
	if last {
		m |= 1 << (n - 1)
	}
	return m
}

// orgOwnWords returns, a bit per word, the query words that are not left
// over when the listed name is an organisation's (ownWords).
// unmatchedWeights reads them for every organisation scored; they depend
// on the query alone.
func orgOwnWords(qs []qtok) uint64 {
	form, tail, first, last := ownWords(len(qs), func(i int) string { return qs[i].s })
	return ownMask(len(qs), form, tail, first, last)
}

// orgOwnOf returns, a bit per word, the words of organisation name nid
// (whose words are ctoks, 64 at most) that are not left over (ownWords),
// as ownOfNames keeps them.
func (ix *Index) orgOwnOf(nid int32, ctoks []int32) uint64 {
	v := ix.orgOwn[nid]
	return ownMask(len(ctoks), int(v>>ownFormShift&0xff), int(v>>ownTailShift), v&ownFirst != 0, v&ownLast != 0)
}

// The packing of ownWords' answer in Index.orgOwn: a bit for each end,
// the form's length and the tail's.
const (
	ownFirst, ownLast          = 1, 2
	ownFormShift, ownTailShift = 3, 11
)

// ownOfNames works out ownWords for every organisation name of ix, a
// number each (0 for people), so that scoring a name only reads it: the
// form and abbreviation tests, asked once a name and not once a search,
// stay out of the search path (some 3 ms more to load the index of the
// 51,000 names of the embedded lists).
func (ix *Index) ownOfNames() []uint32 {
	own := make([]uint32, len(ix.names))
	for nid := range ix.names {
		rec := &ix.names[nid]
		if rec.individual {
			continue
		}
		ctoks := ix.nameToks(rec)
		form, tail, f, l := ownWords(len(ctoks), func(j int) string { return ix.toks[ctoks[j]].s })
		v := uint32(form)<<ownFormShift | uint32(tail)<<ownTailShift
		if f {
			v |= ownFirst
		}
		if l {
			v |= ownLast
		}
		own[nid] = v
	}
	return own
}

// nameInitials reports whether the query word w, of three to six letters,
// is made of the initials of the words of a listed organisation's name
// ctoks, all of them in their order: the name's abbreviation said beside
// it, its words in another order (C.S.P. CASTLE PROTECTION, GUARDING AND
// SECURITY SERVICES for CASTLE SECURITY AND PROTECTION LLC). It repeats
// the name and is not a word on top of it (orgWordsOnTop).
func (ix *Index) nameInitials(w string, ctoks []int32) bool {
	if len(w) != len(ctoks) || len(w) < 3 || len(w) > 6 {
		return false
	}
	for k, ct := range ctoks {
		if ix.toks[ct].s[0] != w[k] {
			return false
		}
	}
	return true
}
