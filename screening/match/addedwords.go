package match

import (
	"slices"
	"strings"
)

// Words said on top of the whole of a listed organisation's name whose own
// word is one party's: what the business is or does, in ordinary words
// (VATECH VIDEO AND PRO AUDIO for VATECH SARL, SELKBAF SPINNING AND
// WEAVING FACTORIES for SELKBAF CO, CONFIDERI FAMILY OFFICE for CONFIDERI
// PTE LTD).

// maxSoleNameDF is the most listed names that a coined word of a name read
// by soleNameOnTop may be a word of: one party's name, listed on a few
// lists.
const maxSoleNameDF = 3

// soleNameOnTop reports whether the query holds the whole of the listed
// organisation's name ctoks (rec; alignment al, its edges from start on)
// and adds to it only ordinary words (ordinaryAdded), and the name's own
// words are coined words (coinedWord) that no other party's name holds
// (soleParty). The query's coined words must be the listed ones exactly,
// in their order. The words on top then say what the business is or does
// in ordinary words, as generic words and descriptors do: a common English
// word is what a name built on a brand adds (VIDEO AND PRO AUDIO, SPINNING
// AND WEAVING, FAMILY OFFICE) and counts as those do (missAddedOrg); a
// word of the query's own counts missSoleOwnWord. A word that several parties' names hold is a family's (HAVANATUR, HAVANATUR CHILE;
// GAZPROM, GAZPROM NEFT) and says nothing of which member a name with words
// on top is; those keep the rules of the words on top (orgWordsOnTop).
// The listed name carries a legal form or has two words or more, and the
// query's form, if any, is a registered one (registeredForm: Karbon
// Capital Partners Corp. is not LIMITED LIABILITY COMPANY KARBON); or it
// is a bare brand said first with what its business is, in any form
// (bareBrandFirst): a bare word said elsewhere, or with one word, is a
// brand that companies named for the word hold too (bareCoinedName reads
// such names), and so is a word glued from business words (BANCORP
// GENERAL TRADING FZE is not BANCORP).
// qOwn are the query's own words, which count nothing.
func (ix *Index) soleNameOnTop(sc *scratch, rec *nameRec, ctoks []int32, al *alignment, start int, qOwn uint64) bool {
	if rec.individual || len(ctoks) > 4 || len(sc.qs) > 16 {
		return false
	}
	bare := rec.legal == LegalNone && len(ctoks) < 2
	if bare && !ix.bareBrandFirst(sc, ctoks, start) {
		return false
	}
	coined := 0
	for _, ct := range ctoks {
		t := &ix.toks[ct]
		if t.orgGeneric() {
			continue
		}
		if t.df > maxSoleNameDF || !coinedWord(t) || givenNameGroup(t.group) {
			return false
		}
		coined++
	}
	if coined == 0 {
		return false
	}
	es := sc.edgeStore[start:]
	for a := range es {
		e := &es[a]
		for j := e.clo; j <= e.chi; j++ {
			if t := &ix.toks[ctoks[j]]; !t.orgGeneric() && (e.sim < 1 || e.clo != e.chi || e.qlo != e.qhi) {
				return false // a coined word respelt or joined
			}
		}
		if e.sim < closeMinSim {
			return false
		}
		for b := range es {
			if f := &es[b]; (e.clo < f.clo) != (e.qlo < f.qlo) {
				return false // out of order
			}
		}
	}
	if sc.nt.legal != LegalNone && !registeredForm(sc.nt.legal) && !bare {
		return false
	}
	if !ix.ordinaryAdded(sc, al.qm, qOwn) {
		return false
	}
	for _, ct := range ctoks {
		if t := &ix.toks[ct]; !t.orgGeneric() && !ix.soleParty(rec, ctoks, ct) {
			return false
		}
	}
	return true
}

