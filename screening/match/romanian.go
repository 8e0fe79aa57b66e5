package match

import "strings"

// Romanian writes the sound of the Slavic ch (ч) as c before e and i, and
// as ci before a, o and u (Ceban, Ciobanu), as Moldovan documents render
// Russian and Ukrainian names (Copeicin for Kopeichin); Turkish ç, its
// cedilla dropped, is a c before any letter (Cinar for Çınar). The
// skeletons read that c as k, so such a word met the English spelling
// with ch by its letters only.

// minRomanianCWord is the fewest bytes of the words romanianCSim reads: a
// shorter word is as often a Pinyin syllable, in which c and ch are two
// letters (Cen, Chen).
const minRomanianCWord = 5

// romanianCMaxSim is the similarity of two words of a person's name up to
// which the Romanian reading is tried: that of equal skeletons.
const romanianCMaxSim = 0.93

// maxRomanianCWord is the most bytes of the words romanianCSim reads.
const maxRomanianCWord = 24

// romanianCRead writes into buf the word w with each c before e or i
// written ch (ci before a, o or u as ch), and reports whether it changed
// anything. A c after s (the Romanian sc before e and i is another sound)
// or before h is kept.
func romanianCRead(buf []byte, w string) ([]byte, bool) {
	b := buf[:0]
	changed := false
	for k := 0; k < len(w); k++ {
		c := w[k]
		b = append(b, c)
		if c != 'c' || k+1 >= len(w) || k > 0 && w[k-1] == 's' {
			continue
		}
		switch w[k+1] {
		case 'e':
			b = append(b, 'h')
			changed = true
		case 'i':
			b = append(b, 'h')
			changed = true
			if k+2 < len(w) && (w[k+2] == 'a' || w[k+2] == 'o' || w[k+2] == 'u') {
				k++ // ci before a vowel: the i only marks the sound
			}
		}
	}
	return b, changed
}

// romanianCWords returns the query words (as bits) that romanianCSim can
// read: of minRomanianCWord bytes or more, with a c. A word without one
// has no ch either, and the listed word it is compared with must have the
// other.
func romanianCWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if len(qs[i].s) >= minRomanianCWord && i < 64 && strings.IndexByte(qs[i].s, 'c') >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// romanianCSim is the similarity of two words of a person's name of which
// one has a c before e or i and the other a ch: the first read the
// Romanian way (romanianCRead) and compared with the second as tokSim
// compares two words (wordSim: letters, skeletons); 0 if the reading does
// not apply.
func romanianCSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if len(a) < minRomanianCWord || len(b) < minRomanianCWord || len(a) > maxRomanianCWord || len(b) > maxRomanianCWord {
		return 0
	}
	ach, bch := strings.Contains(a, "ch"), strings.Contains(b, "ch")
	if ach == bch {
		return 0
	}
	var buf [2 * maxRomanianCWord]byte
	var sk [4 * maxRomanianCWord]byte
	if bch {
		r, ok := romanianCRead(buf[:0], a)
		if !ok {
			return 0
		}
		rq := qtok{s: bytesString(r)}
		rq.skel = bytesString(appendSkeleton(sk[:0], rq.s))
		return wordSim(&rq, t, min(len(r), len(b)))
	}
	r, ok := romanianCRead(buf[:0], b)
	if !ok {
		return 0
	}
	rt := tokInfo{s: bytesString(r)}
	rt.skel = bytesString(appendSkeleton(sk[:0], rt.s))
	return wordSim(q, &rt, min(len(a), len(r)))
}
