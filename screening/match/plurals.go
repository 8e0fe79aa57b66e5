package match

// English nouns in -f and -fe make their plural in -ves (thief, thieves;
// wolf, wolves; knife, knives; half, halves), three letters or more from
// the word, so no fuzzy key pairs the two: THIEF-IN-LAW is not a
// candidate for THIEVES-IN-LAW. A query word of that shape looks up its
// other number; both must be common English words (isEnglishWord), so
// that names that only end that way (Graf, Alves) are left alone.

// pluralSim is the similarity of a noun and its plural: one word, as the
// words of a variant group are.
const pluralSim = variantSim

// minPluralStem is the fewest letters before the ending: "lives" and
// "wives" are too short to be told from other words.
const minPluralStem = 3

// pluralHits adds the hit of the listed word that is the query word q
// (word i) in its other number, -f or -fe against -ves.
//
// Its caller asks mayBePlural first.
func (ix *Index) pluralHits(sc *scratch, q *qtok, i int8) {
	s := q.s
	n := len(s)
	if n < minPluralStem+1 || n > 24 {
		return
	}
	var b [32]byte
	switch {
	case s[n-1] == 'f':
		// thief: thieves
		ix.pluralHit(sc, q, i, append(append(b[:0], s[:n-1]...), "ves"...))
	case s[n-1] == 'e' && s[n-2] == 'f' && n-2 >= minPluralStem:
		// knife: knives
		ix.pluralHit(sc, q, i, append(append(b[:0], s[:n-2]...), "ves"...))
	case n-3 >= minPluralStem && s[n-1] == 's' && s[n-2] == 'e' && s[n-3] == 'v':
		// thieves: thief, knives: knife
		stem := append(b[:0], s[:n-3]...)
		ix.pluralHit(sc, q, i, append(stem, 'f'))
		ix.pluralHit(sc, q, i, append(stem, 'f', 'e'))
	}
}

// pluralHit adds the hit of the listed word w, if there is one and both it
// and q are common English words.
func (ix *Index) pluralHit(sc *scratch, q *qtok, i int8, w []byte) {
	id, ok := ix.tokenID(bytesString(w))
	if !ok {
		return
	}
	if t := &ix.toks[id]; isEnglishWord(t.s) && isEnglishWord(q.s) {
		sc.addHit(simHit{i, i, id, pluralSim})
	}
}

// mayBePlural reports whether pluralHits may have a form to look up for
// the word s: of its length, ending in f, fe or es. Most words do not, and
// the test at the call keeps pluralHits' code out of the search for them.
func mayBePlural(s string) bool {
	n := len(s)
	if n < minPluralStem+1 || n > 24 {
		return false
	}
	switch s[n-1] {
	case 'f':
		return true
	case 'e':
		return s[n-2] == 'f'
	case 's':
		return s[n-2] == 'e'
	}
	return false
}
