package match

import "strings"

// A Russian company's full name may say whose subsidiary it is: the
// subsidiary's own name, then its parent's legal form in the genitive and
// the parent's name (ДОЧЕРНЕЕ ОАО ГАЗМАШ ОТКРЫТОГО АКЦИОНЕРНОГО ОБЩЕСТВА
// ГАЗПРОМ, "subsidiary OJSC Gazmash of OJSC Gazprom"), and it is often
// written with the word дочернее (subsidiary) before its own form. The
// genitive form says "of the company": what follows it names another
// party, not this one. parentGenitiveCut leaves those words out, and
// subsidiaryForm reads дочернее before a legal form as part of the form.

// genitiveFormAdj are the genitive adjectives that may stand before a
// legal form in the genitive (открытого, закрытого, публичного,
// российского, федерального, государственного).
var genitiveFormAdj = map[string]bool{
	"otkrytogo": true, "zakrytogo": true, "publichnogo": true, "rossiiskogo": true,
	"rossiyskogo": true, "rossiskogo": true, "federalnogo": true, "gosudarstvennogo": true,
}

// subsidiaryWords are дочернее, дочерняя, дочірнє (subsidiary) as they are
// romanised.
var subsidiaryWords = map[string]bool{
	"dochernee": true, "docherneye": true, "dochernoe": true, "dochernoye": true,
	"dochernyaya": true, "dochernaya": true, "dochirnie": true, "dochirnye": true,
}

// branchWords say a branch or an office of the party named after them
// (филиал, представительство, отделение): a name of them alone with the
// parent's is the parent's.
var branchWords = map[string]bool{
	"filial": true, "filiala": true, "predstavitelstvo": true, "predstavnytstvo": true,
	"otdelenie": true, "otdeleniye": true, "branch": true, "office": true, "representative": true,
}

// genitiveHead reports whether w, the first word of a legal form, is in the
// genitive: Russian -ого, -его, -ства, Ukrainian -ого written -oho.
func genitiveHead(w string) bool {
	n := len(w)
	return n > 5 && (w[n-3:] == "ogo" || w[n-3:] == "ego" || w[n-3:] == "oho" || w[n-4:] == "stva")
}

// parentGenitiveCut returns fields up to a legal form in the genitive that
// follows the name's own words and is followed by a parent's name (words
// after it), or fields as they are. The words before must name a company of
// their own: a legal form of theirs (at their start, after дочернее, or at
// their end) and a word that may name a company (ownNameWord) beside it; a
// branch's or representative office's descriptor (ФИЛИАЛ ОАО ...,
// ПРЕДСТАВИТЕЛЬСТВО АКЦИОНЕРНОГО ОБЩЕСТВА ...) is no company of its own,
// and the parent's name is then the only name said.
func parentGenitiveCut(fields []string, scratch []byte) []string {
	if len(fields) < 4 {
		return fields
	}
	for i := 2; i+2 < len(fields); i++ {
		if !genitiveHead(fields[i]) {
			continue // every word of the form's start ends so
		}
		j := i
		for j < len(fields) && genitiveFormAdj[fields[j]] {
			j++
		}
		if j >= len(fields) || !genitiveHead(fields[j]) || !isLegalFirst(fields[j]) {
			continue
		}
		n, _ := longestLegal(fields[j:], false, scratch)
		if n == 0 || j+n >= len(fields) {
			continue
		}
		if !ownCompany(fields[:i], scratch) {
			return fields
		}
		return fields[:i]
	}
	return fields
}

// ownCompany reports whether own, the words before a parent's genitive
// form, name a company: a legal form at their start (after дочернее) or
// their end, and a word beside it that may name one.
func ownCompany(own []string, scratch []byte) bool {
	k := 0
	if subsidiaryWords[own[0]] {
		k = 1
	}
	if n, _ := longestLegal(own[k:], false, scratch); n > 0 && k+n < len(own) {
		k += n
	} else if n, _ := longestLegal(own[k:], true, scratch); n > 0 && k+n < len(own) {
		own = own[:len(own)-n]
	} else {
		return false
	}
	for _, w := range own[k:] {
		if !isLegalWord(w) && !branchWords[w] && ownNameWord(w) {
			return true
		}
	}
	return false
}

// parentCutName returns a listed name's fields (analysed) without its
// parent's name (parentGenitiveCut), joined, or "" when it names none: the
// subsidiary is indexed under its own name too, as a query that names the
// parent is read.
func parentCutName(fields []string, scratch []byte) string {
	cut := parentGenitiveCut(fields, scratch)
	if len(cut) == len(fields) {
		return ""
	}
	return strings.Join(cut, " ")
}

// subsidiaryForm returns fields without a leading дочернее when a legal
// form written in words follows it (ДОЧЕРНЕЕ ОТКРЫТОЕ АКЦИОНЕРНОЕ
// ОБЩЕСТВО, ДОЧЕРНЕЕ ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ) and then a
// word of no form: the subsidiary's status said with its own form. An
// abbreviation after it (ДОЧЕРНЕЕ ОАО ГАЗПРОМ) may name the parent, whose
// subsidiary the name is, and is left as it is.
func subsidiaryForm(fields []string, scratch []byte) []string {
	if len(fields) < 4 || fields[0][0] != 'd' || !subsidiaryWords[fields[0]] {
		return fields
	}
	if n, _ := longestLegal(fields[1:], false, scratch); n >= 2 && 1+n < len(fields) && !isLegalWord(fields[1+n]) {
		return fields[1:]
	}
	return fields
}
