package match

import (
	"bytes"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// A party's name in a customer or order book often carries where the
// party is, after its name: FLAVIC FZE UNITED ARAB EMIRATES, DELTRAMOX CO
// LTD, TEHRAN. The place is no word of the name (the party's seat), and
// counted as words on top it lowered the listed name's score under the
// threshold. Said in parentheses, it is cut from the query (cutPlaceTail).
// Said after the name where the name plainly ends before it (cutSaidPlace:
// after a legal form of one word, with a comma, a dash or nothing
// between), its words and the form's are the query's own (saidPlaceWords):
// they count nothing left unmatched, and as any word matched. Not after a
// comma alone, which parts a person's surname from the given names (SMITH,
// Jordan), nor after a dash alone, where the place is as often a branch's
// or a unit's name (ISLAMIC STATE OF IRAQ AND SYRIA - MOZAMBIQUE, STATE
// OPTICAL PLANT - FEODOSIA). A listed name that says its seat so (INKOP DOO
// CUPRIJA, MSP KALA NAFT CO. TEHRAN) is indexed without it too
// (analyseEntry), for the query of the name alone.

// maxPlaceTailWords is the most words that a place said after a name
// (cutSaidPlace) may have: CONGO, DEMOCRATIC REPUBLIC OF THE.
const maxPlaceTailWords = 6

// cutSaidPlace returns the raw name without the place said after it, and
// whether it had one. The place is a country or region
// (rules.ResolveDestination: UNITED ARAB EMIRATES, Korea, North, USA) or
// words that isPlace accepts (a city or region: TEHRAN, SAMARA); not a
// code of two letters (LLC DM is a name), a number, or words of a legal
// form (S.A., AG and KG are forms before they are the codes of Saudi
// Arabia, Antigua and Kyrgyzstan). It must follow a legal form of one word
// (oneWordForm: LTD, LLC, FZE, COMPANY), with a comma, a dash or nothing
// between, and the words before it must hold a word that is not a legal
// form's (JSC RUSSIA is kept). A name with no such ending costs the scan of
// its last few words only.
func cutSaidPlace(name string, isPlace func(w string) bool) (string, bool) {
	// the starts and ends of the name's last fields, last first
	var starts, ends [maxPlaceTailWords + 1]int
	n := 0
	for i := len(name); i > 0 && n < len(starts); {
		for i > 0 && name[i-1] == ' ' {
			i--
		}
		if i == 0 {
			break
		}
		end := i
		for i > 0 && name[i-1] != ' ' {
			i--
		}
		starts[n], ends[n] = i, end
		n++
	}
	var buf [32]byte
	for l := 1; l <= maxPlaceTailWords && l < n; l++ {
		if w := appendNormalized(buf[:0], name[starts[l]:ends[l]]); !oneWordFormBytes(w) {
			continue
		}
		head := strings.TrimRight(name[:ends[l]], " ,")
		if saidPlace(name[starts[l-1]:ends[0]], isPlace) && nameBeforeForm(head) {
			return head, true
		}
	}
	return name, false
}

// oneWordFormBytes is oneWordForm of the word w, without making a string
// of it: cutSaidPlace asks it of the last words of every name.
func oneWordFormBytes(w []byte) bool {
	if !legalLast[string(w)] {
		return false
	}
	_, ok := legalForms[string(w)]
	return ok
}

// nameBeforeForm reports whether the raw text head holds a word that is no
// legal form's: a name, not a form alone. It makes no string: cutSaidPlace
// asks it of every name that ends in forms (TECHNOLOGY COMPANY LIMITED).
func nameBeforeForm(head string) bool {
	var buf [48]byte
	for f := range strings.FieldsSeq(head) {
		for w := appendNormalized(buf[:0], f); len(w) > 0; {
			var x []byte
			x, w = nextWord(w)
			if len(x) > 0 && !legalWords[string(x)] {
				return true
			}
		}
	}
	return false
}

// saidPlace reports whether the raw text tail names a place, as
// cutSaidPlace reads one. Its words are asked first, without making a
// string, whether they are a legal form's, which ends most names' tails
// (COMPANY LIMITED).
func saidPlace(tail string, isPlace func(w string) bool) bool {
	var buf [48]byte
	n, letters := 0, false
	for f := range strings.FieldsSeq(tail) {
		for w := appendNormalized(buf[:0], f); len(w) > 0; {
			var x []byte
			x, w = nextWord(w)
			if legalWords[string(x)] && !stopWords[string(x)] {
				return false
			}
			n += len(x)
			for _, c := range x {
				letters = letters || c >= 'a' && c <= 'z'
			}
		}
	}
	if n <= 2 || !letters {
		return false // a code of two letters is as often a name (DM); a number
	}
	city := true
	for w := range strings.FieldsSeq(Normalize(tail)) {
		if city = cityWord(w) && isPlace(w); !city {
			break
		}
	}
	if city {
		return true
	}
	d, err := rules.ResolveDestination(tail)
	return err == nil && d.IsValid()
}

// nextWord returns the first word of the normalised words w (one space
// between them) and what follows it.
func nextWord(w []byte) (word, rest []byte) {
	if i := bytes.IndexByte(w, ' '); i >= 0 {
		return w[:i], w[i+1:]
	}
	return w, nil
}

// saidPlaceWords returns the bits of the query words qs that are the place
// said after the raw name (cutSaidPlace), and of the legal form's before
// it: words of the query's own, which count nothing left unmatched
// (qOrgOwn) and as any word matched (a listed name may say its seat too:
// VMK OOO SAMARA). The form is a word of the query where a place follows
// it (a form ends a name only at its end), and the listed name's form is
// no word of its name: FLAVIC FZE UNITED ARAB EMIRATES holds the whole of
// FLAVIC FZE. Against a listed name with a form inside it left unmatched,
// of another class, the form counts (seatFormLeft).
func saidPlaceWords(name string, qs []qtok, isPlace func(w string) bool) (place, form uint64) {
	head, ok := cutSaidPlace(name, isPlace)
	if !ok {
		return 0, 0
	}
	tail := strings.Fields(Normalize(name[len(head):]))
	if len(tail) >= len(qs) {
		return 0, 0
	}
	// the tail's words are the query's last, less the stop words that the
	// query leaves out (OF in DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA)
	j := len(qs) - 1
	for i := len(tail) - 1; i >= 0; i-- {
		switch {
		case j > 0 && qs[j].s == tail[i]:
			place |= bit(j)
			j--
		case !isStopWord(tail[i]):
			return 0, 0
		}
	}
	for ; j > 0 && isLegalWord(qs[j].s); j-- {
		form |= bit(j)
	}
	return place, form
}

// seatFormLeft reports whether the listed organisation's name ctoks, of
// which al aligned cm, leaves out a legal form of one word inside it
// (MORAVKA BANK LLC BELGRADE): the query's form before its seat (qSeatForm)
// then counts, as a form of another class (alignInnerForms pairs those of
// one class).
func (ix *Index) seatFormLeft(ctoks []int32, cm uint64) bool {
	for j := 1; j < len(ctoks)-1 && j < 64; j++ {
		if cm&bit(j) == 0 && oneWordForm(ix.toks[ctoks[j]].s) {
			return true
		}
	}
	return false
}

// cityWord reports whether the word w may be a city's or a region's said
// after a name: four letters or more, not an English word (BRANCH,
// CENTRAL).
func cityWord(w string) bool {
	return len(w) >= 4 && !isEnglishWord(w)
}

// namesAlone reports whether the raw name head, a listed name without the
// seat said after its form, holds a word that names a party on its own
// (ownNameWord) and is no English word or legal form's: OPEN JOINT-STOCK
// OIL AND GAS COMPANY SYZRAN is SYZRAN, not any oil and gas company, and
// is indexed whole only.
func namesAlone(head string) bool {
	for _, w := range strings.Fields(Normalize(head)) {
		if ownNameWord(w) && !isEnglishWord(w) && !isLegalWord(w) {
			return true
		}
	}
	return false
}

// entryPlace returns whether a word is one of the words of the cities and
// regions of e's addresses: the seat that a listed name of e may say after
// its legal form. Asked only of a name that ends so.
func entryPlace(e *lists.Entry) func(w string) bool {
	return func(w string) bool {
		for _, a := range e.Addresses {
			for _, f := range [...]string{a.City, a.State} {
				if f != "" && slices.Contains(strings.Fields(Normalize(f)), w) {
					return true
				}
			}
		}
		return false
	}
}

// branchWords returns the bits of the query words qs that, at the query's
// end, say that the party is a branch or an office of the organisation
// named before them: BRANCH, BRANCH OFFICE, REPRESENTATIVE OFFICE, with
// where it is before them (DUBAI BRANCH: a country, or a city or region of
// a listed address). A branch is of its organisation's legal person, and a
// customer book names it so (HUAWEI TECHNOLOGY - DUBAI BRANCH scored 0.749
// against HUAWEI TECHNOLOGY): like a place said after a name, they are
// the query's own words (qOrgOwn), which count nothing left unmatched and
// as any word matched (a listed branch: ... NANCHANG BRANCH). None when
// nothing would be left before them.
func (ix *Index) branchWords(qs []qtok) uint64 {
	j := len(qs) - 1
	if j < 1 {
		return 0
	}
	var m uint64
	switch w := qs[j].s; {
	case w == "branch":
		m, j = bit(j), j-1
	case w == "office" && (qs[j-1].s == "branch" || qs[j-1].s == "representative"):
		m, j = bit(j)|bit(j-1), j-2
	default:
		return 0
	}
	for j >= 0 && (countryWord(qs[j].s) || ix.townOnTop(qs[j].s)) {
		m, j = m|bit(j), j-1
	}
	if j < 0 {
		return 0
	}
	return m
}
