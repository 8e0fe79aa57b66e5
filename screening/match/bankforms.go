package match

import "strings"

// Russian and other CIS banks write an abbreviation of what kind of bank
// they are in front of the bank's name, where other companies write their
// legal form: AKB (aktsionerny kommercheskiy bank, joint-stock commercial
// bank), AB (aktsionerny bank, joint-stock bank), KB (kommercheskiy bank,
// commercial bank) and their English renderings JSB, CB and JSCB: JSB
// SOBINBANK, AKB ROSBANK, CB IS BANK. Before a name that itself names a
// bank (a word that is or ends in bank), such a word repeats what the name
// says and is the bank's own form: it is not counted as a word left over
// (ownWords, unmatchedWeights). Elsewhere the letters say nothing of a bank
// (AB is a Swedish company's form, KB a Russian design bureau), and the
// words are left as they are.

// The same forms written out stand in front of a bank's coined name:
// COMMERCIAL BANK AGROSOYUZ, KOMMERCHESKIY BANK SINKO, COMMERCIAL
// JOINT-STOCK BANK VERKHNEVOLZHSKY (joint-stock commercial bank in another
// order, the legal form the legal-form table holds). Before a name of one
// word of minBareFirstLen letters or more that is no common English word,
// generic word or country, the phrase is the bank's form and its words
// are not left over (bankPhraseLen); before other words it is part of
// the name (COMMERCIAL BANK OF DUBAI is not DUBAI).

// bankAbbrev reports whether the normalised word w is one of the
// abbreviations.
func bankAbbrev(w string) bool {
	switch w {
	case "akb", "ab", "kb", "jsb", "cb", "jscb":
		return true
	}
	return false
}

// namesBank reports whether w is the word bank or a compound ending in it
// (SOBINBANK, ROSBANK).
func namesBank(w string) bool { return strings.HasSuffix(w, "bank") }

// bankFormFirst reports whether the first of a name's n words (word
// returns each) is a bank's form abbreviated (bankAbbrev) and a later
// word names a bank (namesBank).
func bankFormFirst(n int, word func(int) string) bool {
	if n < 2 {
		return false
	}
	if w := word(0); !bankAbbrev(w) {
		return false
	}
	for j := 1; j < n; j++ {
		if namesBank(word(j)) {
			return true
		}
	}
	return false
}

// bankFormPair adds to the words not left over (qOwn, cOwn) a bank's form
// abbreviated in front of one side's name, left out, and the word bank
// left out of the other side's name (AB ROSSIYA for BANK ROSSIYA: AB is
// aktsionerny bank, a joint-stock bank): the two say the same thing. The
// word bank stands first or last, where a bank's kind is said (ROSSIYA
// BANK); a bank in the middle of a name is another bank's word (SBERBANK
// OF RUSSIA SUBSIDIARY BANK). qm and cm are the words aligned of the
// query and of the listed name ctoks.
func (ix *Index) bankFormPair(sc *scratch, ctoks []int32, qm, cm, qOwn, cOwn uint64) (uint64, uint64) {
	if len(sc.qs) < 2 || len(ctoks) < 2 {
		return qOwn, cOwn
	}
	if w := sc.qs[0].s; qm&1 == 0 && qOwn&1 == 0 && bankAbbrev(w) {
		for _, j := range [2]int{0, len(ctoks) - 1} {
			if cm&bit(j) == 0 && cOwn&bit(j) == 0 && ix.toks[ctoks[j]].s == "bank" {
				return qOwn | 1, cOwn | bit(j)
			}
		}
	}
	if w := ix.toks[ctoks[0]].s; cm&1 == 0 && cOwn&1 == 0 && bankAbbrev(w) {
		for _, i := range [2]int{0, len(sc.qs) - 1} {
			if qm&bit(i) == 0 && qOwn&bit(i) == 0 && sc.qs[i].s == "bank" {
				return qOwn | bit(i), cOwn | 1
			}
		}
	}
	return qOwn, cOwn
}

// commercialWords are commercial and Russian kommercheskiy, as normalised
// words.
var commercialWords = map[string]bool{
	"commercial": true, "kommercheskiy": true, "kommercheski": true, "kommercheskii": true, "kommercheskoye": true,
}

// bankPhraseLen returns the number of words of a bank's form written out
// that a name of n words (word returns each) starts with: commercial,
// joint stock, or both, then bank, followed by the bank's coined name, one
// word (see above); 0 if none.
func bankPhraseLen(n int, word func(int) string) int {
	if n < 3 || n > 5 {
		return 0
	}
	i := 0
	if commercialWords[word(0)] {
		i++
	}
	if i+1 < n && word(i) == "joint" && word(i+1) == "stock" {
		i += 2
	}
	if i == 0 || i >= n || word(i) != "bank" || i+2 != n {
		return 0
	}
	if w := word(n - 1); len(w) < minBareFirstLen || isEnglishWord(w) || isGenericWord(w) || countryWord(w) || namesBank(w) {
		return 0
	}
	return i + 1
}

// Bits of bankQueryWords: the query's first word is a bank's form
// abbreviated (bankAbbrev), or its first or last word is bank.
const (
	qBankForm = 1 << iota
	qBankWord
)

// bankQueryWords returns what bankFormPair asks of the query words qs,
// worked out once a search: a name scored asks it only if it is there.
func bankQueryWords(qs []qtok) uint8 {
	if len(qs) < 2 {
		return 0
	}
	var b uint8
	if bankAbbrev(qs[0].s) {
		b |= qBankForm
	}
	if qs[0].s == "bank" || qs[len(qs)-1].s == "bank" {
		b |= qBankWord
	}
	return b
}
