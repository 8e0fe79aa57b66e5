package match

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/exportguard/exportguard/screening/lists"
)

// ErrPreparedMismatch is returned by (*Prepared).Matches for a query whose
// threshold or kind of details differ from those it was prepared for.
var ErrPreparedMismatch = errors.New("match: query does not fit the prepared search")

// Prepared is the first stage of a search: the query name analysed, its
// candidates collected and each candidate name scored, before the
// adjustments that depend on the listed entry and the query's details
// (party type, country, date of birth, identifiers), the threshold cut, the
// ranking and the limit. It depends on the name, on the threshold and on
// whether the query has a country, a date of birth and identifiers (their
// largest possible boost decides whether leftover words are paired and
// which scored names are kept for the second stage), not on their values:
// one Prepared serves every query with the same PreparedKey. It is
// immutable and safe for concurrent use.
type Prepared struct {
	ix      *Index
	key     PreparedKey
	legal   LegalClass
	qs      []qtok
	results []result // edges owned, score not set
}

// PreparedKey is what the first stage of a search reads of a query besides
// its name: the threshold (0 for the default) and which details the query
// has. Queries with the same name and equal keys share a Prepared.
type PreparedKey struct {
	Threshold float64
	// Country, DOB and IDs tell whether the query has a valid country, a
	// date of birth and identifiers.
	Country, DOB, IDs bool
}

// KeyOf returns the PreparedKey of q.
func KeyOf(q Query) PreparedKey {
	return PreparedKey{Threshold: q.Threshold, Country: q.Country.IsValid(), DOB: q.DateOfBirth != "", IDs: len(q.IDs) > 0}
}

// Bytes returns an estimate of the memory p holds, for sizing caches.
func (p *Prepared) Bytes() int {
	if p == nil {
		return 0
	}
	n := 96 + len(p.qs)*qtokSize + len(p.results)*resultSize
	for i := range p.qs {
		n += len(p.qs[i].s) + len(p.qs[i].skel) + len(p.qs[i].cons)
	}
	for i := range p.results {
		n += len(p.results[i].edges) * 12
	}
	return n
}

// Prepare runs the first stage of Search for q (see Prepared): it reads
// q.Name, q.Threshold and whether q has a country, a date of birth and
// identifiers. The errors are those of Search.
func (ix *Index) Prepare(ctx context.Context, q Query) (*Prepared, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	th, _, err := searchLimits(q)
	if err != nil {
		return nil, err
	}
	p := &Prepared{ix: ix, key: KeyOf(q)}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	if !ix.scoreNames(sc, q, th) {
		return p, nil
	}
	p.legal = sc.nt.legal
	p.qs = append([]qtok(nil), sc.qs...)
	p.results = append([]result(nil), sc.results...)
	edges := make([]edge, 0, len(sc.edgeStore))
	for i := range p.results {
		r := &p.results[i]
		lo := len(edges)
		edges = append(edges, r.edges...)
		r.edges = edges[lo:len(edges):len(edges)]
	}
	return p, nil
}

// Matches runs the second stage of Search for q on p: the entry and detail
// adjustments, the threshold cut, the ranking and the limit. Prepare
// followed by Matches returns what Search returns for q. q must have p's
// PreparedKey (KeyOf); otherwise Matches returns ErrPreparedMismatch.
// Of q.Name, Matches reads only whether its last word is Inc, Corp or
// Incorporated (the respelled_corporation adjustment), which names that
// normalise alike share: p stands for the name it was prepared with.
func (p *Prepared) Matches(q Query) ([]Match, error) {
	th, limit, err := searchLimits(q)
	if err != nil {
		return nil, err
	}
	if k := KeyOf(q); k != p.key {
		return nil, fmt.Errorf("match: query for %q (threshold %v, country %t, date of birth %t, identifiers %t) on a search prepared with threshold %v, country %t, date of birth %t, identifiers %t: %w",
			q.Name, k.Threshold, k.Country, k.DOB, k.IDs, p.key.Threshold, p.key.Country, p.key.DOB, p.key.IDs, ErrPreparedMismatch)
	}
	if len(p.results) == 0 {
		return nil, nil
	}
	rs := make([]result, len(p.results))
	copy(rs, p.results)
	rs = p.ix.applyDetails(rs, p.legal, q, th)
	return p.ix.finish(rs, p.qs, limit), nil
}

