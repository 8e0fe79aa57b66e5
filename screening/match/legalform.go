package match

import (
	"maps"
	"math/bits"
	"slices"
	"strings"
)

// LegalClass is the class of a legal form ("Co., Ltd.", "ООО", "GmbH" and
// "Sp. z o.o." are all LegalLimited). Legal forms are recognised at the start
// or end of a name, removed from the tokens that are matched, and compared
// by class only, so that they count little.
type LegalClass uint8

// Legal form classes.
const (
	LegalNone        LegalClass = iota
	LegalLimited                // private company with limited liability: Ltd, LLC, GmbH, ООО, 有限公司
	LegalJointStock             // joint-stock company: JSC, OAO, ZAO, PAO, AG, S.A., 股份有限公司
	LegalCorporation            // Inc., Corp., Company, Co., 公司
	LegalPublic                 // public limited company: PLC
	LegalPartnership            // LP, LLP, KG
	LegalState                  // state enterprise: FGUP, GUP, SOE
)

var legalClassNames = [...]string{"", "limited", "joint_stock", "corporation", "public", "partnership", "state"}

// String returns the class name, or "" for LegalNone.
func (c LegalClass) String() string {
	if int(c) < len(legalClassNames) {
		return legalClassNames[c]
	}
	return "unknown"
}

// legalForms maps normalised legal-form phrases, in the languages and
// romanisations seen on the lists, to their class. Han and Hangul forms
// appear as their romanisation (Normalize turns 有限公司 into
// "you xian gong si"). It is this curated table plus the forms of
// rigourLegalForms (generated) that it lacks; the curated forms are also
// recognised misspelt (legalSkel, legalDel), the others only where the
// word misspelt stands in a phrase of the table (wideNeighbourTypo).
var legalForms = withAbbreviatedForms(withForms(withForms(withForms(maps.Clone(curatedLegalForms), pinyinLegalForms), shortLegalForms), rigourLegalForms))

// withAbbreviatedForms adds to m, for each phrase of two words or more
// that writes company, limited or corporation, the phrase with that word
// written Co., Ltd. or Corp. where m lacks it, of the same class, and
// returns m. The abbreviations stand for the words in every form's name:
// the tables had OPEN JOINT STOCK COMPANY and JOINT STOCK CO but not OPEN
// JOINT STOCK CO., which left open, joint and stock as words of the name,
// and LIMITED LIABILITY PARTNERSHIP but not LTD LIABILITY PARTNERSHIP.
func withAbbreviatedForms(m map[string]LegalClass) map[string]LegalClass {
	for _, ab := range [...][2]string{{"company", "co"}, {"limited", "ltd"}, {"corporation", "corp"}} {
		var add []string
		for p := range m {
			ws := strings.Fields(p)
			if len(ws) < 2 || !slices.Contains(ws, ab[0]) {
				continue
			}
			for i, w := range ws {
				if w == ab[0] {
					ws[i] = ab[1]
				}
			}
			short := strings.Join(ws, " ")
			if _, has := m[short]; !has && short != "co co" { // co company: co co is no form
				add = append(add, short, p)
			}
		}
		for i := 0; i < len(add); i += 2 {
			m[add[i]] = m[add[i+1]]
		}
	}
	return m
}

// shortLegalForms are abbreviations of legal forms in Latin letters, as
// aliases write them, that neither the curated table nor
// rigourLegalForms has: Belarusian ТАА (таварыства з абмежаванай
// адказнасцю, LLC), ААТ and ЗАТ (open and closed joint-stock company),
// Kyrgyz ОсОО (LLC), which rigour lists in Cyrillic only; Bulgarian ООД
// and ЕАД, which rigour lists under three letters; Lebanese S.A.L.
// (société anonyme libanaise), Spanish and Andorran S.A.U. (sociedad
// anónima unipersonal) and Estonian OÜ (osaühing, LLC), one-word forms
// under four letters that rigourLegalForms leaves out. They are kept out of
// the curated table, which the evaluation generators read
// (IsLegalFormWord), so that the generated sets stay as they are.
var shortLegalForms = map[string]LegalClass{
	"taa": LegalLimited, "osoo": LegalLimited, "aat": LegalJointStock, "zat": LegalJointStock,
	"sal": LegalJointStock, "sau": LegalJointStock, "ou": LegalLimited,
	// Russian ФГУП in English (federal state unitary enterprise), МУП
	// (municipal unitary enterprise), ФКУ (federal treasury institution),
	// ФГБОУ (federal state budgetary educational institution); JSCo;
	// Belarusian ОДО and Ukrainian ТДВ (additional liability company);
	// Hungarian Zrt. (closed company limited by shares); Spanish S.L.U.
	"fsue": LegalState, "mup": LegalState, "fku": LegalState, "fgbou": LegalState,
	"jsco": LegalJointStock, "odo": LegalLimited, "tdv": LegalLimited, "zrt": LegalJointStock,
	"slu": LegalLimited,
	// Bulgarian ООД and ЕАД (limited liability company, single-owner
	// joint-stock company; ЕООД is curated); Bahraini B.S.C. (Bahraini
	// shareholding company)
	"ood": LegalLimited, "ead": LegalJointStock, "bsc": LegalJointStock,
	// Ukrainian ПрАТ, private joint-stock company, as PrJSC or Private JSC
	"prjsc": LegalJointStock, "private jsc": LegalJointStock,
	// Greek ανώνυμη εταιρεία (société anonyme) in its romanisations;
	// rigour has it in Greek letters and as anónimi etería
	"anonymi etaireia": LegalJointStock, "anonymi etairia": LegalJointStock, "anonimi etairia": LegalJointStock,
	"anonimi eteria": LegalJointStock, "anonymos etaireia": LegalJointStock,
	// Portuguese Lda. (sociedade por quotas, limitada), as written in
	// Portugal, Angola and Mozambique; Ltda. is curated
	"lda": LegalLimited,
	// Serbian, Macedonian and Bulgarian A.D. (akcionarsko društvo,
	// акционерно дружество: joint-stock company), which rigour lists
	// but rigourLegalForms leaves out under three letters
	"ad": LegalJointStock,
}

