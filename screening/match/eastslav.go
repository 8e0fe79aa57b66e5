package match

// Belarusian and Russian spellings of one East Slavic name. The lists
// romanise a Belarusian name from its Belarusian form (the national
// instruction of 2007, BGN/PCGN for Belarusian) and give the Russian form
// as an alias, or the other way round, and the two languages differ by
// regular sound alternations:
//
//   - tsekanne: a t before a soft vowel is ць, written ts (Vetsianevich
//     for Vetenevich, Tsikhanouskaya for Tikhanovskaya);
//   - dzekanne: a d before a soft vowel or consonant is дз, written dz
//     (Dzianis, Denis; Dzmitry, Dmitry);
//   - ў, a u after a vowel: the surname ending -аў, -еў (Ulasau for
//     Ulasov, Lukyaneu for Lukyanov), the -oŭsk-, -aŭsk- of -ovskiy
//     (Tsikhanouskaya) and -aŭ- before a consonant (Paulichenka for
//     Pavlichenko);
//   - akanne and yakanne: an unstressed o is written a and e is written ia
//     (Piatrovich, Petrovich), which the romanisation skeletons compare as
//     the same consonants with other vowels (sameVowelShape).
//
// A word is read with these spellings brought to the Russian ones
// (appendSlavFold; a word of two syllables or more) and compared by the skeleton of that reading
// (slavFoldSim). A listed word that the reading changes files the
// consonant key of its reading under seedSlav, so that the Russian
// spelling finds the Belarusian one; a query word that the reading
// changes looks its reading up among the listed consonant keys, so that
// the Belarusian spelling finds the Russian one.

const (
	seedSlav      uint64 = 0x3C6EF372FE94F82B // the consonant key of a listed word's Russian reading
	minSlavWord          = 4                  // shortest word read so
	maxSlavWord          = 32                 // longest word read so
	minSlavCons          = 3                  // fewest consonants of a key looked up
	maxSlavChecks        = 12                 // listed words compared through one key at most
)

// appendSlavFold appends the Russian reading of the normalised word w
// (see above) and reports whether it differs from w. A word outside
// minSlavWord..maxSlavWord bytes or with a byte outside a-z is left as it
// is.
func appendSlavFold(dst []byte, w string) ([]byte, bool) {
	n := len(w)
	if n < minSlavWord || n > maxSlavWord || !slavMarked(w) || vowelRuns(w) < 2 {
		return append(dst, w...), false
	}
	start := len(dst)
	changed := false
	for i := 0; i < n; i++ {
		c := w[i]
		switch {
		case c < 'a' || c > 'z':
			return append(dst[:start], w...), false
		case c == 't' && i+2 < n && w[i+1] == 's' && softVowel(w[i+2]):
			// ць: Vetsianevich, Vetenevich
			dst = append(dst, 't')
			i++
			changed = true
			continue
		case c == 'd' && i+1 < n && w[i+1] == 'z' && (i+2 == n || w[i+2] != 'h'):
			// дз: Dzianis, Denis (not the dzh of a Russian j)
			dst = append(dst, 'd')
			i++
			changed = true
			continue
		case (c == 'a' || c == 'o' || c == 'e') && i+1 < n && w[i+1] == 'u' && i > 0 && !isVowelByte(w[i-1]) &&
			(i+2 == n && c != 'o' || i+4 <= n && w[i+2] == 's' && w[i+3] == 'k'):
			// ў after a vowel: the ending -аў, -еў (not -ou, a French
			// u: Mamadou) and -оўск-, -аўск-
			if c == 'e' {
				dst = append(dst, 'e', 'v')
			} else {
				dst = append(dst, 'o', 'v')
			}
			i++
			changed = true
			continue
		case c == 'a' && i+2 < n && w[i+1] == 'u' && i > 0 && !isVowelByte(w[i-1]) && !isVowelByte(w[i+2]):
			// ў after a before a consonant: Paulichenka, Pavlichenko
			dst = append(dst, 'a', 'v')
			i++
			changed = true
			continue
		}
		dst = append(dst, c)
	}
	return dst, changed
}

// vowelRuns counts the runs of vowels of w: a word of one is read as it
// is (the Wade-Giles Tsien, Tsiang are Chinese syllables).
func vowelRuns(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isVowelByte(w[i]) && (i == 0 || !isVowelByte(w[i-1])) {
			n++
		}
	}
	return n
}

