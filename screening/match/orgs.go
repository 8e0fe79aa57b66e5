package match

import (
	"slices"
	"strings"
)

// Organisation names: rules that apply only to listed organisations.

// singleRespelling reports whether e, the one edge a listed organisation's
// name aligned (ctoks its words), pairs a query word with a listed word of
// the same romanisation skeleton that starts with the same letter, or with
// letters romanisations swap at the start of a word (c/k/q, v/w, i/y/j;
// respellStart): the same name in another romanisation ("Sokhra" and
// "Sohra", "Feniks" and "Fenix", "Mayak" and "Maiak"), as strong evidence
// as the skeleton's similarity says. Other fuzzy pairs (a letter more or less, another vowel) stay weak
// evidence, and so do skeletons that meet only after the first letter
// changed (Shimmick and Zemic).
func (ix *Index) singleRespelling(sc *scratch, ctoks []int32, e *edge) bool {
	if e.qlo != e.qhi || e.clo != e.chi {
		return false
	}
	q, t := &sc.qs[e.qlo], &ix.toks[ctoks[e.clo]]
	return (q.skel == t.skel || betacism(q.skel, t.skel)) && len(q.skel) > 0 && respellStart(q.s[0]) == respellStart(t.s[0])
}

// minBetacismLen is the least length of the skeletons betacism compares.
const minBetacismLen = 5

// betacism reports whether two skeletons of the same length,
// minBetacismLen letters or more, differ only in a b against a v after
// their first letter: Spanish says the two letters alike, and a name said
// in Spanish is written either way (TROVER, TROBER). The first letter
// stays apart (respellStart), as do shorter words.
func betacism(a, b string) bool {
	if len(a) != len(b) || len(a) < minBetacismLen || a[0] != b[0] {
		return false
	}
	swapped := false
	for i := 1; i < len(a); i++ {
		if x, y := a[i], b[i]; x != y {
			if x != 'b' && x != 'v' || y != 'b' && y != 'v' {
				return false
			}
			swapped = true
		}
	}
	return swapped
}

// respellStart maps the first letter of a word to a class of the letters
// that romanisations of one name use in its place: c, k and q (Kosmos,
// Cosmos; Qom, Kom), v and w (Vomz, Womz), i, y and j (Iupel, Yupel,
// Jupel). s and z stay apart, as do sh and s.
func respellStart(c byte) byte {
	switch c {
	case 'c', 'q':
		return 'k'
	case 'w':
		return 'v'
	case 'y', 'j':
		return 'i'
	}
	return c
}

// How much the words of a listed organisation's name that the query leaves
// out count, relative to their weight, depends on how much of the name
// agreed:
//
//   - the query aligns in full, closely and on two words or more, and the
//     words left out say what the business is or does (generic words,
//     descriptors in any language): the organisation's short name
//     (AVIASTAR-SP for AVIASTAR-SP AIRCRAFT MANUFACTURING ENTERPRISE,
//     VANESSA IMEX for VANESSA IMEX GROUP ITHALAT IHRACAT VE DIS TICARET).
//     They count missGeneric (0.3), and the 0.75 of alphaUnmatched on top.
//   - the query aligns on one word only of a longer organisation name: weak
//     evidence of that name, so the words left out count in full, not
//     alphaUnmatched (IBEX Ltd is not IBEX SHIPPING INC). Unless that word
//     is a long coined one and the words left out are all generic
//     (soleCoinedWord): then it is the organisation's short name, as with
//     two words.

// minCoinedLen is the least length of a query word that, aligned alone,
// stands for a whole organisation name (soleCoinedWord).
const minCoinedLen = 10

