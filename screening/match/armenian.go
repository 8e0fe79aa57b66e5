package match

import "strings"

// Armenian family names end in -yan (-ian in the French and English
// spellings of the diaspora: Petrosian), and in Russian use, in the Soviet
// years above all, the same names took the Russian -ov or -ev: Petrosyan
// and Petrosov, Arutyunyan and Arutyunov, Akopyan and Akopov, Mirzoyan and
// Mirzoyev. The lists give one person's name in either form. Two words of
// a person's name whose stems are equal, one with the Armenian ending and
// the other with the Russian one, are one family name.

// minArmenianStem is the fewest bytes of the stem before either ending: a
// shorter stem is as often a common given name (Ivanyan is no evidence
// of IVANOV, the commonest of Russian family names) or too short a start
// of other names.
const minArmenianStem = 5

// maxArmenianWord is the most bytes of a word the reading looks at.
const maxArmenianWord = 24

// armenianSim is the similarity of the two forms of one family name: a
// cognate's (the same name in two languages).
const armenianSim = cognateSim

// armenianStem returns the stem of w before its Armenian ending -yan or
// -ian, or "" when w has none.
func armenianStem(w string) string {
	n := len(w)
	if n < minArmenianStem+3 || n > maxArmenianWord || !strings.HasSuffix(w, "an") || w[n-3] != 'y' && w[n-3] != 'i' {
		return ""
	}
	return w[:n-3]
}

// russianStem returns the stem of w before its Russian family-name ending
// -ov, -ev or -yev (the feminine -ova, -eva, -yeva), or "" when w has none.
func russianStem(w string) string {
	n := len(w)
	if n > maxArmenianWord {
		return ""
	}
	if n > 0 && w[n-1] == 'a' {
		w, n = w[:n-1], n-1 // the feminine
	}
	if n < minArmenianStem+2 || w[n-1] != 'v' || w[n-2] != 'o' && w[n-2] != 'e' {
		return ""
	}
	s := w[:n-2]
	if w[n-2] == 'e' && s[len(s)-1] == 'y' && len(s) > minArmenianStem {
		s = s[:len(s)-1] // -yev: Mirzoyev
	}
	return s
}

// armenianWords returns the query words (as bits) that armenianPairSim can
// read: with the Armenian or the Russian ending after a stem long enough.
func armenianWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if w := qs[i].s; i < 64 && len(w) >= minArmenianStem+2 && (armenianStem(w) != "" || russianStem(w) != "") {
			m |= 1 << i
		}
	}
	return m
}

// armenianPairSim is the similarity of a query word and a listed word, one
// with the Armenian ending and the other with the Russian, whose stems are
// equal: armenianSim, else 0.
func armenianPairSim(q *qtok, t *tokInfo) float32 {
	a, b := q.s, t.s
	if sa := armenianStem(a); sa != "" {
		if sa == russianStem(b) {
			return armenianSim
		}
		return 0
	}
	if sb := armenianStem(b); sb != "" && sb == russianStem(a) {
		return armenianSim
	}
	return 0
}

// armenianHits adds the listed words that query word q (index i) is in
// the other form (armenianWords), looked up whole: for -yan the stem with
// -ov, -ev and -yev, for -ov or -ev the stem with -yan and -ian, at
// minTokSim; the alignment of a person's name raises them (armenianPairSim
// in gatherEdges).
func (ix *Index) armenianHits(sc *scratch, q *qtok, i int8) {
	if sc.qArmWords&bit(int(i)) == 0 {
		return
	}
	var buf [maxArmenianWord + 4]byte
	try := func(stem, end string) {
		b := append(append(buf[:0], stem...), end...)
		if t, ok := ix.tokenID(bytesString(b)); ok {
			sc.raiseHit(simHit{i, i, t, minTokSim})
		}
	}
	if s := armenianStem(q.s); s != "" {
		try(s, "ov")
		try(s, "ev")
		try(s, "yev")
		return
	}
	if s := russianStem(q.s); s != "" {
		try(s, "yan")
		try(s, "ian")
	}
}
