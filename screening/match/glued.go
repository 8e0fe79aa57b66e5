package match

import (
	"math/bits"
	"slices"
)

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

// glueHead is a listed word that a query word begins with: the first of
// the listed words the query word may have glued (gluedEdges).
type glueHead struct {
	q   int8
	tok int32
}

// findGlueHeads keeps in sc.glueHeads, for each query word of sc.qGlued,
// the listed words of clipMinLen letters or more that it begins with,
// leaving two letters or more after them: the starts of the word looked
// up as written, hashed as they grow. Found once per search, they spare
// gluedEdges a comparison of letters with every word of every candidate.
func (ix *Index) findGlueHeads(sc *scratch) {
	sc.glueHeads = sc.glueHeads[:0]
	for m := sc.qGlued; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		ix.listedStarts(sc.qs[i].s, clipMinLen, len(sc.qs[i].s)-2, func(id int32) {
			sc.glueHeads = append(sc.glueHeads, glueHead{int8(i), id})
		})
	}
}

// gluedEdges adds to sc.edges, for the name ctoks of a listed
// organisation, the query words that are two or three of its words glued.
func (ix *Index) gluedEdges(sc *scratch, ctoks []int32) {
	heads := sc.glueHeads
	for len(heads) > 0 {
		i := heads[0].q
		n := 1
		for n < len(heads) && heads[n].q == i {
			n++
		}
		mine := heads[:n]
		heads = heads[n:]
		q := &sc.qs[i]
		for j := 0; j < len(ctoks); j++ {
			if !slices.ContainsFunc(mine, func(g glueHead) bool { return g.tok == ctoks[j] }) {
				continue
			}
			a := &ix.toks[ctoks[j]]
			rest := q.s[len(a.s):]
			ix.gluedGenericEdge(sc, i, j, ctoks, a, rest) // gluedgeneric.go
			if j+1 == len(ctoks) {
				continue
			}
			w := a.w
			for k := j + 1; k < len(ctoks) && k <= j+2; k++ {
				b := &ix.toks[ctoks[k]]
				w += b.w
				if gluedWord(rest, b.s) || gluedClip(rest, b) {
					sc.edges = append(sc.edges, edge{i, i, int8(j), int8(k), gluedSim, w})
					break
				}
				if len(rest) < len(b.s)+gluedClipMin || !hasPrefix(rest, b.s) || !isStopWord(b.s) && len(b.s) < gluedClipMin {
					break
				}
				// a stop word of the name, or a whole word with more glued
				// after it (SMARTTURBOTECH: smart, turbo, then tech)
				rest = rest[len(b.s):]
			}
		}
	}
}

// gluedClipMin is the least letters of a clipped word glued last.
const gluedClipMin = 4

// gluedClip reports whether rest, what a query word has after listed words
// glued in it, is the beginning of the next listed word b, clipped as
// compounds clip their last word (SMARTTURBOTECH for SMART TURBO
// TECHNOLOGY), in its letters or in another romanisation of them (tekh,
// tech: their sounds, as the loan key reads kh and ch alike).
func gluedClip(rest string, b *tokInfo) bool {
	if len(rest) < gluedClipMin || len(b.s) < len(rest)+clipMinRest || b.generic && b.group == 0 || rest[0] != b.s[0] {
		return false
	}
	if hasPrefix(b.s, rest) {
		return true
	}
	var rb, bb [2*maxSoundWord + 8]byte
	if len(b.s) > maxSoundWord {
		return false
	}
	r := appendSound(rb[:0], rest, false)
	t := appendSound(bb[:0], b.s, false)
	return len(r) >= 3 && len(t) > len(r) && string(t[:len(r)]) == string(r)
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