// ordinaryAdded reports whether the query words that the mask qm leaves
// out, but for the query's own words (qOwn), are one at least and each a
// generic word, a descriptor, a country or a common English word that is
// no given name; or a word of the query's own (a coined word, an
// acronym) when the query carries a legal form (HARDBERRY RUSFACTOR LLC
// for HARDBERRY LIMITED LIABILITY COMPANY), or, without one, an acronym
// of two to four letters without a vowel (OKTANTA NDT for LIMITED
// LIABILITY COMPANY OKTANTA). A query of a name and another word, no form,
// is as often a person's name (Аполлон Панова is not APOLLON OOO). A
// legal-form word among them is a form the query's end does not read as
// its own (DEVON ENERGY CORP/DE): not so, nor a number.
func (ix *Index) ordinaryAdded(sc *scratch, qm, qOwn uint64) bool {
	n := 0
	for i := range sc.qs {
		if qm&bit(i) != 0 || qOwn&bit(i) != 0 {
			continue
		}
		q := &sc.qs[i]
		if oneWordForm(q.s) || hasDigit(q.s) || givenNameGroup(q.group) {
			return false
		}
		if isGenericWord(q.s) || isOrgDescriptor(q.group) || ix.queryCountryWord(sc, i) {
			n++
			continue
		}
		if !isEnglishWord(q.s) && sc.nt.legal == LegalNone && (len(q.s) > 4 || hasVowel(q.s)) {
			return false
		}
		n++
	}
	return n > 0
}

// soleParty reports whether every listed name that holds the word ct is a
// name of the entry of rec or has the same words as ctoks: one party,
// listed on one list or under the same name on several.
func (ix *Index) soleParty(rec *nameRec, ctoks []int32, ct int32) bool {
	for _, n := range ix.postings(ct) {
		if o := &ix.names[n]; o.entry != rec.entry && !slices.Equal(ix.nameToks(o), ctoks) {
			return false
		}
	}
	return true
}

// missSoleOwnWord is the share of its weight that a query's word of its
// own, no ordinary word (ordinaryAdded), counts for on top of one party's
// coined name (soleNameOnTop): less than on top of a name that several
// parties' names hold (missAddedWordOrg), since the name's word says
// which party it is. 0.45 is the largest value at the dev halves' best
// (0.52 gains nothing).
const missSoleOwnWord = 0.45

// soleNameAdded is orgWordsOnTop's weight of the query words on top of a
// name that soleNameOnTop reads: missAddedOrg of their weight for the
// ordinary words, missSoleOwnWord for the query's words of its own, and
// nothing for the query's own words of a form or abbreviation (qOwn).
func (ix *Index) soleNameAdded(sc *scratch, qm, qOwn uint64) float32 {
	var missQ float32
	var kp kindPhrase
	for i := range sc.qs {
		if qm&bit(i) == 0 && qOwn&bit(i) == 0 {
			q := &sc.qs[i]
			if linkWord(q.s) {
				continue
			}
			if !isGenericWord(q.s) && !isOrgDescriptor(q.group) && !ix.queryCountryWord(sc, i) && !isEnglishWord(q.s) {
				missQ += q.w * missSoleOwnWord
				continue
			}
			kp.add(ix, sc, i, q.w)
		}
	}
	return missQ + kp.weight()*missAddedOrg
}

// linkWord reports whether w is an English preposition that links what a
// query says on top of an organisation's name to it, which the stop words
// (for, of, on, by) do not hold: with (a society WITH limited liability,
// a company WITH foreign investments, an institute WITH a pilot plant).
// Said on top of the whole of a listed name, it names nothing and counts
// nothing; the words it links count as words on top.
func linkWord(w string) bool { return w == "with" }

// kindBesideBareName reports whether a query that holds the whole of a
// listed organisation's name written without a legal form (ctoks; the
// alignment's edges from start, the query words aligned in qm) says on top
// of it what kind of body it is, in a descriptor that is no generic word
// (stiftelse, establishment, khayriyya): a name listed bare is the name a
// body is known by (AL-AQSA, SECT OF REVOLUTIONARIES, STATE CORPORATION
// ROSTEC), and a query that names the body in full adds its kind and words
// of its own (AL-AQSA SPANMAL STIFTELSE, AL-AQSA SINABIL ESTABLISHMENT, a
// sponsor's or a founder's name, a branch's place), which then count as the
// descriptor does (missAddedOrg, orgWordsOnTop). Every listed word is
// aligned exactly, and none is a given name (the Arabic article aside): a
// look-alike of a listed name with its rarest word replaced holds a shorter
// listed name of the same words around the new one, and names of people's
// words or respelt words are what it reaches (HAJI ALGONQUIN KHAN
// ORGANIZATION met the bare Haaje Khan at 0.808 without these). Generic
// words (foundation, trading, industries) are no kind here, as look-alikes
// hold them: a brand with a word and generic words on top (AL-AQSA SPANMAL
// TRADING, BANCORP GENERAL TRADING) keeps the general rule, and so does a
// word on top with no descriptor (AL-AQSA SPANMAL).
func (ix *Index) kindBesideBareName(sc *scratch, ctoks []int32, start int, qm uint64) bool {
	kind := false
	for i := range sc.qs {
		if q := &sc.qs[i]; qm&bit(i) == 0 && isOrgDescriptor(q.group) && !isGenericWord(q.s) {
			kind = true
			break
		}
	}
	if !kind {
		return false
	}
	for _, e := range sc.edgeStore[start:] {
		if e.sim < 1 {
			return false
		}
	}
	for _, ct := range ctoks {
		if t := &ix.toks[ct]; givenNameGroup(t.group) && !isArticle(t.s) {
			return false
		}
	}
	return true
}

