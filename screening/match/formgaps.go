package match

import (
	"strings"
	"sync"
)

// A legal form of three words or more is often written with one of them
// left out: LIMITED LIABILITY for LIMITED LIABILITY COMPANY, JOINT COMPANY
// for JOINT STOCK COMPANY, OBSHCHESTVO S OTVETSTVENNOSTYU for OBSHCHESTVO
// S OGRANICHENNOI OTVETSTVENNOSTYU. The rest is no form to the tables, so
// its words stood as words of the name, weighing as much as the name's
// own: LIMITED LIABILITY SEPTEMBER scored 0.773 against LIMITED LIABILITY
// COMPANY SEPTEMBER, whose form is no word of its name. The words of such
// a form at either end of the query are the query's own (formGapWords):
// they count nothing left unmatched and as any word matched, for a listed
// name may hold them as words where the tables know no form (INDUSTRIAL
// UNITARY ENTERPRISE OIL BITUMEN PLANT).

// minGapWord is the least length of the word a form may leave out
// (formGaps): a letter of an abbreviation (the S. of S.A. DE C.V.) or a
// stop word left out is another thing. minGapAlone is the least length of
// the one word left of a form of two (AKTSIONERNOE of AKTSIONERNOE
// OBSHCHESTVO): a shorter one is as often a word of a name.
const (
	minGapWord  = 3
	minGapAlone = 8
)

// formGapTable holds each form of the curated legal-form table less one of
// its words of minGapWord letters or more that is no stop word: of three
// words or more, what is left (LIMITED LIABILITY, LIABILITY COMPANY); of
// two, the word left if it has minGapAlone letters or more and is no
// English word (AKTSIONERNOE). What the tables hold as a form already
// (LIMITED COMPANY) is left out. first and last hold the first and the
// last words of the shortened forms.
type formGapTable struct {
	gaps, first, last map[string]bool
}

// formGaps is the formGapTable, built on first use.
var formGaps = sync.OnceValue(func() *formGapTable {
	t := &formGapTable{gaps: map[string]bool{}, first: map[string]bool{}, last: map[string]bool{}}
	for p := range curatedLegalForms {
		ws := strings.Fields(p)
		if len(ws) < 2 {
			continue
		}
		for i, w := range ws {
			if len(w) < minGapWord || isStopWord(w) {
				continue
			}
			rest := append(append(make([]string, 0, len(ws)-1), ws[:i]...), ws[i+1:]...)
			r := strings.Join(rest, " ")
			if _, ok := legalForms[r]; ok {
				continue
			}
			if len(ws) == 2 && (len(r) < minGapAlone || isEnglishWord(r)) {
				continue
			}
			t.gaps[r] = true
			t.first[rest[0]] = true
			t.last[rest[len(rest)-1]] = true
		}
	}
	return t
})

// formGapWords returns the bits of the query words qs that are the words
// of a legal form left short by one word (formGaps) at the start or the
// end of the normalised query s, where the analysis found no form: the
// form's words that qs holds, as many of qs's first (last) words as are
// legal-form words, up to the form's length. None if they would be every
// word of qs. A query whose first and last words start and end no such
// form costs two look-ups.
func formGapWords(s string, qs []qtok) uint64 {
	i, j := strings.IndexByte(s, ' '), strings.LastIndexByte(s, ' ')
	if i <= 0 || len(qs) < 2 {
		return 0
	}
	t := formGaps()
	var m uint64
	var buf [64]byte
	var ws [maxLegalTokens]string
	most := strings.Count(s, " ") // a form short of a word, and a word after it
	if t.first[s[:i]] {
		n := leadWords(s, ws[:])
		k, _ := longestLegal(ws[:n], false, buf[:0])
		for l := min(n, most); l >= max(k, 1); l-- {
			if t.gaps[string(joinWords(buf[:0], ws[:l]))] {
				for x := 0; x < l && x < len(qs) && isLegalWord(qs[x].s); x++ {
					m |= bit(x)
				}
				break
			}
		}
	}
	if t.last[s[j+1:]] {
		n := trailWords(s, ws[:])
		k, _ := longestLegal(ws[:n], true, buf[:0])
		for l := min(n, most); l >= max(k, 1); l-- {
			if t.gaps[string(joinWords(buf[:0], ws[n-l:n]))] {
				for x := len(qs) - 1; x >= 0 && x >= len(qs)-l && isLegalWord(qs[x].s); x-- {
					m |= bit(x)
				}
				break
			}
		}
	}
	if m == lowBits(len(qs)) {
		return 0
	}
	return m
}

// leadWords puts the first words of the normalised name s (one space
// between words) into ws, as many as it holds, and returns how many.
func leadWords(s string, ws []string) int {
	n := 0
	for n < len(ws) && s != "" {
		w, rest, _ := strings.Cut(s, " ")
		ws[n], s = w, rest
		n++
	}
	return n
}

// trailWords puts the last words of s into ws, in their order, as many as
// it holds, and returns how many.
func trailWords(s string, ws []string) int {
	n := 0
	for n < len(ws) && s != "" {
		i := strings.LastIndexByte(s, ' ')
		ws[len(ws)-1-n], s = s[i+1:], s[:max(i, 0)]
		n++
	}
	copy(ws, ws[len(ws)-n:])
	return n
}
