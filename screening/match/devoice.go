package match

// Turkish writes the Arabic names it took with the final consonant
// devoiced, as it is said: d as t, b as p (Mehmet for Mehmed, Mevlut for
// Mawlud, Yakup for Yaqub, Recep for Rajab, Mesut for Masud), where the
// other romanisations write the Arabic letter. The skeletons keep the two
// letters apart, so such a word met its other spelling only by its
// letters.

// minDevoicedWord is the fewest bytes of the words finalDevoicedSim
// compares: a short word that differs in its last letter is another word.
const minDevoicedWord = 5

// maxDevoicedWord is the most bytes of the words finalDevoicedSim compares.
const maxDevoicedWord = 24

// finalDevoicedSim is the similarity of two words of a person's name of
// which one ends in d or b and the other in t or p, the voiceless letter
// of the same place: with the first's last letter devoiced, equal
// skeletons score as equal skeletons, the same consonants with other
// vowels as a vowel respelling (Mawlud, Mevlut); else 0.
func finalDevoicedSim(a, askel, b, bskel string) float32 {
	if len(a) < minDevoicedWord || len(b) < minDevoicedWord || len(a) > maxDevoicedWord || len(b) > maxDevoicedWord {
		return 0
	}
	x, y := a[len(a)-1], b[len(b)-1]
	switch {
	case x == 'd' && y == 't', x == 'b' && y == 'p':
	case x == 't' && y == 'd', x == 'p' && y == 'b':
		return finalDevoicedSim(b, bskel, a, askel)
	default:
		return 0
	}
	var buf [maxDevoicedWord]byte
	d := append(buf[:0], a...)
	d[len(d)-1] = y
	var sk [2 * maxDevoicedWord]byte
	s := bytesString(appendSkeleton(sk[:0], bytesString(d)))
	return readingSim(s, bskel, min(len(a), len(b)))
}

// devoicedHits adds the listed words that query word q (index i), ending
// in d, b, t or p, spells with the other letter of the pair at its end
// (finalDevoicedSim): the skeleton written so and its deletions looked up
// among the listed skeletons' keys, at most maxCompoundChecks compared, at
// minTokSim until a person's alignment raises them (personRespelling).
func (ix *Index) devoicedHits(sc *scratch, q *qtok, i int8) {
	n := len(q.s)
	if q.known || q.vowelless || n < minDevoicedWord || n > maxDevoicedWord {
		return
	}
	var y byte
	switch q.s[n-1] {
	case 'd':
		y = 't'
	case 't':
		y = 'd'
	case 'b':
		y = 'p'
	case 'p':
		y = 'b'
	default:
		return
	}
	var buf [maxDevoicedWord]byte
	d := append(buf[:0], q.s...)
	d[n-1] = y
	var sk [2 * maxDevoicedWord]byte
	s := bytesString(appendSkeleton(sk[:0], bytesString(d)))
	sim := func(t int32) float32 {
		return min(finalDevoicedSim(q.s, q.skel, ix.toks[t].s, ix.toks[t].skel), minTokSim)
	}
	// one limit for the skeleton and its deletions together
	k := ix.raiseUnder(sc, i, hashStr(seedExact, s), maxCompoundChecks, sim)
	for j := 0; j < len(s) && k < maxCompoundChecks; j++ {
		k += ix.raiseUnder(sc, i, hashDel(seedDel, s, j), maxCompoundChecks-k, sim)
	}
}