// brandFirstKind reports whether the listed organisation's name (rec,
// words ctoks) is one coined word (coinedWord) listed without a legal
// form, aligned exactly by the query's first word (the edges from start),
// and the query says on top of it what kind of body it is
// (kindBesideBareName): a brand said first and then what it is (IYARI
// DISENO DE COLECCION HUICHOL, PROMSYRIOIMPORT FOREIGN ECONOMIC
// ASSOCIATION S.O.C.). The brand said after other words is the look-alike's
// shape (AO ZAVOD Bancorp, BONYAD PALATIN SEPAH), and so is a query with
// an English form (GLOBOVISION Industria CA CORP.): the query's form is a
// registered one or none.
func (ix *Index) brandFirstKind(sc *scratch, rec *nameRec, ctoks []int32, start int, qm uint64) bool {
	if rec.legal != LegalNone || len(ctoks) != 1 || len(sc.edgeStore)-start != 1 || sc.edgeStore[start].qlo != 0 {
		return false
	}
	if !coinedWord(&ix.toks[ctoks[0]]) || sc.nt.legal != LegalNone && !registeredForm(sc.nt.legal) {
		return false
	}
	return ix.kindBesideBareName(sc, ctoks, start, qm)
}

// wordsOnTopAs returns the weight of the query words that qm and qOwn
// leave out, each at share of its weight, but for link words (linkWord).
func (ix *Index) wordsOnTopAs(sc *scratch, qm, qOwn uint64, share float32) float32 {
	var kp kindPhrase
	for i := range sc.qs {
		if qm&bit(i) == 0 && qOwn&bit(i) == 0 && !linkWord(sc.qs[i].s) {
			kp.add(ix, sc, i, sc.qs[i].w)
		}
	}
	return kp.weight() * share
}

// kindPhraseWords is how many of its heaviest words a phrase said on top
// of a whole listed organisation's name counts for at most, when its words
// say what kind of body it is and what it does (kindPhrase). 3 is the
// largest value at the dev halves' best (2 gains the same, 4 loses three).
const kindPhraseWords = 3

// kindPhrase gathers the weights of the words on top of a whole listed
// organisation's name that count as generic words do (missAddedOrg): what
// the body is, what it does and for whom, said in as many words as a
// language needs (CHARITABLE SOCIETY TO HELP THE NOBLE ..., FIRM FOR FREE
// TRADE ZONES, FEDERAL STATE UNITARY GEOLOGY ENTERPRISE). Such a phrase says
// one thing, the body's kind: beyond kindPhraseWords times its heaviest
// word, more of its words add nothing. A place said on top (a country, a
// town of a listed address that is no English word) says where, not what
// kind, and counts on its own (places).
type kindPhrase struct{ sum, max, places float32 }

// add counts the query word i of sc, of weight w, in the phrase or among
// its places.
func (k *kindPhrase) add(ix *Index, sc *scratch, i int, w float32) {
	if ix.queryCountryWord(sc, i) || ix.townOnTop(sc.qs[i].s) {
		k.places += w
		return
	}
	k.sum += w
	k.max = max(k.max, w)
}

// townOnTop reports whether w, a query word on top of a listed name, is the
// name of a town or region of a listed address and no English word.
func (ix *Index) townOnTop(w string) bool {
	return cityWord(w) && ix.placeWord(w)
}

// weight is the phrase's weight and its places', before their share.
func (k *kindPhrase) weight() float32 {
	return min(k.sum, kindPhraseWords*k.max) + k.places
}

// minBareBrandAdded is the least number of query words that a brand
// listed bare, said first, has after it for bareBrandFirst.
const minBareBrandAdded = 2

