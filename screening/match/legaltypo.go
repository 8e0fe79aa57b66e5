package match

import (
	"strings"
	"sync"
)

// A legal form mistyped by a hand on a keyboard (SRAL, JIONT, OEPN, GMHB:
// two letters swapped; PABLIC, OPAN: a vowel for another; JOINNT: a letter
// written twice) is no legal form to the tables, and as a word that no
// listed name has it weighs as the rarest word there is: one slip in the form outweighed every word of the
// name that agreed ("OPEN JOITN STOCK COMPANY RUSSIAN SYSTEMS CORPORATION"
// and "OEPN JOINT STOCK COMPANY RUSSIAN ELECTRONICS" scored nothing
// against their own listed names). canonLegal reads the misspellings of
// the forms' longer words (seven letters or more: COMAPNY, LIMTIED) by
// their skeletons and deletions; a short word has too few letters for that
// to tell a form from another word, so only these three slips are read,
// only in a query word that no listed name has, and only where a form
// stands (mendLegalTypos).

// minTypoForm and maxTypoForm are the shortest and the longest legal-form
// word read through a slip, and minDoubledForm the shortest read through
// a letter written twice or dropped. The longer words canonLegal reads
// (legalDelMin);
// a form of three letters swapped is as often a body's initials or a
// Korean syllable (SLR for SRL, SSA for SAS, Seo for SOE), a form of four
// written with a letter twice a surname (Pratt, Rupp).
const (
	minTypoForm    = 4
	maxTypoForm    = legalDelMin - 1
	minDoubledForm = 5
)

// legalSlips maps each slip of a legal-form word to the word: the words of
// the curated legal-form table of minTypoForm to maxTypoForm letters that
// gluedLegal reports (a form by itself, or of five letters or more: SARL,
// GMBH, JOINT, STOCK; not the Chinese forms' syllables, which end many
// names) or that are English words (OPEN, of OPEN JOINT STOCK COMPANY),
// each written with two adjacent letters swapped after its first letter,
// with a vowel after its first letter and before its last written for
// another, or (minDoubledForm letters or more) with a letter written
// twice or (an English word) a letter after the first dropped (JOIT,
// STCK). A slip that is itself a word of the legal-form tables or a stop
// word, or a slip of two words, is left out; one that is an English word
// is kept apart (english), for phraseSlip. shapes holds the slips'
// shapes. Built on first use (gluedLegal reads tables that init fills);
// 279 slips (two of them shortFormSlips) and 13 English words.
type legalSlipTable struct {
	slips   map[string]string
	english map[string]string // slips that are English words (phraseSlip)
	shapes  shapeSet
}

var legalSlips = sync.OnceValue(func() *legalSlipTable {
	t := &legalSlipTable{slips: map[string]string{}, english: map[string]string{}}
	two := map[string]bool{}
	put := func(slip []byte, w string) {
		k := string(slip)
		if k == w || two[k] || isLegalWord(k) || isStopWord(k) {
			return
		}
		m := t.slips
		if isEnglishWord(k) {
			m = t.english
		}
		if old, ok := m[k]; ok && old != w {
			delete(m, k) // a slip of two words is neither's
			two[k] = true
			return
		}
		m[k] = w
	}
	for w := range curatedLegalWords {
		n := len(w)
		if n < minTypoForm || n > maxTypoForm || !allLetters(w) || !gluedLegal(w) && !isEnglishWord(w) {
			continue
		}
		b := []byte(w)
		for i := 1; i+1 < n; i++ {
			b[i], b[i+1] = b[i+1], b[i]
			put(b, w)
			b[i], b[i+1] = b[i+1], b[i]
			if isVowelByte(w[i]) && w[i] != 'y' {
				for _, v := range [...]byte{'a', 'e', 'i', 'o', 'u'} {
					b[i] = v
					put(b, w)
				}
				b[i] = w[i]
			}
		}
		if n >= minDoubledForm {
			for i := range n {
				put([]byte(w[:i+1]+w[i:]), w)
			}
			for i := 1; i < n && isEnglishWord(w); i++ {
				// a letter dropped (JOIT, STCK), of an English form
				// word only: of a romanised one it leaves a syllable
				// of a name (YUEN of YUGEN, GUEN of GUFEN)
				put([]byte(w[:i]+w[i+1:]), w)
			}
		}
	}
	for k, w := range shortFormSlips {
		t.slips[k] = w
	}
	for k := range t.slips {
		t.shapes.add(k)
	}
	for k := range t.english {
		t.shapes.add(k)
	}
	return t
})

