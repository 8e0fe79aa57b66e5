package match

import "strings"

// The Arabic diphthong aw is romanised aw, au, ow or ou, and written o where
// Egyptian, Levantine and Persian speech say it so: Fawzi, Fauzi, Fouzi and
// Fozi; Shawqi and Shoqi; Awf and Auf. A word of a person's name with the
// diphthong before a consonant or at its end is also read with it as o
// (appendDiphthongSkel), and two words that read alike score as equal
// skeletons. Other vowels are not forgiven as well: the w the reading
// drops is a consonant of the frame the vowel shapes compare (Fawzi is not
// Fazi).

// maxDiphthongKey is the longest word, in bytes, that diphthongSim compares.
const maxDiphthongKey = 24

// hasDiphthong reports whether w has aw, au, ow or ou before a consonant or
// at its end.
func hasDiphthong(w string) bool {
	for i := 0; i+1 < len(w); i++ {
		if c, n := w[i], w[i+1]; (c == 'a' || c == 'o') && (n == 'w' || n == 'u') && (i+2 == len(w) || !isVowelByte(w[i+2])) {
			return true
		}
	}
	return false
}

// appendDiphthongSkel appends the skeleton of w with its diphthongs read o.
func appendDiphthongSkel(dst []byte, w string) []byte {
	var buf [maxDiphthongKey]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c == 'a' || c == 'o') && i+1 < len(w) && (w[i+1] == 'w' || w[i+1] == 'u') && (i+2 == len(w) || !isVowelByte(w[i+2])) {
			b = append(b, 'o')
			i++
			continue
		}
		b = append(b, c)
	}
	return appendSkeleton(dst, bytesString(b))
}

// diphthongSim is the similarity of two words of a person's name of which
// at least one has a diphthong (hasDiphthong), read as o on both sides:
// equal skeletons score as equal skeletons (skelEqualSim of the shorter
// word's bytes); else 0.
func diphthongSim(a, b string) float32 {
	if len(a) < 3 || len(b) < 3 || len(a) > maxDiphthongKey || len(b) > maxDiphthongKey {
		return 0
	}
	if !hasDiphthong(a) && !hasDiphthong(b) {
		return 0
	}
	var sa, sb [2 * maxDiphthongKey]byte
	ka := appendDiphthongSkel(sa[:0], a)
	kb := appendDiphthongSkel(sb[:0], b)
	if string(ka) != string(kb) && string(withoutSilentH(ka)) != string(withoutSilentH(kb)) {
		return 0
	}
	return skelEqualSim(min(len(a), len(b)))
}

// withoutSilentH returns the skeleton sk without a final h after a vowel:
// the h written at the end of a name after its last vowel is not said
// (silentFinalH), so the diphthong read o may be followed by it on one
// side only (Qansawh, Qansu).
func withoutSilentH(sk []byte) []byte {
	if n := len(sk); n >= 3 && sk[n-1] == 'h' && isVowelByte(sk[n-2]) {
		return sk[:n-1]
	}
	return sk
}

// diphthongHits adds the listed words that query word q (index i), written
// with a diphthong, reads alike with it as o: its reading's skeleton looked
// up among the listed skeletons, at most maxCompoundChecks compared, each
// at minTokSim: the alignment of a person's name raises it (personRespelling),
// an organisation's keeps it weak.
func (ix *Index) diphthongHits(sc *scratch, q *qtok, i int8) {
	if len(q.s) < 3 || len(q.s) > maxDiphthongKey || q.vowelless || !hasDiphthong(q.s) || !strings.Contains(q.s, "aw") && !strings.Contains(q.s, "au") {
		return // only aw and au are looked up: ou and ow are as often an English or French vowel (group, brown)
	}
	sim := func(t int32) float32 {
		if ix.toks[t].s == q.s {
			return 0
		}
		return min(diphthongSim(q.s, ix.toks[t].s), minTokSim)
	}
	try := func(sk []byte) {
		ix.raiseUnder(sc, i, hashStr(seedExact, bytesString(sk)), maxCompoundChecks, sim)
	}
	// the diphthong read o (Fawz, Foz), and written with the other
	// second letter (Awf, Auf)
	var sk [2 * maxDiphthongKey]byte
	r := appendDiphthongSkel(sk[:0], q.s)
	try(r)
	if w := withoutSilentH(r); len(w) < len(r) {
		try(w) // Qansawh, Qansu
	}
	var buf [maxDiphthongKey]byte
	alt := append(buf[:0], q.s...)
	for k := 0; k+1 < len(alt); k++ {
		if c, n := alt[k], alt[k+1]; (c == 'a' || c == 'o') && (n == 'w' || n == 'u') && (k+2 == len(alt) || !isVowelByte(alt[k+2])) {
			alt[k+1] = 'w' + 'u' - n
		}
	}
	try(appendSkeleton(sk[:0], bytesString(alt)))
}