// pinyinLegalForms are Chinese legal forms in pinyin written as one or two
// words, as pinyin names in Latin letters write them.
var pinyinLegalForms = map[string]LegalClass{
	"zonggongsi": LegalCorporation, "zong gongsi": LegalCorporation, "gongsi": LegalCorporation,
	"youxiangongsi": LegalLimited, "youxian zeren gongsi": LegalLimited, "gufen youxiangongsi": LegalJointStock,
}

// curatedLegalForms are the legal forms seen on the lists, with their class.
var curatedLegalForms = map[string]LegalClass{
	// limited liability
	"ltd": LegalLimited, "limited": LegalLimited, "co ltd": LegalLimited, "co limited": LegalLimited,
	"company limited": LegalLimited, "company ltd": LegalLimited, "ltd co": LegalLimited,
	"llc": LegalLimited, "l l c": LegalLimited, "limited liability company": LegalLimited,
	"limited liability co": LegalLimited, "limited company": LegalLimited, "private limited": LegalLimited,
	"pvt ltd": LegalLimited, "private ltd": LegalLimited, "pte ltd": LegalLimited, "pty ltd": LegalLimited,
	"sdn bhd": LegalLimited, "bhd": LegalLimited, "ooo": LegalLimited, "tov": LegalLimited,
	"obshchestvo s ogranichennoy otvetstvennostyu": LegalLimited,
	"obshchestvo s ogranichennoi otvetstvennostyu": LegalLimited,
	"obshchestvo s ogranichennoi otvetstvennostiu": LegalLimited,
	"obschestvo s ogranichennoy otvetstvennostyu":  LegalLimited,
	"obschestvo s ogranichennoi otvetstvennostyu":  LegalLimited,
	"tovarystvo z obmezhenoyu vidpovidalnistyu":    LegalLimited,
	"tovarystvo z obmezhenoiu vidpovidalnistiu":    LegalLimited,
	"gmbh": LegalLimited, "sp z oo": LegalLimited, "spolka z ograniczona odpowiedzialnoscia": LegalLimited,
	"sarl": LegalLimited, "srl": LegalLimited, "s r l": LegalLimited, "bv": LegalLimited, "b v": LegalLimited,
	"ltda": LegalLimited, "limitada": LegalLimited, "kft": LegalLimited, "doo": LegalLimited, "d o o": LegalLimited,
	"sro": LegalLimited, "s r o": LegalLimited, "fze": LegalLimited, "fzco": LegalLimited, "fzc": LegalLimited,
	"fz llc": LegalLimited, "fzllc": LegalLimited, "dmcc": LegalLimited, "wll": LegalLimited, "w l l": LegalLimited,
	"you xian gong si": LegalLimited, "you xian ze ren gong si": LegalLimited, "youxian gongsi": LegalLimited,
	"co ltd company": LegalLimited, "yugen kaisha": LegalLimited, "yu han hoe sa": LegalLimited,
	"sociedad de responsabilidad limitada": LegalLimited, "societe a responsabilite limitee": LegalLimited,
	// joint stock
	"jsc": LegalJointStock, "ojsc": LegalJointStock, "cjsc": LegalJointStock, "pjsc": LegalJointStock,
	"oao": LegalJointStock, "zao": LegalJointStock, "ao": LegalJointStock, "pao": LegalJointStock,
	"pat": LegalJointStock, "prat": LegalJointStock, "vat": LegalJointStock,
	"joint stock company": LegalJointStock, "joint stock co": LegalJointStock, "jointstock company": LegalJointStock,
	"open joint stock company": LegalJointStock, "closed joint stock company": LegalJointStock,
	"public joint stock company": LegalJointStock, "private joint stock company": LegalJointStock,
	"open jsc": LegalJointStock, "closed jsc": LegalJointStock, "public jsc": LegalJointStock,
	"aktsionernoe obshchestvo": LegalJointStock, "aktsionernoye obshchestvo": LegalJointStock,
	"otkrytoe aktsionernoe obshchestvo": LegalJointStock, "zakrytoe aktsionernoe obshchestvo": LegalJointStock,
	"publichnoe aktsionernoe obshchestvo": LegalJointStock, "publichnoye aktsionernoye obshchestvo": LegalJointStock,
	"otkrytoye aktsionernoye obshchestvo": LegalJointStock, "zakrytoye aktsionernoye obshchestvo": LegalJointStock,
	"ag": LegalJointStock, "sa": LegalJointStock, "s a": LegalJointStock, "spa": LegalJointStock,
	"s p a": LegalJointStock, "nv": LegalJointStock, "n v": LegalJointStock, "ab": LegalJointStock,
	"asa": LegalJointStock, "oyj": LegalJointStock, "sae": LegalJointStock, "saog": LegalJointStock,
	"sociedad anonima": LegalJointStock, "societe anonyme": LegalJointStock, "aktiengesellschaft": LegalJointStock,
	"gu fen you xian gong si": LegalJointStock, "gufen youxian gongsi": LegalJointStock, "gu fen gong si": LegalJointStock,
	"company limited by shares": LegalJointStock, "co ltd by shares": LegalJointStock,
	"ju sik hoe sa": LegalJointStock, "jusik hoesa": LegalJointStock, "kabushiki kaisha": LegalJointStock,
	"kk": LegalJointStock, "tbk": LegalJointStock, "pt": LegalJointStock, "as": LegalJointStock,
	"sa de cv": LegalJointStock, "s a de c v": LegalJointStock, "sade cv": LegalJointStock, "sa de c v": LegalJointStock,
	"s de rl de cv": LegalLimited, "s de rl": LegalLimited, "s de r l": LegalLimited, "sas": LegalJointStock, "s a s": LegalJointStock,
	"f z e": LegalLimited, "f z c": LegalLimited, "f z co": LegalLimited, "eu": LegalLimited, "e u": LegalLimited,
	"aktsionernoe obshchestvo otkrytogo tipa": LegalJointStock, "aktsionernoe obshchestvo zakrytogo tipa": LegalJointStock,
	"otkrytoe aktsionernoe obshestvo": LegalJointStock, "public joint stock co": LegalJointStock,
	"limited liability partnership": LegalPartnership, "societe par actions simplifiee": LegalJointStock,
	// corporation and company
	"inc": LegalCorporation, "incorporated": LegalCorporation, "corp": LegalCorporation,
	"corporation": LegalCorporation, "co": LegalCorporation, "company": LegalCorporation,
	"cos": LegalCorporation, "gong si": LegalCorporation, "co inc": LegalCorporation,
	"corp ltd": LegalCorporation, "corporation limited": LegalCorporation, "company inc": LegalCorporation,
	"hoe sa": LegalCorporation,
	// public limited
	"plc": LegalPublic, "p l c": LegalPublic, "public limited company": LegalPublic,
	"public co ltd": LegalPublic, "public company limited": LegalPublic, "pcl": LegalPublic,
	// partnerships
	"lp": LegalPartnership, "llp": LegalPartnership, "l p": LegalPartnership, "kg": LegalPartnership,
	"gmbh co kg": LegalPartnership, "ohg": LegalPartnership, "partnership": LegalPartnership,
	// state enterprises
	"fgup": LegalState, "gup": LegalState, "fkp": LegalState, "federalnoe gosudarstvennoe unitarnoe predpriyatie": LegalState,
	"federal state unitary enterprise": LegalState, "state unitary enterprise": LegalState,
	"soe": LegalState,
	// Belarus: республиканское унитарное предприятие (РУП), the republic's
	// unitary enterprise, as GUP and FGUP are Russia's
	"rup": LegalState,
}

