package match

// The Arabic feminine ending -iya written -iye. Levantine speech says the
// final a of the feminine ending as e (imala), and Lebanese and Syrian
// names are romanised as said: DEBBIYE, NOUMAYRIYE, ISLAMIYE, where other
// romanisations write DIBIYA, NUMEIRIYA, ISLAMIYA. The skeleton reads the
// -ye as i and the -ya as ia, so the two spellings fall one letter apart
// and score as a vowel respelling at best. A word written with the ending
// -ye or -yeh against one written -ya, of skeletons equal but for that
// final a, is one word written two ways.

// imalaSim is the similarity of two words q and t, the shorter of n bytes,
// of which one ends in -ye or -yeh and the other in -ya, their skeletons
// askel and bskel equal but for the final a of the -ya: the similarity of
// equal skeletons; otherwise 0. A word ending in i, the nisba of Persian
// and Urdu names (ISLAMI), is another word than one in -iya and is not
// read.
func imalaSim(a, askel, b, bskel string, n int) float32 {
	if len(askel) == len(bskel) || len(askel)+1 != len(bskel) && len(bskel)+1 != len(askel) {
		return 0
	}
	if len(askel) > len(bskel) {
		a, askel, b, bskel = b, bskel, a, askel
	}
	// a is the word in -ye(h), b the word in -ya
	if !imalaEnding(a) || len(b) < 2 || b[len(b)-1] != 'a' || b[len(b)-2] != 'y' {
		return 0
	}
	if len(askel) < 3 || askel[len(askel)-1] != 'i' || bskel[len(bskel)-1] != 'a' || bskel[:len(askel)] != askel {
		return 0
	}
	return skelEqualSim(n)
}

// imalaEnding reports whether w ends in -ye or -yeh.
func imalaEnding(w string) bool {
	n := len(w)
	if n >= 3 && w[n-1] == 'h' {
		n--
	}
	return n >= 3 && w[n-1] == 'e' && w[n-2] == 'y'
}
