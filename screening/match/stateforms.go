package match

import "strings"

// The forms of Russian federal state institutions, in English as official
// names render them and in BGN/PCGN romanisation (федеральное
// государственное бюджетное образовательное учреждение высшего образования,
// ФГБОУ ВО; федеральное государственное бюджетное учреждение науки), say
// what kind of institution it is and stand before its name: FEDERAL STATE
// BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER EDUCATION GROZNY STATE OIL
// TECHNICAL UNIVERSITY, known as GROZNY STATE OIL TECHNICAL UNIVERSITY.
// Left out whole at the start of a name, such a form counts nothing
// (stateFormLen, unmatchedWeights). They are not legal forms: removed from
// the names, their words would no longer count in the words' frequencies,
// and institution, state or education would weigh more in every other name.

// stateForms are the forms as normalised words, stop words left out.
var stateForms = func() [][]string {
	var fs []string
	for _, budget := range []string{"budgetary", "financed", "autonomous"} {
		for _, rest := range []string{
			"educational institution of higher education",
			"educational institution of higher vocational education",
			"educational institution of higher professional education",
			"institution of science", "scientific institution", "institution",
		} {
			fs = append(fs, "federal state "+budget+" "+rest)
		}
	}
	fs = append(fs,
		"federalnoe gosudarstvennoe byudzhetnoe obrazovatelnoe uchrezhdenie vysshego obrazovaniya",
		"federalnoe gosudarstvennoe byudzhetnoe obrazovatelnoe uchrezhdenie vysshego professionalnogo obrazovaniya",
		"federalnoe gosudarstvennoe avtonomnoe obrazovatelnoe uchrezhdenie vysshego obrazovaniya",
		"federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie nauki",
		"federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie",
	)
	out := make([][]string, 0, len(fs))
	for _, f := range fs {
		var ws []string
		for _, w := range strings.Fields(f) {
			if !stopWords[w] {
				ws = append(ws, w)
			}
		}
		out = append(out, ws)
	}
	return out
}()

// stateFormStart reports whether a name's first word w may begin a state
// institution's form, so that other names are not read further.
func stateFormStart(w string) bool { return w == "federal" || w == "federalnoe" }

// stateFormLen returns the number of words of the longest state
// institution's form that the n words of a name (word returns each) start
// with, and 0 when they start with none.
func stateFormLen(n int, word func(int) string) int {
	if n == 0 || !stateFormStart(word(0)) {
		return 0
	}
	best := 0
	for _, f := range stateForms {
		if len(f) <= best || len(f) >= n {
			continue
		}
		ok := true
		for i, w := range f {
			if word(i) != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(f)
		}
	}
	return best
}