// How the first stage of a search reads a query's name beyond its
// normalised text (NameReading).
const (
	readPlaceCut   = 1 << iota // a place in parentheses cut (cutPlaceTail)
	readInitials               // a person's glued initials written apart (spaceInitials)
	readSaidPlace              // a place said after a legal form (cutSaidPlace)
	readAmpersand              // an & (saysAnd), which normalising drops
	readWebAddress             // a web address (webAddressWords)
	readNickname               // a person's quoted nickname cut (cutNickname)
	readRecordCode             // a record's number before or after the name cut (cutRecordCode)
	readRecoded                // mojibake or HTML character references read back (readText)
)

// readName returns the raw name of q as the first stage reads it: read
// back from mojibake or HTML (readText), without a record's number
// (recordcode.go), a place in parentheses at its end
// (segments.go) or a person's nickname (cutNickname), a person's glued
// initials apart (initials.go); the reading's bits; and the record's
// number cut, in lower case.
func readName(q Query) (string, uint8, string) {
	name, how := q.Name, uint8(0)
	if r, ok := readText(name); ok {
		name, how = r, how|readRecoded
	}
	r, code, ok := cutRecordCode(name)
	if ok {
		name, how = r, how|readRecordCode
	}
	if h, ok := cutPlaceTail(name); ok {
		name, how = h, how|readPlaceCut
	}
	if q.Type == lists.TypeIndividual {
		if s, ok := cutNickname(name); ok {
			name, how = s, how|readNickname
		}
	}
	if q.Type == lists.TypeIndividual || q.Type == lists.TypeUnknown && initialsBesideName(name) {
		if s, ok := spaceInitials(name); ok {
			name, how = s, how|readInitials
		} else if q.Type == lists.TypeIndividual && initialsAtEdge(name) {
			how |= readInitials // written apart already (TSYDENOV A. S.)
		}
	}
	return name, how, code
}

// NameReading says how the first stage of a search (Prepare) reads q's
// name beyond its normalised text: mojibake or HTML character references
// read back, a record's number
// before or after it cut, a place in parentheses at its end cut,
// a person's quoted nickname cut, a person's glued initials written apart, a place read after a legal
// form, an & (A & B is A B normalised) and a web address (WWW.ACME.COM is
// WWW ACME COM), each from the name as written. A cache of prepared searches keyed
// by the normalised name keys by the reading too: ACME LTD (UAE) and ACME
// LTD UAE normalise alike and are read otherwise, and so are SMOLIN O.N.
// of a person and of a query with no type.
func (ix *Index) NameReading(q Query) uint8 {
	name, how, _ := readName(q)
	if _, ok := cutSaidPlace(name, ix.placeWord); ok {
		how |= readSaidPlace
	}
	if strings.IndexByte(q.Name, '&') > 0 {
		how |= readAmpersand
	}
	if writesWebAddress(q.Name) {
		how |= readWebAddress
	}
	return how
}