// bareBrandFirst reports whether a listed organisation's name that is one
// word without a legal form (ctoks) is aligned by the query's first word
// alone, with minBareBrandAdded words or more after it, and the query says
// it is a business: a legal form, or a generic word or a descriptor among
// those words. A group's companies are named so, by the group's brand and
// then their line of business (SYRISS LOGISTICS AND SERVICE COMPANY,
// PEYKASA MESSAGE-WARE CO.). The word is one written to be said as a word
// (spokenWord), no business compound (businessCompound) and no place
// (countryWord, placeWord), which many companies take; soleNameOnTop asks
// the rest: a coined word that one party's names hold, aligned exactly,
// and only ordinary words after it. Ordinary words alone (BLUE SKY) say
// nothing of a business, and a word in front of the brand is the
// look-alike's shape (HOLDINGS HIZBALLAH).
func (ix *Index) bareBrandFirst(sc *scratch, ctoks []int32, start int) bool {
	es := sc.edgeStore[start:]
	if len(es) != 1 || es[0].qlo != 0 || es[0].qhi != 0 || len(sc.qs) < 1+minBareBrandAdded {
		return false
	}
	w := ix.toks[ctoks[0]].s
	if !spokenWord(w) || businessCompound(w) || ix.countryToken(ctoks[0]) || ix.placeWord(w) {
		return false
	}
	if sc.nt.legal != LegalNone {
		return true
	}
	for i := 1; i < len(sc.qs); i++ {
		if q := &sc.qs[i]; isGenericWord(q.s) || isOrgDescriptor(q.group) {
			return true
		}
	}
	return false
}

// spokenWord reports whether w is written to be said as a word, a vowel
// (y counted) in four letters at least (SYRISS, PEYKASA, STRATOS), not a
// body's initials written as one (CNIGC, HPSTAR, KKCMTSH): initials of
// five letters are many bodies' initials.
func spokenWord(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			n++
		}
	}
	return 4*n >= len(w)
}

// businessCompound reports whether the word w is glued from a generic
// business word or a legal form of four letters or more at one end and
// three letters or more at the other (BANCORP: banc and corp; INFOTECH,
// TECHNOIMPORT): a word that many companies are named by, not one party's
// coined brand, though the lists hold it once.
func businessCompound(w string) bool {
	for k := 4; k <= len(w)-3; k++ {
		if isGenericWord(w[len(w)-k:]) || isGenericWord(w[:k]) {
			return true
		}
	}
	return false
}

// otherPartyJoined reports whether the query word i of sc, on top of the
// whole of the listed organisation's name of rec, is the name of another
// listed party joined to it by and: the raw query says and (or &), and the
// word is a coined word (coinedWord) of at most maxSoleNameDF listed
// names, one of which, of another entry, has no other word but generic
// words, descriptors and its legal form (NIIME AND MIKRON: the institute
// JSC NIIME and its plant JSC MIKRON, each listed); the listed name of rec
// is aligned exactly (its edges from start), as a name said beside
// another is written. A query naming two
// listed parties names each: the other's name counts as a descriptor on
// top (missAddedOrg), not as a word of the query's own.
func (ix *Index) otherPartyJoined(sc *scratch, rec *nameRec, start, i int) bool {
	q := &sc.qs[i]
	if !q.known {
		return false
	}
	for _, e := range sc.edgeStore[start:] {
		if e.sim < 1 {
			return false // the listed name respelt
		}
	}
	t := &ix.toks[q.id]
	if t.df > maxSoleNameDF || !coinedWord(t) || givenNameGroup(t.group) || !saysAnd(sc.qName) {
		return false
	}
	for _, n := range ix.postings(q.id) {
		o := &ix.names[n]
		if o.individual || o.entry == rec.entry {
			continue
		}
		own := true
		for _, ct := range ix.nameToks(o) {
			if ct != q.id && !ix.toks[ct].orgGeneric() {
				own = false
				break
			}
		}
		if own {
			return true
		}
	}
	return false
}

// saysAnd reports whether the raw name s has the word and (any case) or an
// ampersand between two words.
func saysAnd(s string) bool {
	if strings.IndexByte(s, '&') > 0 {
		return true
	}
	for i := 1; i+4 < len(s); i++ {
		if s[i-1] == ' ' && s[i+3] == ' ' && (s[i] == 'a' || s[i] == 'A') && (s[i+1] == 'n' || s[i+1] == 'N') && (s[i+2] == 'd' || s[i+2] == 'D') {
			return true
		}
	}
	return false
}