// softVowel reports whether c begins a soft vowel's spelling after ts
// (i, ia, ie, iu; e; y as in tsya).
func softVowel(c byte) bool { return c == 'i' || c == 'e' || c == 'y' }

// slavMarked reports whether w has a spelling appendSlavFold reads: ts
// or dz, or a u after a, o or e.
func slavMarked(w string) bool {
	for i := 1; i < len(w); i++ {
		switch w[i] {
		case 's':
			if w[i-1] == 't' {
				return true
			}
		case 'z':
			if w[i-1] == 'd' {
				return true
			}
		case 'u':
			if c := w[i-1]; c == 'a' || c == 'o' || c == 'e' {
				return true
			}
		}
	}
	return false
}

// slavFoldSim is the similarity of two words one of which appendSlavFold
// reads otherwise: their readings' skeletons equal, as equal skeletons
// (skelEqualSim); the same consonants with other vowels, as a vowel
// respelling (vowelShapeSim); else 0.
func slavFoldSim(a, b string) float32 {
	if len(a) < minSlavWord || len(b) < minSlavWord || len(a) > maxSlavWord || len(b) > maxSlavWord {
		return 0
	}
	ma, mb := slavMarked(a), slavMarked(b)
	if !ma && !mb {
		return 0
	}
	var fa, sa [2 * maxSlavWord]byte
	ra, ca := appendSlavFold(fa[:0], a)
	ka := appendSkeleton(sa[:0], bytesString(ra))
	return slavReadingSim(bytesString(ka), len(ra), ca, b)
}

// slavReadingSim is slavFoldSim of a word whose reading has the skeleton
// ka and n bytes (changed: the reading differs from the word) and the word
// b.
func slavReadingSim(ka string, n int, changed bool, b string) float32 {
	var fb, sb [2 * maxSlavWord]byte
	rb, cb := appendSlavFold(fb[:0], b)
	if !changed && !cb {
		return 0
	}
	kb := appendSkeleton(sb[:0], bytesString(rb))
	return readingSim(ka, bytesString(kb), min(n, len(rb)))
}

// appendSlavKey adds the key of the listed word s (token tok) whose
// Russian reading differs from it: the consonant key of the reading.
func appendSlavKey(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	var fb [maxSlavWord]byte
	r, changed := appendSlavFold(fb[:0], s)
	if !changed {
		return dst
	}
	var cb [maxSlavWord]byte
	cons := appendConsonants(cb[:0], bytesString(r))
	if len(cons) < minSlavCons {
		return dst
	}
	return append(dst, fuzzyKey{hashStr(seedSlav, string(cons)), tok})
}

// slavHits adds the listed words that query word q (index i) spells in the
// other of Belarusian and Russian (slavFoldSim): the listed Belarusian
// spellings of its consonants (seedSlav) and, when q has a Belarusian
// spelling, the listed words with the consonants of its Russian reading
// (seedCons). At most maxSlavChecks words are compared through each key.
func (ix *Index) slavHits(sc *scratch, q *qtok, i int8) {
	n := len(q.s)
	if n < minSlavWord || n > maxSlavWord || q.vowelless {
		return
	}
	cons := q.cons
	var fb, cb [maxSlavWord]byte
	r, changed := []byte(nil), false
	if slavMarked(q.s) {
		r, changed = appendSlavFold(fb[:0], q.s)
	}
	if changed {
		cons = bytesString(appendConsonants(cb[:0], bytesString(r)))
	} else {
		r = append(fb[:0], q.s...)
	}
	if len(cons) < minSlavCons {
		return
	}
	var sk [2 * maxSlavWord]byte
	ka := "" // the reading's skeleton, computed when a word is compared
	try := func(h uint64) {
		a, z := ix.fuzzyRange(h)
		if a < z && ka == "" {
			ka = bytesString(appendSkeleton(sk[:0], bytesString(r)))
		}
		for k := 0; a < z && k < maxSlavChecks; a, k = a+1, k+1 {
			t := ix.fuzzyTok(a)
			ts := ix.toks[t].s
			if d := len(ts) - n; ts == q.s || d > maxLenDiff || d < -maxLenDiff || len(ts) < minSlavWord || len(ts) > maxSlavWord {
				continue
			}
			if s := slavReadingSim(ka, len(r), changed, ts); s > 0 {
				sc.raiseHit(simHit{i, i, t, s})
			}
		}
	}
	try(hashStr(seedSlav, cons))
	if changed {
		try(hashStr(seedCons, cons))
	}
}
