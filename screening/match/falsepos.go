package match

import (
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

// Rules that keep names that are spelled alike but name other parties from
// matching.

// legalFormTypeMismatch adds to r the type_mismatch adjustment when the
// query, of no stated type, carries a legal form (legal) and the listed
// entry is of a type that has none (typeWithoutLegalForm) under a name with
// none (rec): "Solana Co" is a company, not the vessel SOLAN, "GLAUKOS
// Corp" is not the vessel GLAUCUS and "FULLER H B CO" is not the person
// KOLLER, Bruno. A legal form is the query saying what kind of party it
// names, as Query.Type would. A listed name that has a legal form word of
// its own (the Tuareg name element Ag, also the German AG) is left alone:
// the word may be a name there.
func legalFormTypeMismatch(legal LegalClass, r *result, rec *nameRec, t lists.EntryType, q Query) {
	if legal == LegalNone || rec.legal != LegalNone || q.Type != lists.TypeUnknown || !typeWithoutLegalForm(t) {
		return
	}
	r.add(Adjustment{"type_mismatch", deltaTypeMismatch, "query has a legal form (" + legal.String() + "), entry is " + string(t)})
}

// typeWithoutLegalForm reports whether parties of type t are never
// registered under a legal form: vessels, aircraft and people.
func typeWithoutLegalForm(t lists.EntryType) bool {
	return t == lists.TypeVessel || t == lists.TypeAircraft || t == lists.TypeIndividual
}

// respelledCorporation adds to r the respelled_corporation adjustment when
// the query is the name of an incorporated company (it ends in Inc., Corp.
// or Incorporated: incorporatedName), the listed organisation's name has
// another legal form or none, and every distinctive word of the listed
// name that aligned is a respelling, none as written. A corporation's name
// is registered in Latin letters and written as registered; its letters
// respelled (Lazard and LASSARD, MARCUS and MARKUS, Jingbo and JINGHO) are
// another company's name. The class alone (LegalCorporation) does not
// say it: "Company" and "Co." also translate other forms (NEVSKIY ZAVOD
// CLOSED COMPANY for ZAO NEVSKY ZAVOD).
func (ix *Index) respelledCorporation(legal LegalClass, r *result, rec *nameRec, q Query) {
	if legal != LegalCorporation || rec.legal == LegalCorporation || rec.individual {
		return
	}
	ctoks := ix.nameToks(rec)
	respelled := false
	for _, e := range r.edges {
		for j := e.clo; j <= e.chi; j++ {
			if t := &ix.toks[ctoks[j]]; t.orgGeneric() {
				continue
			}
			if e.sim >= 1 {
				return
			}
			respelled = true
		}
	}
	if respelled && incorporatedName(q.Name) {
		r.add(Adjustment{"respelled_corporation", deltaRespelledCorporation, "query names a corporation; the listed name respells its words"})
	}
}

// deltaRespelledCorporation is the respelled_corporation adjustment.
const deltaRespelledCorporation = -0.15

// incorporatedName reports whether name's last word, in ASCII letters and
// any case, is Inc, Corp or Incorporated: the forms of a company
// incorporated under the laws of a US state or of Canada.
func incorporatedName(name string) bool {
	end := len(name)
	for end > 0 && !isASCIILetter(name[end-1]) {
		end--
	}
	start := end
	for start > 0 && isASCIILetter(name[start-1]) {
		start--
	}
	switch w := name[start:end]; len(w) {
	case 3, 4, 12:
		return strings.EqualFold(w, "inc") || strings.EqualFold(w, "corp") || strings.EqualFold(w, "incorporated")
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// codeDigitsDiffer adds to r the number_mismatch adjustment when a query
// word and a listed word that aligned as similar, not equal, hold as many
// digits but other digits: codes and names built around a number (BEST5PAY
// and BEST2PAY) are other codes when the number is another, as the numbers
// a name holds apart must agree (numberAdjustments). A digit more or less
// (YV291 for YV2911) is left to the similarity: codes are mistyped so. The
// edges are sc.edgeStore[start:] of the name ctoks.
func (ix *Index) codeDigitsDiffer(sc *scratch, r *result, ctoks []int32, start int) {
	if !sc.nt.codes {
		// words hold digits only when the name is made of codes (analyze)
		return
	}
	for _, e := range sc.edgeStore[start:] {
		if e.sim >= 1 || e.qlo != e.qhi || e.clo != e.chi {
			continue
		}
		q, c := sc.qs[e.qlo].s, ix.toks[ctoks[e.clo]].s
		if nq := digitCount(q); nq > 0 && nq == digitCount(c) && !sameDigits(q, c) {
			r.add(Adjustment{"number_mismatch", deltaNumberMismatch, "numbers differ"})
			return
		}
	}
}

// sameDigits reports whether a and b hold the same digits in the same
// order.
func sameDigits(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] < '0' || a[i] > '9') {
			i++
		}
		for j < len(b) && (b[j] < '0' || b[j] > '9') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// digitCount returns how many ASCII digits s holds.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
