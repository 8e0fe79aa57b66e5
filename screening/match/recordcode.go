package match

import "strings"

// A customer or supplier file often keeps its record's number in the name
// field, before the name or after it: 10023 SINNO ELECTRONICS CO LTD,
// SINNO ELECTRONICS CO LTD #10023, ... - 10023, ... (CUST 10023). Read as
// part of the name, the number is one the listed name lacks (-0.25) and
// hides the legal form before it, and an exact name scored 0.75. The
// first stage cuts such a number from the name it searches
// (cutRecordCode, a bit of NameReading) and keeps it: where the listed
// name has numbers and the number is one of them (a vessel's FU YUAN YU
// #7880), it counts as the name's (numberAdjustments). A number of four
// digits or more after a word of the name with no mark (SINNO TRADING
// 10023, ZHANG WEI 10023), which may be the name's own (HYUNDAI MIPO 2655),
// is read so by the numbers only (nameTokens.recordNum).

// recordCodeLabels are the words a file writes before a record's number.
var recordCodeLabels = map[string]bool{
	"cust": true, "customer": true, "client": true, "acct": true, "account": true, "acc": true,
	"vendor": true, "supplier": true, "ref": true, "id": true, "no": true, "code": true, "custno": true,
}

// recordCodeWord reports whether w is a record's number: up to four ASCII
// letters, recordCodeDigits digits or more, and up to two letters (10023,
// C10023, CUST10023, CU10023A).
func recordCodeWord(w string) bool {
	i := 0
	for i < len(w) && i < 4 && asciiLetter(w[i]) {
		i++
	}
	d := i
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i-d < recordCodeDigits {
		return false
	}
	e := i
	for i < len(w) && i-e < 2 && asciiLetter(w[i]) {
		i++
	}
	return i == len(w)
}

// cutRecordCode returns name without a record's number written before or
// after it, and the number in lower case, when name has one:
//   - before the name: the number, # before it or not, then the name
//     (a dash or a colon between or not);
//   - after it: the number in parentheses or brackets, a label before it
//     or not (CUST, ACCT, NO...); after #, a spaced dash, a comma, a colon,
//     a slash or a label; or bare after a legal form's last word (LTD
//     10023).
//
// The name left must hold a word of its own (hasNameWord).
func cutRecordCode(name string) (rest, code string, ok bool) {
	if !hasDigitRun(name, recordCodeDigits) {
		return name, "", false // most names: no number to cut
	}
	fs := strings.Fields(name)
	if len(fs) < 2 {
		return name, "", false
	}
	// before the name
	if c := strings.TrimRight(strings.TrimLeft(fs[0], "#"), "-:.,/"); recordCodeWord(c) {
		i := 1
		for i < len(fs) && strings.Trim(fs[i], "-:/–") == "" {
			i++ // a separator of its own
		}
		if r := strings.Join(fs[i:], " "); hasNameWord(r) {
			return r, strings.ToLower(c), true
		}
	}
	// after it
	last := fs[len(fs)-1]
	n := len(fs) - 1
	if strings.HasSuffix(last, ")") || strings.HasSuffix(last, "]") {
		// (10023), (CUST 10023), [ACCT NO. 10023]
		c := strings.TrimLeft(strings.TrimRight(last, ")]"), "(#[")
		if !recordCodeWord(c) {
			return name, "", false
		}
		j := n
		if !strings.HasPrefix(last, "(") && !strings.HasPrefix(last, "[") {
			for j--; j >= 1 && j >= n-3; j-- {
				w := fs[j]
				open := strings.HasPrefix(w, "(") || strings.HasPrefix(w, "[")
				if !recordCodeLabels[strings.ToLower(strings.Trim(w, "([.:#"))] && strings.Trim(w, "([.:#") != "" {
					return name, "", false
				}
				if open {
					break
				}
			}
			if j < 1 || j < n-3 {
				return name, "", false
			}
		}
		if r := strings.Join(fs[:j], " "); hasNameWord(r) {
			return strings.TrimRight(r, " ,-"), strings.ToLower(c), true
		}
		return name, "", false
	}
	c := strings.TrimLeft(last, "#")
	if !recordCodeWord(c) {
		return name, "", false
	}
	prev := fs[n-1]
	label := recordCodeLabels[strings.ToLower(strings.Trim(prev, ".:#"))]
	keep := n // the fields of the name: fs[:keep]
	switch {
	case c != last: // #10023
	case prev == "#" || prev == "-" || prev == "–" || prev == "/" || label:
		keep = n - 1 // a mark or a label of its own
		if prev == "#" && n >= 2 && recordCodeLabels[strings.ToLower(strings.Trim(fs[n-2], ".:"))] {
			keep = n - 2 // CUST # 10023
		}
	case strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, ":"):
	case oneWordFormBytes([]byte(strings.ToLower(strings.TrimRight(prev, ".,")))):
		// LTD 10023: after a legal form, no word of the name
	default:
		return name, "", false
	}
	if r := strings.TrimRight(strings.Join(fs[:keep], " "), " ,:-–/#"); hasNameWord(r) {
		return r, strings.ToLower(c), true
	}
	return name, "", false
}

// hasDigitRun reports whether s holds n digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// hasNameWord reports whether s holds a word to search: two ASCII letters
// or more, or a letter outside ASCII, that is no word of a legal form nor
// a generic word (the number of YV2716 CO., LTD. or 7103 FACTORY is the
// name's).
func hasNameWord(s string) bool {
	for _, f := range strings.Fields(s) {
		w := strings.ToLower(strings.Trim(f, ".,:;()[]-'\""))
		letters := 0
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 || asciiLetter(w[i]) {
				letters++
			}
		}
		if letters >= 2 && !isLegalWord(w) && !isGenericWord(w) && !isStopWord(w) {
			return true
		}
	}
	return false
}
