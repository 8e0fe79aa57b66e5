package match

import "strings"

// Typed in capitals, or read from a scanned page, a name's O becomes the
// digit 0 and its I or L the digit 1: SINN0 ELECTRONICS, E1ECTRONICS,
// K1M, HUAWE1. A query word so written held a digit, so it was a number,
// matched exactly and one the listed name lacks (-0.25), and the word was
// missing from the name. mendDigitSlips reads such a word's digits as the
// letters they stand for, unless the word is a listed name's number as
// written (0DAY TECHNOLOGIES, SOURCE1HERBS); a listed name is taken as the
// lists write it.
//
// A word is read so when it has three letters or more and one or two
// digits, no two side by side, each a 0 or a 1 between two letters or at
// the word's edge beside one; a 1 at an edge only in a word of four
// letters or more (1ST, 1A are a number's). A 1 beside consonants only is
// an I (K1M, S1NNO, HASHEM1, 1BRAHIM), else an L (E1ECTRONICS, MANUE1,
// 1EUNG), unless only the other reading is a listed word (HUAWE1:
// listedReading).

// mendDigitSlips returns the normalised query q with each word that
// digitSlip reads as letters so read, when the word is not listed as
// written.
func (ix *Index) mendDigitSlips(q string) string {
	if strings.IndexByte(q, '0') < 0 && strings.IndexByte(q, '1') < 0 {
		return q // most names
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(q); {
		j := strings.IndexByte(q[i:], ' ')
		if j < 0 {
			j = len(q)
		} else {
			j += i
		}
		w := q[i:j]
		if m, ok := digitSlip(w); ok && !ix.listedAsWritten(w) {
			m = ix.listedReading(w, m)
			if !changed {
				b.Grow(len(q))
				b.WriteString(q[:i])
				changed = true
			}
			w = m
		}
		if changed {
			b.WriteString(w)
			if j < len(q) {
				b.WriteByte(' ')
			}
		}
		i = j + 1
	}
	if !changed {
		return q
	}
	return b.String()
}

// digitSlip returns the word w with its 0 read as o and its 1 as i or l,
// when w is a word of letters with a digit typed for a letter.
func digitSlip(w string) (string, bool) {
	letters, digits := 0, 0
	edgeOne := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c == '0' || c == '1':
			digits++
			before := i > 0 && w[i-1] >= 'a' && w[i-1] <= 'z'
			after := i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z'
			if !(before && after || i == 0 && after || i == len(w)-1 && before) {
				return w, false
			}
			edgeOne = edgeOne || c == '1' && !(before && after)
		default:
			return w, false // another digit, or a letter outside ASCII
		}
	}
	if digits == 0 || digits > 2 || letters < 3 || edgeOne && letters < 4 {
		return w, false
	}
	b := []byte(w)
	for i, c := range b {
		switch c {
		case '0':
			b[i] = 'o'
		case '1':
			consonants := (i == 0 || !isVowelByte(w[i-1])) && (i == len(w)-1 || !isVowelByte(w[i+1]))
			b[i] = 'l'
			if consonants {
				b[i] = 'i'
			}
		}
	}
	return string(b), true
}

// listedAsWritten reports whether w, a word with a digit, is a listed
// name's number or, in a name of codes only (AO EKOS1), its word.
func (ix *Index) listedAsWritten(w string) bool {
	if len(ix.numPost[w]) > 0 {
		return true
	}
	_, ok := ix.tokenID(w)
	return ok
}

// listedReading returns m, digitSlip's reading of w, or the reading with
// each 1 read the other way (I for L, L for I) when only that one is a
// listed word: HUAWE1 is HUAWEI, which the lists hold, not HUAWEL.
func (ix *Index) listedReading(w, m string) string {
	if strings.IndexByte(w, '1') < 0 {
		return m
	}
	if _, ok := ix.tokenID(m); ok {
		return m
	}
	b := []byte(m)
	for i := 0; i < len(w); i++ {
		if w[i] == '1' {
			if b[i] == 'i' {
				b[i] = 'l'
			} else {
				b[i] = 'i'
			}
		}
	}
	if alt := string(b); alt != m {
		if _, ok := ix.tokenID(alt); ok {
			return alt
		}
	}
	return m
}
