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

// bankAbbrevs are the abbreviations, as normalised words.
var bankAbbrevs = map[string]bool{
	"akb": true, "ab": true, "kb": true, "jsb": true, "cb": true, "jscb": true,
}

// namesBank reports whether w is the word bank or a compound ending in it
// (SOBINBANK, ROSBANK).
func namesBank(w string) bool { return strings.HasSuffix(w, "bank") }

// bankFormFirst reports whether the first of a name's n words (word
// returns each) is a bank's form abbreviated (bankAbbrevs) and a later
// word names a bank (namesBank).
func bankFormFirst(n int, word func(int) string) bool {
	if n < 2 {
		return false
	}
	if w := word(0); len(w) > 4 || !bankAbbrevs[w] {
		return false
	}
	for j := 1; j < n; j++ {
		if namesBank(word(j)) {
			return true
		}
	}
	return false
}
