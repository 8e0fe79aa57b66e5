package match

// The Persian letter vav after a short a is said as the diphthong ow, or o,
// and romanised av, aw, ov, ow, au or o: Nowruz, Nauroz, Navruz, Noruz;
// Khosrow, Khosrav, Khosro; Mowlavi, Maulavi, Mavlavi; Dowlat, Davlat (the
// Tajik and Uzbek spellings write av where Iranian ones write ow or o:
// Navyan, Noyan). The skeleton keeps the v of av and drops the u of ou, so
// the spellings of one word part there. A word with av before a consonant
// (y before a vowel is one: Navyan) or at its end is also read with it as
// o, and so are the other spellings of the diphthong in the word it is
// compared with (appendVavSkel); two words that read alike score as equal
// skeletons (vavSim). Only av starts the reading: ov before a consonant is
// as often a Russian word's (Kovrov, Yakovlev, Petrovna), and aw, ow, au
// an Arabic diphthong (diphthong.go) or an English vowel (crown, downy).
// Words shorter than five letters are left alone (Avto, Otto).

// maxVavKey is the longest word, in bytes, that vavSim compares.
const maxVavKey = 24

// vavAt reports whether w has the vav diphthong at i: a or o, then v, w or
// u, then a consonant, y before a vowel or the word's end; not a final ov.
func vavAt(w string, i int) bool {
	c := w[i]
	if c != 'a' && c != 'o' || i+1 >= len(w) {
		return false
	}
	n := w[i+1]
	if n != 'v' && n != 'w' && n != 'u' {
		return false
	}
	k := i + 2
	if k == len(w) {
		return !(c == 'o' && n == 'v')
	}
	if w[k] == 'y' {
		return k+1 < len(w) && isVowelByte(w[k+1]) && w[k+1] != 'y'
	}
	return !isVowelByte(w[k])
}

// appendVavSkel appends the skeleton of w with its vav diphthongs read o
// and reports whether one written av was.
func appendVavSkel(dst []byte, w string) ([]byte, bool) {
	var buf [maxVavKey]byte
	b := buf[:0]
	read := false
	for i := 0; i < len(w); i++ {
		if vavAt(w, i) {
			read = read || w[i] == 'a' && w[i+1] == 'v'
			b = append(b, 'o')
			i++
			continue
		}
		b = append(b, w[i])
	}
	return appendSkeleton(dst, bytesString(b)), read
}

// vavSim is the similarity of two words of which at least one has a vav
// diphthong written av (hasAv), read as o on both sides with its other spellings
// (aw, ow, au, ou, ov): equal skeletons score as equal skeletons (skelEqualSim of the
// shorter word's n bytes); else 0.
func vavSim(a, askel, b, bskel string, n int) float32 {
	if len(a) < 5 || len(b) < 5 || len(a) > maxVavKey || len(b) > maxVavKey {
		return 0
	}
	if d := len(askel) - len(bskel); d > 1 || d < -1 {
		return 0 // the reading of av shortens a skeleton by one byte
	}
	var sa, sb [2 * maxVavKey]byte
	ka, ra := appendVavSkel(sa[:0], a)
	kb, rb := appendVavSkel(sb[:0], b)
	if !ra && !rb || string(ka) != string(kb) {
		return 0
	}
	return skelEqualSim(n)
}

// vavWordSim is vavSim of a query word and a listed word, 0 unless one
// of them has av as a vav diphthong (the av flags, set by hasAv).
func vavWordSim(q *qtok, t *tokInfo, n int) float32 {
	if !q.av && !t.av {
		return 0
	}
	return vavSim(q.s, q.skel, t.s, t.skel, n)
}

// hasAv reports whether w has av as a vav diphthong (vavAt).
func hasAv(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == 'v' && w[i-1] == 'a' && vavAt(w, i-1) {
			return true
		}
	}
	return false
}
