package match

// Italian names and words through Russian. Italian writes the sound of
// English ch as c before e and i, and before another vowel with a silent i
// (Luciano, Cesare, Ciao), and that of English j as g before e and i
// (Giovanni, Angelo); Russian writes them ч and дж, romanised ch and dzh
// (Лучано, Luchano; Джованни, Dzhovanni; Анджело, Andzhelo). A company
// registered in Russia under an Italian name is listed in that
// romanisation while its own name, or an alias, keeps the Italian
// spelling.

// minItalianLen is the least length of the words italianHits
// compares: Dacia and dacha, Lucia and lucha are other words.
const minItalianLen = 6

// maxItalianLen is the longest word they read.
const maxItalianLen = 40

// appendItalianRussian appends the word w read as Italian and romanised
// through Russian: c and g before e or i as ch and dzh (doubled, once),
// their silent i before another vowel dropped, sc before e or i as sh. ok
// is false when w has none of these.
func appendItalianRussian(dst []byte, w string) (out []byte, ok bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		if (c == 'c' || c == 'g') && next == c && i+2 < len(w) && (w[i+2] == 'e' || w[i+2] == 'i') {
			continue // a doubled c or g before e or i: one sound
		}
		switch {
		case c == 's' && next == 'c' && i+2 < len(w) && (w[i+2] == 'e' || w[i+2] == 'i'):
			dst = append(dst, 's', 'h')
			i = silentIAfter(w, i+1)
			ok = true
		case c == 'c' && (next == 'e' || next == 'i'):
			dst = append(dst, 'c', 'h')
			i = silentIAfter(w, i)
			ok = true
		case c == 'g' && (next == 'e' || next == 'i'):
			dst = append(dst, 'd', 'z', 'h')
			i = silentIAfter(w, i)
			ok = true
		default:
			dst = append(dst, c)
		}
	}
	return dst, ok
}

// silentIAfter returns the index of the silent i after the c or g at w[i]
// (an i before a, o or u: Luciano, Giovanni), which the romanisation
// leaves out, or i when there is none.
func silentIAfter(w string, i int) int {
	if i+2 < len(w) && w[i+1] == 'i' && (w[i+2] == 'a' || w[i+2] == 'o' || w[i+2] == 'u') {
		return i + 1
	}
	return i
}

// italianHits adds the listed word that the query word q (index i), read
// as Italian, is romanised through Russian as (appendItalianRussian),
// aligned as equal skeletons: a word that writes the Italian c or g before
// a silent i (Luciano, Giovanni: the spellings English does not have;
// Cesare, Angelo are left to the fuzzy keys).
func (ix *Index) italianHits(sc *scratch, q *qtok, i int8) {
	w := q.s
	if len(w) < minItalianLen || len(w) > maxItalianLen || !italianSilentI(w) {
		return
	}
	var buf [3 * maxItalianLen / 2]byte
	r, _ := appendItalianRussian(buf[:0], w)
	if id, ok := ix.tokenID(bytesString(r)); ok {
		sc.raiseHit(simHit{i, i, id, skelEqualSim(len(w))})
	}
}

// italianSilentI reports whether w has a c or g before an i and another
// vowel (Luciano, Giovanni, Marcia).
func italianSilentI(w string) bool {
	for k := 0; k+2 < len(w); k++ {
		if (w[k] == 'c' || w[k] == 'g') && w[k+1] == 'i' && (w[k+2] == 'a' || w[k+2] == 'o' || w[k+2] == 'u') {
			return true
		}
	}
	return false
}
