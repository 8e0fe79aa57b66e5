package match

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// englishWordsText is the list of common English words (SCOWL sizes 10 to
// 50, internal/variants/PROVENANCE.md), one lower-case word a line,
// sorted.
//
//go:embed internal/variants/english-words.txt
var englishWordsText string

var englishWords = sync.OnceValue(func() []string {
	return strings.Split(strings.TrimSuffix(englishWordsText, "\n"), "\n")
})

// isEnglishWord reports whether the normalised word w is a common English
// word: one that any company may take into its name (ELEMENT, RESOURCE,
// PIONEER, INTEGRAL), unlike a coined one (MAXTECH, OKTANTA, HARDBERRY).
func isEnglishWord(w string) bool {
	_, ok := slices.BinarySearch(englishWords(), w)
	return ok
}

// hiTechAt returns where the query writes the English clipping hi-tech as
// two words (hi tech, high tech: the first word's place), -1 if it does
// not.
func hiTechAt(qs []qtok) int8 {
	for i := 0; i+1 < len(qs) && i < 63; i++ {
		if (qs[i].s == "hi" || qs[i].s == "high") && qs[i+1].s == "tech" {
			return int8(i)
		}
	}
	return -1
}

// alignHiTech aligns the query's hi-tech (sc.qHiTech), both words left
// over, with the listed organisation's high technology (HIGH-TECHNOLOGY),
// both words left over, word for word at variantSim: a company's short
// name says its high technology clipped (AVIC HI-TECH for AVIC AVIATION
// HIGH-TECHNOLOGY COMPANY LIMITED). Only beside a word of the name's own
// already aligned (ownWordAligned): hi-tech is a part of many business
// names, and a listed name of ordinary words (HIGH TECHNOLOGY, LTD.) is not
// found by any hi-tech business.
func (ix *Index) alignHiTech(sc *scratch, ctoks []int32, start int, al *alignment) {
	i := int(sc.qHiTech)
	if al.qm&bit(i+1) != 0 || len(ctoks) > 64 || !ix.ownWordAligned(sc, ctoks, start) {
		return
	}
	for j := 0; j+1 < len(ctoks); j++ {
		if al.cm&bit(j+1) != 0 || ix.toks[ctoks[j]].s != "high" || ix.toks[ctoks[j+1]].s != "technology" {
			continue
		}
		// high already aligned with high (HIGH TECH), or both left over
		if al.qm&bit(i) != 0 || al.cm&bit(j) != 0 {
			if !sc.edgePairs(start, i, j) {
				continue
			}
		} else {
			al.take(sc, edge{int8(i), int8(i), int8(j), int8(j), variantSim, ix.toks[ctoks[j]].w})
		}
		al.take(sc, edge{int8(i + 1), int8(i + 1), int8(j + 1), int8(j + 1), variantSim, ix.toks[ctoks[j+1]].w})
		return
	}
}

// edgePairs reports whether one of the edges from start aligns the query
// word i with the listed word j, each alone.
func (sc *scratch) edgePairs(start, i, j int) bool {
	for _, e := range sc.edgeStore[start:] {
		if int(e.qlo) == i && int(e.qhi) == i && int(e.clo) == j && int(e.chi) == j {
			return true
		}
	}
	return false
}
