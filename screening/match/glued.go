package match

import "math/bits"

// Words glued in an organisation's name: a listed word of five letters or
// more with the next word of the same name written onto it, as the next
// word itself or, for a one-letter word, as the letter's name (TOTALZED
// for TOTAL Z, DESIGNANDDEVELOPMENT for DESIGN AND DEVELOPMENT, a stop
// word between). The joined pairs of the index hold each listed pair
// written together exactly; these are the pairs written with a letter's
// name or over a stop word, which no join key holds.

// gluedSim is the similarity of a query word with the listed words glued
// in it.
const gluedSim = 0.95

// gluedStops are the stop words written between two glued words.
var gluedStops = [...]string{"and", "of", "i", "y", "e", "et", "und"}

// gluedEdges adds to sc.edges, for the name ctoks of a listed
// organisation, the query words that are two or three of its words glued.
func (ix *Index) gluedEdges(sc *scratch, ctoks []int32) {
	for m := sc.qGlued; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		q := &sc.qs[i]
		for j := 0; j+1 < len(ctoks); j++ {
			a := &ix.toks[ctoks[j]]
			if len(a.s) < clipMinLen || len(a.s)+2 > len(q.s) || !hasPrefix(q.s, a.s) {
				continue
			}
			rest := q.s[len(a.s):]
			w := a.w
			for k := j + 1; k < len(ctoks) && k <= j+2; k++ {
				b := &ix.toks[ctoks[k]]
				w += b.w
				if gluedWord(rest, b.s) {
					sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(k), gluedSim, w})
					break
				}
				if !stopWords[b.s] || !hasPrefix(rest, b.s) {
					break
				}
				rest = rest[len(b.s):] // the stop word is a word of the name
			}
		}
	}
}

// gluedWord reports whether rest, what a query word has after a listed
// word, is the listed word b: as written, as its letter's name, or after a
// stop word that the listed name leaves out.
func gluedWord(rest, b string) bool {
	if rest == b || len(b) == 1 && letterNames[rest] == b {
		return true
	}
	for _, sw := range gluedStops {
		if len(rest) > len(sw) && rest[:len(sw)] == sw && rest[len(sw):] == b {
			return true
		}
	}
	return false
}
