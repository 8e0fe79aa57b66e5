package match

// The Latin c before a, o, u or another consonant is read k, and a name
// that came through Russian or another language written with k is written
// back with c in English and Romance spelling: MACROOPTICA for MAKROOPTIKA,
// ECO for EKO, TECNO for TEKNO. Two words that differ only there, their
// first letter kept, are one word in two spellings, closer than other
// words whose romanisation skeletons meet (hardCKSim).

// hardCK reports whether a and b, of one length, differ only where one has
// a hard c (c not before e, i, y, h or k, where it is read s, ch or
// doubles the k) and the other k, after their first letter.
func hardCK(a, b string) bool {
	if len(a) != len(b) || len(a) < 3 || a[0] != b[0] {
		return false
	}
	diff := false
	for i := 1; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x == 'k' && y == 'c' {
			x, y, a, b = y, x, b, a
		}
		if x != 'c' || y != 'k' {
			return false
		}
		if i+1 < len(a) {
			switch a[i+1] {
			case 'e', 'i', 'y', 'h', 'k':
				return false
			}
		}
		diff = true
	}
	return diff
}

// hardCKSim is the similarity of two words of which the shorter has n
// bytes and which differ only in a hard c and a k (hardCK): close
// (closeMinSim) for words of three letters, which share few other letters,
// when both have a vowel; 0 for three letters without one (an acronym's C
// and K are other letters: CBR is not KBR), which shortWordSim takes as
// no respelling; 0.95 for words of minHardCKLen letters or more, coined
// compounds more than names; and 0 for four to seven letters, where
// wordSim keeps the skeleton's similarity (MARCUS and MARKUS, a common
// name and a Russian company, stay at 0.93).
func hardCKSim(n int, q *qtok, t *tokInfo) float32 {
	switch {
	case n == 3 && !q.vowelless && !t.vowelless:
		return closeMinSim
	case n >= minHardCKLen:
		return 0.95
	}
	return 0
}

// minHardCKLen is the least length of the words that hardCKSim raises
// above the skeleton's similarity.
const minHardCKLen = 8
