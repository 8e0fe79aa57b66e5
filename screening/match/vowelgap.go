package match

// A listed word used as a query word finds the words of other names through
// its neighbours: the best maxNeighbours of the words its fuzzy keys reach.
// A common name has more close neighbours than that (Nasser: Naser, Nasir,
// Nashir, Nacer, then words one letter from it, Yasser, Bashir, Bassir at
// 0.85), and the spelling without the short vowel of its last syllable
// (Nasr, 0.82 as sameConsonants scores it) falls out of them; so the
// name of two common words and a rarer one (AL-ALI, Nasr for AL-ALI,
// Nasser) was no candidate. gapHits looks up, for such a word, the
// skeleton sameConsonants pairs with it that is shorter: its vowel run
// between its last two consonants left out (Nasir, Nasr; Adil, Adl). The
// run between its first two was looked up too and found nothing more.

// maxGapKey is the longest skeleton gapHits reads: a short vowel left out
// matters in a short name, and longer words have keys enough.
const maxGapKey = 7

// gapHits adds the listed words whose skeleton is q's (a listed word, id)
// with the vowel run between its last two consonants left out (gapToks),
// found once for a word written with its vowels (knownHitsOf). The
// neighbours are the best of the words compared within a budget
// (maxFuzzyChecksKnown), which the spellings close to a common name use
// up: Naser keeps eleven and not Nasr.
func (ix *Index) gapHits(sc *scratch, q *qtok, i int8, id int32) {
	if q.vowelless {
		return
	}
	for _, n := range ix.knownHitsOf(id).gap {
		sc.raiseHit(simHit{i, i, n.tok, n.sim})
	}
}

// gapToks calls fn, in order, with the listed words (other than id) whose
// skeleton is q's with the vowel run between its last two consonants left
// out, when that keeps a vowel, and their similarity to q if it reaches
// minTokSim; at most maxCompoundChecks words are compared.
func (ix *Index) gapToks(q *qtok, id int32, fn func(t int32, s float32)) {
	sk := q.skel
	if len(sk) < 4 || len(sk) > maxGapKey || q.vowelless {
		return
	}
	// the vowel runs after the first consonant and before the last: the
	// last consonant is the skeleton's last letter or the one before its
	// final vowels
	end := len(sk)
	for end > 0 && isSkelVowel(sk[end-1]) {
		end--
	}
	if end < 3 {
		return
	}
	// the vowel run before the last consonant
	hi := end - 1
	lo := hi
	for lo > 0 && isSkelVowel(sk[lo-1]) {
		lo--
	}
	if lo <= 0 || hi >= end || lo >= hi {
		return
	}
	// the skeleton less sk[lo:hi], a vowel run between consonants
	var buf [maxGapKey]byte
	bb := append(append(buf[:0], sk[:lo]...), sk[hi:]...)
	if !hasSkelVowel(bb) {
		return // an acronym's letters (Stock, SSTC), not a name's
	}
	b := bytesString(bb)
	a, e := ix.fuzzyRange(hashStr(seedExact, b))
	for k := 0; a < e && k < maxCompoundChecks; a, k = a+1, k+1 {
		t := ix.fuzzyTok(a)
		tk := &ix.toks[t]
		if tk.skel != b || t == id {
			continue
		}
		if s := ix.tokSimFrom(q, tk, minTokSim, nil); s >= minTokSim {
			fn(t, s)
		}
	}
}

// hasSkelVowel reports whether skeleton b has a vowel.
func hasSkelVowel(b []byte) bool {
	for _, c := range b {
		if isSkelVowel(c) {
			return true
		}
	}
	return false
}
