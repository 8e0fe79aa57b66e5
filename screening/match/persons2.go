package match

import "strings"

// namePartRun reports whether a query shorter than the listed person's
// name (rec, words ctoks, edges from sc.edgeStore[start]) is a run of its
// adjacent words, in order, neither name written with a comma: given names
// or a family name left out at an end (Mohammad Naim, Naim Barich for
// MOHAMMAD NAIM BARICH KHUDAIDAD).
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
	return n == int(hi-lo)+1 && !allOneSyllable(ix, ctoks)
}
