package match

// A listed organisation's one coined word said through Russian. An English
// brand written in Cyrillic and romanised back (ATOMYZE, АТОМАЙЗ,
// ATOMAIZ) meets its other spelling only on the sound keys (slavic.go), at
// soundSim, under closeMinSim; unlike a respelling of one skeleton
// (singleRespelling) it counted as a weak word alone and left what is said
// on top of it counted in full. A coined word of the name that the query
// word, no English word, spells as English writes what Russian
// romanisation writes as it hears (englishThroughRussian) is the name's
// own word respelt.

// soundCoinedPair reports whether e, at soundSim, pairs one query word
// with one listed coined word (coinedWord) that it spells in English
// (englishThroughRussian), the query word of minCoinedWordLen letters or
// more and no common English word.
func (ix *Index) soundCoinedPair(sc *scratch, ctoks []int32, e *edge) bool {
	if e.sim != soundSim || e.qlo != e.qhi || e.clo != e.chi {
		return false
	}
	q, t := sc.qs[e.qlo].s, &ix.toks[ctoks[e.clo]]
	if !coinedWord(t) || len(q) < minCoinedWordLen || isEnglishWord(q) {
		return false
	}
	return englishThroughRussian(q, t.s)
}

// englishThroughRussian reports whether the query word q, read as English
// (appendSound: y and i before a silent e as ai, c as k or s …), sounds
// letter for letter as the listed word t read literally, the way Russian
// romanisation writes what it hears, and q has a spelling that reads
// otherwise as English (readsAsEnglish): ATOMYZE, АТОМАЙЗ, ATOMAIZ. A
// stem, a suffix class or a noun form (soundKeysOf) is no such pair.
func englishThroughRussian(q, t string) bool {
	if len(q) > maxSoundWord || len(t) > maxSoundWord || !readsAsEnglish(q) {
		return false
	}
	var qb, tb, pb [2*maxSoundWord + 8]byte
	lit := appendSound(tb[:0], t, false)
	if string(appendSound(pb[:0], q, false)) == string(lit) {
		return false // the same both ways: no English reading needed
	}
	if string(appendSound(qb[:0], q, true)) != string(lit) {
		return false
	}
	// a final e that only falls silent (MICHELE, MECHEL; MAKINE, MAKIN) is
	// how French, Italian and Turkish write the name too: the English
	// reading must lengthen the vowel before it (ATOMYZE, ATOMAIZ)
	n := len(q)
	return q[n-1] != 'e' && (q[n-1] != 's' || q[n-2] != 'e') || string(appendSoundMode(pb[:0], q, true, false)) != string(lit)
}

// soleRespeltCoinedEdge reports whether the one edge of a listed
// organisation's name with a legal form (rec, words ctoks, edges from
// start) pairs one query word with the name's one coined word respelt
// through Russian (soundCoinedPair): as closely the name as
// soleCoinedEdge's exact word, so what is said on top of it counts as on
// top of the name written alike (orgWordsOnTop).
func (ix *Index) soleRespeltCoinedEdge(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	if rec.legal == LegalNone || sc.nt.legal != LegalNone && !registeredForm(sc.nt.legal) {
		return false
	}
	es := sc.edgeStore[start:]
	return len(es) == 1 && ix.soundCoinedPair(sc, ctoks, &es[0])
}
