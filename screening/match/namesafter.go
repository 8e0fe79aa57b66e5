package match

// namesAfterWhole reports whether a query without a comma says the whole
// of a listed person's name (rec, words ctoks; edges from
// sc.edgeStore[start], all close) from its first word on, in the order
// the name is spoken, and has words of its own after it only: more
// names after a given name and a family name, as a father's and a
// grandfather's names follow them in an Arabic or an East African name
// (Laurent Nkunda Mahoro Batware for NKUNDA, Laurent; Abdul Haq
// Jundullah for HAQ, Abdul). A listed name written surname first with a
// comma is spoken given names first (Laurent Nkunda); one without a
// comma is read in its own order. The last word said, the listed
// surname, must be no given name the variant tables know: a listed name
// of given names only (JAMES, John) is part of many other people's
// names, whose family name comes after it. A word after the name written
// as one of its words is a chain of fathers named alike (repeated.go),
// another name, and keeps its weight. Not for names of one
// syllable a word, whose given names are syllables (givenSyllableLoss),
// on either side.
// qm is the query words aligned: a run from the first word, tested
// before the listed name is read.
func (ix *Index) namesAfterWhole(sc *scratch, rec *nameRec, ctoks []int32, qm uint64, start int) bool {
	if qm&1 == 0 || qm&(qm+1) != 0 || !rec.individual || !sc.closeEdges(start, partialMinSim) {
		return false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	if sc.qSurname != 0 {
		return false
	}
	cs := 0
	if name := ix.listedName(rec); hasComma(name) {
		if cs = sc.surnameWords(name); cs == 0 || cs >= len(ctoks) {
			return false
		}
	}
	es := sc.edgeStore[start:]
	// the listed words in spoken order: the given names after the comma,
	// then the surname; the query's words from its first on
	next, last := 0, -1
	n := len(ctoks)
	for k := 0; k < n; k++ {
		j := (cs + k) % n
		e, ok := edgeOfWord(es, true, j)
		if !ok {
			return false
		}
		if int(e.clo) != j {
			if int(e.clo) < j && j <= int(e.chi) {
				continue // a word of an edge taken already
			}
			return false
		}
		if int(e.qlo) != next {
			return false
		}
		next = int(e.qhi) + 1
		last = int(e.chi)
	}
	if next >= len(sc.qs) || sc.qRepeat&^qm != 0 || last < 0 || ix.toks[ctoks[last]].group != 0 {
		return false
	}
	return !allOneSyllable(ix, ctoks) && !sc.queryOneSyllable()
}

// queryOneSyllable reports whether every word of the query is one Pinyin
// or Hangul syllable: a Chinese or Korean name, whose words after a
// listed name's are more syllables of its given name (Lin Wei Chen is
// not WEI, Linna and a name more).
func (sc *scratch) queryOneSyllable() bool {
	for i := range sc.qs {
		if syllableCount(sc.qs[i].s) != 1 {
			return false
		}
	}
	return true
}

// hasComma reports whether s has a comma.
func hasComma(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return true
		}
	}
	return false
}

// surnameAddedGivenLeft reports whether two names written surname first
// with a comma, aligned (al, edges from sc.edgeStore[start], all close)
// surname with surname and given names with given names, differ only by
// words after the aligned ones of one side's surname and after the
// aligned ones of the other side's given names: a second family name or
// a tribe's name added after the surname (AL-DARI AL-ZAWBAI), and a
// father's name left out after the given name (AL-DARI, Harith Sulayman).
// Each is a shape a shortened or a longer name of the one person has;
// together they are no word swapped for another in one place.
func (ix *Index) surnameAddedGivenLeft(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int) bool {
	if !rec.individual || sc.qRepeat&^al.qm != 0 || !sc.closeEdges(start, partialMinSim) {
		return false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	qs := sc.qSurname
	if qs == 0 || qs >= len(sc.qs) {
		return false
	}
	// the query's side first, before the listed name is read: the last
	// aligned word of its surname and of its given names
	qSur, qGiv := -1, -1
	for _, e := range sc.edgeStore[start:] {
		qsur := int(e.qlo) < qs
		if qsur != (int(e.qhi) < qs) {
			return false
		}
		if qsur {
			qSur = max(qSur, int(e.qhi))
		} else {
			qGiv = max(qGiv, int(e.qhi))
		}
	}
	wq := leftoverPlace(al.qm, len(sc.qs), qs, qSur, qGiv)
	if qSur < 0 || qGiv < 0 || wq != 1 && wq != 2 {
		return false
	}
	_, cs, ok := ix.surnamesOf(sc, rec, ctoks, start, false)
	if !ok {
		return false
	}
	cSur, cGiv := -1, -1
	for _, e := range sc.edgeStore[start:] {
		csur := int(e.clo) < cs
		if csur != (int(e.chi) < cs) || csur != (int(e.qlo) < qs) {
			return false
		}
		if csur {
			cSur = max(cSur, int(e.chi))
		} else {
			cGiv = max(cGiv, int(e.chi))
		}
	}
	return leftoverPlace(al.cm, len(ctoks), cs, cSur, cGiv) == 3-wq
}

// leftoverPlace returns where the words of a name of n words written
// surname first (its first cut words before the comma) that the mask m
// leaves unaligned lie: bit 1 after its last aligned surname word sur
// and before the comma, bit 2 after its last aligned given name giv;
// 4 when one lies elsewhere.
func leftoverPlace(m uint64, n, cut, sur, giv int) int {
	w := 0
	for i := 0; i < n && i < 64; i++ {
		if m&bit(i) != 0 {
			continue
		}
		switch {
		case i < cut && i > sur:
			w |= 1
		case i >= cut && i > giv:
			w |= 2
		default:
			return 4
		}
	}
	return w
}
