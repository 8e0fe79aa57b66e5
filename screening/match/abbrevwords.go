package match

import "math/bits"

// Company names shorten the words that say what a business is or does,
// each writer in their own way: ENG. & CON. for ENGINEERING &
// CONSTRUCTION, BRO. for BROTHERS, IMP. AND EXP. for IMPORT AND EXPORT.
// The abbreviation table (internal/variants/org-abbreviations.txt) holds
// the abbreviations that are standard; the others are the beginning of
// the word. A word left over on one side of an organisation's name that
// begins the generic word or descriptor left over on the other is that
// word shortened, when the rest of the name agrees on a distinctive word.
// Only a generic word or descriptor is read so: the beginning of a
// distinctive word is another name (clipped.go reads a long word's
// clipping letter for letter, with its own limits).

// abbrevSim is the similarity of a word and its abbreviation: one word
// written shorter, below an equal word and a variant of its group.
const abbrevSim = 0.9

// minAbbrev and maxAbbrev are the fewest and the most letters an
// abbreviation keeps: two letters begin too many words, and a business
// word is shortened to its first syllable or two (Eng., Con., Intern.,
// Constr.); a longer beginning is a clipping (clipped.go) or another word.
const (
	minAbbrev = 3
	maxAbbrev = 6
)

// abbrevWords is what a search knows of its words that may be
// abbreviations or abbreviated, worked out once a search
// (abbrevQueryWords): a bit per query word, and a bit per first letter a
// to z of those words.
type abbrevWords struct {
	// short are the words that may shorten a listed generic word:
	// minAbbrev letters or more, not a generic word or descriptor
	// themselves; long are the generic words and descriptors, of
	// minAbbrev+2 letters or more, that a listed word may shorten
	short, long           uint64
	shortFirst, longFirst uint32
	// desc are the generic words and descriptors of any length, and
	// all the query's words
	desc, all uint64
}

// mayPair reports whether a name whose alignment takes the query words
// qm may pair an abbreviation: a query word left over that neither
// abbreviates nor is generic keeps the names apart whatever pairs, and
// one that may be paired is needed.
func (a *abbrevWords) mayPair(qm uint64) bool {
	left := a.all &^ qm
	return left&^(a.short|a.desc) == 0 && left&(a.short|a.long) != 0
}

// abbrevQueryWords returns the abbrevWords of the query words qs.
func abbrevQueryWords(qs []qtok) abbrevWords {
	var a abbrevWords
	for i := range qs {
		q := &qs[i]
		if i >= 64 {
			break
		}
		a.all |= bit(i)
		generic := isGenericWord(q.s) || isOrgDescriptor(q.group)
		if generic {
			a.desc |= bit(i)
		}
		if len(q.s) < minAbbrev || q.s[0] < 'a' || q.s[0] > 'z' {
			continue
		}
		c := uint32(1) << (q.s[0] - 'a')
		if generic {
			if len(q.s) >= minAbbrev+2 {
				a.long |= bit(i)
				a.longFirst |= c
			}
		} else if len(q.s) <= maxAbbrev {
			a.short |= bit(i)
			a.shortFirst |= c
		}
	}
	return a
}

// alignAbbrevLeftovers pairs, in a listed organisation's name whose
// alignment al agrees on a distinctive word and may pair one (mayPair), each listed word left over
// with a query word left over that abbreviates it (abbreviates), or that
// it abbreviates, when every word left over after them is a generic word
// or a descriptor.
func (ix *Index) alignAbbrevLeftovers(sc *scratch, ctoks []int32, al *alignment) {
	a := &sc.qAbbr
	if len(ctoks) > 64 || len(sc.qs) > 64 {
		return
	}
	before, n := *al, len(sc.edgeStore)
	for j, ct := range ctoks {
		if al.cm&bit(j) != 0 {
			continue
		}
		t := &ix.toks[ct]
		c := t.s[0] - 'a'
		if c >= 26 || len(t.s) < minAbbrev {
			continue
		}
		// a listed generic word the query's word shortens, or a
		// listed word that shortens the query's generic word
		generic := t.orgGeneric()
		m := a.long
		if generic {
			if a.shortFirst&(1<<c) == 0 {
				continue
			}
			m = a.short
		} else if a.longFirst&(1<<c) == 0 || len(t.s) > maxAbbrev {
			continue
		}
		for m &^= al.qm; m != 0; m &= m - 1 {
			i := bits.TrailingZeros64(m)
			q := &sc.qs[i]
			if generic && abbreviates(q.s, t.s) || !generic && abbreviates(t.s, q.s) {
				al.take(sc, edge{int8(i), int8(i), int8(j), int8(j), abbrevSim, t.w})
				break
			}
		}
	}
	if len(sc.edgeStore) == n {
		return
	}
	// the name otherwise agrees: what is left over on either side says
	// what a business is or does. A distinctive word on top is another
	// name (Copper STAR SHIPPING MANAGEMENT is not STAR SHIP MANAGEMENT)
	if !sc.descriptorsLeft(al.qm) || !ix.genericLeft(ctoks, al.cm) {
		*al = before
		sc.edgeStore = sc.edgeStore[:n]
	}
}

// abbreviates reports whether a, of minAbbrev to maxAbbrev letters, is
// the beginning of the longer word b, two letters or more short of it.
func abbreviates(a, b string) bool {
	return len(a) >= minAbbrev && len(a) <= maxAbbrev && len(b) >= len(a)+2 && b[:len(a)] == a
}
