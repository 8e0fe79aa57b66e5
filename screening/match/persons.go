package match

import (
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

// Rules of person names that the general alignment does not know.

// givenSyllableLoss returns what the aligned syllable of a Chinese or
// Korean given name adds to the name score's numerator when the other
// syllable of that given name is left out: a given name of two syllables
// is one name, and its first syllable alone is another person's name
// ("Young Kim" is not KIM, Yong Su, nor KIM, Yong Chol: the first syllable
// is often the generation name that siblings and cousins share), so that
// syllable counts as a word that does not agree. Only the last syllable
// left out counts so: the generated evaluation takes a name with its
// middle word dropped (CHA Jun for CHA, Sung Jun) for the same person. It applies to a listed person
// (rec, words ctoks, aligned words cm, edges from sc.edgeStore[start])
// whose name is three or four words of one syllable each (oneSyllable),
// family name first as the lists write them (KIM, Yong Su; RI SU YONG),
// with the family name aligned, of China or Korea (eastAsian, or a
// document issued there) or of no known country.
func (ix *Index) givenSyllableLoss(sc *scratch, rec *nameRec, ctoks []int32, cm uint64, start int) float32 {
	n := len(ctoks)
	if !rec.individual || n < 3 || n > 4 || cm&1 == 0 || cm == spanMask(0, int8(n-1)) {
		return 0
	}
	partner := -1
	for j := 1; j < n && partner < 0; j++ {
		if cm&(1<<j) != 0 {
			continue
		}
		if j > 1 && cm&(1<<(j-1)) != 0 {
			partner = j - 1
		}
	}
	if partner < 0 {
		return 0
	}
	for _, ct := range ctoks {
		if !oneSyllable(&ix.toks[ct]) {
			return 0
		}
	}
	if e := ix.entries[rec.entry]; !eastAsian(e) && !eastAsianID(e) && hasCountry(e) {
		return 0
	}
	for _, e := range sc.edgeStore[start:] {
		if int(e.clo) == partner && e.chi == e.clo {
			return e.sim * 2 * e.w
		}
	}
	return 0
}

// hasCountry reports whether a listed entry names any nationality,
// citizenship or country of address.
func hasCountry(e *lists.Entry) bool {
	if len(e.Nationalities) > 0 || len(e.Citizenships) > 0 {
		return true
	}
	for _, a := range e.Addresses {
		if a.Country.IsValid() {
			return true
		}
	}
	return false
}

// eastAsianID reports whether a listed entry holds a document issued in a
// country of eastAsianCountries (a North Korean passport of a person
// posted abroad).
func eastAsianID(e *lists.Entry) bool {
	for _, id := range e.IDs {
		for _, c := range eastAsianCountries {
			if strings.EqualFold(id.Country, c) {
				return true
			}
		}
	}
	return false
}

// oneSyllable reports whether the word t is one Pinyin or Hangul syllable,
// or a Korean name syllable of the variant tables in another spelling
// (Young, Myung).
func oneSyllable(t *tokInfo) bool {
	return syllableCount(t.s) == 1 || t.group != 0 && variantGroups[t.group-1].kind == variantKorean
}

// surnameWords returns how many words of the name s (as analyze splits
// them) come before its first comma, the lists' way of writing a person's
// surname first (TAHER, Ibrahim); 0 if s has no comma with words on both
// sides of it.
func surnameWords(s string) int {
	i := strings.IndexByte(s, ',')
	if i <= 0 {
		return 0
	}
	var nt nameTokens
	var fields []string
	var buf []byte
	analyze(string(appendNormalized(buf, s[i+1:])), fields, &nt, nil)
	if len(nt.words) == 0 {
		return 0
	}
	analyze(string(appendNormalized(buf, s[:i])), fields, &nt, nil)
	return len(nt.words)
}

// moreGivenNames reports whether the query holds the whole name of a
// listed person (rec, edges from sc.edgeStore[start], nothing listed left
// out) plus words of its own, both names written surname first with a
// comma, every aligned word on the same side of the comma in both and
// close (partialMinSim): the listed surname and given name, with more
// given names, a second surname or an honorific (TAHER, Ibrahim Amin
// Fadlallah for TAHER, Ibrahim). Without the comma the order says
// nothing: "Omar Mohammed Othman" is not OMAR, Mohammed. Not for a name
// of one-syllable words (KIM, Yong Su for KIM, Yong; givenSyllableLoss).
func (ix *Index) moreGivenNames(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	if !rec.individual || !sc.closeEdges(start, partialMinSim) {
		return false
	}
	if sc.qSurname < 0 {
		sc.qSurname = surnameWords(sc.qName)
	}
	if sc.qSurname == 0 {
		return false
	}
	e := ix.entries[rec.entry]
	name := e.Name
	if rec.alias >= 0 {
		name = e.Aliases[rec.alias].Name
	}
	cs := surnameWords(name)
	if cs == 0 || cs >= len(ctoks) {
		return false
	}
	qs := int8(sc.qSurname)
	for _, ed := range sc.edgeStore[start:] {
		qsur, csur := ed.qlo < qs, ed.clo < int8(cs)
		if qsur != (ed.qhi < qs) || csur != (ed.chi < int8(cs)) || qsur != csur {
			return false
		}
	}
	for _, ct := range ctoks {
		if !oneSyllable(&ix.toks[ct]) {
			return true
		}
	}
	return false
}