// soleCoinedWord reports whether the query aligns with a listed
// organisation's name on one word only, a word of minCoinedLen letters or
// more aligned closely, that is distinctive, and the listed words it leaves
// out all say what the business is or does (generic words, descriptors):
// ROSTFINANS for BANK ROSTFINANCE, TYAZHPRESSMASH for TYAZHPRESSMASH
// CONSULTING. A word that long is a coined name (a compound, a brand), not
// a word another company would also take, as shorter ones are (IBEX Ltd is
// not IBEX SHIPPING INC; SOUTHERN CO is not LLC SOUTHERN PROJECT).
func (ix *Index) soleCoinedWord(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int) bool {
	es := sc.edgeStore[start:]
	if len(es) != 1 || !al.distinct || es[0].sim < closeMinSim || es[0].qlo != es[0].qhi || len(ctoks) > 64 {
		return false
	}
	if ix.coinedAlone(sc, rec, ctoks, &es[0]) {
		return true // coined.go
	}
	if len(sc.qs[es[0].qlo].s) < minCoinedLen && !ix.shortNameEvidence(sc, rec) {
		return false
	}
	for j, ct := range ctoks {
		if al.cm&bit(j) == 0 {
			if t := &ix.toks[ct]; !t.orgGeneric() && !ix.groupPrefix(sc, rec, ctoks, &es[0]) {
				return false
			}
		}
	}
	return true
}

// missAddedOrg is the share of their weight that the generic words and
// descriptors a query adds to the whole of a listed organisation's name
// (aligned closely, on two words or more) count for: what the business is
// or does, said on top of its name (FARS NEWS AGENCY CULTURAL INSTITUTE for
// FARS NEWS AGENCY; AL-SHABAAB AL-ISLAMIYA for AL-SHABAAB).
const missAddedOrg = 0.15

// missAddedWordOrg is the share of its weight that a word of its own, not
// generic, counts for when the query holds the whole of a listed
// organisation's name closely, on two words or more, with a distinctive
// word among them: a name that holds another whole name of two words or
// more is that party's more often than another's (a group, a place or a
// branch said on top: AWEX CRYPTO EXPLORER DMCC for CRYPTO EXPLORER DMCC,
// NORD GOLD UK SOCIETAS for NORD GOLD PLC), as the evaluation sets count
// a non-listed name holding a listed one of two words or more no
// negative. A look-alike that replaces a listed word does not hold the
// whole name and keeps the full count; so does a name of generic words and
// descriptors only (addedWordShare).
const missAddedWordOrg = 0.6

// addedWordShare is the share of its weight that a query's word of its own
// counts for on top of the whole of a listed organisation's name (ctoks,
// all aligned: cm): missAddedWordOrg when a word of the name is neither a
// generic word nor a descriptor in any language, in full when the name is
// made of such words only (BANCO NACIONAL DE CUBA is not BANCO NACIONAL,
// the national bank of another country).
func (ix *Index) addedWordShare(ctoks []int32, cm uint64) float32 {
	for j, ct := range ctoks {
		if t := &ix.toks[ct]; j < 64 && cm&bit(j) != 0 && !t.orgGeneric() {
			return missAddedWordOrg
		}
	}
	return 1
}

// minCoinedWordLen is the least length of a coined word (coinedWord).
const minCoinedWordLen = 5

// soleCoinedEdge reports whether the query holds the whole of a listed
// organisation's name that is one coined word (coinedWord) written with a
// legal form, and the query's legal form, if any, is a registered one
// (registeredForm): the edges of the result from start on are one, a
// query word aligned closely with that word. A registered company whose
// whole name is a coined word is what a name holding that word on top of
// other words names more often than not (MAXTECH SOLUTIONS for LIMITED
// LIABILITY COMPANY MAXTECH, HARDBERRY RUSFACTOR LLC for HARDBERRY
// LIMITED LIABILITY COMPANY), as with the whole name of two words or
// more; its added words then count missAddedWordOrg (unmatchedWeights).
// Not a common English word (ELEMENT, RESOURCE: JSC Element is not
// JOINT STOCK COMPANY ELEMENT METALLURGICAL PLANT), nor a bare word listed
// without a legal form, which is a brand or a group's name that other
// companies hold too, nor a query with the Inc., Corp., Co. or plc of
// English names (Karbon Capital Partners Corp. is not LIMITED LIABILITY
// COMPANY KARBON).
func (ix *Index) soleCoinedEdge(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	if rec.legal == LegalNone || sc.nt.legal != LegalNone && !registeredForm(sc.nt.legal) {
		return false
	}
	es := sc.edgeStore[start:]
	return len(es) == 1 && es[0].qlo == es[0].qhi && es[0].clo == es[0].chi && es[0].sim >= closeMinSim && coinedWord(&ix.toks[ctoks[es[0].clo]])
}