// withForms adds to m the forms of more that m lacks.
func withForms(m, more map[string]LegalClass) map[string]LegalClass {
	for k, v := range more {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return m
}

// IsGenericWord reports whether a normalised word is a generic company word
// ("trading", "bank", "technology"), which says what a business does, not
// who it is.
func IsGenericWord(w string) bool { return isGenericWord(w) }

// legalPrefixOK lists short legal forms that also stand at the start of a
// name (Russian and Ukrainian usage: ООО "Ромашка", AO Kronshtadt). Longer
// phrases (two tokens or more) are recognised at the start too.
var legalPrefixOK = map[string]bool{
	"ooo": true, "oao": true, "zao": true, "ao": true, "pao": true, "jsc": true, "ojsc": true,
	"cjsc": true, "pjsc": true, "tov": true, "pat": true, "prat": true, "llc": true, "fgup": true,
	"gup": true, "fkp": true, "pt": true, "taa": true, "osoo": true, "aat": true, "zat": true,
	"srl": true, "fsue": true, "mup": true, "fku": true, "fgbou": true, "odo": true, "tdv": true,
	"rup": true,
}

const maxLegalTokens = 6

// stripLegal removes legal forms from the end and the start of a token list
// and returns the remaining tokens and the class of the last form removed at
// the end (or, failing that, at the start). It never removes every token: a
// name made only of legal forms keeps them, and the caller treats it as not
// distinctive.
func stripLegal(toks []string, scratch []byte) ([]string, LegalClass) {
	toks, class, _ := stripLegalOnly(toks, scratch)
	return toks, class
}

// stripLegalOnly is stripLegal that also reports whether every token is
// part of a legal form, the phrases at the end taken off one by one leaving
// nothing; then the tokens it returns are of no use. The phrases are looked
// up once for both answers: stripLegal stops at the phrase that is all
// that is left.
func stripLegalOnly(toks []string, scratch []byte) ([]string, LegalClass, bool) {
	class := LegalNone
	if len(toks) == 0 {
		return toks, class, true // nothing but legal forms, vacuously
	}
	for len(toks) > 0 {
		n, c := longestLegal(toks, true, scratch)
		if n == 0 {
			break
		}
		if n >= len(toks) {
			return toks, class, true
		}
		if class == LegalNone {
			class = c
		}
		toks = toks[:len(toks)-n]
	}
	for len(toks) > 1 {
		n, c := longestLegal(toks, false, scratch)
		if n == 0 || n >= len(toks) {
			break
		}
		if n == 1 && !legalPrefixOK[toks[0]] {
			break
		}
		if class == LegalNone {
			class = c
		}
		toks = toks[n:]
	}
	return toks, class, false
}

// longestLegal finds the longest legal-form phrase at the end (or start) of
// toks and returns its length in tokens and its class.
func longestLegal(toks []string, atEnd bool, scratch []byte) (int, LegalClass) {
	if len(toks) == 0 {
		return 0, LegalNone
	}
	if atEnd && !isLegalLast(toks[len(toks)-1]) || !atEnd && !isLegalFirst(toks[0]) {
		return 0, LegalNone
	}
	maxN := maxLegalTokens
	if maxN > len(toks) {
		maxN = len(toks)
	}
	for n := maxN; n >= 1; n-- {
		var part []string
		if atEnd {
			part = toks[len(toks)-n:]
		} else {
			part = toks[:n]
		}
		if n > 1 && (atEnd && !isLegalFirst(part[0]) || !atEnd && !isLegalLast(part[n-1])) {
			// no phrase of the table begins (ends) with that word: the
			// look-up of a phrase built word by word would fail
			continue
		}
		if c, ok := legalForms[string(joinWords(scratch[:0], part))]; ok {
			return n, c
		}
	}
	return 0, LegalNone
}

// joinWords appends ws to dst, a space between them.
func joinWords(dst []byte, ws []string) []byte {
	for i, w := range ws {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	}
	return dst
}

// stopWords carry no weight in matching.
var stopWords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "an": true, "in": true, "at": true,
	"de": true, "del": true, "la": true, "le": true, "les": true, "des": true, "du": true,
	"et": true, "und": true, "der": true, "die": true, "das": true, "y": true, "e": true,
	"no": true, "nr": true, "number": true, "a": true, "to": true, "on": true, "by": true,
}

