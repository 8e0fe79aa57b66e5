package match

import "sync"

// qtok is a prepared query word: its text, weight, romanisation skeleton,
// consonant key and variant groups.
type qtok struct {
	s, skel, cons string
	w             float32
	id            int32 // the listed word's token, if known
	vowelless     bool
	known         bool // a listed word
	av            bool // av read as the Persian vav's diphthong (hasAv, vav.go)
	variantInfo
	// typoGroup is the variant group of the given name that the word,
	// of no group, mistypes, and typoSim its similarity to the group's
	// spellings (typoGroupOf); 0 if none
	typoGroup uint16
	typoSim   float32
	// loan says whether the word has a loan key that sameLoanShape
	// compares, known once asked (qtok.sameLoanShape): not yet known,
	// none, or loanKey[:loanLen]
	loan    loanState
	loanLen uint8
	loanKey [maxKeptLoanKey]byte
}

// loanState is what a query word's loan key is known to be (qtok.loan).
type loanState uint8

const (
	loanUnknown loanState = iota // not yet asked, or too long to keep
	loanNone                     // no key sameLoanShape compares
	loanKept                     // the key is qtok.loanKey[:loanLen]
)

// maxKeptLoanKey is the longest loan key a query word keeps; a longer one
// (a word of some 24 letters) is made again for each comparison.
const maxKeptLoanKey = 24

// prepareQuery computes the weight, skeleton and consonant key of each query
// word.
//
// Words romanised from Arabic script (arabic) carry no short vowels; they
// are also compared by their consonants.
func (ix *Index) prepareQuery(sc *scratch, words []string, arabic bool) {
	sc.qs = sc.qs[:0]
	sc.qcons = sc.qcons[:0]
	sc.skelBuf = sc.skelBuf[:0]
	type off struct {
		s, sl, c, cl int
		id           int32
		known        bool
	}
	var offs [maxQueryWords]off
	for i, w := range words {
		o := off{}
		if o.id, o.known = ix.tokenID(w); !o.known {
			// a listed word's skeleton and consonant key are its
			// token's (made by the same functions)
			o.s = len(sc.skelBuf)
			sc.skelBuf = appendSkeleton(sc.skelBuf, w)
			o.sl = len(sc.skelBuf) - o.s
			o.c = len(sc.skelBuf)
			sc.skelBuf = appendConsonants(sc.skelBuf, w)
			o.cl = len(sc.skelBuf) - o.c
		}
		offs[i] = o
	}
	keys := string(sc.skelBuf)
	unknownW := float32(logf(float64(len(ix.names)+1) / 1.5))
	for i, w := range words {
		o := offs[i]
		t := qtok{s: w, vowelless: arabic, w: unknownW}
		if o.known {
			tk := &ix.toks[o.id]
			t.skel, t.cons = tk.skel, tk.cons
			t.w = tk.w
			t.id, t.known = o.id, true
			t.variantInfo = tk.variantInfo
			t.av = tk.av
		} else {
			t.skel, t.cons = keys[o.s:o.s+o.sl], keys[o.c:o.c+o.cl]
			if isStopWord(w) {
				t.w = 0
			}
			t.variantInfo = variantInfoOf(w)
			if t.group == 0 {
				t.group = longVowelDescriptor(w)
			}
			t.av = hasAv(w)
			if t.group == 0 && len(w) >= minTypoGroupWord {
				t.typoGroup, t.typoSim = typoGroupOf(w) // typogroup.go
			}
		}
		sc.qs = append(sc.qs, t)
	}
}

// tokSim is the similarity of a query token and an indexed token: the
// sharpened Jaro-Winkler similarity of the tokens or, slightly discounted, of
// their romanisation skeletons; tokens without written vowels (romanised
// Arabic script) are also compared by their consonants.
func (ix *Index) tokSim(q *qtok, t *tokInfo) float32 {
	return ix.tokSimFrom(q, t, 0, nil)
}

