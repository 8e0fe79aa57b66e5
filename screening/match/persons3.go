package match

import "strings"

// maxInterdental is the longest word, in bytes, that interdentalSim
// compares.
const maxInterdental = 32

// interdentalSim returns the similarity of two words of a person's name
// (a and b, with their skeletons) of which one writes dh or th where the
// other writes d or z, t or s: the Arabic interdentals (ذ dhal, ظ dha, ث
// tha) and the emphatic ض (dad) are romanised dh and th after the
// classical sounds, d and t as Egyptian and Maghrebi Arabic say them, and
// z and s as Persian, Turkish and Urdu do (Ridha, Reda, Reza; Hadha,
// Haza; Dhiyab, Diab; Uthman, Osman). The skeletons with each dh read as d
// or z, and th as t or s, are compared: equal, they score as equal
// skeletons (skelEqualSim); the same consonants with other vowels, as a
// vowel respelling (vowelShapeSim). It returns 0 when neither word has dh
// or th, or neither reading meets the other word.
func interdentalSim(a, askel, b, bskel string) float32 {
	if len(a) < 4 || len(b) < 4 || len(a) > maxInterdental || len(b) > maxInterdental {
		return 0
	}
	n := min(len(a), len(b))
	var s float32
	if hasInterdental(a) {
		s = max(s, interdentalReadings(a, b, bskel, n))
	}
	if hasInterdental(b) {
		s = max(s, interdentalReadings(b, a, askel, n))
	}
	return s
}

// hasInterdental reports whether w writes dh or th.
func hasInterdental(w string) bool {
	return strings.Contains(w, "dh") || strings.Contains(w, "th")
}

// interdentalReadings compares the skeletons of w with dh and th read as
// d and t, then as z and s, with the skeleton oskel of the word other
// (interdentalSim); n is the length of the shorter word. The reading as z
// and s is tried only when other writes a z or an s that is not sh or zh:
// skeletons write sh and zh as s, and sh is another letter (Radha is not
// Rasha).
func interdentalReadings(w, other, oskel string, n int) float32 {
	var buf [maxInterdental]byte
	var skel [2 * maxInterdental]byte
	var s float32
	for k, r := range [2][2]byte{{'d', 't'}, {'z', 's'}} {
		if k == 1 && !plainSibilant(other) {
			break
		}
		b := buf[:0]
		for i := 0; i < len(w); i++ {
			if i+1 < len(w) && w[i+1] == 'h' && (w[i] == 'd' || w[i] == 't') {
				if w[i] == 'd' {
					b = append(b, r[0])
				} else {
					b = append(b, r[1])
				}
				i++
				continue
			}
			b = append(b, w[i])
		}
		sk := appendSkeleton(skel[:0], bytesString(b))
		s = max(s, readingSim(bytesString(sk), oskel, n))
	}
	return s
}

// plainSibilant reports whether w has a z or an s not followed by h.
func plainSibilant(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] == 'z' || w[i] == 's') && (i+1 == len(w) || w[i+1] != 'h') {
			return true
		}
	}
	return false
}

// personPairSim is the similarity of two words of a person's name left
// over by the alignment (leftoverPair) as the alignment compares such
// words beyond their letters: equal skeletons, vowel shapes, variant
// groups (tokSim), the same consonants and the interdentals
// (personRespelling); not the loan-word shapes of organisation names.
func personPairSim(q *qtok, t *tokInfo) float32 {
	var s float32
	switch {
	case q.skel == t.skel:
		s = skelEqualSim(min(len(q.s), len(t.s)))
	case sameVowelShape(q.skel, t.skel):
		s = vowelShapeSim
	default:
		s = taMarbutaSim(q.s, q.skel, t.s, t.skel, min(len(q.s), len(t.s)))
	}
	return personRespelling(q, t, max(s, formSim(q, t)))
}

// personLeftoverMinSim is the least similarity of two leftover words of a
// person's name that leftoverPair pairs (leftoverMinSim for other names)
// when they are a looseRespelling.
const personLeftoverMinSim = 0.5

// looseRespelling reports whether two words of a person's name that are
// less alike than leftoverMinSim may still be one name respelled
// (leftoverPair): their first two consonants agree, a voiced and a
// voiceless one of a place alike (Feyself / Faysal, Budvi / Bhuttavi,
// Dubaysi / Dabidi), and the variant tables do not hold them apart
// (Mohammed, Mahmoud). Another name of the same start differs in its
// second consonant (Marial / Mantiel).
func looseRespelling(q *qtok, t *tokInfo) bool {
	if q.group != 0 && t.group != 0 && q.group != t.group {
		return false
	}
	if len(q.cons) < 2 || len(t.cons) < 2 {
		return false
	}
	return startClass(q.cons[0]) == startClass(t.cons[0]) && startClass(q.cons[1]) == startClass(t.cons[1])
}
