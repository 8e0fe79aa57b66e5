package match

// Thai names are written in Latin letters in the Royal Thai General
// System (RTGS) and in their bearers' own spellings, which follow the Thai
// letters rather than the sounds: the aspirates written ph, th, kh or p, t,
// k (Phuangphet, Puangpetch), w written v (Suwit, Suvit), a medial tch for
// the ch the other writes (Phitchayot, Pichayos), and a syllable's final
// consonant written as its letter (s, d, ch, tch, j; l, r; b, f; the silent
// letter after it: Chaivorasilp) where RTGS writes the sound it has at the
// end of a syllable (t; n; p: Chaiworasin). The skeletons read these
// letters as written, so the two spellings met only by their letters. A
// long word is also read the RTGS way.

const (
	// minThaiWord and maxThaiWord bound the length, in bytes, of a word
	// read the RTGS way: long words only, as Thai surnames are, so that
	// the readings of short words of other languages (a final s, d or l)
	// do not meet.
	minThaiWord = 7
	maxThaiWord = 24
	// seedThai is the seed of the key a listed word whose RTGS reading
	// differs files: the skeleton of its reading.
	seedThai uint64 = 0x3C6EF372FE94F82B
)

// appendThaiSkel appends the skeleton of w read the RTGS way: ph, th, kh
// as p, t, k; v as w; a medial tch as ch; and the consonants after the last
// vowel as the sound of the first of them at a syllable's end (t, d, s, c,
// j as t; l, r as n; b, f as p; g, q as k). w must be of minThaiWord to
// maxThaiWord bytes; skel, when not empty, is its skeleton, appended as
// it is when the reading leaves w as written.
func appendThaiSkel(dst []byte, w, skel string) []byte {
	var buf [maxThaiWord]byte
	b := buf[:0]
	n := len(w)
	last := -1 // the last vowel
	for i := n - 1; i >= 0; i-- {
		if isVowelByte(w[i]) {
			last = i
			break
		}
	}
	if last < 0 {
		return appendSkeleton(dst, w) // not reached: a word without a vowel is not read
	}
	for i := 0; i <= last; i++ {
		c := w[i]
		switch {
		case (c == 'p' || c == 't' || c == 'k') && w[i+1] == 'h':
			i++
		case c == 't' && w[i+1] == 'c' && i+2 < n && w[i+2] == 'h':
			continue // tch as ch
		case c == 'v':
			c = 'w'
		case (c == 'l' || c == 'r') && i > 0 && isVowelByte(w[i-1]) && !isVowelByte(w[i+1]) && w[i+1] != 'h':
			c = 'n' // a syllable's final l, r before the next's consonant (Wimolsri)
		case c == 's' && w[i+1] == 'r' && isVowelByte(w[i+2]):
			b = append(b, 's') // the silent r of sr (Sri as Si)
			i++
			continue
		}
		b = append(b, c)
	}
	if tail := w[last+1:]; tail != "" {
		switch tail[0] {
		case 't', 'd', 's', 'c', 'j':
			b = append(b, 't')
		case 'l', 'r':
			b = append(b, 'n')
		case 'n':
			if hasPrefix(tail, "ng") {
				b = append(b, 'n', 'g')
			} else {
				b = append(b, 'n')
			}
		case 'b', 'f', 'p':
			b = append(b, 'p')
		case 'g', 'q', 'k':
			b = append(b, 'k')
		default: // m, the semivowels w and y, h
			b = append(b, tail...)
		}
	}
	if skel != "" && string(b) == w {
		return append(dst, skel...) // read as written
	}
	return appendSkeleton(dst, bytesString(b))
}

// thaiWord reports whether w is read the RTGS way: a word of minThaiWord
// to maxThaiWord bytes.
func thaiWord(w string) bool { return len(w) >= minThaiWord && len(w) <= maxThaiWord }

// appendThaiKey adds the key of the listed word s (token tok, skeleton
// skel) when its RTGS reading has another skeleton: the skeleton of the
// reading, under which a query word's reading finds it.
func appendThaiKey(dst []fuzzyKey, s, skel string, tok int32) []fuzzyKey {
	if !thaiWord(s) {
		return dst
	}
	var sk [2 * maxThaiWord]byte
	r := appendThaiSkel(sk[:0], s, skel)
	if string(r) == skel {
		return dst
	}
	return append(dst, fuzzyKey{hashStr(seedThai, bytesString(r)), tok})
}

// maxThaiShrink is the most bytes by which the lengths of two words
// thaiSim compares differ: the h of two aspirates, the t of a tch and two
// letters of the final consonants.
const maxThaiShrink = 4

// thaiFirst is the first byte of a word's RTGS reading that starts with c.
func thaiFirst(c byte) byte {
	if c == 'v' {
		return 'w'
	}
	return c
}

// thaiSim is the similarity of two long words of a person's name whose
// RTGS readings (appendThaiSkel) have equal skeletons: that of equal
// skeletons; else 0.
func thaiSim(a, b string) float32 {
	if !thaiPair(a, b) {
		return 0
	}
	var sa [2 * maxThaiWord]byte
	return thaiReadSim(a, bytesString(appendThaiSkel(sa[:0], a, "")), b)
}

// thaiPair reports whether words a and b may read alike the RTGS way:
// both long, starting alike, of lengths that the reading can bring
// together.
func thaiPair(a, b string) bool {
	return thaiWord(a) && thaiWord(b) && thaiFirst(a[0]) == thaiFirst(b[0]) && len(a) <= len(b)+maxThaiShrink && len(b) <= len(a)+maxThaiShrink
}

// thaiReadSim is thaiSim of a, whose reading's skeleton is ra, and b.
func thaiReadSim(a, ra, b string) float32 {
	var sb [2 * maxThaiWord]byte
	if ra != string(appendThaiSkel(sb[:0], b, "")) {
		return 0
	}
	return skelEqualSim(min(len(a), len(b)))
}

// thaiHits adds the listed words whose RTGS reading has the skeleton of
// that of query word q (index i): those whose own skeleton it is and
// those that file it (seedThai); at most maxCompoundChecks of each
// compared, at minTokSim until a person's alignment raises them
// (personRespelling).
func (ix *Index) thaiHits(sc *scratch, q *qtok, i int8) {
	if q.known || q.vowelless || !thaiWord(q.s) {
		return
	}
	var sk [2 * maxThaiWord]byte
	r := bytesString(appendThaiSkel(sk[:0], q.s, q.skel))
	for _, seed := range [2]uint64{seedExact, seedThai} {
		if seed == seedExact && r == q.skel {
			continue // the listed words of its own skeleton are found already
		}
		ix.raiseUnder(sc, i, hashStr(seed, r), maxCompoundChecks, func(t int32) float32 {
			if !thaiPair(q.s, ix.toks[t].s) {
				return 0
			}
			return min(thaiReadSim(q.s, r, ix.toks[t].s), minTokSim)
		})
	}
}