// isStopWord also reads the "and" of Persian (va), Arabic (wa) and Turkish
// (ve) company names as a stop word (MOHANDESI TARH VA TOSEH, SANAYI VE
// TICARET); they are kept out of stopWords, which IsLegalFormWord and the
// evaluation generators read.

// stopShapes and genericShapes hold the shapes (shapeSet) of stopWords and
// genericWords (shapesOf; genericShapes is set by init, which fills
// genericWords): the search asks them of every query word, which is seldom
// one of these.
var stopShapes = shapesOf(stopWords)
var genericShapes shapeSet

// isStopWord and isGenericWord look w up in stopWords and genericWords,
// asking the shape first: a bit set by another word only lets the map
// answer.
func isStopWord(w string) bool {
	return stopShapes.has(w) && stopWords[w] || len(w) == 2 && (w == "va" || w == "wa" || w == "ve")
}
func isGenericWord(w string) bool { return genericShapes.has(w) && genericWords[w] }

// genericWords are company terms that say what a business does, not who it
// is. They still count in matching (weighted by how rare they are in the
// lists), but a name made only of them, legal forms and stop words is not
// distinctive and matches nothing.
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`technology technologies tech international intl group holding holdings
		trading trade traders industries industry industrial enterprise enterprises global services service
		solutions systems system import export imp exp general national development investment investments
		engineering management resources energy partners associates ventures capital products manufacturing
		works factory plant center centre institute research science sciences scientific logistics shipping
		marine electronics electronic electric equipment machinery materials supply supplies commercial commerce
		consulting construction company corporation limited bank finance financial network networks communications
		telecom media software hardware digital devices components parts instruments precision aviation aerospace
		defense defence security chemical chemicals petroleum oil gas mining metals steel shipbuilding transport
		transportation air airlines express agency office branch representative unit bureau association foundation
		organization organisation society union council committee ministry department state public private
		joint stock open closed new first united world china chinese russia russian iran iranian korea korean
		hong kong beijing shanghai moscow tehran co ltd llc inc corp`) {
		genericWords[w] = true
	}
	genericShapes = shapesOf(genericWords)
}

// legalSkel maps the romanisation skeleton of each word of the legal-form
// table (four letters or more, and a few short forms) to the word, and
// legalDel maps the skeletons of the long words (seven letters or more)
// with any one letter deleted. Together they recognise misspelt and
// differently romanised legal forms ("Coreoration", "Obschestvo",
// "Compani", "OChSC").
var legalSkel, legalDel = map[string]string{}, map[string]string{}

const legalDelMin = 7

// shapeSet holds a bit for the shape of each key of a table: its length
// and its first and last bytes, each taken modulo 32. The legal-form
// look-ups ask it before a map: most words of a name (and most of their
// joins, prefixes and one-letter deletions) have a shape no key has, and a
// bit costs far less than hashing the word. A bit set by another key only
// lets the look-up run, so an answer never changes.
type shapeSet [1 << 15 / 64]uint64

func shapeOf(k string) uint32 {
	if k == "" {
		return 0
	}
	return uint32(len(k)&31)<<10 | uint32(k[0]&31)<<5 | uint32(k[len(k)-1]&31)
}

// shapesOf returns the shapes of the keys of m.
func shapesOf[V any](m map[string]V) shapeSet {
	var s shapeSet
	for k := range m {
		s.add(k)
	}
	return s
}

func (s *shapeSet) add(k string) {
	h := shapeOf(k)
	s[h/64] |= 1 << (h % 64)
}

func (s *shapeSet) has(k string) bool {
	h := shapeOf(k)
	return s[h/64]&(1<<(h%64)) != 0
}

// hasShape is has for a key of length n with first and last bytes first
// and last (n ≥ 1).
func (s *shapeSet) hasShape(n int, first, last byte) bool {
	h := uint32(n&31)<<10 | uint32(first&31)<<5 | uint32(last&31)
	return s[h/64]&(1<<(h%64)) != 0
}

// The shapes of the keys of legalSkel, legalDel and legalWords, filled
// with the tables.
var skelShapes, delShapes, wordShapes shapeSet

// sigSet is a finer filter than shapeSet on a table's keys (two bytes or
// more), for oneDeletionIn: a bit per hash of a key's signature, its
// length and its two first and two last bytes. Nearly every deletion of a
// word of a name that keeps a key's shape has no key's signature.
type sigSet [1 << 13 / 64]uint64

// sigBit returns the bit of the signature of a key of n bytes that begins
// with a, b and ends with y, z.
func sigBit(n int, a, b, y, z byte) uint32 {
	x := uint64(n)<<32 | uint64(a)<<24 | uint64(b)<<16 | uint64(y)<<8 | uint64(z)
	return uint32((x * 0x9e3779b97f4a7c15) >> (64 - 13))
}

func (s *sigSet) add(k string) {
	h := sigBit(len(k), k[0], k[1], k[len(k)-2], k[len(k)-1])
	s[h/64] |= 1 << (h % 64)
}