// coinedWord reports whether the listed word t is a coined one: a brand or
// a compound of minCoinedWordLen letters or more that is no common English
// word (isEnglishWord), no generic word and no descriptor in any language
// (MAXTECH, OKTANTA, HARDBERRY; not ELEMENT, RESOURCE, PIONEER).
func coinedWord(t *tokInfo) bool {
	return len(t.s) >= minCoinedWordLen && !t.common && !t.orgGeneric()
}

// ordinaryAligned reports whether every word of the listed organisation's
// name nid (words ctoks) that the edges from start align is an ordinary word: a common
// English word (isEnglishWord) or a generic word. A query
// that agrees with a name on such words only (GREAT and PRISON for GREAT
// TEHRAN PENITENTIARY, MIDDLE EAST for MIDDLE EAST BANK, FANG HOLDINGS for
// TIAN FANG HOLDINGS LIMITED) has not shown that it is that name
// shortened: any company may take them, so the listed words it leaves out
// count in full (scoreDenominator), as for one word of a longer name.
// Descriptors in other languages are not ordinary here: rigour counts
// ALMAZ (diamond) as one, and it is the name of ALMAZ SCIENTIFIC
// PRODUCTION ASSOCIATION.
func (ix *Index) ordinaryAligned(sc *scratch, nid int32, ctoks []int32, start int) bool {
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			if t := &ix.toks[ctoks[j]]; !t.common && !t.generic {
				return false
			}
		}
	}
	// a word the listed name quotes by itself is its own (quotedword.go);
	// a Chinese company's trade name after its region (places.go)
	return !ix.quotedAligned(sc, nid, start) && !ix.tradeNameAfterSeat(sc, ctoks, start)
}

// minBareFirstLen is the least length of a coined word listed bare that
// stands for its name with descriptors after it (bareCoinedName).
const minBareFirstLen = 8

// bareCoinedName reports whether the listed organisation's whole name is
// one coined word of minCoinedLen letters or more listed without a legal
// form (a brand, a group's name), aligned closely by one query word, and the query's other words (not in
// qm) are all generic words or descriptors: what the business is or does
// said beside its name (URALVAGONZAVOD RESEARCH AND PRODUCTION CORPORATION
// for URALVAGONZAVOD). A coined word of minBareFirstLen letters or more
// does so when it is the query's first word, what the business is said
// after it, as a name built on the brand reads (SYRIATEL MOBILE TELECOM
// SA for SYRIATEL, ELEHSSAN SOCIETY for ELEHSSAN); a descriptor in front
// of it is the look-alike's shape (HOLDINGS HIZBALLAH), while a group's
// initials in front of it (groupInitialism: CVG MINERVEN) say whose brand
// it is and count as a descriptor does. Another word of
// its own would make it another company holding the brand
// (soleCoinedEdge), and so would a shorter word (DEVON ENERGY CORP is not
// DEVON, TRITON INTERNATIONAL LTD not TRITON). The query's legal form is a
// registered one or none, or, when the brand comes first with two words or
// more after it, any (ALUMINAT PRODUCTION AND INDUSTRIAL COMPANY for
// ALUMINAT): the form of English names says nothing of which company it
// is (soleCoinedEdge), the brand said first with what it does does.
func (ix *Index) bareCoinedName(sc *scratch, rec *nameRec, ctoks []int32, start int, qm uint64) bool {
	if rec.legal != LegalNone || len(ctoks) != 1 {
		return false
	}
	es := sc.edgeStore[start:]
	if sc.nt.legal != LegalNone && !registeredForm(sc.nt.legal) && (len(es) != 1 || es[0].qlo != 0 || len(sc.qs) < 3) {
		return false
	}
	lead := sc.bareLead(es)
	if t := &ix.toks[ctoks[0]]; len(es) != 1 || es[0].qlo != es[0].qhi || es[0].sim < closeMinSim || len(t.s) < minBareFirstLen || len(t.s) < minCoinedLen && es[0].qlo != 0 && lead == 0 || !coinedWord(t) {
		return false
	}
	return sc.descriptorsLeft(qm | lead)
}

