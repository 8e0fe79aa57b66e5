package match

// The Arabic consonant w after a consonant is written u by romanisations
// that leave out the short vowel before it and read the letter as the vowel
// it also writes: Juad for Jawad, Fuad for Fawad, Suad for Sawad. The
// skeleton reads the u as a vowel and the w as v, so the two spellings have
// other consonants (j-d, j-v-d) and no rule pairs them. consWSim reads a
// u between a consonant and an a as w: Juad is read Jwad, whose skeleton
// has the consonants of Jawad with the short vowel after the first left
// out, the spelling sameConsonants pairs (Nasr, Nasir).

// maxConsWWord is the longest word consWSim reads.
const maxConsWWord = 16

// consWSim is the similarity of two words of a person's name when one of
// them, with a u between a consonant and an a read as w, has the skeleton
// of the other or its consonants with a short vowel at the edge left out
// (sameConsonants): vowelShapeSim; 0 otherwise.
func consWSim(a, askel, b, bskel string) float32 {
	if s := consWOne(a, bskel); s > 0 {
		return s
	}
	return consWOne(b, askel)
}

// consWOne compares word a read with its u between a consonant and an a
// as w with the skeleton bskel of the other word.
func consWOne(a, bskel string) float32 {
	if len(a) < 4 || len(a) > maxConsWWord {
		return 0
	}
	k := -1
	for i := 1; i+1 < len(a); i++ {
		if a[i] == 'u' && a[i+1] == 'a' && !isVowelByte(a[i-1]) && a[i-1] != 'q' && a[i-1] != 'g' {
			k = i // not after q or g, where u is no letter of its own (Guadalupe)
			break
		}
	}
	if k < 0 {
		return 0
	}
	var buf [maxConsWWord]byte
	r := append(buf[:0], a...)
	r[k] = 'w'
	var sk [2 * maxConsWWord]byte
	rs := appendSkeleton(sk[:0], bytesString(r))
	if string(rs) == bskel || sameConsonants(string(rs), bskel) {
		return vowelShapeSim
	}
	return 0
}

// The French transliteration writes the consonant w as ou (Oualid, Ouassim;
// Daoud, Qaouk): before a vowel the ou is the w alone (Oualid, Walid),
// after a vowel and before a consonant or at the word's end it is the w
// and its vowel u (Daoud, Dawud; Qaouk, Qawuq). frenchWSim reads the first
// ou of a word next to a vowel so.

// frenchWSim is the similarity of two words of a person's name when one of
// them, with its first ou beside a vowel read as the consonant w, has the
// skeleton of the other (skelEqualSim) or its consonants with a short vowel
// at the edge left out (vowelShapeSim); 0 otherwise.
func frenchWSim(a, askel, b, bskel string) float32 {
	if s := frenchWOne(a, bskel); s > 0 {
		return s
	}
	return frenchWOne(b, askel)
}

// frenchWOne compares word a, read with its first ou beside a vowel as w,
// with the skeleton bskel of the other word.
func frenchWOne(a, bskel string) float32 {
	if len(a) < 4 || len(a) > maxConsWWord {
		return 0
	}
	var buf [maxConsWWord + 1]byte
	r := buf[:0]
	for i := 0; i+1 < len(a); i++ {
		if a[i] != 'o' || a[i+1] != 'u' {
			continue
		}
		switch {
		case i+2 < len(a) && isVowelByte(a[i+2]):
			r = append(append(append(r, a[:i]...), 'w'), a[i+2:]...) // Oualid: walid
		case i > 0 && isVowelByte(a[i-1]):
			r = append(append(append(r, a[:i]...), 'w', 'u'), a[i+2:]...) // Daoud: dawud
		default:
			continue
		}
		break
	}
	if len(r) == 0 {
		return 0
	}
	var sk [2 * (maxConsWWord + 1)]byte
	rs := appendSkeleton(sk[:0], bytesString(r))
	switch {
	case string(rs) == bskel:
		return skelEqualSim(min(len(rs), len(bskel)))
	case sameConsonants(string(rs), bskel):
		return vowelShapeSim
	}
	return 0
}
