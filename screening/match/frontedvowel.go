package match

// The Arabic short a (fatha) is written e in the romanisations of
// languages that front it: Persian (Mehdi, Reza), Turkish (Mehmet) and
// Uyghur, whose Latin alphabet writes Haqq as Heq and Rahim as Rehim.
// Words of four letters or more meet through their vowel shape; a word of
// three letters is compared letter for letter (shortWordSim), so Heq and
// Haq met nowhere. They now score as a vowel respelling when their
// consonants agree and one writes a where the other writes e, unless both
// are Pinyin or Hangul syllables (Han, Hen are two Chinese names).

// frontedASim is the similarity of two words of three letters,
// consonant, vowel, consonant, whose skeletons (askel, bskel) share their
// consonants and whose vowels are a and e: vowelShapeSim, else 0.
func frontedASim(a, askel, b, bskel string) float32 {
	if len(a) != 3 || len(b) != 3 || len(askel) != 3 || len(bskel) != 3 {
		return 0
	}
	if !(a[1] == 'a' && b[1] == 'e' || a[1] == 'e' && b[1] == 'a') {
		return 0
	}
	if askel[0] != bskel[0] || askel[2] != bskel[2] || isVowelByte(a[0]) || isVowelByte(a[2]) || isVowelByte(b[0]) || isVowelByte(b[2]) {
		return 0
	}
	if syllableCount(a) == 1 && syllableCount(b) == 1 {
		return 0
	}
	return vowelShapeSim
}

// frontedAHits adds the listed words of three letters that query word q
// (index i) writes with e for a or a for e (frontedASim): the skeleton
// with its vowel changed, looked up among the listed skeletons, at most
// maxCompoundChecks compared.
func (ix *Index) frontedAHits(sc *scratch, q *qtok, i int8) {
	if len(q.s) != 3 || len(q.skel) != 3 || q.vowelless || (q.s[1] != 'a' && q.s[1] != 'e') {
		return
	}
	sk := [3]byte{q.skel[0], 'a', q.skel[2]}
	if q.s[1] == 'a' {
		sk[1] = 'i'
	}
	ix.raiseUnder(sc, i, hashStr(seedExact, bytesString(sk[:])), maxCompoundChecks, func(t int32) float32 {
		return frontedASim(q.s, q.skel, ix.toks[t].s, ix.toks[t].skel)
	})
}
