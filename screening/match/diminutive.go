package match

// The Arabic diminutive. Names of the pattern fu'ayl, CuCayC (Suwayd,
// Huwaydi, Nuwayr, Juwayd, Ubayd), are written with their first short
// vowel in the transliterations and without it where Levantine and Gulf
// speech drops it and says the diphthong e (Sweid, Hweidi, Nweir, Jweid).
// Two such spellings are close once compared (Suwaid and Sweid score as a
// vowel respelling), but the skeleton of the longer has two letters more
// (suvaid, svid), so no fuzzy key pairs them. A query word with u and w
// after its first consonant looks up the spelling without that u.

// maxDiminutiveWord is the longest word diminutiveHits reads.
const maxDiminutiveWord = 16

// diminutiveHits adds the listed words that query word q (index i), not
// listed, of the shape consonant, u, w, a or e (Suwaid, Huweidi), spells
// without the u: the skeleton of that spelling with one letter left out,
// looked up among the listed skeletons, at most maxCompoundChecks
// compared, each at its own similarity when the alignment of a person's
// name would take it (personRespelling, vowelShapeSim or more).
func (ix *Index) diminutiveHits(sc *scratch, q *qtok, i int8) {
	w := q.s
	if len(w) < 5 || len(w) > maxDiminutiveWord || isVowelByte(w[0]) || w[1] != 'u' || w[2] != 'w' || (w[3] != 'a' && w[3] != 'e') {
		return
	}
	var buf [maxDiminutiveWord]byte
	r := append(append(buf[:0], w[0]), w[2:]...)
	var sk [2 * maxDiminutiveWord]byte
	s := bytesString(appendSkeleton(sk[:0], bytesString(r)))
	sim := func(t int32) float32 {
		tk := &ix.toks[t]
		if s := personRespelling(q, tk, wordSim(q, tk, min(len(q.s), len(tk.s)))); s >= vowelShapeSim {
			return s
		}
		return 0
	}
	k := ix.raiseUnder(sc, i, hashStr(seedExact, s), maxCompoundChecks, sim)
	for j := 1; j < len(s) && k < maxCompoundChecks; j++ {
		k += ix.raiseUnder(sc, i, hashDel(seedExact, s, j), maxCompoundChecks-k, sim)
	}
}
