package match

// The short vowel of a first open syllable left out. Levantine Arabic
// drops an unstressed short vowel after a name's first consonant
// (Kinaya, Knaya; Hanifa, Hnifa; Sufayr, Sfeir), and Lebanese and Syrian
// names are romanised as they are said. With the feminine ending written
// -eh or -ah on one side and -a on the other (the ta marbuta's silent h),
// the two spellings are two letters and two vowel places apart, more than
// taMarbutaSim's reading without the h (the same consonants with vowels
// at the same places) and the fuzzy keys reach: Kinayeh and Knaya.

// abdSpeltAbed reports whether the words a and b are the compound Abd
// Allah (servant of God) with its first element written as Levantine and
// Palestinian names say it, with a vowel: Abed Allah (or Abid Allah), for
// Abdallah, Abdullah. Abed and Abid alone are other names (the
// worshipper), and before a name with the article its element stands
// apart from it, as the listed spellings also write it (Abed al-Rahman,
// ABD AL-RAHMAN): only Allah, which the lists write joined, is asked.
func abdSpeltAbed(a, b string) bool {
	return (a == "abed" || a == "abid") && b == "allah"
}

// maxElidedKey is the longest word, in bytes, elidedFeminine reads.
const maxElidedKey = 24

// elidedFeminine returns vowelShapeSim when word a ends in the feminine
// ending -ah or -eh and word b in the ending without its h (-a, -e), both
// start with the same consonant, one of them has one short vowel after
// it that the other leaves out, and without that vowel and their endings
// the two are letter for letter the same: Kinayeh, Knaya (knay); Hanifah,
// Hnifa (hnif); and the other way round, Qfeisheh, Qefeisha (qfeish).
// The vowel left out and the h written are two choices of the
// romanisation, made apart. The h of -allah and -ullah, the name of God,
// is said and is no ending. 0 otherwise.
func elidedFeminine(a, b string) float32 {
	n, m := len(a), len(b)
	if n < 6 || m < minElidedKey || n > maxElidedKey || m > maxElidedKey || a[0] != b[0] || isVowelByte(a[0]) || (b[m-1] != 'a' && b[m-1] != 'e') {
		return 0
	}
	if a[n-1] != 'h' || (a[n-2] != 'a' && a[n-2] != 'e') || a[n-3] == 'l' {
		return 0
	}
	// without the endings, a[:n-2] and b[:m-1]: the vowel after the first
	// consonant in a (Kinayeh, Knaya) or in b (Qfeisheh, Qefeisha), the
	// rest letter for letter
	switch {
	case n-2 == m && isVowelByte(a[1]) && !isVowelByte(a[2]) && a[2:n-2] == b[1:m-1]:
		return vowelShapeSim
	case m-1 == n-1 && isVowelByte(b[1]) && !isVowelByte(b[2]) && b[2:m-1] == a[1:n-2]:
		return vowelShapeSim
	}
	return 0
}

// minElidedKey is the shortest word, in bytes, without the h that
// elidedFeminine reads.
const minElidedKey = 5

// elidedFeminineHits adds the listed words that query word q (index i),
// not listed, may spell with the short vowel after its first consonant
// left out and the feminine ending written without its h (Knaya for
// Kinayeh): its skeleton starts with two consonants and ends in a vowel,
// and the skeleton with the h written, one letter left out, is looked up
// among the deletions of the listed skeletons (the regular keys are one
// letter short: two edits apart), at most maxCompoundChecks compared, each
// added at its own similarity when the alignment of a person's name would
// take it (personRespelling, vowelShapeSim or more).
func (ix *Index) elidedFeminineHits(sc *scratch, q *qtok, i int8) {
	sk := q.skel
	if len(sk) < minElidedKey || len(sk) >= maxElidedKey || isSkelVowel(sk[0]) || isSkelVowel(sk[1]) || !isSkelVowel(sk[len(sk)-1]) {
		return
	}
	var buf [maxElidedKey]byte
	r := bytesString(append(append(buf[:0], sk...), 'h'))
	sim := func(t int32) float32 {
		tk := &ix.toks[t]
		if s := personRespelling(q, tk, wordSim(q, tk, min(len(q.s), len(tk.s)))); s >= vowelShapeSim {
			return s
		}
		return 0
	}
	k := 0
	for j := 0; j < len(r)-1 && k < maxCompoundChecks; j++ {
		k += ix.raiseUnder(sc, i, hashDel(seedDel, r, j), maxCompoundChecks-k, sim)
	}
}
