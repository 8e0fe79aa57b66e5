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

// namePartAdded reports whether the whole of a listed person's name (rec,
// words ctoks, alignment al, edges from sc.edgeStore[start]) is a run of
// the query's adjacent words, in order, with no more words of the query's
// own than it has aligned, at its ends, neither name written with a comma:
// another given name or family name on top (Mahamat Nouradine Adam for
// NOURREDINE ADAM, Laurent Nkunda Mahoro Batware for LAURENT NKUNDA). A
// query with more words of its own than the listed name has is another
// name that holds it (Husayn Juaythini Muhammad Husayn Ali is not HUSAYN
// JUAYTHINI).
func (ix *Index) namePartAdded(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int) bool {
	return extraWords(al.qm, len(sc.qs)) <= len(sc.edgeStore)-start && ix.namePartRun(sc, rec, ctoks, start) && queryRun(sc.edgeStore[start:])
}

// queryRun reports whether the edges es cover adjacent query words, no
// word of the query between the first and last aligned left out.
func queryRun(es []edge) bool {
	lo, hi, n := int8(64), int8(-1), 0
	for _, e := range es {
		lo, hi = min(lo, e.qlo), max(hi, e.qhi)
		n += int(e.qhi-e.qlo) + 1
	}
	return n == int(hi-lo)+1
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
