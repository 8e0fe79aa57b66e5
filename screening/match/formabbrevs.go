package match

// Russian, Soviet and other CIS organisations write what kind of
// organisation they are as an abbreviation in front of the name, where
// other companies write a legal form, and English renderings keep the
// Russian letters or translate them: VO (vneshneekonomicheskoe
// obedinenie, foreign economic association) PROMSYRIOIMPORT, FAU
// (federalnoe avtonomnoe uchrezhdenie, federal autonomous institution)
// GLAVGOSEKSPERTIZA ROSSII, SUE RC (state unitary enterprise of the
// Republic of Crimea) FEODOSIA OPTICAL PLANT, GNTS FGUGP (state research
// centre, federal state unitary geological enterprise) YUZHMORGEOLOGIYA.
// Most are not legal forms (the legal-form table has FGUP, GUP, FSUE),
// and the lists and their aliases write them or leave them out at will.
// A run of them at the start of a name, followed by a coined name, is
// the name's own form: its words are not counted as left over
// (ownWords, unmatchedWeights). The name keeps them, and its legal
// class stays as it is. Before a common word, a short word or a generic
// one, they are left as they are: VO is also the Vietnamese family name
// Võ, SUE an English given name, NPO a non-profit organisation.

// formAbbrev reports whether the normalised word w is one of the
// abbreviations (formAbbrevForm) or a region's initials after one
// (formAbbrevRegion), and 0 if neither. The abbreviations are those of
// rigour's org_types.yml written in Cyrillic (ФГУП, ГУП, ФГБУ, ФГУ, ФГНУ,
// ФКП, ФКУ, МУП, ДГУП, ГУСП, НЦ) transliterated, their English
// renderings (FSUE, SUE: (federal) state unitary enterprise), and the
// Soviet and Russian forms of research, production and trade
// organisations: NPO, NPP, NPK (nauchno-proizvodstvennoe obedinenie,
// predpriyatie, korporatsiya: research and production association,
// enterprise, corporation), GNTS (gosudarstvenny nauchny tsentr, state
// research centre), NTTS (nauchno-tekhnicheskiy tsentr), FGUGP (federal
// state unitary geological enterprise), FAU and FGAU ((federal state)
// autonomous institution), FGBU and FBU (federal (state) budgetary
// institution), Belarusian RUP (respublikanskoe unitarnoe predpriyatie,
// republican unitary enterprise) and VO. A region's initials follow a
// form (GUP RK, SUE RC: of the Republic of Crimea) and are no form
// themselves.
func formAbbrev(w string) uint8 {
	if len(w) < 2 || len(w) > 5 {
		return 0
	}
	switch w {
	case "fgup", "gup", "fsue", "sue", "mup", "fkp", "fku", "fgu", "fgbu", "fgnu", "fgau", "fau",
		"fbu", "dgup", "gusp", "fgugp", "npo", "npp", "npk", "gnts", "nts", "ntts", "rup", "vo":
		return formAbbrevForm
	case "rc", "rk":
		return formAbbrevRegion
	}
	return 0
}

const (
	formAbbrevForm = 1 + iota
	formAbbrevRegion
)

// minFormNameLen is the length of the coined name that must follow a run
// of form abbreviations; vo, a Vietnamese family name as well, asks for
// minBareFirstLen.
const minFormNameLen = 6

// formAbbrevLen returns the number of words of a run of form
// abbreviations (formAbbrev) that a name of n words (word returns each)
// starts with, a region's initials allowed after a form, when the word
// after the run is a coined name: minFormNameLen letters or more (vo
// alone: minBareFirstLen), no common English word, generic word or
// country; sue only with a word of the run after it (SUE RC). It returns 0
// otherwise.
func formAbbrevLen(n int, word func(int) string) int {
	if n < 2 || formAbbrev(word(0)) != formAbbrevForm {
		return 0
	}
	i := 1
	for i < n-1 && formAbbrev(word(i)) != 0 {
		i++
	}
	w := word(i)
	least := minFormNameLen
	switch word(0) {
	case "vo":
		if i == 1 {
			least = minBareFirstLen
		}
	case "sue":
		if i == 1 {
			// alone, an English given name
			return 0
		}
	}
	if !coinedFormName(w, least) {
		return 0
	}
	return i
}

