package match

import "strings"

// A given name is said and written clipped to its first syllables (Kuda
// for the Shona Kudakwashe, Alex for Alexander, Chris for Christopher).
// compoundOf pairs a word of six letters or more with the compound it
// starts; a clipped given name is often shorter.

const (
	// minClippedGiven and maxClippedGiven bound the length, in bytes, of
	// a clipped given name that alignClippedGiven pairs; longer ones are
	// compoundOf's.
	minClippedGiven = 4
	maxClippedGiven = minCompoundStem - 1
	// minClippedRest is the fewest letters the full name has beyond its
	// clipped form: fewer are as often a name's feminine (Josefina for
	// Jose, Paulina for Paul) or another name.
	minClippedRest = 5
	// minHypoStem and minHypoRest bound a South Slavic hypocoristic: the
	// full name's first letters (two or more) and an o (Eso for Esad,
	// Haso for Hasan, Meho for Mehmed, Rado for Radovan, Milo for
	// Milorad), the full name two letters or more beyond them.
	minHypoStem = 2
	minHypoRest = 2
)

// hypoStem returns the letters of w before a hypocoristic's final o, or
// "" when w has no such shape.
func hypoStem(w string) string {
	n := len(w)
	if n < minHypoStem+1 || n > maxClippedGiven || w[n-1] != 'o' || !hasVowel(w[:n-1]) {
		return ""
	}
	return w[:n-1]
}

// southSlavicSurname reports whether w ends as the South Slavic family
// names in -ic (-ić, -ović, -ević) are written without their accent.
func southSlavicSurname(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ic")
}

// alignClippedGiven adds to al an edge, at partialMinSim, of a query's
// given name of minClippedGiven to maxClippedGiven letters left unaligned
// and the listed person's first given name, left unaligned, that begins
// with it and has minClippedRest letters or more beyond it, when both
// names are written surname first with a comma, every word of both
// surnames aligned and every aligned word close (closeMinSim): TAGWIREI,
// Kuda for TAGWIREI, Kudakwashe Regimond. Not for patronymics, titles,
// names the variant tables hold apart or a listed name of two Pinyin or
// Hangul syllables.
func (ix *Index) alignClippedGiven(sc *scratch, rec *nameRec, ctoks []int32, start int, al *alignment) {
	nq, nc := len(sc.qs), len(ctoks)
	if !rec.individual || nq < 2 || nc < 2 || nq > 64 || nc > 64 {
		return
	}
	// a query written surname first: without its comma the search knows
	// once that it has no surname words
	if sc.qSurname < 0 && SurnameComma(sc.qName) < 0 {
		sc.qSurname = 0
	}
	if sc.qSurname == 0 {
		return
	}
	// a query word that may be clipped, or a South Slavic hypocoristic
	// (its stem), before anything costlier
	i, stem := -1, ""
	for k := 1; k < nq; k++ {
		q := &sc.qs[k]
		if al.qm&bit(k) != 0 || q.patronymic || q.title {
			continue
		}
		stem = hypoStem(q.s)
		if stem != "" || len(q.s) >= minClippedGiven && len(q.s) <= maxClippedGiven && hasVowel(q.s) {
			i = k
			break
		}
	}
	if i < 0 {
		return
	}
	// a listed word that begins with it, before the surnames
	q, j := &sc.qs[i], -1
	for k, ct := range ctoks {
		t := &ix.toks[ct]
		if al.cm&bit(k) != 0 {
			continue
		}
		if len(q.s) >= minClippedGiven && len(t.s) >= len(q.s)+minClippedRest && strings.HasPrefix(t.s, q.s) {
			j, stem = k, ""
			break
		}
		if stem != "" && len(t.s) >= len(stem)+minHypoRest && strings.HasPrefix(t.s, stem) {
			j = k
			break
		}
	}
	if j < 1 {
		return
	}
	t := &ix.toks[ctoks[j]]
	if t.patronymic || t.title || q.group != 0 && t.group != 0 && q.group != t.group || stem == "" && syllableCount(t.s) == 2 {
		// a Chinese or Korean given name of two syllables (Xiaoguang) is
		// not said by its first (Xiao), which is another name; a
		// hypocoristic's surname is South Slavic (below)
		return
	}
	// the listed word the first given name, after the whole surname aligned
	_, cs, ok := ix.surnamesAligned(sc, rec, start, i, al)
	if !ok || cs != j {
		return
	}
	// a hypocoristic in -o is South Slavic: the listed surname in -ic
	if stem != "" && !southSlavicSurname(ix.toks[ctoks[cs-1]].s) {
		return
	}
	al.take(sc, edge{int8(i), int8(i), int8(j), int8(j), partialMinSim, t.w})
}

// surnamesAligned reports whether a person's name, written surname first
// with a comma in the query and in the listed name rec, has every word of
// both surnames aligned in al, the query's before its word i, and every
// aligned word close (closeMinSim); it returns the words of the query's
// surname and of the listed one (qs, cs), for the rules that read a given
// name after them (alignClippedGiven, alignCompoundEndGiven).
func (ix *Index) surnamesAligned(sc *scratch, rec *nameRec, start, i int, al *alignment) (qs, cs int, ok bool) {
	for _, e := range sc.edgeStore[start:] {
		if e.sim < closeMinSim {
			return 0, 0, false
		}
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	qs = sc.qSurname
	if qs == 0 || i < qs || al.qm&spanMask(0, int8(qs-1)) != spanMask(0, int8(qs-1)) {
		return 0, 0, false
	}
	name := ix.listedName(rec)
	if !strings.Contains(name, ",") {
		return 0, 0, false
	}
	cs = sc.surnameWords(name)
	if cs == 0 || al.cm&spanMask(0, int8(cs-1)) != spanMask(0, int8(cs-1)) {
		return 0, 0, false
	}
	return qs, cs, true
}