// tokSimFrom is tokSim for a caller that keeps only similarities of
// minSim or more: below minSim it may return a lower similarity than
// tokSim (wordSimFrom). qc counts the bytes of q.s for strSimBound (nil:
// counted for this pair).
func (ix *Index) tokSimFrom(q *qtok, t *tokInfo, minSim float32, qc *byteCounts) float32 {
	if q.s == t.s {
		return 1
	}
	if otherPlace(q, t) {
		return 0 // two places, not one misspelt (places.go)
	}
	n := min(len(q.s), len(t.s))
	var s float32
	if n <= 3 {
		s = shortWordSim(q, t, n)
	} else {
		s = wordSimFrom(q, t, n, minSim, qc)
	}
	return max(s, formSim(q, t))
}

// formSim is the similarity of q and t as forms of one name, whatever
// their letters: the consonants of a word written without vowels, the
// same name in another language or romanisation (Aleksandr, Oleksandr,
// Alexander) or patronymics of it, or one name in languages that share it
// (Dawud, David); 0 if none.
func formSim(q *qtok, t *tokInfo) float32 {
	var s float32
	if q.vowelless && len(q.cons) >= 1 && q.cons == t.cons {
		s = consEqualSim
	}
	if q.group != 0 && q.group == t.group || q.patGroup != 0 && q.patGroup == t.patGroup {
		s = max(s, variantSim)
	} else if q.group != 0 && t.group != 0 && cognates(q.group, t.group) {
		s = max(s, cognateSim)
	} else if q.typoGroup != 0 && q.typoGroup == t.group {
		s = max(s, q.typoSim) // a given name mistyped
	}
	return s
}

// shortWordSim is tokSim's similarity of two words of which the shorter has
// n ≤ 3 bytes, before variant groups: short words and acronyms match only
// weakly, by the same skeleton or, for three letters, one vowel more; a
// word of three letters with a vowel and the same first letter, by the
// same skeleton, closely.
func shortWordSim(q *qtok, t *tokInfo, n int) float32 {
	var s float32
	// short words and acronyms: exact, or (weakly) the same skeleton
	if q.skel == t.skel && len(q.skel) >= 2 {
		s = 0.7
		if n == 3 && !q.vowelless && !t.vowelless && q.s[0] == t.s[0] && !(syllableCount(q.s) == 1 && syllableCount(t.s) == 1) {
			// a word of three letters respelt letter for
			// letter, its first letter kept (Dux, Duks; Eco,
			// Eko); not an acronym, which has no vowel (WPP,
			// VPP), nor two Pinyin or Hangul syllables, which
			// are two names (Zhu, Zhou)
			s = shortRespellSim
			if hardCK(q.s, t.s) {
				s = hardCKSim(n, q, t) // Eco, Eko (hardc.go)
			}
		}
	}
	if n == 3 && len(q.s) != len(t.s) && !q.vowelless && len(q.cons) == 2 && q.cons == t.cons && q.s[0] == t.s[0] &&
		(q.group == 0 || t.group == 0 || q.group == t.group) {
		// a vowel more in a word of three letters (Amr, Amru,
		// Amir): the same two consonants, in order; not an
		// acronym (RMR, CLC), which has no vowel, nor two names
		// the variant tables hold apart (the Korean family names
		// Pak and Paek)
		s = vowelShapeSim
	}
	if n == 3 && s < vowelShapeSim {
		s = max(s, frontedASim(q.s, q.skel, t.s, t.skel)) // Heq, Haq (frontedvowel.go)
	}
	if len(q.s)+len(t.s) == 2*n+1 && s < vowelShapeSim && !q.vowelless && !t.vowelless && (q.group == 0 || t.group == 0 || q.group == t.group) {
		// a letter more, not said (Pye, Pyae; Ba, Bah: shortvowel.go);
		// not in words romanised from Arabic script, which write no
		// short vowel and meet by their consonants
		if len(q.s) == n {
			s = max(s, silentLetterSim(q.s, t.s))
		} else {
			s = max(s, silentLetterSim(t.s, q.s))
		}
	}
	return s
}

