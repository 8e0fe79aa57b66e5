package match

// Long vowels written two ways. English-style romanisations of Arabic,
// Persian and Urdu names write the long u as oo, French-style ones as ou,
// and transliterations as u; the long i as ee or i, the long a as aa or
// a (Abboud, Abbud; Fareed, Farid; Saalim, Salim). The skeleton already
// reads such words alike, but a word of five letters or fewer with an
// equal skeleton scores 0.85 (skelEqualSim), as short words of one
// skeleton are often other words. Two words of a person's name that are
// one word once each long vowel is written with one letter are that word
// in two spellings, whatever their length.

// minLongVowelWord and maxLongVowelWord bound the bytes of the words
// longVowelSame reads: words of three letters are compared letter by
// letter (shortWordSim), a long vowel of two letters included (Nur, Nour).
const (
	minLongVowelWord = 4
	maxLongVowelWord = 12
)

// longVowelSim is the similarity of two spellings of one word that differ
// only in how a long vowel is written (longVowelSame): that of equal
// skeletons of longer words.
const longVowelSim = 0.93

// longVowelSame reports whether a and b, which differ, are the same once
// oo, ou and uu are written u, ee, ii and ie (ieBeforeConsonant) i, and aa a, and at
// least one of them had such a pair of letters.
func longVowelSame(a, b string) bool {
	if a == b || len(a) < minLongVowelWord || len(b) < minLongVowelWord || len(a) > maxLongVowelWord || len(b) > maxLongVowelWord {
		return false
	}
	var ba, bb [maxLongVowelWord]byte
	ra, ra2 := longVowelRead(ba[:0], a)
	rb, rb2 := longVowelRead(bb[:0], b)
	return (ra2 || rb2) && string(ra) == string(rb)
}

// longVowelRead appends to buf the word w with each long vowel of two
// letters (oo, ou, uu; ee, ii, and ie before a consonant (ieBeforeConsonant); aa) written
// with one, and reports whether it had one.
func longVowelRead(buf []byte, w string) ([]byte, bool) {
	had := false
	for k := 0; k < len(w); k++ {
		c := w[k]
		if k+1 < len(w) {
			n := w[k+1]
			switch {
			case (c == 'o' || c == 'u') && (n == 'o' || n == 'u') && !(c == 'u' && n == 'o'):
				buf = append(buf, 'u')
				k++
				had = true
				continue
			case c == 'i' && n == 'e' && k > 0 && len(w) >= minIeWord && k+2 < len(w) && ieBeforeConsonant(w[k+2]):
				// the Dutch, German and Afrikaans ie (Jamiel, Rashied)
				buf = append(buf, 'i')
				k++
				had = true
				continue
			case (c == 'e' || c == 'i') && n == c, c == 'a' && n == 'a':
				buf = append(buf, c)
				if c == 'e' {
					buf[len(buf)-1] = 'i'
				}
				k++
				had = true
				continue
			}
		}
		buf = append(buf, c)
	}
	return buf, had
}

// The long i written ie. Dutch, German and Afrikaans spelling write the
// long i ie, and so do the Dutch, Surinamese and South African (Cape
// Malay) spellings of Arabic names: Jamiel, Rashied, Shafiek, Nazier for
// Jamil, Rashid, Shafiq, Nazir; Friedrich for Fridrich. It is read so
// inside a word of minIeWord letters or more and before a consonant other
// than h, n, w or y: a word that starts with ie has the Slavic ye (Ievlev,
// Ivlev: Евлев, Ивлев), and the Wade-Giles and Vietnamese syllables -ien,
// -ieh, -ieu are other vowels than -in, -ih, -iu (Chien, Chin; Hsieh,
// Hsih; Tien, Tin). Among the listed words of the real-alias index the
// reading pairs Jamiel / Jamil and Daniel / Danil.

// minIeWord is the fewest letters of a word whose ie longVowelRead reads
// as the long i: syllables of five letters or fewer are left to the
// romanisations of Chinese and Vietnamese.
const minIeWord = 6

// ieBeforeConsonant reports whether c, the letter after an ie, lets the
// ie be read as the long i: a consonant other than h, n, w or y.
func ieBeforeConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowelByte(c) && c != 'h' && c != 'n' && c != 'w' // isVowelByte: y too
}
