package match

import "strings"

// The ayn written h. The Arabic ayn has no Latin letter; English and
// French practice writes it ', leaves it out, or, after a consonant of
// the name, writes it h (Mun'im: Munim, Moneim, Menhem; Man'i: Manhi).
// Written so, the h sits after l, m or n, where it makes no digraph of
// English or French practice (kh, sh, th, dh, gh, ch, zh and the Indic
// aspirates bh, ph, jh are letters of their own; after r the h is as
// often the Ukrainian and Turkish h of Serhiy and Serhat, or the Arabic
// h of Sirhan and Farhan), before one vowel (a Pinyin syllable after
// n starts hou, hua, hui, hai). The same word then often differs in a
// short vowel too, and the two changes together are more than tokSim or
// the consonant rules of personRespelling allow.

// minAynHWord is the fewest letters the word without the h needs for
// aynHSim: a short name with an h dropped is too easily another name.
const minAynHWord = 5

// aynHSim returns consEqualSim when one of two words of a person's name
// writes an h after l, m or n and before a vowel where the other has
// none, and the word without that h reads as the other (the same
// letters but for a short vowel: aynHReading): Menhem, Munim. The
// other word must hold as many h's as the word with the h dropped, so
// that an h of the other word is not left unpaired; 0 otherwise.
func aynHSim(a, b string) float32 {
	if len(a) < minAynHWord || len(b) < minAynHWord || len(a) > maxChKey || len(b) > maxChKey {
		return 0
	}
	ha, hb := aynHCount(a), aynHCount(b)
	if (ha == 0) == (hb == 0) {
		return 0
	}
	if hb > 0 {
		return 0 // the caller passes each order (aynHPair)
	}
	var buf [maxChKey]byte
	w := buf[:0]
	nh := 0
	for i := 0; i < len(a); i++ {
		if a[i] == 'h' {
			if aynHAt(a, i) {
				continue
			}
			nh++
		}
		w = append(w, a[i])
	}
	if len(w) < minAynHWord || nh != strings.Count(b, "h") {
		return 0
	}
	if !aynHReading(bytesString(w), b) {
		return 0
	}
	return consEqualSim
}

// aynHReading reports whether two words have the same letters but for
// a short vowel i, u, e or o written for another of them, the colloquial
// and French readings of the Arabic kasra and damma (Menem, Munim). An a
// stays an a (Farhad and Farid are two names), and the consonants are
// the same letters.
func aynHReading(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && !(iuVowel(a[i]) && iuVowel(b[i])) {
			return false
		}
	}
	return true
}

func iuVowel(c byte) bool { return c == 'i' || c == 'u' || c == 'e' || c == 'o' }

// aynHPair is aynHSim in either order.
func aynHPair(a, b string) float32 {
	return max(aynHSim(a, b), aynHSim(b, a))
}

// aynHCount counts the h's of s that aynHSim may read as an ayn.
func aynHCount(s string) int {
	n := 0
	for i := 1; i+1 < len(s); i++ {
		if s[i] == 'h' && aynHAt(s, i) {
			n++
		}
	}
	return n
}

// aynHAt reports whether the h at s[i] stands after l, m or n and before
// one vowel.
func aynHAt(s string, i int) bool {
	if i == 0 || i+1 >= len(s) || !isVowelByte(s[i+1]) || (i+2 < len(s) && isVowelByte(s[i+2])) {
		return false
	}
	c := s[i-1]
	return c == 'l' || c == 'm' || c == 'n'
}