// wordSim is tokSim's similarity of two words of which the shorter has
// n > 3 bytes, before variant groups: the sharpened string similarity,
// raised for the same skeleton, the same consonants with other vowels, a
// skeleton one edit apart or the same loan-word shape.
func wordSim(q *qtok, t *tokInfo, n int) float32 {
	return wordSimFrom(q, t, n, 0, nil)
}

// wordSimFrom is wordSim for a caller that keeps only similarities of
// minSim or more (at most maxStrSimFloor): the string similarity is left
// out (0) when a bound of it is below minSim — that of the letters the
// words share (strSimTerms), then its Levenshtein term worked out with the
// Jaro-Winkler term still at its bound. The
// result is wordSim's whenever either reaches minSim: every other term is
// found as before (the tests of s below are against constants of at
// least maxStrSimFloor, so they pass for a string similarity below minSim
// as for 0), and the result is their greatest. qc counts the bytes of q.s
// (nil: counted here).
func wordSimFrom(q *qtok, t *tokInfo, n int, minSim float32, qc *byteCounts) float32 {
	var s float32
	if minSim == 0 {
		s = strSim(q.s, t.s, n)
	} else if jwB, levB := qc.strSimTerms(q.s, t.s, n); strSimOf(jwB, levB) >= minSim-strSimBoundSlack {
		// the Levenshtein term first, and the Jaro-Winkler term only
		// if the pair still reaches minSim with it at its bound: of the
		// pairs of a fuzzy probe that pass the bound and fall below
		// minSim, most are held back by the Levenshtein term
		lev := float32(levSim(q.s, t.s))
		if strSimOf(jwB, lev) >= minSim-strSimBoundSlack {
			s = strSimOf(sharpen(jaroWinkler(q.s, t.s), n), lev) // strSim
		}
	}
	if q.skel == t.skel {
		s = max(s, skelEqualSim(n))
		if n >= minHardCKLen && hardCK(q.s, t.s) {
			s = max(s, hardCKSim(n, q, t)) // Macrooptica, Makrooptika (hardc.go)
		}
		if n <= 5 && s < closeMinSim {
			s = max(s, longUSim(q.s, t.s, n)) // Nirou, Niru (longu.go)
		}
	} else if sameVowelShape(q.skel, t.skel) || sameConsonants(q.skel, t.skel) {
		s = max(s, vowelShapeSim)
	} else if m := taMarbutaSim(q.s, q.skel, t.s, t.skel, n); m > 0 {
		s = max(s, m) // Fatimah, Fatima
	} else if m := vavWordSim(q, t, n); m > 0 {
		s = max(s, m) // Navruz, Nowruz, Noruz (vav.go)
	} else if n >= 6 && levWithinOne(q.skel, t.skel) {
		s = max(s, 0.85)
	}
	if len(q.skel) != len(t.skel) && s < skelEqualSim(n) {
		s = max(s, imalaSim(q.s, q.skel, t.s, t.skel, n)) // Debbiye, Dibiya (imala.go)
	}
	if s < loanShapeSim && n >= minLoanShapeWord && q.sameLoanShape(t.s) {
		s = loanShapeSim
	}
	return s
}