// hasDeletion reports whether the signature of w (three bytes or more)
// less its byte d has its bit in s, reading the deletion's bytes in w.
func (s *sigSet) hasDeletion(w string, d int) bool {
	m := len(w) - 1 // the deletion's length
	at := func(i int) byte {
		if i < d {
			return w[i]
		}
		return w[i+1]
	}
	h := sigBit(m, at(0), at(1), at(m-2), at(m-1))
	return s[h/64]&(1<<(h%64)) != 0
}

// The signatures of the keys of legalDel and legalRawDel, filled with the
// tables.
var delSigs, rawDelSigs sigSet

// triSet is a set of three bytes, a bit per three letters a to z (other
// bytes share the bits of letters: a filter).
type triSet [1 << 15 / 64]uint64

func triBit(a, b, c byte) uint32 { return uint32(a&31)<<10 | uint32(b&31)<<5 | uint32(c&31) }

func (s *triSet) add(a, b, c byte) {
	h := triBit(a, b, c)
	s[h/64] |= 1 << (h % 64)
}

func (s *triSet) has(a, b, c byte) bool {
	h := triBit(a, b, c)
	return s[h/64]&(1<<(h%64)) != 0
}

// inSkel, inDel and inWords look k up in legalSkel, legalDel and
// legalWords, asking the shape first. k may share memory with a buffer:
// the maps keep no reference to it.
func inSkel(k string) (string, bool) {
	if !skelShapes.has(k) {
		return "", false
	}
	c, ok := legalSkel[k]
	return c, ok
}

func inDel(k string) (string, bool) {
	if !delShapes.has(k) {
		return "", false
	}
	c, ok := legalDel[k]
	return c, ok
}

func inWords(k string) bool { return wordShapes.has(k) && legalWords[k] }

func init() {
	// canonical spelling per skeleton: the smallest word, so that the
	// tables do not depend on map order
	put := func(m map[string]string, k, w string) {
		if old, ok := m[k]; !ok || w < old {
			m[k] = w
		}
	}
	for phrase := range curatedLegalForms {
		for _, w := range strings.Fields(phrase) {
			if len(w) >= 4 {
				put(legalSkel, skeleton(w), w)
			}
		}
	}
	for _, w := range []string{"ojsc", "cjsc", "pjsc", "jsc", "llc", "ltd"} {
		put(legalSkel, skeleton(w), w)
	}
	// every phrase also under its canonical spelling
	alsoSpelt(func(w string) string {
		if c, ok := legalSkel[skeleton(w)]; ok && len(w) >= 3 {
			return c
		}
		return w
	})
	// k itself and k less each of its letters stand for w, from
	// legalDelMin letters on
	var buf []byte
	putDeletions := func(m map[string]string, k, w string) {
		if len(k) < legalDelMin {
			return
		}
		put(m, k, w)
		for i := range len(k) {
			buf = append(append(buf[:0], k[:i]...), k[i+1:]...)
			put(m, string(buf), w)
		}
	}
	for sk, w := range legalSkel {
		putDeletions(legalDel, sk, w)
		putDeletions(legalRawDel, w, w)
	}
	for k := range legalRawDel {
		rawDelShapes.add(k)
		rawDelSigs.add(k)
	}
	for k := range legalSkel {
		skelShapes.add(k)
	}
	for k := range legalDel {
		delShapes.add(k)
		delSigs.add(k)
	}
	// every phrase also as canonLegal leaves it: a word of the wider table
	// one letter from a curated word is brought to that word's spelling
	// (Spanish "acciones" to "actions"), and the phrase around it
	// ("sociedad por acciones simplificada") must still be found
	alsoSpelt(func(w string) string {
		if len(w) < 4 {
			return w
		}
		if c, ok := canonLegalWord(w, buf); ok {
			return c
		}
		return w
	})
}

// alsoSpelt adds every phrase of legalForms also with its words as canon
// spells them, where that phrase is not in the table already.
func alsoSpelt(canon func(w string) string) {
	var extra []string
	for phrase := range legalForms {
		ws := strings.Fields(phrase)
		changed := false
		for i, w := range ws {
			if c := canon(w); c != w {
				ws[i], changed = c, true
			}
		}
		if changed {
			extra = append(extra, strings.Join(ws, " "), phrase)
		}
	}
	for i := 0; i < len(extra); i += 2 {
		if _, ok := legalForms[extra[i]]; !ok {
			legalForms[extra[i]] = legalForms[extra[i+1]]
		}
	}
}