// scoreNames runs the first stage of a search for q into sc: sc.results
// holds the scored names, their edges in sc.edgeStore. It returns false if
// the name has nothing distinctive to screen.
func (ix *Index) scoreNames(sc *scratch, q Query, th float64) bool {
	sc.results = sc.results[:0]
	sc.edgeStore = sc.edgeStore[:0]
	if len(sc.acc) < len(ix.names) {
		sc.acc = make([]float32, len(ix.names))
	}
	// what this stage reads from the name as written, beyond its
	// normalised text (the place cut, initials, the ampersand, a web
	// address), NameReading must say too: the screening's name cache
	// keys by it, and would answer one spelling for another
	sc.qName, sc.qSurname = q.Name, -1
	name, how, code := readName(q)
	sc.qCode = code
	var initials string
	initialsFirst := false
	if how&readInitials != 0 {
		// the initials beside the name, apart from its analysis: A.S. is
		// no form A/S nor A a stop word (initials.go)
		name, initials, initialsFirst = cutInitials(name)
	}
	sc.buf = appendNormalized(sc.buf[:0], name)
	qstr := ix.mendDigitSlips(string(sc.buf)) // digitslip.go
	sc.qCut = queryCut(qstr)
	if m, ok := ix.mendLegalTypos(qstr); ok {
		qstr = m // legaltypo.go
	}
	sc.fields = analyzeName(qstr, sc.fields, &sc.nt, sc.tmp[:0], true)
	nt := &sc.nt
	if nt.legalOnly || len(nt.words) == 0 || (len(nt.words) == 1 && len(nt.nums) == 0 && utf8.RuneCountInString(nt.words[0]) < 2) {
		// Nothing distinctive to screen: legal forms alone, or one letter.
		return false
	}
	words := nt.words
	if initials != "" {
		words = withInitials(sc.initBuf[:0], words, initials, initialsFirst)
		sc.initBuf = words
	}
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	nt.legal = ix.unglueLegal(words, nt.legal)
	ix.prepareQuery(sc, words, hasArabic(q.Name))
	sc.qInitials = 0
	if initials != "" {
		sc.qInitials = markInitials(sc.qs, len(initials), initialsFirst)
	}
	sc.qInnerForm = innerFormWords(sc.qs)
	var place, form uint64
	if sc.qInnerForm != 0 {
		// a form inside the query, a place after it (placetail.go)
		place, form = saidPlaceWords(name, sc.qs, ix.placeWord)
	}
	sc.qOrgOwn = orgOwnWords(sc.qs) | webAddressWords(q.Name, sc.qs) | place | form | formGapWords(qstr, sc.qs) | ix.branchWords(sc.qs)
	sc.qSeatForm = form
	sc.qArticles = articleWords(sc.qs)
	sc.qHiTech = hiTechAt(sc.qs)
	sc.qDed = queryDedication(sc.qs)
	sc.qLongAsked = false
	sc.qPlacesAsked = false
	sc.qCountryAsked = 0
	sc.qAbbr = abbrevQueryWords(sc.qs)
	sc.qBank = bankQueryWords(sc.qs)
	sc.qDinHeads, sc.qDinWords = dinQueryWords(sc.qs)
	sc.qRepeat = repeatedWords(sc.qs)
	sc.qDangling = len(sc.qs) > 3 && chainParticle(sc.qs[len(sc.qs)-1].s)
	sc.qClip, sc.qGlued = clipQueryWords(sc.qs)
	ix.findGlueHeads(sc)
	ix.findCompounds(sc)
	sc.linkHits(len(ix.toks))
	ix.findHits(sc)
	if hasHan(q.Name) {
		ix.glossHits(sc)
	} else {
		ix.pinyinHits(sc)
	}
	ix.collectCandidates(sc)
	ix.prefetchCandidates(sc)
	ix.descriptorWeights(sc)

	sc.hitMemo = append(sc.hitMemo[:0], make([]hitMemo, len(sc.hits))...)
	boost := queryBoost(q)
	for _, c := range sc.cands {
		ix.scoreName(sc, c.name, boost, th)
	}
	sc.unlinkHits()
	return true
}

// qtokSize is the size of a query word without its strings.
const qtokSize = int(unsafe.Sizeof(qtok{}))

// resultSize is the size of a result without its edges.
const resultSize = int(unsafe.Sizeof(result{}))
