package match

import "math/bits"

// The Persian ezafe links a noun to the word that qualifies it: written
// -e after a consonant (Tarabaran-e Arya) and -ye after a vowel, where the
// romanisations often glue the glide y to the noun and leave the e apart
// (Faradaryay-e Nik-e Gheshm: the e is a stop word, the y stays on the
// word). Other renderings of the same name leave the ezafe out and split
// or join the words differently (Fara Darya for Faradaryay). An
// organisation's listed word ending in a vowel and y, left unaligned, is
// read without that y when compared with two adjacent query words left
// unaligned written together, as a person's name element joined and split
// differently is (sameJoined).

// ezafeMinLen is the shortest listed word, glide included, whose final y
// after a vowel is read as the ezafe's glide.
const ezafeMinLen = 8

// ezafeGlide reports whether w ends in a vowel and y, the ezafe's glide
// glued to a word of ezafeMinLen letters or more.
func ezafeGlide(w string) bool {
	n := len(w)
	return n >= ezafeMinLen && n <= maxSplitJoin && w[n-1] == 'y' && isVowelByte(w[n-2])
}

// ezafeSplitLeftovers adds to al (a listed organisation's name rec, words
// ctoks, edges from sc.edgeStore[start]) an edge of splitSim between a
// listed word with the ezafe's glide (ezafeGlide), left unaligned, and two
// adjacent query words of three letters or more left unaligned that,
// written together, are that word without the glide joined differently
// (sameJoined). Two aligned words or more, each at closeMinSim or more,
// must agree already.
func (ix *Index) ezafeSplitLeftovers(sc *scratch, rec *nameRec, ctoks []int32, start int, al *alignment) {
	nq, nc := len(sc.qs), len(ctoks)
	if rec.individual || nq < 2 || nq > 64 || nc > 64 {
		return
	}
	// two adjacent query words left unaligned, before any listed word's
	// letters are read: most names have none
	if free := ^al.qm; free&(free>>1)&spanMask(0, int8(nq-2)) == 0 {
		return
	}
	glide := -1
	for m := ^al.cm & lowBits(nc); m != 0 && glide < 0; m &= m - 1 {
		if j := bits.TrailingZeros64(m); ezafeGlide(ix.toks[ctoks[j]].s) {
			glide = j
		}
	}
	if glide < 0 {
		return
	}
	close := 0
	for _, e := range sc.edgeStore[start:] {
		if e.sim >= closeMinSim {
			close++
		}
	}
	if close < 2 {
		return
	}
	var words [2]string
	var kb [maxSplitJoin]byte
	for j := glide; j < nc; j++ {
		t := &ix.toks[ctoks[j]]
		if al.cm&bit(j) != 0 || !ezafeGlide(t.s) {
			continue
		}
		w := t.s[:len(t.s)-1]
		for i := 0; i+1 < nq; i++ {
			if al.qm&(bit(i)|bit(i+1)) != 0 || len(sc.qs[i].s) < 3 || len(sc.qs[i+1].s) < 3 {
				continue
			}
			words[0], words[1] = sc.qs[i].s, sc.qs[i+1].s
			if sameJoined(w, bytesString(appendSkeleton(kb[:0], w)), words[:]) == 2 {
				al.take(sc, edge{int8(i), int8(i + 1), int8(j), int8(j), splitSim, t.w})
				return
			}
		}
	}
}

// ezafeMinWord is the shortest word on either side of an ezafe written as
// a word of its own (ezafeLink).
const ezafeMinWord = 5

// ezafeLink reports whether toks[k] is the ezafe written as a word of its
// own between two words of a name (Lashkar-i-Jhangvi, Lashkar-e-Jhangvi
// and Lashkar Jhangvi are one name): i, or ye and yi after a vowel, with a
// word of ezafeMinWord letters or more on each side. The e is a stop word
// already.
func ezafeLink(toks []string, k int) bool {
	t := toks[k]
	if len(t) > 2 || k == 0 || k == len(toks)-1 || t != "i" && t != "ye" && t != "yi" {
		return false
	}
	a, b := toks[k-1], toks[k+1]
	if len(a) < ezafeMinWord || len(b) < ezafeMinWord || hasDigit(a) || hasDigit(b) {
		return false
	}
	return t == "i" || isVowelByte(a[len(a)-1])
}
