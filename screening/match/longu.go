package match

// The long u written ou or oo. French practice writes the vowel u of
// Persian, Arabic and other names ou (NIROU, KHOUZESTAN, MAHMOUD) and
// English practice oo (DOOST, NOOR); other romanisations write u (NIRU,
// KHUZESTAN, MAHMUD, DUST, NUR). The skeleton reads the three alike, so
// two such words of four or five letters score only skelEqualSim (0.85),
// the doubt of a short word respelt anyhow. Respelt by this rule alone and
// no common English word on either side (shoot, shut; spoon, spun), they
// are one word written two ways, and count as close.

// longUSim is the similarity of two words a and b whose skeletons are
// equal, the shorter of n bytes (4 or 5), when they differ only in the long
// u written ou or oo in one and u in the other: closeMinSim; otherwise 0.
func longUSim(a, b string, n int) float32 {
	if n > 5 || len(a) == len(b) || !sameLongU(a, b) || isEnglishWord(a) || isEnglishWord(b) {
		return 0
	}
	return skelEqualSim(6)
}

// sameLongU reports whether a and b are the same letters but for one or
// more places where one writes ou or oo and the other u.
func sameLongU(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	i, j, diff := 0, 0, false
	for i < len(a) && j < len(b) {
		if a[i] == b[j] && !(a[i] == 'o' && b[j] == 'o' && i+1 < len(a) && a[i+1] == 'o' && (j+1 >= len(b) || b[j+1] != 'o')) {
			i++
			j++
			continue
		}
		if b[j] == 'u' && i+1 < len(a) && a[i] == 'o' && (a[i+1] == 'u' || a[i+1] == 'o') {
			i += 2
			j++
			diff = true
			continue
		}
		return false
	}
	return diff && i == len(a) && j == len(b)
}
