package match

// The Khmer r after a first stop, which Phnom Penh speech leaves out. Khmer
// writes clusters of a stop and r at the start of a syllable (ត្រ tr, ក្រ kr,
// ប្រ pr); the speech of Phnom Penh, the capital's and the one most
// Cambodians hear, drops the r and breathes the stop instead (trey is said
// they, kru khu), and Khmer names are romanised by ear as often as by the
// script: Try is written Thy, Prum Phum. A word of three letters is
// compared letter by letter (shortWordSim), and tr and th are apart there,
// as in longer words kr and kh. Th, kh and ph are also the aspirates of
// Khmer names of their own (Thy, Khieu), and of English, Greek and Arabic
// words (Thomas, Khan, Philip), so the reading is asked only of the names of
// listed people of Cambodia (khmerName), as the Tajik o is of the Tajiks'.

// khmerCodes are the countries whose people's names take the Phnom Penh
// reading of the r: Cambodia.
var khmerCodes = countryCodes("KH")

// khmerRWords returns the query words (as bits) that khmerRSim can read:
// of three to maxKhmerWord letters, starting with k, t or p and r or h,
// then a vowel (y among them: Thy, Try), and of no variant group (Khalid,
// Thomas and Khan are names of other languages).
func khmerRWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if i < 64 && len(qs[i].s) <= maxKhmerWord && qs[i].group == 0 && khmerRShape(qs[i].s) {
			m |= 1 << i
		}
	}
	return m
}

// khmerRShape reports whether w starts with a stop k, t or p, then r or
// h, then a vowel (isVowelByte: y among them).
func khmerRShape(w string) bool {
	if len(w) < 3 || (w[1] != 'r' && w[1] != 'h') || !isVowelByte(w[2]) {
		return false
	}
	switch w[0] {
	case 'k', 't', 'p':
		return true
	}
	return false
}

// khmerRSim is the similarity of a query word of khmerRShape and a listed
// word that is its letters but for the second, r on one side and h on the
// other: vowelShapeSim, else 0.
func khmerRSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if len(a) != len(b) || a[0] != b[0] || a[1] == b[1] || a[2:] != b[2:] || !khmerRShape(a) || !khmerRShape(b) {
		return 0
	}
	return vowelShapeSim
}

// khmerName reports whether the listed name rec is that of a person of a
// country of khmerCodes. rn caches it for one name.
func (ix *Index) khmerName(rec *nameRec, rn *readingName) bool {
	return ix.personOf(rec, &rn.khm, khmerCodes)
}

// khmerRHits adds the listed word that query word q (index i), of
// khmerRShape, writes with h for its r or r for its h, at minTokSim,
// noting the hit when it is new (sc.khmNew): the alignment of the name of
// a person of Cambodia raises it (khmerRSim in readingSim), other names
// of people do not take it.
func (ix *Index) khmerRHits(sc *scratch, q *qtok, i int8) {
	if sc.qKhmWords&bit(int(i)) == 0 {
		return
	}
	var buf [maxKhmerWord]byte
	w := append(buf[:0], q.s...)
	if w[1] == 'r' {
		w[1] = 'h'
	} else {
		w[1] = 'r'
	}
	t, ok := ix.tokenID(bytesString(w))
	if !ok {
		return
	}
	if k, ok := sc.readingHit(i, t); ok {
		sc.khmNew = append(sc.khmNew, k)
	}
}

// maxKhmerWord is the longest query word khmerRWords reads: a Khmer
// name's word with a cluster at its start is a syllable or two (Try,
// Prum, Kheang, Phirun).
const maxKhmerWord = 6