// taMarbutaSim is the similarity of two words of which one ends in a
// vowel and h and the other does not: the Arabic feminine ending (ta
// marbuta), silent at the end of a word, which one romanisation writes
// -ah or -eh and another -a or -e (Fatimah, Fatima; Hamzah, Hamza;
// Attiyah, Attia), as the Persian silent h of -zadeh, -deh is. Without that
// h, skeletons that are equal score as equal skeletons (skelEqualSim of
// the shorter word's n bytes) and the same consonants with other vowels as
// a vowel respelling; other words 0. A final kh, sh, ch, th or gh is a
// consonant of its own and is kept.
func taMarbutaSim(a, askel, b, bskel string, n int) float32 {
	ha, hb := silentFinalH(a), silentFinalH(b)
	if ha == hb {
		return 0
	}
	if hb {
		a, askel, b, bskel = b, bskel, a, askel
	}
	// askel ends in the h (appendSkeleton keeps a lone h)
	if len(askel) < 2 || askel[len(askel)-1] != 'h' {
		return 0
	}
	if s := readingSim(askel[:len(askel)-1], bskel, n); s > 0 {
		return s
	}
	return elidedFeminine(a, b) // Kinayeh, Knaya (levantine.go)
}

// silentFinalH reports whether the word w ends in a vowel and h.
func silentFinalH(w string) bool {
	n := len(w)
	return n >= 3 && w[n-1] == 'h' && isVowelByte(w[n-2])
}

// skelEqualSim is the similarity of two words of which the shorter has n
// bytes and whose romanisation skeletons are equal.
func skelEqualSim(n int) float32 {
	if n <= 5 {
		return 0.85
	}
	return 0.93
}

// strSim blends the sharpened Jaro-Winkler similarity, which forgives
// errors late in a word, with the Levenshtein similarity, which counts every
// edit.
func strSim(a, b string, n int) float32 {
	return strSimOf(sharpen(jaroWinkler(a, b), n), float32(levSim(a, b)))
}

// strSimOf is strSim of the sharpened Jaro-Winkler similarity jw and the
// Levenshtein similarity lev of two words (or of bounds of them, for a
// bound of strSim).
func strSimOf(jw, lev float32) float32 {
	return (jw + lev) / 2
}

// maxStrSimFloor is the highest minSim that wordSimFrom takes: below the
// least constant its tests of s compare with (skelEqualSim of a short
// word, 0.85).
const maxStrSimFloor = 0.85

// strSimBoundSlack covers the rounding of strSim and strSimBound.
const strSimBoundSlack = 1e-4

// strSimBound is at least strSim(a, b, n) (words of 1 to 64 bytes; 1 for
// others), from the bytes the words share, counted by their five low bits.
// Both of strSim's terms grow with the bytes matched, which are at most
// those shared: Jaro's matches pair equal bytes one to one (and its
// transpositions only lower it), and the Levenshtein distance is at least
// the longer length less the longest common subsequence. It costs a fifth
// of strSim or less, and most pairs of a fuzzy probe fall below it.
func strSimBound(a, b string, n int) float32 {
	return (*byteCounts)(nil).strSimBound(a, b, n)
}

// byteCounts holds the bytes of one word counted by their five low bits
// (strSimBound), counted the first time they are asked for, so that a word
// compared with many is counted once.
type byteCounts struct {
	n   [32]uint8
	set bool
}

// strSimBound is strSimBound(a, b, n) for the word a whose bytes c counts
// (or will count: c is empty or has counted a); a nil c counts a for
// this pair.
func (c *byteCounts) strSimBound(a, b string, n int) float32 {
	return strSimOf(c.strSimTerms(a, b, n))
}

