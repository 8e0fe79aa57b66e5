package match

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// Where a listed organisation is, said on top of its name: a query that
// holds the whole of the listed name and adds the city, region or country
// of the entry's own addresses (STEP ISTANBUL for STEP A.S., of Istanbul;
// VMK OOO SAMARA for LIMITED LIABILITY COMPANY VMK, of Samara), or two
// words in a row of its street (RAMAK DUTY FREE for RAMAK, of Damascus
// Duty Free), names that organisation and says where it is. The place is read from the
// entry itself, so a place of another country or city, or a word that
// replaces one of the listed name's, is no such evidence: a look-alike
// that swaps a listed word for another keeps the general rule.

// minPlaceWordLen is the least length of a query word read as a place of
// the entry's addresses.
const minPlaceWordLen = 4

// entryPlaceWord reports whether the query word q names where the listed
// entry e is: a word of the city, region or country of one of its
// addresses as the list writes them (addressPlaceWord), or the name or
// adjective of one of its countries (entryCountryWord: SYRIA, SYRIAN),
// which also reads an address whose country is given only as a code, as
// trade.gov's consolidated files give it (SY).
func entryPlaceWord(e *lists.Entry, q *qtok) bool {
	return addressPlaceWord(e, q) || entryCountryWord(e, q.s)
}

// entryPlaceWordOf is entryPlaceWord, a listed query word that names no
// country (countryToken) not read by rules.ResolveDestination again: a
// word entryCountryWord accepts is one countryWord accepts.
func (ix *Index) entryPlaceWordOf(e *lists.Entry, q *qtok) bool {
	return addressPlaceWord(e, q) || ix.mayNameCountry(q) && entryCountryWord(e, q.s)
}

// mayNameCountry is false for a query word countryWord refuses, as far as
// is known without asking rules.ResolveDestination: a listed word's answer
// is kept (countryToken).
func (ix *Index) mayNameCountry(q *qtok) bool {
	return !q.known || ix.countryToken(q.id)
}

// addressPlaceWord reports whether the query word q is a word of the city,
// region or country of one of the entry e's addresses: the same word or,
// from five letters on, the same romanisation skeleton (ISFAHAN and
// ESFAHAN).
func addressPlaceWord(e *lists.Entry, q *qtok) bool {
	w := q.s
	if len(e.Addresses) == 0 || len(w) < minPlaceWordLen || isStopWord(w) || hasDigit(w) {
		return false
	}
	for i := range e.Addresses {
		a := &e.Addresses[i]
		for _, f := range [...]string{a.City, a.State, a.CountryText} {
			if f != "" && placeFieldHas(f, w, q.skel) {
				return true
			}
		}
	}
	return false
}

// placeFieldHas reports whether the address field f (as listed) has the
// word w, or from five letters on a word of w's skeleton (skel).
func placeFieldHas(f, w, skel string) bool {
	f = asciiField(f)
	for i := 0; i < len(f); {
		var p string
		if p, i = nextFieldWord(f, i); p != "" && placeWordIs(p, w, skel) {
			return true
		}
	}
	return false
}

// asciiField returns the address field f as ASCII: itself, or normalised.
func asciiField(f string) string {
	for i := 0; i < len(f); i++ {
		if f[i] >= utf8.RuneSelf {
			return Normalize(f)
		}
	}
	return f
}

