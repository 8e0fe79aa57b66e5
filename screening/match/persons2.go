package match

import "strings"

// namePartRun reports whether a query shorter than the listed person's
// name (rec, words ctoks, edges from sc.edgeStore[start]) is its first
// words, adjacent and in order, neither name written with a comma: the
// father's, grandfather's or family names left out at the end (Mohammad
// Naim for MOHAMMAD NAIM BARICH KHUDAIDAD). Not the last words without the
// first: in a name of the Arabic pattern, a person's name, his father's,
// then the family's, that is the father's name (Jalaluddin Haqqani in
// SIRAJUDDIN JALALUDDIN HAQQANI).
func (ix *Index) namePartRun(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	es := sc.edgeStore[start:]
	if len(es) < 2 || !rec.individual || !sc.closeEdges(start, partialMinSim) {
		return false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	if sc.qSurname != 0 || strings.Contains(ix.listedName(rec), ",") {
		return false
	}
	lo, hi := int8(64), int8(-1)
	for _, e := range es {
		lo, hi = min(lo, e.clo), max(hi, e.chi)
		for _, f := range es {
			if (e.clo < f.clo) != (e.qlo < f.qlo) {
				return false
			}
		}
	}
	// every listed word between the first and last aligned is aligned
	n := 0
	for _, e := range es {
		n += int(e.chi-e.clo) + 1
	}
	return lo == 0 && n == int(hi-lo)+1 && !allOneSyllable(ix, ctoks)
}

// oneLooseEdge reports whether the edges of a result from start on are
// two or more, all equal but one, which reaches looseSurnameSim: a
// person's given names written alike and the family name respelled more
// than its vowels (AL-HAZA' / AL-HADHA, NACHEIR / NACHAR).
func (sc *scratch) oneLooseEdge(start int) bool {
	es := sc.edgeStore[start:]
	if len(es) < 2 {
		return false
	}
	loose := 0
	for _, e := range es {
		if e.sim < 1 {
			if e.sim < looseSurnameSim {
				return false
			}
			loose++
		}
	}
	return loose <= 1
}

// looseSurnameSim is the least similarity of the one word oneLooseEdge
// lets be a looser respelling.
const looseSurnameSim = 0.75
