package match

// An organisation often writes its own abbreviation next to its name:
// KLIMOVSK SPECIALIZED AMMUNITION PLANT KSAP, KHATIBA IMAM AL-BUKHARI (KIB),
// TEHRIK-E TALIBAN PAKISTAN (TTP). Such a word repeats the words it
// abbreviates, so a name that leaves it out or adds it is the same name: it
// is not counted as a word left over (unmatchedWeights).

// mayBeAcronym reports whether w, word k of a name of n words, has the
// place and the length of an abbreviation that ownAcronym may find, so that
// most words are not looked at further.
func mayBeAcronym(w string, k, n int) bool {
	return (k == 0 || k == n-1) && len(w) >= 3 && len(w) <= 6
}

// ownAcronym reports whether word k of a name of n words (word returns
// each), its first or its last word, is made of the initials of a run of
// the name's other words, in order and next to each other, three to six of
// them. The Arabic article may stand in the run without an initial of its
// own (KIB for KHATIBA IMAM AL-BUKHARI).
func ownAcronym(n int, word func(int) string, k int) bool {
	if k != 0 && k != n-1 {
		return false
	}
	a := word(k)
	if len(a) < 3 || len(a) > 6 || n < len(a)+1 {
		return false
	}
	for s := 0; s < n; s++ {
		if s == k || word(s)[0] != a[0] {
			continue
		}
		m := 0
		for i := s; i < n && m < len(a); i++ {
			if i == k {
				break
			}
			w := word(i)
			if w[0] == a[m] {
				m++
				continue
			}
			if !isArticle(w) {
				break
			}
		}
		if m == len(a) {
			return true
		}
	}
	return false
}
