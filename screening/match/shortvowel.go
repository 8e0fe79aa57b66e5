package match

// A short name written with one letter more that is not said: a vowel
// doubled or a vowel of a diphthong written out (Burmese Pye, Pyae; Moe,
// Mo; Arabic Nur, Nour), or a silent h after a final vowel (the West
// African Ba, Bah; the Persian Sha, Shah). Words of three letters or
// fewer are compared letter for letter (shortWordSim), so such spellings
// met nowhere. They now score as a vowel respelling, unless both are
// Pinyin syllables (Lin, Lian are other names) or the variant tables hold
// them apart.

// silentLetterSim is the similarity of two words of which the shorter,
// a of two or three letters with a vowel, is the longer, b, with one
// letter left out after b's first: a vowel beside another vowel, or an h
// after b's last vowel at its end. vowelShapeSim, else 0.
func silentLetterSim(a, b string) float32 {
	if !silentLetterShape(a, b) || syllables().hasPinyin(a) && syllables().hasPinyin(b) {
		return 0
	}
	return vowelShapeSim
}

// silentLetterShape reports whether b is a, of two or three letters, with
// one letter more after its first: a vowel beside a vowel, or an h after
// a final vowel.
func silentLetterShape(a, b string) bool {
	if len(a) < 2 || len(a) > 3 || len(b) != len(a)+1 {
		return false
	}
	k := 0
	for k < len(a) && a[k] == b[k] {
		k++
	}
	if k == 0 || a[k:] != b[k+1:] {
		return false
	}
	switch c := b[k]; {
	case c == 'h':
		return k == len(b)-1 && isVowelByte(b[k-1]) && b[k-1] != 'y'
	case isVowelByte(c) && c != 'y':
		return isVowelByte(b[k-1]) || k+1 < len(b) && isVowelByte(b[k+1]) && b[k+1] != 'y'
	}
	return false
}

// silentLetterHits adds the listed words that the unlisted query word q
// (index i) of two to four letters writes with an unsaid letter more or
// less (silentLetterSim): q without a vowel beside a vowel or a final h,
// and q with a vowel beside its vowels or an h after its final vowel,
// each looked up as a listed word. The skeletons of such words differ in
// length and vowels (Pye pi, Pyae piai), so no fuzzy key meets them. A
// listed word finds them the same way among its neighbours.
func (ix *Index) silentLetterHits(sc *scratch, q *qtok, i int8) {
	w := q.s
	if len(w) < 2 || len(w) > 4 || q.vowelless {
		return
	}
	var buf [5]byte
	try := func(b []byte) {
		if id, ok := ix.tokenID(bytesString(b)); ok {
			if s := ix.tokSimFrom(q, &ix.toks[id], minTokSim, nil); s >= minTokSim {
				sc.addHit(simHit{i, i, id, s})
			}
		}
	}
	if len(w) >= 3 {
		// a letter less: the letter at k left out
		for k := 1; k < len(w); k++ {
			c := w[k]
			if c != 'h' && (!isVowelByte(c) || c == 'y') || w[k-1] == c {
				continue // not a vowel or an h; a doubled letter once
			}
			n := copy(buf[:], w[:k])
			n += copy(buf[n:], w[k+1:])
			if silentLetterShape(bytesString(buf[:n]), w) {
				try(buf[:n])
			}
		}
	}
	if len(w) <= 3 {
		// a letter more: inserted at k
		for k := 1; k <= len(w); k++ {
			for _, c := range [...]byte{'a', 'e', 'i', 'o', 'u', 'h'} {
				if c == 'h' && k != len(w) || k < len(w) && w[k] == c {
					continue // an h only at the end; a doubled letter once
				}
				n := copy(buf[:], w[:k])
				buf[n] = c
				n++
				n += copy(buf[n:], w[k:])
				if silentLetterShape(w, bytesString(buf[:n])) {
					try(buf[:n])
				}
			}
		}
	}
}
