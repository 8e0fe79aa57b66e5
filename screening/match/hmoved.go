package match

import "strings"

// An h written on the other side of a consonant. Several Arabic sounds
// have no Latin letter and reach the Latin alphabet as an h whose place
// the romanisations do not agree on: the ayn after a consonant (Tu'ma:
// Tohma, with the ayn as h, and Toumeh, with the ayn left out and the ta
// marbuta written -eh), and the h of a cluster heard before or after its
// consonant (Mazhar, Mahazar; Mehdi, Medhi). Two words of a person's name
// that have one such h each, the same other consonants in the same order,
// and the h on the two sides of one consonant, read as one name once the
// h is left out of both. Across r and l the h is not moved: there it is
// as often the name's own (Sarah, Sahra; Zahran, Sarhan; Mahalla,
// Mallah).

// minHMovedWord is the fewest letters each word needs for hMovedSim.
const minHMovedWord = 5

// hMovedSim returns vowelShapeSim when a and b each hold one movable h
// (movableHAt), the h of one stands right before a consonant other than r
// or l (vowels aside) and that of the other right after the same
// consonant, the other consonants are the same letters in the same order,
// and the two words without their h have the same skeleton
// (sameOrFinalVowel); 0 otherwise. An h moved across a vowel only (Hasan,
// Ahsan; Hamed, Ahmed) makes another name and is not read.
func hMovedSim(a, b string) float32 {
	if len(a) < minHMovedWord || len(b) < minHMovedWord || len(a) > maxChKey || len(b) > maxChKey {
		return 0
	}
	if strings.IndexByte(a[1:], 'h') < 0 || strings.IndexByte(b[1:], 'h') < 0 {
		return 0
	}
	var consA, consB [maxChKey]byte
	ia, ka, ca := movableH(a, consA[:0])
	if ia < 0 {
		return 0
	}
	ib, kb, cb := movableH(b, consB[:0])
	if ib < 0 || (ka-kb != 1 && kb-ka != 1) || bytesString(ca) != bytesString(cb) {
		return 0
	}
	if x := ca[min(ka, kb)]; x == 'r' || x == 'l' {
		return 0 // the consonant the h crossed
	}
	var bufA, bufB [maxChKey]byte
	var skA, skB [2 * maxChKey]byte
	wa := append(append(bufA[:0], a[:ia]...), a[ia+1:]...)
	wb := append(append(bufB[:0], b[:ib]...), b[ib+1:]...)
	sa := bytesString(appendSkeleton(skA[:0], bytesString(wa)))
	sb := bytesString(appendSkeleton(skB[:0], bytesString(wb)))
	if sa != sb && !feminineEndings(a, b, sa, sb) {
		return 0
	}
	return vowelShapeSim
}

// feminineEndings reports whether of two words one ends in -ah or -eh and
// the other in -a or -e, the feminine ending written with and without its
// silent h, and their skeletons without the h (sa, sb) differ only in the
// vowel they end in (Tohma, Toumeh).
func feminineEndings(a, b, sa, sb string) bool {
	if !silentFinalH(a) {
		a, b = b, a
	}
	if !silentFinalH(a) || silentFinalH(b) {
		return false
	}
	ea, eb := a[len(a)-2], b[len(b)-1]
	if (ea != 'a' && ea != 'e') || (eb != 'a' && eb != 'e') {
		return false
	}
	n := len(sa)
	return n > 1 && n == len(sb) && sa[:n-1] == sb[:n-1]
}

// movableH returns the index of the one h of w that movableHAt allows,
// the number of consonants before it and w's consonants but that h (a
// doubled one once) appended to cons; the index is -1 when w has no such
// h, more than one h, or starts with it.
func movableH(w string, cons []byte) (int, int, []byte) {
	at, k := -1, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c == 'h' {
			if at >= 0 || i == 0 || !movableHAt(w, i) {
				return -1, 0, cons
			}
			at, k = i, len(cons)
			continue
		}
		if !isVowelByte(c) && (i == 0 || w[i-1] != c) {
			cons = append(cons, c)
		}
	}
	return at, k, cons
}

// movableHAt reports whether the h at w[i] (i > 0) is a letter of its own
// rather than the second letter of a digraph: not after s, c, k, g, t, d
// or p (sh, ch, kh, gh, th, dh, ph) nor after the Indic aspirated b and j.
func movableHAt(w string, i int) bool {
	switch w[i-1] {
	case 's', 'c', 'k', 'g', 't', 'd', 'p', 'b', 'j':
		return false
	}
	return true
}