// minSlipPhrase is the least number of words of the legal form that an
// English word read as a slip of one of its words must complete
// (phraseSlip): two words of the form beside it.
const minSlipPhrase = 3

// phraseSlip returns the legal-form word that ws[k], an English word, is a
// slip of (legalSlipTable.english: JOIN, SOCK) where, written as that
// word, it completes a legal form of minSlipPhrase words or more with the
// words beside it (JOIN STOCK COMPANY, OPEN JOINT SOCK COMPANY): an
// English word inside a form is the form's word mistyped, and elsewhere
// a word of the name (SOCK SHOP).
func (t *legalSlipTable) phraseSlip(ws []string, k int) (string, bool) {
	c, ok := t.english[ws[k]]
	if !ok {
		return "", false
	}
	// ws[k] written as the form's word for the look-ups, and back after
	w := ws[k]
	ws[k] = c
	defer func() { ws[k] = w }()
	var buf [64]byte
	for lo := max(0, k-maxLegalTokens+1); lo <= k; lo++ {
		for hi := max(k, lo+minSlipPhrase-1); hi < len(ws) && hi-lo < maxLegalTokens; hi++ {
			if _, ok := legalForms[string(joinWords(buf[:0], ws[lo:hi+1]))]; ok {
				return c, true
			}
		}
	}
	return "", false
}

// shortFormSlips are the slips of three-letter forms that legalSlips
// reads: the two commonest forms of English companies with two letters
// swapped (RSP LDT., ACME LCC). The three-letter forms are otherwise left
// out (SLR for SRL, SSA for SAS, Seo for SOE are initials and syllables);
// these two are neither a syllable nor initials a company takes beside
// the form it mistypes, and are read only where a form stands
// (mendLegalTypos).
var shortFormSlips = map[string]string{"ldt": "ltd", "lcc": "llc"}

// of returns the legal-form word that w is a slip of, and whether there is
// one.
func (t *legalSlipTable) of(w string) (string, bool) {
	if len(w) < minTypoForm-1 || len(w) > maxTypoForm+1 || !t.shapes.has(w) { // three letters: shortFormSlips
		return "", false
	}
	c, ok := t.slips[w]
	return c, ok
}

// mendLegalTypos returns s, a normalised query name (words separated by
// one space), with each word that mistypes a legal form (legalSlips)
// written as the form, and whether it changed a word. A word is mended
// only where canonLegal reads legal forms (the first and the last
// maxLegalTokens words), only when it is no listed word, and only where a
// form would stand: the form by itself as the name's first or last word
// (MEAMAR SRAL), or next to another word of the legal-form tables (OEPN
// JOINT STOCK COMPANY). An unknown word elsewhere may be a respelling of a
// listed name's word (OPAN TRADING for OPAL TRADING), which a form in its
// place would hide. A slip that is an English word (JOIN, SOCK) is mended
// only where, so written, it completes a form of minSlipPhrase words with
// its neighbours (phraseSlip), a listed word or not.
func (ix *Index) mendLegalTypos(s string) (string, bool) {
	// most names have no slip: their words are asked one by one, with
	// nothing built
	t := legalSlips()
	n := strings.Count(s, " ") + 1
	found := false
	for i, k, start := 0, 0, 0; i <= len(s) && !found; i++ {
		if i < len(s) && s[i] != ' ' {
			continue
		}
		if k < maxLegalTokens || k >= n-maxLegalTokens {
			_, found = t.of(s[start:i])
			if !found && t.shapes.has(s[start:i]) {
				_, found = t.english[s[start:i]]
			}
		}
		k, start = k+1, i+1
	}
	if !found {
		return s, false
	}
	ws := strings.Split(s, " ")
	legalAt := func(j int) bool { return j >= 0 && j < len(ws) && isLegalWord(ws[j]) }
	changed := false
	// from the last word back, so that a form's first word reads the
	// mended word after it (OEPN JIONT STOCK)
	for k := len(ws) - 1; k >= 0; k-- {
		if k >= maxLegalTokens && k < len(ws)-maxLegalTokens {
			continue
		}
		c, ok := t.of(ws[k])
		if !ok {
			if c, ok = t.phraseSlip(ws, k); ok {
				ws[k], changed = c, true
			}
			continue
		}
		_, alone := curatedLegalForms[c]
		if !(alone && (k == 0 || k == len(ws)-1)) && !legalAt(k-1) && !legalAt(k+1) {
			continue
		}
		if _, listed := ix.tokenID(ws[k]); listed {
			continue
		}
		ws[k], changed = c, true
	}
	if !changed {
		return s, false
	}
	return strings.Join(ws, " "), true
}
