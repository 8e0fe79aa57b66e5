package match

import (
	"context"
	"errors"
	"fmt"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// DefaultThreshold is the score at or above which Search reports a match
// when Query.Threshold is zero. It was chosen on the development half of the
// evaluation set in testdata/eval (see docs/matching.md).
const DefaultThreshold = 0.80

// MaxNameLen is the longest query name, in bytes, that Search accepts.
const MaxNameLen = 4096

// maxQueryWords bounds the words of a query name that take part in matching.
const maxQueryWords = 24

// Errors returned by Search. Use errors.Is.
var (
	ErrNameTooLong  = errors.New("match: query name too long")
	ErrBadThreshold = errors.New("match: threshold outside (0, 1]")
)

// Query is one party to screen.
type Query struct {
	// Name is the party's name as given, in any script.
	Name string
	// Type, if set, is the kind of party; a list entry of another kind
	// scores lower.
	Type lists.EntryType
	// Country, if valid, is the party's country; it raises the score of
	// entries with an address or nationality there and lowers the others.
	Country rules.Country
	// DateOfBirth, if set, is "YYYY", "YYYY-MM" or "YYYY-MM-DD".
	DateOfBirth string
	// IDs are the party's document or registration numbers.
	IDs []lists.Identifier
	// Threshold is the minimum score reported; 0 means DefaultThreshold.
	Threshold float64
	// Limit is the maximum number of matches returned; 0 means 10.
	Limit int
}

// Match is one list entry whose name matched the query.
type Match struct {
	Entry *lists.Entry
	// Name is the entry's name or alias that matched, as listed.
	Name string
	// Weak is true when Name is a weak (low-quality) alias.
	Weak bool
	// Score is the final score in [0,1]: NameScore plus the adjustments.
	Score float64
	// NameScore is the similarity of the names alone, in [0,1].
	NameScore float64
	// Tokens are the aligned query and candidate tokens (normalised).
	Tokens []TokenMatch
	// Adjustments are the corrections applied to NameScore.
	Adjustments []Adjustment
}

// TokenMatch is one aligned pair of normalised tokens. Either side may be two
// or more tokens joined ("hik vision" against "hikvision").
type TokenMatch struct {
	Query, Candidate string
	Similarity       float64
}

// Adjustment is one correction of the name score.
type Adjustment struct {
	// Kind is one of "weak_alias", "type_mismatch", "country_match",
	// "country_mismatch", "dob_match", "dob_mismatch", "id_match",
	// "legal_form_differs", "number_mismatch", "number_missing",
	// "respelled_corporation", "name_cut" (the query is the start of the
	// listed name, as a name field of fixed width cuts it: the score is
	// set to 0.85, a potential hit).
	Kind   string
	Delta  float64
	Detail string
}

// Adjustment deltas.
const (
	deltaWeak             = -0.05
	deltaTypeMismatch     = -0.15
	deltaCountryMatch     = 0.03
	deltaCountryMismatch  = -0.05
	deltaDOBMatch         = 0.05
	deltaDOBMismatch      = -0.15
	deltaIDMatch          = 0.15
	deltaLegalDiffers     = -0.02
	deltaNumberMismatch   = -0.30
	deltaNumberMissing    = -0.25
	minTokSim             = 0.6
	alphaUnmatched        = 0.75          // weight of candidate tokens the query lacks
	alphaUnmatchedPerson  = 0.6           // the same for listed people: given names are often left out
	alphaUnmatchedPerson3 = 0.5           // the same when three words or more agree
	alphaPartialPerson    = 0.35          // the same when the shorter person name aligns in full (partialPerson)
	partialMinSim         = vowelShapeSim // a vowel respelling or closer; an initial (0.8) is not
	partialMinShare       = 0.5
	closeMinSim           = 0.9 // aligned words that leave no doubt (closeEdges)
	leftoverMinSim        = 0.6
	maxLeftoverPairs      = 3 // pairs of leftover words compared, fewer than the words aligned
	maxLeftoverWords      = 4 // leftover words on either side beyond which none are paired
	substitutionCost      = 1.0
	consEqualSim          = 0.78 // Arabic-script word with the consonants of a listed word
	vowelShapeSim         = 0.82 // the same consonants, other vowels (Layla, Leila)
	loanShapeSim          = 0.9  // an English word and its Russian transcription (treid, trade)
	maxSpan               = 4
	maxFuzzyChecks        = 64
	maxFuzzyChecksKnown   = 24  // the same for the neighbours of a listed word
	maxNeighbours         = 12  // neighbours kept per listed word
	maxLenDiff            = 3   // fuzzy neighbours differ in length by at most this many bytes
	minKnownSim           = 0.6 // least similarity of a neighbour of a listed query word
	minConsKey            = 3   // shortest consonant key looked up for a word with vowels
	maxConsChecks         = 12  // tokens compared through that key at most
)

type scratch struct {
	buf, tmp, skelBuf []byte
	fields            []string
	nt                nameTokens
	qs                []qtok
	qOrgOwn           uint64 // query words not left over against an organisation (orgOwnWords)
	qSeatForm         uint64 // the query's legal form before a place said after the name (saidPlaceWords)
	qInnerForm        uint64 // one-word legal forms inside the query (innerFormWords, legalform.go)
	qHiTech           int8   // where the query writes hi-tech as two words (hiTechAt, english.go), -1 if not
	qDed              uint64 // the query's dedication (queryDedication)
	qArticles         uint64 // query words that are the Arabic article (articleWords, orgarticles.go)
	qLong             uint64 // query words of a country's long name, once asked (countryLong, places.go)
	qLongAsked        bool
	qCountry          uint64 // query words countryWord reads, of those asked (qCountryAsked; queryCountryWord)
	qCountryAsked     uint64
	qAbbr             abbrevWords // query words that may be abbreviations or abbreviated (abbrevQueryWords)
	qClip, qGlued     uint64      // query words that may be clipped, or glued words (clipQueryWords)
	glueHeads         []glueHead
	comps             []compSplit // query words glued to a descriptor (findCompounds)
	// bestSingle[i] is the highest similarity of a hit of query word i
	// alone (bestHit)
	bestSingle [maxQueryWords]float32
	hits       []simHit
	fuzzyHash  []uint64 // probeFuzzy's keys
	// hitsFrom is where addHit and raiseHit look for a hit already
	// found: findHits sets it to the first hit of the query word it
	// looks at, and to 0 after
	hitsFrom         int
	hitHead, hitNext []int32   // hits by token: 1 + index of the last hit, then of the one before
	hitMemo          []hitMemo // what scoring works out of each hit's words alone, kept while names are scored
	joins            []joinHit
	acc              []float32
	touched          []int32
	cands            []cand
	candHeap         []uint64 // topCandidates' heap of candKeys
	edges            []edge
	edgeStore        []edge
	results          []result
	qcons            []uint32   // consonant sets of the query words' skeletons (reachEdges), filled on first use
	reachNames       []int32    // the candidates reachEdges compares, set with qcons
	reachBits        uint64     // bit(n) of each name n of reachNames (n mod 64), set with them
	qName            string     // the query as given
	qCut             string     // its normalised name, if a field may have cut it (queryCut, fieldcut.go)
	qCode            string     // the record's number cut from it (cutRecordCode), or ""
	cutBuf           []byte     // a listed name normalised (cutOf)
	hitsTmp          []int32    // the listed words a cut word begins (cutHits)
	initBuf          []string   // the query's words with its initials (withInitials)
	qInitials        uint64     // the query words that are a person's glued initials (cutInitials)
	qPlaces          []placeRun // runs of query words that name a country (queryPlaces)
	qPlacesAsked     bool       // qPlaces worked out for this search
	qSurname         int        // its words before a comma (surnameWords); -1 not yet known
	qKorean          bool       // every query word is one romanised Hangul syllable (koreanHits)
	qCWords          uint64     // the query words with a c (romanianCWords)
	qJWords          uint64     // the query words with a j inside (spanishJWords)
	qSomWords        uint64     // the query words with a Somali x or c (somaliWords)
	somNew           []int32    // the hits only the Somali reading found (somaliUnder)
	qTajWords        uint64     // the query words of three letters with an o (tajikOWords)
	tajNew           []int32    // the hits only the Tajik o found (tajikOHits)
	qKhmWords        uint64     // the query words starting with a stop and r or h (khmerRWords)
	khmNew           []int32    // the hits only the Khmer r found (khmerRHits)
	qArmWords        uint64     // the query words with an Armenian or a Russian family-name ending (armenianWords)
	qArabSlavWords   uint64     // the query words in -uf or -of, a Slavic -ov read from Arabic script (arabicSlavWords)
	qReadings        uint64     // the query words one of these readings applies to (readingWords)
	qDinHeads        bool       // a query word is followed by al and din (dinQueryWords)
	qRepeat          uint64     // query words written as another query word is (repeatedWords)
	qDangling        bool       // the query's last word of four or more is a particle with no name after it (chainParticle)
	qCompoundNext    bool       // a word of a query of two or more starts a listed word (compoundHits, linkedCompounds)
	qDinWords        bool       // the query has a word dinEdges pairs (dinQueryWords)
	qBank            uint8      // what bankFormPair asks of the query (bankQueryWords)
	surnameBuf       []byte     // surnameWords' buffers
	surnameTmp       []byte
	surnameFields    []string
	surnameNT        nameTokens
	// sink keeps the sum of what the prefetch loops read (prefetchCandidates)
	sink int32
}

func newScratch(n int) *scratch {
	return &scratch{
		buf: make([]byte, 0, 256), tmp: make([]byte, 0, 256), skelBuf: make([]byte, 0, 256),
		acc: make([]float32, n), touched: make([]int32, 0, 1024),
	}
}

// Search screens one name against the index and returns the matching
// entries, best first, at most one match per entry (its best name), with
// scores at or above the threshold. A name with nothing distinctive in it
// (empty, punctuation, or only legal forms and generic company words such as
// "Trading Co., Ltd.") matches nothing.
func (ix *Index) Search(ctx context.Context, q Query) ([]Match, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	th, limit, err := searchLimits(q)
	if err != nil {
		return nil, err
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	if !ix.scoreNames(sc, q, th) {
		return nil, nil
	}
	sc.results = ix.applyDetails(sc.results, sc.nt.legal, q, th)
	return ix.finish(sc.results, sc.qs, limit), nil
}

// finish ranks the scored names rs (rankResults), keeps the best limit and
// turns them into matches; nil if rs is empty. qs are the query's words.
func (ix *Index) finish(rs []result, qs []qtok, limit int) []Match {
	if len(rs) == 0 {
		return nil
	}
	rs = ix.rankResults(rs)
	if len(rs) > limit {
		rs = rs[:limit]
	}
	out := make([]Match, len(rs))
	for i := range rs {
		out[i] = ix.buildMatch(qs, &rs[i])
	}
	return out
}

// searchLimits validates the query's name length and threshold and returns
// the threshold and the number of matches to return, defaults applied.
func searchLimits(q Query) (th float64, limit int, err error) {
	if len(q.Name) > MaxNameLen {
		return 0, 0, fmt.Errorf("match: query name of %d bytes exceeds %d: %w", len(q.Name), MaxNameLen, ErrNameTooLong)
	}
	th = q.Threshold
	if th == 0 {
		th = DefaultThreshold
	}
	if !(th > 0 && th <= 1) {
		return 0, 0, fmt.Errorf("match: threshold %v: %w", q.Threshold, ErrBadThreshold)
	}
	limit = q.Limit
	if limit <= 0 {
		limit = 10
	}
	return th, limit, nil
}

// hasArabic reports whether s has a letter of the Arabic script.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}