// bareLead returns, a bit per query word, the words in front of a brand
// listed bare that the edges es align with one query word: a group's
// initials (groupInitialism: CVG MINERVEN), or a word paired with the
// brand by and (andBefore) when the query says after the brand what kind
// of body it is (kindAfter): BIRR AND ELEHSSAN SOCIETY, BIR WA ELEHSSAN
// SOCIETY (al-Birr wal-Ihsan, piety and charity), a body named by two
// words of what it does and listed by one. They say whose brand it is or
// what it does, and count as a descriptor does; 0 if none. A word paired
// with a brand and no kind (APPLE AND SYRIATEL) names two things.
func (sc *scratch) bareLead(es []edge) uint64 {
	if len(es) != 1 {
		return 0
	}
	switch k := es[0].qlo; {
	case k == 1 && groupInitialism(&sc.qs[0]):
		return 1
	case k == 1 && len(sc.qs[0].s) >= 3 && sc.kindAfter(2) && andBefore(sc.qName, sc.qs[1].s):
		return 1
	}
	return 0
}

// kindAfter reports whether a query word from the i-th on says what kind of
// body it is, in a descriptor that is no generic word (kindBesideBareName).
func (sc *scratch) kindAfter(i int) bool {
	for ; i < len(sc.qs); i++ {
		if q := &sc.qs[i]; isOrgDescriptor(q.group) && !isGenericWord(q.s) {
			return true
		}
	}
	return false
}

// andBefore reports whether the raw name s writes, right before the word w
// (lower case, as the query's words are), the word and or the wa, va or ve
// of Arabic, Persian and Turkish, in any case.
func andBefore(s, w string) bool {
	for i := 1; i+len(w) < len(s); i++ {
		if s[i] != ' ' || !strings.EqualFold(s[i+1:i+1+len(w)], w) {
			continue
		}
		j := strings.LastIndexByte(s[:i], ' ')
		if c := s[j+1 : i]; j > 0 && (strings.EqualFold(c, "and") || len(c) == 2 && (strings.EqualFold(c, "wa") || strings.EqualFold(c, "va") || strings.EqualFold(c, "ve"))) {
			return true
		}
	}
	return false
}

// groupInitialism reports whether the query word q is a group's or a
// parent's initials written in front of a brand (CVG MINERVEN, the
// Corporacion Venezolana de Guayana's Minerven): two to four letters, no
// vowel, no digit, no legal form.
func groupInitialism(q *qtok) bool {
	return len(q.s) >= 2 && len(q.s) <= 4 && !hasVowel(q.s) && !hasDigit(q.s) && !oneWordForm(q.s)
}

// seatAfterForm returns the place in qs of a query word left over (not in
// qm) that is a legal form of one word followed by one or two words at the
// end of the query, len(qs) if there is none. A company's registered form
// is followed by where it is or what part of it is meant (REYCO GMBH
// GERMANY, ARANEKS DOO BEOGRAD VOZDOVAC, VTB BANK PJSC SHANGHAI BRANCH):
// on top of the whole of a listed name written with a legal form, the
// form counts nothing and the words after it count as descriptors
// (unmatchedWeights). A listed name without a form is not read so: TOP
// GROUP GMBH KONFEKTIONSBUGELEI is not TOP 3D GROUP.
func seatAfterForm(qs []qtok, qm uint64) int {
	n := len(qs)
	for i := n - 2; i >= 1 && i >= n-3; i-- {
		if w := qs[i].s; qm&bit(i) == 0 && isLegalLast(w) {
			if _, ok := legalForms[w]; ok {
				return i
			}
		}
	}
	return n
}