// nextFieldWord returns the next run of letters of the ASCII field f from
// byte i on, "" if none, and the place after it.
func nextFieldWord(f string, i int) (string, int) {
	for i < len(f) && !asciiLetter(f[i]) {
		i++
	}
	j := i
	for j < len(f) && asciiLetter(f[j]) {
		j++
	}
	return f[i:j], j
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// placeWordIs reports whether the address word p (any case) is the query
// word w, or from five letters on has its first letter and skeleton
// (skel).
func placeWordIs(p, w, skel string) bool {
	if len(p) == len(w) && strings.EqualFold(p, w) {
		return true
	}
	if len(w) < 5 || len(p) < 5 || p[0]|0x20 != w[0] || len(p) > len(w)+2 || len(w) > len(p)+2 || len(p) > 32 {
		return false
	}
	var low [32]byte
	for k := 0; k < len(p); k++ {
		low[k] = p[k] | 0x20
	}
	var b [48]byte
	return string(appendSkeleton(b[:0], string(low[:len(p)]))) == skel
}

// streetPhrase reports whether the query word i and a query word next to it
// on top of the listed name (on) are two words in a row of the street of
// one of the entry e's addresses: a place named where the entry is (RAMAK
// DUTY FREE for RAMAK, of Damascus Duty Free). One word of a street is no
// such evidence (street, road, tower).
func streetPhrase(e *lists.Entry, qs []qtok, i int, on uint64) bool {
	for _, j := range [2]int{i - 1, i + 1} {
		if j < 0 || j >= len(qs) || on&bit(j) == 0 {
			continue
		}
		a, b := qs[min(i, j)].s, qs[max(i, j)].s
		for k := range e.Addresses {
			f := asciiField(e.Addresses[k].Street)
			prev := false
			for n := 0; n < len(f); {
				var p string
				if p, n = nextFieldWord(f, n); p == "" {
					break
				}
				if prev && len(p) == len(b) && strings.EqualFold(p, b) {
					return true
				}
				prev = len(p) == len(a) && strings.EqualFold(p, a)
			}
		}
	}
	return false
}

// placesOnTop returns the weight of the query words on top of the whole of
// a listed organisation's name (rec) aligned closely, one word or more,
// when they say where the entry is: words that name its place
// (entryPlaceWord, streetPhrase), one at least, count missAddedOrg of
// their weight, as
// descriptors; beside them legal forms count nothing and generic words,
// descriptors and stop words count as descriptors (GUANGZHOU SYRISS
// LOGISTICS & SERVICES for SYRISS, of Guangzhou); the entry's place as
// the query's last word, after other words on top, counts nothing. ok is
// false when a word on top is of another kind or none names a place: the
// general rule then holds (ELEMENT GROUP is not JOINT STOCK COMPANY
// ELEMENT). Not inlined: it runs only for such names.
//
//go:noinline
func (ix *Index) placesOnTop(sc *scratch, rec *nameRec, qm, qOwn uint64) (miss float32, ok bool) {
	// the words that must be places (maybe) and the generic words that
	// may be (TEHRAN and IRANIAN are generic words), asked of the entry
	// once every other word is known to be a form, generic word,
	// descriptor or stop word
	var maybe, generic uint64
	for i := range sc.qs {
		if qm&bit(i) != 0 || qOwn&bit(i) != 0 {
			continue
		}
		q := &sc.qs[i]
		switch {
		case oneWordForm(q.s):
		case isStopWord(q.s) || isOrgDescriptor(q.group):
			miss += q.w * missAddedOrg
		case isGenericWord(q.s):
			miss += q.w * missAddedOrg
			generic |= bit(i)
		case len(q.s) < minPlaceWordLen || hasDigit(q.s):
			return 0, false
		default:
			maybe |= bit(i)
		}
	}
	if maybe|generic == 0 {
		return 0, false
	}
	e := ix.entries[rec.entry]
	if len(e.Addresses) == 0 && len(e.Nationalities) == 0 && len(e.Citizenships) == 0 {
		return 0, false
	}
	places := false
	last := len(sc.qs) - 1
	for i := range sc.qs {
		if (maybe|generic)&bit(i) == 0 {
			continue
		}
		q := &sc.qs[i]
		switch {
		case ix.entryPlaceWordOf(e, q):
			places = true
			if i == last && i > 0 && ^(qm|qOwn|bit(i))&spanMask(0, int8(last)) != 0 {
				// the entry's seat said last, after other words on
				// top that place it (RAMAK DUTY FREE SHOPS - SYRIA):
				// it counts nothing, as a seat after a form does
				if generic&bit(i) != 0 {
					miss -= q.w * missAddedOrg
				}
				continue
			}
			if maybe&bit(i) != 0 {
				miss += q.w * missAddedOrg
			}
		case maybe&bit(i) == 0:
			// a generic word, not the entry's place
		case streetPhrase(e, sc.qs, i, maybe|generic):
			places = true
			miss += q.w * missAddedOrg
		default:
			return 0, false
		}
	}
	return miss, places
}

// oneWordForm reports whether the query word w is a legal form of one word
// (OOO, DOO, LTD), said beside a name and its seat (VMK OOO SAMARA).
func oneWordForm(w string) bool {
	if !isLegalLast(w) {
		return false
	}
	_, ok := legalForms[w]
	return ok
}

// stateFormWord reports whether w says what kind of state a country is in
// its official long name (the Islamic Republic of Iran, the Russian
// Federation, the Kingdom of Saudi Arabia, the Principality of Andorra).
// State and union, which many other names hold, are left out (the
// Plurinational State of Bolivia is not read).
func stateFormWord(w string) bool {
	switch w {
	case "republic", "federation", "kingdom", "principality", "sultanate", "commonwealth", "confederation", "duchy":
		return true
	}
	return false
}

// countryLongForm returns the mask of the query words that, with the
// country word after them, write a country by its official long name
// (ISLAMIC REPUBLIC of IRAN, REPUBLIC of BELARUS, RUSSIAN FEDERATION,
// SYRIAN ARAB REPUBLIC): the words of the name other than the country's
// short name say no more than the short name. A run is read as
// rules.ResolveDestination reads it: the state's form (stateFormWord)
// before the country's name, the run with "of" put back before its last
// word (the query's stop words are dropped) naming the country its last
// word names; or a country's adjective first and the state's form last,
// the run naming the adjective's country.
func countryLongForm(qs []qtok) uint64 {
	var m uint64
	for i := 1; i < len(qs) && i < 64; i++ {
		// the short name last, after the state's form: ISLAMIC
		// REPUBLIC (OF) IRAN
		if stateFormWord(qs[i-1].s) && len(qs[i].s) >= minPlaceWordLen {
			if d, err := rules.ResolveDestination(qs[i].s); err == nil && !d.Region.IsValid() {
				for a := i - 1; a >= 0 && a >= i-4; a-- {
					if longFormOf(qs[a:i+1], d.Country, true) {
						m |= spanMask(int8(a), int8(i-1))
					}
				}
			}
		}
		// the adjective first, the state's form last: RUSSIAN
		// FEDERATION, SYRIAN ARAB REPUBLIC
		if stateFormWord(qs[i].s) {
			for a := i - 1; a >= 0 && a >= i-3; a-- {
				codes := demonyms[qs[a].s]
				if codes == "" || strings.Contains(codes, " ") {
					continue
				}
				if c, err := rules.ParseCountry(codes); err == nil && longFormOf(qs[a:i+1], c, false) {
					m |= spanMask(int8(a+1), int8(i))
				}
			}
		}
	}
	return m
}

// longFormOf reports whether the words ws name the country c, read with
// "of" before the last word when of is set (the query's stop words are
// dropped), else as written.
func longFormOf(ws []qtok, c rules.Country, of bool) bool {
	var b strings.Builder
	for k := range ws {
		if k > 0 {
			b.WriteByte(' ')
			if of && k == len(ws)-1 {
				b.WriteString("of ")
			}
		}
		b.WriteString(ws[k].s)
	}
	d, err := rules.ResolveDestination(b.String())
	return err == nil && !d.Region.IsValid() && d.Country == c
}

// countryLong returns countryLongForm of the query, worked out on first
// asking in a search.
func (sc *scratch) countryLong() uint64 {
	if !sc.qLongAsked {
		sc.qLong, sc.qLongAsked = countryLongForm(sc.qs), true
	}
	return sc.qLong
}

// withoutCountryLong takes the query words of a country's long name
// (countryLong) that an organisation's name leaves unmatched (qm, the
// query's own words qOwn) out of missQ, their weight as unmatchedWeights
// counted it, and adds them to qOwn: ISLAMIC REPUBLIC of IRAN says IRAN.
// The country word itself counts as a country does.
func (sc *scratch) withoutCountryLong(qm, qOwn uint64, individual bool, missQ float32) (float32, uint64) {
	long := sc.countryLong() &^ qm &^ qOwn
	if long == 0 {
		return missQ, qOwn
	}
	for i := range sc.qs {
		if long&bit(i) != 0 {
			q := &sc.qs[i]
			missQ -= q.w * q.variantInfo.missFactor(individual, false)
		}
	}
	return max(missQ, 0), qOwn | long
}

// minPlaceAdjStem is the least length of a place's stem that a Russian
// place adjective is read on (placeAdjective).
const minPlaceAdjStem = 4

// entryPlaceLeft reports whether the listed word t of an organisation's
// name (rec), left out by a query that holds the rest of it, names where
// the entry is: a word of the city or region of one of its addresses, or
// that place's Russian adjective (ARZAMASSKOE of Arzamas, SAMARSKII of
// Samara, IRKUTSKAYA of Irkutsk). A company's registered name often says
// its town, and its short name leaves the town out (TEMP-AVIA PAO for
// ARZAMASSKOE NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE TEMP-AVIA): the word
// counts as a generic word left out. Read from the entry itself, so a
// look-alike that leaves out another word keeps the general rule; and
// only beside a word of the name's own (ownWordAligned): MACHINE BUILDING
// PLANT is not ARZAMAS MACHINE BUILDING PLANT, nor INSTRUMENT PLANT
// NOVOSIBIRSKII PRIBOROSTROITELNYI ZAVOD, whose town is what names them.
//
//go:noinline
func (ix *Index) entryPlaceLeft(sc *scratch, rec *nameRec, ctoks []int32, start int, t *tokInfo) bool {
	if t.common || len(t.s) < minPlaceWordLen+1 || t.generic || !ix.ownWordAligned(sc, ctoks, start) {
		return false
	}
	e := ix.entries[rec.entry]
	for i := range e.Addresses {
		a := &e.Addresses[i]
		for _, f := range [...]string{a.City, a.State} {
			if f == "" {
				continue
			}
			f = asciiField(f)
			for k := 0; k < len(f); {
				var p string
				if p, k = nextFieldWord(f, k); len(p) >= minPlaceAdjStem && (placeWordIs(p, t.s, t.skel) || placeAdjective(p, t.s)) {
					return true
				}
			}
		}
	}
	return false
}

// placeAdjEndings are the endings of a Russian adjective in the
// romanisations in use, after the suffix -sk-: masculine, feminine and
// neuter, nominative and genitive.
var placeAdjEndings = [...]string{"iy", "ii", "iyy", "yy", "y", "i", "iy", "aya", "aia", "aja", "oe", "oye", "oie", "ogo", "oy", "oi", "ie", "iye", "ye", "ikh"}

// placeAdjective reports whether w is the Russian adjective of the place
// word p (any case): p without a final vowel, then -sk- (once, when p ends
// in -sk already) and an adjective ending. Arzamas, arzamasskoe; Samara,
// samarskii; Irkutsk, irkutskaya.
func placeAdjective(p, w string) bool {
	if len(p) > 32 || len(w) <= len(p) {
		return false
	}
	var low [32]byte
	n := len(p)
	for k := 0; k < n; k++ {
		low[k] = p[k] | 0x20
	}
	stem := string(low[:n])
	if strings.HasSuffix(stem, "sk") {
		stem = stem[:n-2]
	} else if strings.ContainsRune("aeiouy", rune(stem[n-1])) {
		stem = stem[:n-1]
	}
	if len(stem) < minPlaceAdjStem || !strings.HasPrefix(w, stem) || !strings.HasPrefix(w[len(stem):], "sk") {
		return false
	}
	end := w[len(stem)+2:]
	for _, x := range placeAdjEndings {
		if end == x {
			return true
		}
	}
	return false
}

// ownWordAligned reports whether a word of the listed organisation's name
// ctoks that the edges from start align is a word of its own: no common
// English word, generic word or descriptor in any language.
func (ix *Index) ownWordAligned(sc *scratch, ctoks []int32, start int) bool {
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			if t := &ix.toks[ctoks[j]]; !t.common && !t.orgGeneric() {
				return true
			}
		}
	}
	return false
}