// The same forms of research and production organisations are written out
// in English or in Russian, in front of the name or after it: RESEARCH AND
// PRODUCTION ENTERPRISE RADIOSVYAZ, SCIENTIFIC INDUSTRIAL COMPANY DIPAUL,
// CONCERN AVRORA SCIENTIFIC AND PRODUCTION ASSOCIATION, NAUCHNO-
// PROIZVODSTVENNAYA KORPORATSIYA URALVAGONZAVOD. Three words, the first
// saying research, the second production, the third what the organisation
// is ("and" is a stop word and no word of the name), at the start or the
// end of a name beside a coined name (formAbbrevLen's test), are the
// name's own form (researchFormLen).

// researchWord, productionWord and researchKind report whether w is one
// of the three words' forms: English, and the BGN/PCGN romanisation of the
// Russian adjectives and nouns with their usual variants.
func researchWord(w string) bool {
	switch w {
	case "scientific", "research", "science", "nauchno":
		return true
	}
	return false
}

func productionWord(w string) bool {
	switch w {
	case "production", "industrial", "proizvodstvennoe", "proizvodstvennoye", "proizvodstvennaya",
		"proizvodstvennaia", "proizvodstvenny", "proizvodstvennyi", "proizvodstvennyy", "proizvodstvennyj":
		return true
	}
	return false
}

func researchKind(w string) bool {
	switch w {
	case "association", "enterprise", "corporation", "company", "complex", "center", "centre", "firm",
		"union", "obedinenie", "obyedinenie", "obedineniye", "predpriyatie", "predpriyatiye",
		"korporatsiya", "korporatsiia", "kompleks", "tsentr", "firma":
		return true
	}
	return false
}

// researchFormLen returns 3 when the first three words (atEnd: the last
// three) of a name of n words (word returns each) are a research and
// production form written out and the word beside them is a coined name
// (coinedFormName), and 0 otherwise.
func researchFormLen(n int, word func(int) string, atEnd bool) int {
	if n < 4 {
		return 0
	}
	s, next := 0, 3
	if atEnd {
		s, next = n-3, n-4
	}
	if !researchWord(word(s)) || !productionWord(word(s+1)) || !researchKind(word(s+2)) {
		return 0
	}
	if !coinedFormName(word(next), minFormNameLen) {
		return 0
	}
	return 3
}

// coinedFormName reports whether w, beside an organisation's form, is a
// coined name: least letters or more, no form abbreviation, common
// English word, generic word or country.
func coinedFormName(w string, least int) bool {
	return len(w) >= least && formAbbrev(w) == 0 && !isEnglishWord(w) && !isGenericWord(w) && !countryWord(w)
}

// A Russian company that builds housing for sale must say so in its name
// (specialised developer, спецзастройщик, since 2019): AO SPETSIALIZIROVANNYI
// ZASTROISHCHIK IKS, LLC SPECIALIZED DEVELOPER ALABUGA SOUTH PARK. The two
// words in front of the name are its status, written or left out at will,
// and the name's own (developerStatusLen).

// developerStatusLen returns 2 when a name of n words (word returns each)
// starts with the specialised developer's status, in English or in
// Russian, and a word follows, and 0 otherwise.
func developerStatusLen(n int, word func(int) string) int {
	if n < 3 {
		return 0
	}
	switch word(0) {
	case "specialized", "specialised":
		if word(1) == "developer" {
			return 2
		}
	case "spetsializirovannyi", "spetsializirovannyy", "spetsializirovanny", "spetsializirovannyj":
		switch word(1) {
		case "zastroishchik", "zastroyshchik", "zastroishik", "zastroyschik":
			return 2
		}
	}
	return 0
}