// strSimTerms returns the bounds of strSim's two terms whose blend
// strSimBound is: at least sharpen(jaroWinkler(a, b), n) and at least
// levSim(a, b) (1 and 1 for words longer than 64 bytes or empty). c is
// as for strSimBound.
func (c *byteCounts) strSimTerms(a, b string, n int) (jw, lev float32) {
	if len(a) > 64 || len(b) > 64 || len(a) == 0 || len(b) == 0 {
		return 1, 1
	}
	if c == nil {
		var own byteCounts
		c = &own
	}
	if !c.set {
		for i := 0; i < len(a); i++ {
			c.n[a[i]&31]++
		}
		c.set = true
	}
	cnt := c.n
	shared := 0
	for i := 0; i < len(b); i++ {
		// without a branch (a conditional move): whether a byte is
		// shared is a coin toss, which a branch mispredicts often
		k := &cnt[b[i]&31]
		var d uint8
		if *k > 0 {
			d = 1
		}
		*k -= d
		shared += int(d)
	}
	if shared == 0 {
		return 0, 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	m := float64(shared)
	jaro := (m/float64(len(a)) + m/float64(len(b)) + 1) / 3
	p := 0
	for p < 4 && p < len(a) && a[p] == b[p] {
		p++
	}
	jwb := jaro + float64(p)*0.1*(1-jaro)
	return sharpen(jwb, n), float32(m / float64(len(b)))
}

// sharpen spreads Jaro-Winkler similarities near 1 so that one typo in a
// long word costs little and a different short word costs a lot.
func sharpen(s float64, n int) float32 {
	if s >= 1 {
		return 1
	}
	if n <= 5 {
		s = 3*s - 2
	} else {
		s = 2*s - 1
	}
	return float32(max(s, 0))
}

// shortRespellSim is the similarity of two words, the shorter of three
// letters, that have the same romanisation skeleton, a vowel and the same
// first letter (shortWordSim).
const shortRespellSim = 0.85

// descriptorWeights lowers, once the candidates are chosen, the weight of
// each query word that is an organisation descriptor in a language other
// than English (no common English word) to that of its group's commonest
// listed word (groupMinWeight). A descriptor says what a business is or
// does; a spelling of it that the list holds rarely or never (elektroniki,
// molekulyarnoi, nii, a case of a Russian word) is no rarer evidence than
// the word the list writes most often (electronics, institute), and
// weighing it by its own spelling made the descriptors said around a name
// outweigh the name. The weights the candidate estimate used stay as they
// were.
func (ix *Index) descriptorWeights(sc *scratch) {
	var mins []float32
	for i := range sc.qs {
		q := &sc.qs[i]
		if !isOrgDescriptor(q.group) {
			continue
		}
		if q.known && ix.toks[q.id].common || !q.known && isEnglishWord(q.s) {
			continue
		}
		if mins == nil {
			mins = ix.groupMinWeights()
		}
		if int(q.group) < len(mins) && mins[q.group] > 0 {
			q.w = min(q.w, mins[q.group])
		}
	}
}

// groupWeights holds the least weight of the listed words of each variant
// group (0 for a group without listed words), built on first use.
type groupWeights struct {
	once sync.Once
	min  []float32
}

// groupMinWeights returns the least weight of the listed words of each
// variant group, by group number.
func (ix *Index) groupMinWeights() []float32 {
	g := &ix.groupW
	g.once.Do(func() {
		g.min = make([]float32, len(ix.groupToks))
		for n, toks := range ix.groupToks {
			for _, t := range toks {
				if w := ix.toks[t].w; g.min[n] == 0 || w < g.min[n] {
					g.min[n] = w
				}
			}
		}
	})
	return g.min
}

// maxDoubledVowelWord is the longest word longVowelDescriptor reads.
const maxDoubledVowelWord = 24

// longVowelDescriptor returns the organisation descriptor group of the
// word w written with a long vowel doubled, as romanisations of Arabic
// write it (ISLAAM for islam, beside SHABAAB): the group of w with each
// doubled vowel written once, if that is a descriptor's; 0 otherwise.
func longVowelDescriptor(w string) uint16 {
	if len(w) < 5 || len(w) > maxDoubledVowelWord {
		return 0
	}
	var b [maxDoubledVowelWord]byte
	n, doubled := 0, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i > 0 && c == w[i-1] && (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
			doubled = true
			continue
		}
		b[n] = c
		n++
	}
	if !doubled {
		return 0
	}
	if g := variantOf[string(b[:n])]; isOrgDescriptor(g) {
		return g
	}
	return 0
}