// chineseSeatFirst reports whether the listed word t, the first of an
// organisation's name ctoks, is a Chinese province or city (the Chinese
// places of the variant tables: Fujian, Zhejiang, Shenzhen) said in front
// of at least two more words. A company registered in China is named by
// its region, its trade name, its trade and its form, in that order
// (FUJIAN TORCH ELECTRON TECHNOLOGY CO., LTD.); its short name is the
// trade name, with or without the trade, and leaves the region out.
func chineseSeatFirst(ctoks []int32, t *tokInfo) bool {
	return len(ctoks) >= 3 && t.group != 0 && variantGroups[t.group-1].kind == variantChinesePlace
}

// tradeNameAfterSeat reports whether the edges from start align the words
// of a Chinese company's registered name ctoks that follow its region
// (chineseSeatFirst), two or more in a row from the second, none of them a
// generic word or descriptor, and the query leaves out the rest of the
// name, all generic words or descriptors (the trade, the form): the trade
// name said without the region. Translated, a trade name is often common
// English words (TORCH ELECTRON for FUJIAN TORCH ELECTRON TECHNOLOGY CO.,
// LTD.); such a query is not one of ordinary words only (ordinaryAligned),
// since the name it leaves is a region and a trade, and the words it keeps
// are the whole of what names the company. The region left out counts as
// any listed word a shortened name leaves out; where the entry's address
// says it, as a seat (entryPlaceLeft).
//
//go:noinline
func (ix *Index) tradeNameAfterSeat(sc *scratch, ctoks []int32, start int) bool {
	if len(ctoks) < 3 || len(ctoks) > 64 {
		return false
	}
	if t := &ix.toks[ctoks[0]]; !chineseSeatFirst(ctoks, t) {
		return false
	}
	var m uint64
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			if j == 0 || ix.toks[ctoks[j]].orgGeneric() {
				return false
			}
			m |= bit(int(j))
		}
	}
	n := bits.OnesCount64(m)
	if n < 2 || m != spanMask(1, int8(n)) {
		return false
	}
	// what follows the trade name is the trade, all of it left out
	for j := n + 1; j < len(ctoks); j++ {
		if !ix.toks[ctoks[j]].orgGeneric() {
			return false
		}
	}
	return true
}