// canonLegal replaces words near the two ends of a name that are misspelt or
// differently romanised legal-form words by their spelling in the table, and
// joins a legal-form word split in two ("Corpo ration"). Words that are in
// the table already are left alone.
func canonLegal(fields []string, buf []byte) []string {
	fields = splitGlued(fields)
	const ends = maxLegalTokens
	for i := 0; i < len(fields); i++ {
		if i >= ends && i < len(fields)-ends {
			i = len(fields) - ends - 1
			continue
		}
		w := fields[i]
		legal := isLegalWord(w) // looked up once: two tests below ask
		if legal && i+1 < len(fields) && len(w)+len(fields[i+1]) >= 6 && !isLegalWord(fields[i+1]) {
			// an abbreviation split off the word it begins ("liab ility",
			// "incorp orated")
			j := append(append(buf[:0], w...), fields[i+1]...)
			if inWords(bytesString(j)) {
				fields[i] = string(j)
				fields = append(fields[:i+1], fields[i+2:]...)
				continue
			}
		}
		if legal {
			if len(w) >= 4 {
				// a word of the wider table may itself be a variant
				// spelling ("obschchestvo"): its curated spelling, so that
				// the phrase around it is found
				if c, ok := canonLegalWord(w, buf); ok {
					fields[i] = c
				}
			}
			continue
		}
		if i+1 < len(fields) && len(w) >= 2 && len(fields[i+1]) >= 2 && len(w)+len(fields[i+1]) >= 6 && !isLegalWord(fields[i+1]) {
			j := append(append(buf[:0], w...), fields[i+1]...)
			c, ok := inSkel(bytesString(appendSkeleton(j[len(j):], bytesString(j))))
			if !ok && inWords(bytesString(j)) {
				// a word of the wider table ("liab ility", "incorp orated")
				c, ok = string(j), true
			}
			if ok {
				fields[i] = c
				fields = append(fields[:i+1], fields[i+2:]...)
				// the joined word once more, as a word of the table
				// written whole is read ("publ ichne" as "publichne")
				i--
				continue
			}
		}
		if a, b, ok := splitLegalPair(w, buf); ok {
			// two legal-form words written as one ("limitedliability",
			// "openjoint")
			fields = append(fields, "")
			copy(fields[i+2:], fields[i+1:])
			fields[i], fields[i+1] = a, b
			i++
			continue
		}
		if len(w) < 3 {
			continue
		}
		c, ok, sk := canonLegalWordSk(w, buf)
		if ok {
			fields[i] = c
			continue
		}
		if len(w) >= legalDelMin-1 {
			if c, ok := wideNeighbourTypo(fields, i, sk); ok {
				fields[i] = c
				p, was := i-1, ""
				if p >= 0 && len(fields[p]) >= legalDelMin-1 && !isLegalWord(fields[p]) {
					// the word before, read before this one was
					if c, ok := wideNeighbourTypo(fields, p, nil); ok {
						was, fields[p] = fields[p], c
					}
				}
				if !inWidePhrase(fields, i, buf) {
					// no phrase of the table: the words as written
					fields[i] = w
					if was != "" {
						fields[p] = was
					}
				}
			}
		}
	}
	return fields
}

// wideBefore and wideAfter map a word of a phrase of two words or more of
// the wider table (rigour's forms: SCIENTIFIC PRODUCTION ENTERPRISE, a
// Russian state form) to the words of legalDelMin letters or more, no
// curated words, that stand before and after it in such a phrase. A form
// written with one typing error in such a word (SCIENNTIFIC PRODUCTION
// ENTERPRISE), or written back from Cyrillic (SSIENTIFIK), is otherwise
// not read, and its words count as words of the name (wideNeighbourTypo).
var wideBefore, wideAfter = map[string][]wideWord{}, map[string][]wideWord{}

// wideBeforeShapes and wideAfterShapes hold the shapes of their keys.
var wideBeforeShapes, wideAfterShapes shapeSet

// wideWord is a word of wideBefore or wideAfter and its skeleton.
type wideWord struct{ w, sk string }

func init() {
	add := func(m map[string][]wideWord, k, w string) {
		if len(w) < legalDelMin || curatedLegalWords[w] {
			return
		}
		for _, x := range m[k] {
			if x.w == w {
				return
			}
		}
		m[k] = append(m[k], wideWord{w, skeleton(w)})
	}
	phrases := slices.Sorted(maps.Keys(legalForms))
	for _, phrase := range phrases {
		ws := strings.Fields(phrase)
		for k := 0; k+1 < len(ws); k++ {
			add(wideBefore, ws[k+1], ws[k])
			add(wideAfter, ws[k], ws[k+1])
		}
	}
	wideBeforeShapes, wideAfterShapes = shapesOf(wideBefore), shapesOf(wideAfter)
}

// wideNeighbourTypo returns the word of a phrase of the wider table that
// word i of fields is one typing error from (typoApart: a letter left
// out, added or replaced, or two adjacent letters swapped), or whose
// skeleton (sk, nil if not built) is so, where the word beside it is that
// word's neighbour in the phrase (wideBefore, wideAfter). A common
// English word or a generic word is left as it is.
func wideNeighbourTypo(fields []string, i int, sk []byte) (string, bool) {
	w := fields[i]
	var cands [2][]wideWord
	if i+1 < len(fields) && wideBeforeShapes.has(fields[i+1]) {
		cands[0] = wideBefore[fields[i+1]]
	}
	if i > 0 && wideAfterShapes.has(fields[i-1]) {
		cands[1] = wideAfter[fields[i-1]]
	}
	if cands[0] == nil && cands[1] == nil {
		return "", false
	}
	for _, cs := range cands {
		for _, c := range cs {
			if d := len(c.w) - len(w); d < -1 || d > 1 || c.w[0] != w[0] && c.w[len(c.w)-1] != w[len(w)-1] {
				continue
			}
			if typoApart(w, c.w) {
				return wideCommon(w, c.w)
			}
		}
	}
	if sk == nil {
		sk = appendSkeleton(nil, w)
	}
	for _, cs := range cands {
		for _, c := range cs {
			if d := len(c.sk) - len(sk); d >= -1 && d <= 1 && typoApart(bytesString(sk), c.sk) {
				return wideCommon(w, c.w)
			}
		}
	}
	return "", false
}

// wideCommon is wideNeighbourTypo's answer c for w, unless w is a common
// English word or a generic word.
func wideCommon(w, c string) (string, bool) {
	if isEnglishWord(w) || isGenericWord(w) {
		return "", false
	}
	return c, true
}