// listedSeat is seatAfterForm for the listed organisation's name ctoks
// (aligned: cm): the place of a one-word legal form left out with one or
// two words after it at the name's end (MSP KALA NAFT CO. TEHRAN), or
// len(ctoks). A query that holds the rest of the name, shortened, leaves
// out the form and the seat as it leaves out what the business does;
// not when the words it holds are ordinary ones (ordinaryAligned: Liberty
// Global Ltd. is not GLOBAL LIBERTY D.O.O. LAKTASI).
func (ix *Index) listedSeat(ctoks []int32, cm uint64) int {
	n := len(ctoks)
	for i := n - 2; i >= 1 && i >= n-3; i-- {
		if cm&bit(i) != 0 {
			return n // the seat is left out whole
		}
		if w := ix.toks[ctoks[i]].s; isLegalLast(w) {
			if _, ok := legalForms[w]; ok && cm&bit(n-1) == 0 {
				return i
			}
		}
	}
	return n
}

// activityPreps are the words that introduce what a company does after its
// registered form: English for, Serbian, Croatian, Slovene and Czech za and
// pro, Polish dla, Russian po, Spanish para, French pour, German fur.
var activityPreps = map[string]bool{"for": true, "za": true, "pro": true, "dla": true, "po": true, "para": true, "pour": true, "fur": true}

// innerFormName returns, for a name's fields (analysed, no legal form at
// its ends), the name up to and with a legal form of two words or more
// inside it followed by what the company does (KATINA DRUSTVO S
// OGRANICENOM ODGOVORNOSCU ZA NEKRETNINE I UGOSTITELJSTVO: KATINA DRUSTVO
// S OGRANICENOM ODGOVORNOSCU), or "". The company is registered as the
// words before its form; the words after it describe its business.
func innerFormName(fields []string, scratch []byte) string {
	for i := 1; i+2 < len(fields); i++ {
		if !isLegalFirst(fields[i]) {
			continue
		}
		n, c := longestLegal(fields[i:], false, scratch)
		if n < 2 || c == LegalNone || i+n >= len(fields) || !activityPreps[fields[i+n]] {
			continue
		}
		if !slices.ContainsFunc(fields[:i], ownNameWord) {
			return "" // a country's or generic words alone: no name
		}
		return strings.Join(fields[:i+n], " ")
	}
	return ""
}

// ownNameWord reports whether w may name a company on its own: no stop
// word, generic word, country or demonym.
func ownNameWord(w string) bool {
	return !isStopWord(w) && !isGenericWord(w) && !countryWord(w) && !hasDigit(w)
}

// closeOrRespelt reports whether the edges of a listed organisation's name
// ctoks from start are two or more, each close (closeEdges, closeMinSim),
// or close but for a word respelt by a romanisation (respeltCloseEdges):
// the words that agree leave no doubt. One query word that holds two
// listed words or more written joined (joinedClose) counts as those words.
func (ix *Index) closeOrRespelt(sc *scratch, ctoks []int32, start int) bool {
	return sc.closeEdges(start, closeMinSim) || ix.joinedClose(sc, ctoks, start) || ix.respeltCloseEdges(sc, ctoks, start)
}

// minJoinedWord is the least length of each listed word that a query word
// holds joined (joinedClose).
const minJoinedWord = 3

// joinedClose reports whether the edges of a result from start on are one
// query word that is two listed words or more of ctoks written joined,
// exactly (DONASHELL for N.P.T.T. DONA-SHELL): as much evidence as the
// words written apart, which closeEdges reads. Each listed word is a word
// of minJoinedWord letters or more with a vowel: letters or initials
// joined are initials (WM for W & M), and a clipping of words joined
// (ADDTECH for ADDITIVE TECHNOLOGY) is another brand's as often.
func (ix *Index) joinedClose(sc *scratch, ctoks []int32, start int) bool {
	if len(sc.edgeStore)-start != 1 {
		return false
	}
	e := &sc.edgeStore[start]
	if e.chi <= e.clo || e.qlo != e.qhi || e.sim < 1 {
		return false
	}
	for j := e.clo; j <= e.chi; j++ {
		if t := &ix.toks[ctoks[j]]; len(t.s) < minJoinedWord || t.vowelless {
			return false
		}
	}
	return true
}