// otherPlace reports whether the query word q and the listed word t are
// two different places of the place tables: a Chinese province or city
// (chinese-places.txt) or a country (country-adjectives.txt). Such words
// are two places, however alike they are written (SHANGHAI and SHAANXI,
// HUNAN and HENAN, AUSTRIA and AUSTRALIA), not one place misspelt: a
// place names where a company is, and another place another company. A
// letter doubled or written once is the one slip kept (SHANXI for
// SHAANXI, the commonest of them): the tables cannot tell it from the
// place's own spelling.
func otherPlace(q *qtok, t *tokInfo) bool {
	g, h := q.group, t.group
	return g != h && placeGroups[g] && placeGroups[h] && !sameUndoubled(q.s, t.s)
}

// sameUndoubled reports whether a and b are the same word once each run
// of a letter repeated is written once.
func sameUndoubled(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] != b[j] {
			return false
		}
		c := a[i]
		for i < len(a) && a[i] == c {
			i++
		}
		for j < len(b) && b[j] == c {
			j++
		}
	}
	return i == len(a) && j == len(b)
}

// placeGroups[g] reports whether group g holds a place (otherPlace); 0 is
// no group.
var placeGroups = func() (t [len(variantGroups) + 1]bool) {
	for i := range variantGroups {
		k := variantGroups[i].kind
		t[i+1] = k == variantChinesePlace || k == variantCountry
	}
	return t
}()