// typoApart reports whether a and b differ by one typing error: a letter
// added, dropped or changed (oneEditApart) or two adjacent letters swapped.
func typoApart(a, b string) bool {
	if oneEditApart(a, b) {
		return true
	}
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// inWidePhrase reports whether word i of fields stands in a run of two
// words or more that is a phrase of the legal-form table.
func inWidePhrase(fields []string, i int, buf []byte) bool {
	for a := max(0, i-maxLegalTokens+1); a <= i; a++ {
		for b := max(i+1, a+2); b <= min(len(fields), a+maxLegalTokens); b++ {
			k := buf[:0]
			for j, f := range fields[a:b] {
				if j > 0 {
					k = append(k, ' ')
				}
				k = append(k, f...)
			}
			if _, ok := legalForms[bytesString(k)]; ok {
				return true
			}
		}
	}
	return false
}

// legalRawDel maps each curated legal-form word of legalDelMin letters or
// more, and the word with any one letter deleted, to the word: typing
// errors that the skeleton hides or makes two edits of ("liabiliy", whose
// skeleton drops the final y; "liimted" and "aktisonernoe", two letters
// swapped) meet the word in one deletion on either side.
var legalRawDel = map[string]string{}

var rawDelShapes shapeSet

// rawLegalTypo returns the curated legal-form word that w is one typing
// error from (a letter left out, added or replaced, or two adjacent
// letters swapped), comparing the words as written; buf is scratch space.
func rawLegalTypo(w string, buf []byte) (string, bool) {
	if len(w) < legalDelMin-1 || len(w) > 40 {
		return "", false
	}
	look := func(k string) (string, bool) {
		if !rawDelShapes.has(k) {
			return "", false
		}
		c, ok := legalRawDel[k]
		return c, ok
	}
	if c, ok := look(w); ok {
		return c, true
	}
	if len(w) < legalDelMin {
		return "", false
	}
	return oneDeletionIn(w, buf, &rawDelShapes, &rawDelSigs, look)
}

// oneDeletionIn looks up in a table (look, whose keys have the shapes
// shapes and the signatures sigs) each string made of w (two bytes or
// more) less one of its bytes, built in buf, and returns the first found.
// A deletion's shape is known before it is built: every one but the first
// and the last byte's keeps w's ends and has one length, so one bit
// answers for all of them. Its signature is too, and a deletion whose
// signature no key has is neither built nor looked up.
func oneDeletionIn(w string, buf []byte, shapes *shapeSet, sigs *sigSet, look func(string) (string, bool)) (string, bool) {
	n := len(w)
	inner := shapes.hasShape(n-1, w[0], w[n-1])
	// the deletions of w[2] to w[n-3] keep w's two first and two last
	// bytes: one signature for all of them
	mid := inner && n >= 5 && sigs.hasDeletion(w, 2)
	for d := 0; d < n; d++ {
		switch {
		case d == 0:
			if !shapes.hasShape(n-1, w[1], w[n-1]) {
				continue
			}
		case d == n-1:
			if !shapes.hasShape(n-1, w[0], w[n-2]) {
				continue
			}
		case !inner:
			d = n - 2
			continue
		case d >= 2 && d <= n-3 && !mid:
			d = n - 3
			continue
		}
		if n >= 3 && !sigs.hasDeletion(w, d) {
			continue
		}
		del := append(append(buf[:0], w[:d]...), w[d+1:]...)
		if c, ok := look(bytesString(del)); ok {
			return c, true
		}
	}
	return "", false
}

// canonLegalWord returns the curated spelling of a word that has the
// romanisation skeleton of a curated legal-form word or, for long words,
// is one letter from it.
func canonLegalWord(w string, buf []byte) (string, bool) {
	c, ok, _ := canonLegalWordSk(w, buf)
	return c, ok
}

// canonLegalWordSk is canonLegalWord that also returns w's skeleton,
// built in buf, for a look-up that follows (wideNeighbourTypo).
func canonLegalWordSk(w string, buf []byte) (string, bool, []byte) {
	sk := appendSkeleton(buf[:0], w)
	if c, ok := inSkel(bytesString(sk)); ok {
		return c, true, sk
	}
	if len(sk) < legalDelMin-1 {
		return "", false, sk
	}
	if c, ok := inDel(bytesString(sk)); ok {
		// a letter left out ("copany": "kupani", "kumpani")
		return c, true, sk
	}
	if c, ok := rawLegalTypo(w, sk[len(sk):]); ok {
		return c, true, sk
	}
	if len(sk) < legalDelMin {
		return "", false, sk
	}
	c, ok := oneDeletionIn(bytesString(sk), sk[len(sk):], &delShapes, &delSigs, inDel)
	return c, ok, sk
}

// splitLegalPair splits w into two words of the legal-form table, each of
// three letters or more, written without the space between them
// ("limitedliability", "ogranichennoiotvetstvennostyu"); the second may be
// misspelt or differently romanised as canonLegal recognises it. The longest
// first word wins. A common English word is not split, nor a word whose
// second part is a stop word: COMMAND is no "comm" (the Dutch comm. v.)
// and "and", FREEDOM no "free" and "dom".
func splitLegalPair(w string, buf []byte) (string, string, bool) {
	// every first word begins as w does: one that no word of the table
	// begins so is none
	if len(w) < 7 || !legalWordStarts.has(w[0], w[1], w[2]) || isLegalWord(w) {
		return "", "", false
	}
	for k := len(w) - 3; k >= 3; k-- {
		a, b := w[:k], w[k:]
		if !legalWordEnds.has(a[k-3], a[k-2], a[k-1]) || !inWords(a) {
			continue
		}
		if inWords(b) {
			if isStopWord(b) {
				continue
			}
			return a, b, !isEnglishWord(w)
		}
		if len(b) >= 4 {
			if c, ok := inSkel(bytesString(appendSkeleton(buf[:0], b))); ok {
				return a, c, !isEnglishWord(w)
			}
		}
	}
	return "", "", false
}

// legalWords holds every word of the table; legalFirst and legalLast the
// first and last words of its phrases.
var legalWords, legalFirst, legalLast = map[string]bool{}, map[string]bool{}, map[string]bool{}

// legalWordStarts and legalWordEnds hold the first and the last three
// bytes of the words of legalWords of three bytes or more (splitLegalPair).
var legalWordStarts, legalWordEnds triSet

// firstShapes and lastShapes hold the shapes of the keys of legalFirst and
// legalLast, filled with them: longestLegal asks them of the last (first)
// word of every name and query, which is seldom a legal-form word.
var firstShapes, lastShapes shapeSet

// isLegalFirst and isLegalLast look w up in legalFirst and legalLast,
// asking the shape first.
func isLegalFirst(w string) bool { return firstShapes.has(w) && legalFirst[w] }
func isLegalLast(w string) bool  { return lastShapes.has(w) && legalLast[w] }

func init() {
	for phrase := range legalForms {
		ws := strings.Fields(phrase)
		for _, w := range ws {
			legalWords[w] = true
			wordShapes.add(w)
			if n := len(w); n >= 3 {
				legalWordStarts.add(w[0], w[1], w[2])
				legalWordEnds.add(w[n-3], w[n-2], w[n-1])
			}
		}
		legalFirst[ws[0]] = true
		legalLast[ws[len(ws)-1]] = true
	}
	firstShapes, lastShapes = shapesOf(legalFirst), shapesOf(legalLast)
}

func isLegalWord(w string) bool { return inWords(w) }

// curatedLegalWords holds every word of the curated table, and
// curatedShapes their shapes (shapeSet).
var curatedLegalWords = func() map[string]bool {
	m := map[string]bool{}
	for phrase := range curatedLegalForms {
		for _, w := range strings.Fields(phrase) {
			m[w] = true
		}
	}
	return m
}()

var curatedShapes = shapesOf(curatedLegalWords)

// IsLegalFormWord reports whether a normalised word is part of a legal form
// of the curated table, the forms seen on the lists ("co", "ltd",
// "obshchestvo", "gmbh"), or a stop word. The forms added from rigour's
// org_types table are not included, so that the evaluation sets built
// with it stay as they are when that table grows.
func IsLegalFormWord(w string) bool { return curatedLegalWords[w] || stopWords[w] }

// gluedPrefixes and gluedSuffixes are legal forms (and "the") that users
// glue to the name ("OOOOMP", "TardigradeLimited", "TheKurchatov").
var (
	gluedPrefixes = []string{"ojsc", "cjsc", "pjsc", "jsc", "ooo", "oao", "zao", "pao", "llc", "the", "fgup"}
	gluedSuffixes = []string{"limited", "company", "corporation", "ltda", "ltd", "llc", "llp", "ooo", "oao", "zao", "jsc", "inc", "gmbh", "eood", "doo", "fze"}
)

// gluedPrefixesBy and gluedSuffixesBy hold gluedPrefixes by their first
// byte and gluedSuffixes by their last, each list in the table's order: a
// word is compared with the forms its end may carry, not with every form.
var gluedPrefixesBy, gluedSuffixesBy = func() (p, s [256][]string) {
	for _, f := range gluedPrefixes {
		p[f[0]] = append(p[f[0]], f)
	}
	for _, f := range gluedSuffixes {
		s[f[len(f)-1]] = append(s[f[len(f)-1]], f)
	}
	return p, s
}()

// splitGlued splits a legal form glued to the first or the last word.
func splitGlued(fields []string) []string {
	if len(fields) == 0 {
		return fields
	}
	if f := fields[0]; f != "" && gluedPrefixesBy[f[0]] != nil && !isLegalWord(f) {
		for _, p := range gluedPrefixesBy[f[0]] {
			if len(f) >= len(p)+3 && f[:len(p)] == p {
				fields = append(fields, "")
				copy(fields[2:], fields[1:])
				fields[0], fields[1] = f[:len(p)], f[len(p):]
				break
			}
		}
	}
	last := len(fields) - 1
	if f := fields[last]; f != "" && gluedSuffixesBy[f[len(f)-1]] != nil && !isLegalWord(f) {
		for _, p := range gluedSuffixesBy[f[len(f)-1]] {
			if len(f) >= len(p)+3 && f[len(f)-len(p):] == p && (len(p) > 2 || len(fields) > 1) {
				fields[last] = f[:len(f)-len(p)]
				fields = append(fields, f[len(f)-len(p):])
				break
			}
		}
	}
	return fields
}

// innerFormWords returns, a bit per word, the query words between its first
// and its last that are one-word legal forms (VTB BANKA AD BEOGRAD).
func innerFormWords(qs []qtok) uint64 {
	var m uint64
	for i := 1; i < len(qs)-1 && i < 64; i++ {
		if w := qs[i].s; isLegalLast(w) {
			if _, ok := legalForms[w]; ok {
				m |= bit(i)
			}
		}
	}
	return m
}

// alignInnerForms pairs a one-word legal form inside the query (qInnerForm)
// left over with a one-word legal form of the same class inside the listed
// organisation's name ctoks left over: the company's form said in its own
// language where the list says it in another (VTB BANKA AD BEOGRAD for VTB
// BANK JSC BELGRADE: the Serbian A.D. is a joint-stock company), followed
// by the seat or branch. They align as two words of one variant group do
// (variantSim). Only forms inside both names: a form at a name's end is
// compared apart (entryAdjustments).
func (ix *Index) alignInnerForms(sc *scratch, ctoks []int32, al *alignment) {
	if len(ctoks) > 64 {
		return
	}
	for m := sc.qInnerForm &^ al.qm; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		cls := legalForms[sc.qs[i].s]
		for j := 1; j < len(ctoks)-1; j++ {
			if al.cm&bit(j) != 0 {
				continue
			}
			t := &ix.toks[ctoks[j]]
			if !isLegalLast(t.s) {
				continue
			}
			if c, ok := legalForms[t.s]; ok && c == cls {
				al.take(sc, edge{int8(i), int8(i), int8(j), int8(j), variantSim, t.w})
				break
			}
		}
	}
}