// minRespeltCloseLen is the least length of a query word that a respelling
// of one listed word lets count as close (respeltCloseEdges).
const minRespeltCloseLen = 4

// respeltCloseEdges reports whether the edges of a listed organisation's
// name from start are two or more, each close (closeMinSim) or a word
// respelt by a romanisation: one query word against one listed word of
// the same skeleton and first letter (singleRespelling), of the same
// consonants with other vowels (vowelRespelling) or a place's name against
// its adjective (adjectivePair: AMUR for AMURSKY), of minRespeltCloseLen
// letters or more on both sides, neither a common English word, and at
// least one of the edges close. The
// distinctive words of names taken from Arabic, Persian or Turkish are
// written with other vowels and other letters for one sound (AFAK DUBAI
// EXCHANGE COMPANY for AFAQ DUBAI, AL-DONYA TELEVISION CHANNEL for
// AL-DUNYA TELEVISION): such a word leaves no more doubt than a close one,
// while a short word of another skeleton or first letter (GOSTAR, COSTAR)
// still does, and so does an English word respelt, which other companies
// take too (Alpha General Trading is not ALFA TRADING COMPANY). Called
// only when closeEdges fails.
func (ix *Index) respeltCloseEdges(sc *scratch, ctoks []int32, start int) bool {
	es := sc.edgeStore[start:]
	if len(es) < 2 {
		return false
	}
	loose := 0
	for i := range es {
		e := &es[i]
		if e.sim >= closeMinSim {
			continue
		}
		if e.sim < vowelShapeSim {
			return false // no respelling of one skeleton
		}
		q, t := sc.qs[e.qlo].s, &ix.toks[ctoks[e.clo]]
		if len(q) < minRespeltCloseLen || len(t.s) < minRespeltCloseLen || !ix.singleRespelling(sc, ctoks, e) && !ix.vowelRespelling(sc, ctoks, e) && !adjectivePair(e, q, t.s) {
			return false
		}
		if (isEnglishWord(q) || t.common) && !ix.twoCoinedExact(ctoks, es) {
			return false
		}
		loose++
	}
	return loose > 0 && loose < len(es)
}

// twoCoinedExact reports whether two of the edges es or more each align
// one query word exactly with one listed coined word (coinedWord): beside
// them, a word respelt that is also an English word (ARIA for ARYA in
// ZAGROS TARABARAN ARIA for ZAGROS TARABARAN-E ARYA) is the name's own
// word, not a common word another company may take.
func (ix *Index) twoCoinedExact(ctoks []int32, es []edge) bool {
	n := 0
	for i := range es {
		if e := &es[i]; e.sim >= 1 && e.qlo == e.qhi && e.clo == e.chi && coinedWord(&ix.toks[ctoks[e.clo]]) {
			n++
		}
	}
	return n >= 2
}

// minVowelRespeltLen is the least length of the skeletons of two words
// with the same consonants and other vowels that vowelRespelling counts
// as one word respelt.
const minVowelRespeltLen = 5

// vowelRespelling reports whether e pairs one query word with one listed
// word whose skeletons, minVowelRespeltLen letters or more, have the same
// consonants with vowels at the same places (sameVowelShape): a word
// romanised from a script that writes few short vowels (JAMEHA for JAMIA,
// NUMEIRIYA for NOUMAYRIYE).
func (ix *Index) vowelRespelling(sc *scratch, ctoks []int32, e *edge) bool {
	if e.qlo != e.qhi || e.clo != e.chi {
		return false
	}
	q, t := &sc.qs[e.qlo], &ix.toks[ctoks[e.clo]]
	return min(len(q.skel), len(t.skel)) >= minVowelRespeltLen && sameVowelShape(q.skel, t.skel)
}

// orgGeneric reports whether t says what kind of business an organisation
// is rather than which one: a generic word or a word of an organisation
// descriptor group.
func (t *tokInfo) orgGeneric() bool { return t.generic || isOrgDescriptor(t.group) }
