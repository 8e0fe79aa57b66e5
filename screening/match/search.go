package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

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
	// "legal_form_differs", "number_mismatch", "number_missing".
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
	maxBoost              = deltaCountryMatch + deltaDOBMatch + deltaIDMatch
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

type qtok struct {
	s, skel, cons string
	w             float32
	vowelless     bool
	variantInfo
}

type simHit struct {
	qlo, qhi int8
	tok      int32
	sim      float32
}

type joinHit struct {
	q    int8
	pos  int16
	name int32
	sim  float32
}

type cand struct {
	name int32
	acc  float32
}

type edge struct {
	qlo, qhi int8
	clo, chi int8
	sim      float32
	w        float32
}

type result struct {
	name      int32
	nameScore float32
	score     float32
	edges     []edge // points into scratch.edgeStore
	adj       [8]Adjustment
	nadj      int
}

type scratch struct {
	buf, tmp, skelBuf []byte
	fields            []string
	nt                nameTokens
	qs                []qtok
	hits              []simHit
	hitHead, hitNext  []int32 // hits by token: 1 + index of the last hit, then of the one before
	joins             []joinHit
	acc               []float32
	touched           []int32
	cands             []cand
	edges             []edge
	edgeStore         []edge
	results           []result
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
	if len(q.Name) > MaxNameLen {
		return nil, fmt.Errorf("match: query name of %d bytes exceeds %d: %w", len(q.Name), MaxNameLen, ErrNameTooLong)
	}
	th := q.Threshold
	if th == 0 {
		th = DefaultThreshold
	}
	if !(th > 0 && th <= 1) {
		return nil, fmt.Errorf("match: threshold %v: %w", q.Threshold, ErrBadThreshold)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	if len(sc.acc) < len(ix.names) {
		sc.acc = make([]float32, len(ix.names))
	}

	sc.buf = appendNormalized(sc.buf[:0], q.Name)
	qstr := string(sc.buf)
	sc.fields = analyze(qstr, sc.fields, &sc.nt, sc.tmp[:0])
	nt := &sc.nt
	if nt.legalOnly || len(nt.words) == 0 || (len(nt.words) == 1 && len(nt.nums) == 0 && utf8.RuneCountInString(nt.words[0]) < 2) {
		// Nothing distinctive to screen: legal forms alone, or one letter.
		return nil, nil
	}
	words := nt.words
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	ix.prepareQuery(sc, words, hasArabic(q.Name))
	ix.findHits(sc)
	if hasHan(q.Name) {
		ix.glossHits(sc)
	} else {
		ix.pinyinHits(sc)
	}
	ix.collectCandidates(sc)

	sc.results = sc.results[:0]
	sc.edgeStore = sc.edgeStore[:0]
	sc.linkHits(len(ix.toks))
	for _, c := range sc.cands {
		ix.scoreName(sc, c.name, q, th)
	}
	sc.unlinkHits()
	if len(sc.results) == 0 {
		return nil, nil
	}
	// best name per entry, then order by score
	slices.SortFunc(sc.results, func(a, b result) int {
		ea, eb := ix.names[a.name].entry, ix.names[b.name].entry
		if ea != eb {
			return int(ea - eb)
		}
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if a.nameScore != b.nameScore {
			// scores clamped at 1: the name that agrees better
			if a.nameScore > b.nameScore {
				return -1
			}
			return 1
		}
		return int(a.name - b.name)
	})
	k := 0
	for i := range sc.results {
		if i > 0 && ix.names[sc.results[i].name].entry == ix.names[sc.results[k-1].name].entry {
			continue
		}
		sc.results[k] = sc.results[i]
		k++
	}
	sc.results = sc.results[:k]
	slices.SortFunc(sc.results, func(a, b result) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(ix.names[a.name].entry - ix.names[b.name].entry)
	})
	if len(sc.results) > limit {
		sc.results = sc.results[:limit]
	}
	out := make([]Match, len(sc.results))
	for i := range sc.results {
		out[i] = ix.buildMatch(sc, &sc.results[i])
	}
	return out, nil
}

// prepareQuery computes the weight, skeleton and consonant key of each query
// word.
//
// Words romanised from Arabic script (arabic) carry no short vowels; they
// are also compared by their consonants.
func (ix *Index) prepareQuery(sc *scratch, words []string, arabic bool) {
	sc.qs = sc.qs[:0]
	sc.skelBuf = sc.skelBuf[:0]
	type off struct{ s, sl, c, cl int }
	var offs [maxQueryWords]off
	for i, w := range words {
		o := off{s: len(sc.skelBuf)}
		sc.skelBuf = appendSkeleton(sc.skelBuf, w)
		o.sl = len(sc.skelBuf) - o.s
		o.c = len(sc.skelBuf)
		sc.skelBuf = appendConsonants(sc.skelBuf, w)
		o.cl = len(sc.skelBuf) - o.c
		offs[i] = o
	}
	keys := string(sc.skelBuf)
	unknownW := float32(logf(float64(len(ix.names)+1) / 1.5))
	for i, w := range words {
		o := offs[i]
		t := qtok{s: w, skel: keys[o.s : o.s+o.sl], cons: keys[o.c : o.c+o.cl], vowelless: arabic, w: unknownW}
		if id, ok := ix.tokenID(w); ok {
			t.w = ix.toks[id].w
			t.variantInfo = ix.toks[id].variantInfo
		} else {
			if stopWords[w] {
				t.w = 0
			}
			t.variantInfo = variantInfoOf(w)
		}
		sc.qs = append(sc.qs, t)
	}
}

// tokSim is the similarity of a query token and an indexed token: the
// sharpened Jaro-Winkler similarity of the tokens or, slightly discounted, of
// their romanisation skeletons; tokens without written vowels (romanised
// Arabic script) are also compared by their consonants.
func (ix *Index) tokSim(q *qtok, t *tokInfo) float32 {
	if q.s == t.s {
		return 1
	}
	n := min(len(q.s), len(t.s))
	var s float32
	switch {
	case n <= 3:
		// short words and acronyms: exact, or (weakly) the same skeleton
		if q.skel == t.skel && len(q.skel) >= 2 {
			s = 0.7
		}
		if n == 3 && len(q.s) != len(t.s) && !q.vowelless && len(q.cons) == 2 && q.cons == t.cons && q.s[0] == t.s[0] &&
			(q.group == 0 || t.group == 0 || q.group == t.group) {
			// a vowel more in a word of three letters (Amr, Amru,
			// Amir): the same two consonants, in order; not an
			// acronym (RMR, CLC), which has no vowel, nor two names
			// the variant tables hold apart (the Korean family names
			// Pak and Paek)
			s = vowelShapeSim
		}
	default:
		s = strSim(q.s, t.s, n)
		if q.skel == t.skel {
			s = max(s, skelEqualSim(n))
		} else if sameVowelShape(q.skel, t.skel) {
			s = max(s, vowelShapeSim)
		} else if n >= 6 && (1-levSim(q.skel, t.skel))*float64(max(len(q.skel), len(t.skel))) <= 1.0001 {
			s = max(s, 0.85)
		}
		if s < loanShapeSim && n >= 6 && sameLoanShape(q.s, t.s) {
			s = loanShapeSim
		}
	}
	if q.vowelless && len(q.cons) >= 1 && q.cons == t.cons {
		s = max(s, consEqualSim)
	}
	if q.group != 0 && q.group == t.group || q.patGroup != 0 && q.patGroup == t.patGroup {
		// the same name in another language or romanisation
		// (Aleksandr, Oleksandr, Alexander), or patronymics of it
		s = max(s, variantSim)
	}
	return s
}

// skelEqualSim is the similarity of two words of which the shorter has n
// bytes and whose romanisation skeletons are equal.
func skelEqualSim(n int) float32 {
	if n <= 5 {
		return 0.85
	}
	return 0.93
}

// strSim blends the sharpened Jaro-Winkler similarity, which forgives
// errors late in a word, with the Levenshtein similarity, which counts every
// edit.
func strSim(a, b string, n int) float32 {
	return (sharpen(jaroWinkler(a, b), n) + float32(levSim(a, b))) / 2
}

// sharpen spreads Jaro-Winkler similarities near 1 so that one typo in a
// long word costs little and a different short word costs a lot.
func sharpen(s float64, n int) float32 {
	if s >= 1 {
		return 1
	}
	if n <= 5 {
		s = 3*s - 2
	} else {
		s = 2*s - 1
	}
	return float32(max(s, 0))
}

// linkHits chains the hits by indexed token, so that scoring a name looks
// up the hits of its own tokens instead of scanning them all.
func (sc *scratch) linkHits(ntoks int) {
	if len(sc.hitHead) < ntoks {
		sc.hitHead = make([]int32, ntoks)
	}
	sc.hitNext = sc.hitNext[:0]
	for i, h := range sc.hits {
		sc.hitNext = append(sc.hitNext, sc.hitHead[h.tok])
		sc.hitHead[h.tok] = int32(i + 1)
	}
	// the chains run from the last hit to the first; scoring sorts the
	// edges, so their order does not matter
}

// unlinkHits clears what linkHits set.
func (sc *scratch) unlinkHits() {
	for _, h := range sc.hits {
		sc.hitHead[h.tok] = 0
	}
}

func (sc *scratch) addHit(h simHit) {
	for i := range sc.hits {
		if sc.hits[i].qlo == h.qlo && sc.hits[i].qhi == h.qhi && sc.hits[i].tok == h.tok {
			return
		}
	}
	sc.hits = append(sc.hits, h)
}

// findHits finds, for every query word and every run of up to maxSpan
// adjacent words, the indexed tokens that are similar.
func (ix *Index) findHits(sc *scratch) {
	sc.hits = sc.hits[:0]
	sc.joins = sc.joins[:0]
	for i := range sc.qs {
		q := &sc.qs[i]
		id, known := ix.tokenID(q.s)
		if known {
			sc.addHit(simHit{int8(i), int8(i), id, 1})
		}
		if len(q.s) >= 3 || q.vowelless {
			ix.fuzzyHits(sc, q, int8(i), int8(i), minTokSim, known, id)
		}
		ix.variantHits(sc, q, int8(i), id, known)
		if refs, ok := ix.joinsOf(q.s); ok {
			w := float32(1)
			for _, r := range refs {
				sc.joins = append(sc.joins, joinHit{q: int8(i), pos: r.pos, name: r.name, sim: w})
			}
		}
	}
	// runs of adjacent query words against single indexed tokens
	for i := 0; i < len(sc.qs); i++ {
		b := sc.tmp[:0]
		for k := i; k < len(sc.qs) && k < i+maxSpan; k++ {
			b = append(b, sc.qs[k].s...)
			if k == i {
				continue
			}
			if id, ok := ix.tokenID(string(b)); ok {
				sc.addHit(simHit{int8(i), int8(k), id, 1})
				continue
			}
			if k == i+1 {
				// two syllables in Wade-Giles against one pinyin word
				// ("Yen-hsiung" against "Yanxiong")
				a, c := pinyinOf(sc.qs[i].s), pinyinOf(sc.qs[k].s)
				if a != sc.qs[i].s || c != sc.qs[k].s {
					if id, ok := ix.tokenID(a + c); ok {
						sc.addHit(simHit{int8(i), int8(k), id, variantSim})
						continue
					}
				}
			}
			if len(b) >= 6 && k == i+1 {
				sk := appendSkeleton(sc.skelBuf[len(sc.skelBuf):], string(b))
				lo, hi := ix.fuzzyRange(hashStr(seedExact, string(sk)))
				for ; lo < hi; lo++ {
					t := ix.fuzzy[lo].tok
					if sim := strSim(string(b), ix.toks[t].s, len(b)); sim >= 0.8 {
						sc.addHit(simHit{int8(i), int8(k), t, sim})
					}
				}
			}
		}
		sc.tmp = b[:0]
	}
}

// variantHits adds the indexed words of the query word's variant group
// and, for a patronymic, the patronymics formed from a name of its stem's
// group.
func (ix *Index) variantHits(sc *scratch, q *qtok, i int8, id int32, known bool) {
	for _, toks := range [2][]int32{ix.groupToks[q.group], ix.patToks[q.patGroup]} { // group 0 is empty
		for _, t := range toks {
			if known && t == id {
				continue
			}
			// tokSim of two words of one group is variantSim or, for
			// nearly equal spellings, a little more: variantSim it is,
			// without the cost of comparing strings
			sc.addHit(simHit{i, i, t, variantSim})
		}
	}
}

// fuzzyHits adds the indexed tokens whose skeleton is within one deletion on
// either side of the query word's skeleton, or shares its prefix, and whose
// similarity reaches minSim.
//
// A word that is itself in the index (known) gets the same keys: a
// respelled word is often a listed word of another name. Its look-ups are
// bounded by a smaller budget of tokens checked and a higher similarity,
// not skipped.
func (ix *Index) fuzzyHits(sc *scratch, q *qtok, lo, hi int8, minSim float32, known bool, id int32) {
	if known && !q.vowelless {
		// a listed word may still be a respelling of another listed word
		// ("hassan" for "hasan"): its neighbours, found the same way
		// within a smaller budget the first time a search needs them
		for _, n := range ix.neighbours(id) {
			sc.addHit(simHit{lo, hi, n.tok, n.sim})
		}
		return
	}
	ix.probeFuzzy(sc, q, lo, hi, minSim, maxFuzzyChecks, known)
}

// probeFuzzy looks up the fuzzy keys of q, compares at most budget
// indexed tokens and adds those reaching minSim. The typo keys of the raw
// word are looked up for words that are not listed (known false) only.
func (ix *Index) probeFuzzy(sc *scratch, q *qtok, lo, hi int8, minSim float32, budget int, known bool) {
	var checked [maxFuzzyChecks]int32
	checks := 0
	try := func(h uint64) {
		a, b := ix.fuzzyRange(h)
	next:
		for ; a < b && checks < budget; a++ {
			t := ix.fuzzy[a].tok
			for _, c := range checked[:checks] {
				if c == t {
					continue next // reached through another key
				}
			}
			checked[checks] = t
			checks++
			if d := len(q.s) - len(ix.toks[t].s); !q.vowelless && (d > maxLenDiff || d < -maxLenDiff) {
				continue // too different in length to reach minSim
			}
			if s := ix.tokSim(q, &ix.toks[t]); s >= minSim {
				sc.addHit(simHit{lo, hi, t, s})
			}
		}
	}
	sk := q.skel
	try(hashStr(seedExact, sk))
	if q.vowelless && len(q.cons) >= 1 {
		try(hashStr(seedCons, q.cons))
	}
	if len(sk) >= fuzzyMinLen-1 {
		try(hashStr(seedDel, sk))
	}
	if len(sk) >= fuzzyMinLen {
		for i := 0; i < len(sk); i++ {
			try(hashDel(seedDel, sk, i))
			try(hashDel(seedExact, sk, i))
		}
	}
	if len(sk) >= prefixLen+2 {
		try(hashStr(seedPrefix, sk[:prefixLen]))
	}
	if len(q.s) >= rawMinLen && !known {
		try(hashStr(seedRawDel, q.s))
		for i := 0; i < len(q.s); i++ {
			try(hashDel(seedRawDel, q.s, i))
		}
	}
	if !q.vowelless && len(q.cons) >= minConsKey {
		// the same consonants with other vowels (Bhattvi, Bhuttavi):
		// last, so that closer spellings come first within the budget,
		// and within a budget of its own, as a consonant key is shared
		// by many words
		budget = min(budget, checks+maxConsChecks)
		try(hashStr(seedCons, q.cons))
	}
}

// collectCandidates accumulates, per indexed name, the weight of the query
// words it shares, skipping the postings of common tokens when a rarer one is
// available, and keeps the best maxCandidates names.
func (ix *Index) collectCandidates(sc *scratch) {
	// a query word is rare when its best hit is a rare token
	anyRare := false
	for i := range sc.qs {
		var best float32
		rare := false
		for _, h := range sc.hits {
			if h.qlo == int8(i) && h.sim > best {
				best, rare = h.sim, int(ix.toks[h.tok].df) <= ix.opts.commonDF
			}
		}
		if rare {
			anyRare = true
			break
		}
	}
	// a query word that is itself a common listed word: its respellings
	// ("tekhnologii" for "technology") are no rarer evidence than the word,
	// whose postings are skipped when a rarer word is available
	var commonQ uint64
	if anyRare {
		for _, h := range sc.hits {
			if h.qlo == h.qhi && h.sim == 1 && int(ix.toks[h.tok].df) > ix.opts.commonDF {
				commonQ |= 1 << h.qlo
			}
		}
	}
	sc.touched = sc.touched[:0]
	for _, h := range sc.hits {
		t := &ix.toks[h.tok]
		if anyRare && (int(t.df) > ix.opts.commonDF || h.qlo == h.qhi && commonQ&(1<<h.qlo) != 0) {
			continue
		}
		if int(t.df) > 4*ix.opts.commonDF {
			continue
		}
		// a word counts for no more than the query words it stands for:
		// a rare respelling ("technologii") of a common query word
		// ("technology") is no rarer evidence than the word itself
		var qw float32
		for k := h.qlo; k <= h.qhi; k++ {
			qw += sc.qs[k].w
		}
		add := h.sim * min(t.w, qw)
		for _, n := range ix.postings(h.tok) {
			if sc.acc[n] == 0 {
				sc.touched = append(sc.touched, n)
			}
			sc.acc[n] += add
		}
	}
	for _, j := range sc.joins {
		n := j.name
		if sc.acc[n] == 0 {
			sc.touched = append(sc.touched, n)
		}
		sc.acc[n] += j.sim * 4
	}
	// top maxCandidates by accumulated weight (ties by name id)
	k := ix.opts.maxCandidates
	sc.cands = sc.cands[:0]
	less := func(a, b cand) bool { return a.acc < b.acc || a.acc == b.acc && a.name > b.name }
	var qW float32
	for i := range sc.qs {
		qW += sc.qs[i].w
	}
	for _, n := range sc.touched {
		// rank by a Dice-like estimate, so that long names sharing many
		// common words do not crowd out short exact ones
		c := cand{n, sc.acc[n] / (qW + ix.names[n].totalW)}
		sc.acc[n] = 0
		if len(sc.cands) < k {
			sc.cands = append(sc.cands, c)
			// sift up (min-heap)
			i := len(sc.cands) - 1
			for i > 0 {
				p := (i - 1) / 2
				if !less(sc.cands[i], sc.cands[p]) {
					break
				}
				sc.cands[i], sc.cands[p] = sc.cands[p], sc.cands[i]
				i = p
			}
			continue
		}
		if !less(sc.cands[0], c) {
			continue
		}
		sc.cands[0] = c
		i := 0
		for {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(sc.cands) && less(sc.cands[l], sc.cands[m]) {
				m = l
			}
			if r < len(sc.cands) && less(sc.cands[r], sc.cands[m]) {
				m = r
			}
			if m == i {
				break
			}
			sc.cands[i], sc.cands[m] = sc.cands[m], sc.cands[i]
			i = m
		}
	}
}

// scoreName aligns the query with one indexed name, computes its name score
// and adjustments, and records a result if the final score reaches th.
func (ix *Index) scoreName(sc *scratch, nid int32, q Query, th float64) {
	rec := &ix.names[nid]
	ctoks := ix.nameTok[rec.tokOff : rec.tokOff+int32(rec.tokLen)]
	sc.edges = sc.edges[:0]
	east := int8(-1) // whether the entry is of China or Korea: -1 not yet known
	for j, ct := range ctoks {
		for k := sc.hitHead[ct]; k != 0; k = sc.hitNext[k-1] {
			h := &sc.hits[k-1]
			if h.sim < 1 && h.qlo == h.qhi && rec.individual && ix.otherSyllabicName(&sc.qs[h.qlo], &ix.toks[ct], rec, &east) {
				continue
			}
			sc.edges = append(sc.edges, edge{h.qlo, h.qhi, int8(j), int8(j), h.sim, ix.toks[ct].w})
		}
	}
	for _, jh := range sc.joins {
		if jh.name == nid && int(jh.pos)+1 < len(ctoks) {
			w := ix.toks[ctoks[jh.pos]].w + ix.toks[ctoks[jh.pos+1]].w
			sc.edges = append(sc.edges, edge{jh.q, jh.q, int8(jh.pos), int8(jh.pos + 1), jh.sim, w})
		}
	}
	// initials (listed people only): a one-letter query word against a
	// word with that first letter, and a listed initial against a query word
	for i := range sc.qs {
		qs := sc.qs[i].s
		for j, ct := range ctoks {
			cs := ix.toks[ct].s
			if qs[0] != cs[0] || (len(qs) == 1) == (len(cs) == 1) || !rec.individual {
				continue
			}
			sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(j), 0.8, min(ix.toks[ct].w, 3)})
		}
	}
	if len(sc.edges) == 0 {
		return
	}
	slices.SortFunc(sc.edges, func(a, b edge) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return int(a.qlo-b.qlo)*64 + int(a.clo-b.clo)
	})
	var qm, cm uint64
	var num, matchedW float32
	distinct := false
	start := len(sc.edgeStore)
	for _, e := range sc.edges {
		qmask := spanMask(e.qlo, e.qhi)
		cmask := spanMask(e.clo, e.chi)
		if qm&qmask != 0 || cm&cmask != 0 {
			continue
		}
		qm |= qmask
		cm |= cmask
		num += e.sim * 2 * e.w
		matchedW += 2 * e.w
		if e.sim >= minTokSim {
			for j := e.clo; j <= e.chi; j++ {
				if tk := &ix.toks[ctoks[j]]; !tk.generic && !descriptorFor(&sc.qs[e.qlo], e, tk) {
					distinct = true
				}
			}
		}
		sc.edgeStore = append(sc.edgeStore, e)
	}
	if distinct && ix.leftoversCanReach(sc, ctoks, qm, cm, num, matchedW, q, th) {
		// the words that aligned are not all generic: the one left on
		// each side may be a respelling
		aligned := len(sc.edgeStore) - start
		for k := 0; k < maxLeftoverPairs && k < aligned-1; k++ {
			e, ok := ix.leftoverPair(sc, ctoks, qm, cm, start)
			if !ok {
				break
			}
			qm |= spanMask(e.qlo, e.qhi)
			cm |= spanMask(e.clo, e.chi)
			num += e.sim * 2 * e.w
			matchedW += 2 * e.w
			sc.edgeStore = append(sc.edgeStore, e)
		}
	}
	cnums := ix.nameNum[rec.numOff : rec.numOff+int32(rec.numLen)]
	numsAgree := len(sc.nt.nums) > 0 && sameSet(sc.nt.nums, cnums)
	if !distinct && (len(sc.qs) < 2 && !numsAgree || qm != spanMask(0, int8(len(sc.qs)-1)) || cm != spanMask(0, int8(len(ctoks)-1))) {
		// only generic words agree: require the whole name, of two words
		// or more, on both sides
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	den := matchedW
	alpha := float32(alphaUnmatched)
	if rec.individual {
		alpha = alphaUnmatchedPerson
		if len(sc.edgeStore)-start >= 3 {
			alpha = alphaUnmatchedPerson3
		}
	}
	var missQ, missC float32
	for i := range sc.qs {
		if qm&(1<<i) == 0 {
			q := &sc.qs[i]
			missQ += q.w * q.variantInfo.missFactor(rec.individual, false)
		}
	}
	// generic words the listed organisation has on top of a query that
	// aligns in full, closely and on two words or more: what the
	// business does, left out (AL-FADEL EXCHANGE for AL-FADEL EXCHANGE
	// AND MONEY TRANSFER COMPANY)
	shortened := !rec.individual && qm == spanMask(0, int8(len(sc.qs)-1)) && sc.closeEdges(start, closeMinSim)
	ded := len(ctoks) // where a dedication starts (NAMED AFTER A.I. SHOKIN)
	if !rec.individual && distinct && qm == spanMask(0, int8(len(sc.qs)-1)) && cm != spanMask(0, int8(len(ctoks)-1)) {
		ded = ix.dedicationStart(ctoks)
	}
	for j, ct := range ctoks {
		if cm&(1<<j) == 0 {
			t := &ix.toks[ct]
			if j >= ded {
				// the person an organisation is named after, left
				// out as its short name does
				missC += t.w * missDedication
				continue
			}
			missC += t.w * t.variantInfo.missFactor(rec.individual, shortened && (t.generic || isOrgDescriptor(t.group)))
		}
	}
	if !rec.individual && missQ > 0 && missC == 0 && distinct && sc.closeEdges(start, closeMinSim) {
		// the whole listed organisation name, closely, and on top only
		// words that say what a business is or does, in any language
		// (FARS NEWS AGENCY CULTURAL INSTITUTE for FARS NEWS AGENCY):
		// they count as generic words left out
		missQ = 0
		for i := range sc.qs {
			if qm&(1<<i) == 0 {
				q := &sc.qs[i]
				missQ += q.w * q.variantInfo.missFactor(false, genericWords[q.s] || isOrgDescriptor(q.group))
			}
		}
	}
	alphaQ := float32(1)
	switch {
	case missQ > 0 && missC > 0:
		// words on both sides left unmatched look like a different name,
		// not a shortened one: the listed words count in full, and the
		// substitution costs extra
		alpha = 1
		den += substitutionCost * min(missQ, missC)
	case missQ > 0 && rec.individual && len(sc.edgeStore)-start >= 2:
		// the whole listed name of a person and more: another given
		// name (Laurent Nkunda Mahoro for LAURENT NKUNDA); not for a
		// listed name of one word, which any longer name may contain
		alphaQ = alpha
	}
	if rec.individual && missQ == 0 && missC > 0 && sc.partialPerson(start, extraWords(cm, len(ctoks))) {
		// the query is the listed person's name shortened; not the other
		// way round, where a short listed name of common words ("ALI,
		// Ahmad") is inside another person's longer name
		alpha = alphaPartialPerson
	}
	den += alphaQ*missQ + alpha*missC
	if len(sc.edgeStore)-start == 1 {
		// a single aligned word is weak evidence unless it is exact:
		// its similarity counts as sim^1.5
		e := sc.edgeStore[start]
		num -= (e.sim - e.sim*float32(math.Sqrt(float64(e.sim)))) * 2 * e.w
	}
	nameScore := num / den
	r := result{name: nid, nameScore: nameScore}
	// numbers must agree
	qnums := sc.nt.nums
	if len(qnums) > 0 || len(cnums) > 0 {
		switch {
		case len(qnums) > 0 && len(cnums) > 0:
			if !sameSet(qnums, cnums) {
				r.add(Adjustment{"number_mismatch", deltaNumberMismatch, "numbers differ"})
			}
		case len(qnums) > 0:
			r.add(Adjustment{"number_missing", deltaNumberMissing, "query has a number the listed name lacks"})
		default:
			r.add(Adjustment{"number_missing", deltaNumberMissing / 2, "listed name has a number the query lacks"})
		}
	}
	if float64(nameScore)+maxBoost+sumDelta(&r) < th {
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	e := ix.entries[rec.entry]
	if rec.weak {
		r.add(Adjustment{"weak_alias", deltaWeak, "weak alias"})
	}
	if sc.nt.legal != LegalNone && rec.legal != LegalNone && sc.nt.legal != rec.legal {
		r.add(Adjustment{"legal_form_differs", deltaLegalDiffers, "legal form " + sc.nt.legal.String() + " vs " + rec.legal.String()})
	}
	if q.Type != lists.TypeUnknown && e.Type != lists.TypeUnknown && q.Type != e.Type {
		r.add(Adjustment{"type_mismatch", deltaTypeMismatch, "query is " + string(q.Type) + ", entry is " + string(e.Type)})
	}
	corroborate(&r, e, ix.entryIDs[rec.entry], q)
	score := float64(nameScore) + sumDelta(&r)
	score = max(0, min(1, score))
	if score < th {
		sc.edgeStore = sc.edgeStore[:start]
		return
	}
	r.score = float32(score)
	r.edges = sc.edgeStore[start:len(sc.edgeStore):len(sc.edgeStore)]
	sc.results = append(sc.results, r)
}

// partialPerson reports whether the edges of a result from start on
// align every word of the shorter of two person names, closely
// (partialMinSim), with at least two words and at least half as many
// words as the longer name has extra (extra): the same person with a given
// name, a second surname or a patronymic more or less. It counts words,
// not their weights, so that it holds alike in an index of the whole
// list and in one of a few changed entries (screening's Affected).
func (sc *scratch) partialPerson(start, extra int) bool {
	return float32(len(sc.edgeStore)-start) >= partialMinShare*float32(extra) && sc.closeEdges(start, partialMinSim)
}

// missDedication is the share of its weight that a word of an
// organisation's dedication counts for when the query leaves it out.
const missDedication = 0.3

// dedicationStart returns the position of the first word of the
// dedication in an organisation's name: the words from "named after" or
// "imeni" on (MOSCOW STATE TECHNICAL UNIVERSITY NAMED AFTER N.E. BAUMAN,
// RESEARCH INSTITUTE IMENI A.L. MINTS), which the organisation's short name
// usually leaves out; len(ctoks) if it has none. A dedication is never the
// start of a name.
func (ix *Index) dedicationStart(ctoks []int32) int {
	for j := 1; j < len(ctoks); j++ {
		switch ix.toks[ctoks[j]].s {
		case "imeni":
			return j
		case "named":
			if j+1 < len(ctoks) && ix.toks[ctoks[j+1]].s == "after" {
				return j
			}
		}
	}
	return len(ctoks)
}

// extraWords returns how many of the first n words the mask m leaves out.
func extraWords(m uint64, n int) int {
	if n > 64 {
		n = 64
	}
	return n - bits.OnesCount64(m&(1<<n-1))
}

// closeEdges reports whether the edges of a result from start on are two
// or more, each of similarity minSim or more.
func (sc *scratch) closeEdges(start int, minSim float32) bool {
	es := sc.edgeStore[start:]
	if len(es) < 2 {
		return false
	}
	for _, e := range es {
		if e.sim < minSim {
			return false
		}
	}
	return true
}

// otherSyllabicName reports whether the query word q and the word t of a
// listed person's name are different Chinese or Korean names one letter
// apart (differentSyllabicName) and the person is of China or Korea. east
// caches the latter for one name: -1 unknown, 0 no, 1 yes.
func (ix *Index) otherSyllabicName(q *qtok, t *tokInfo, rec *nameRec, east *int8) bool {
	if q.group != 0 && q.group == t.group || !differentSyllabicName(q.s, t.s, q.skel, t.skel) {
		return false
	}
	if *east < 0 {
		*east = 0
		if eastAsian(ix.entries[rec.entry]) {
			*east = 1
		}
	}
	return *east == 1
}

// leftoversCanReach reports whether pairing the words left unaligned could
// lift the name to the threshold th: with every leftover listed word
// paired at similarity 1, the query's extra words not counted at all, and
// the largest boost the query's country, date of
// birth and identifiers could add. Most scored names cannot, and comparing
// their leftovers is the costly part of pairing. The bound must hold
// whatever the words weigh: a name whose pairing is skipped on one list
// and done on the next would change its score by more than the weights
// moved.
func (ix *Index) leftoversCanReach(sc *scratch, ctoks []int32, qm, cm uint64, num, matchedW float32, q Query, th float64) bool {
	var wq, wc float32
	nq, nc := 0, 0
	for i := range sc.qs {
		if qm&(1<<i) == 0 {
			wq += sc.qs[i].w
			nq++
		}
	}
	for j, ct := range ctoks {
		if cm&(1<<j) == 0 {
			wc += ix.toks[ct].w
			nc++
		}
	}
	if wq == 0 || wc == 0 || nq > maxLeftoverWords || nc > maxLeftoverWords {
		// nothing to pair, or names that differ in more than a few
		// respelled words
		return false
	}
	// a pair weighs its listed word (an edge's weight): at most every
	// leftover listed word paired at 1, nothing else counted
	best := float64((num + 2*wc) / (matchedW + 2*wc))
	var boost float64
	if q.Country.IsValid() {
		boost += deltaCountryMatch
	}
	if q.DateOfBirth != "" {
		boost += deltaDOBMatch
	}
	if len(q.IDs) > 0 {
		boost += deltaIDMatch
	}
	return best+boost >= th
}

// leftoverPair returns an edge between a query word and a listed word
// both left unaligned, the most similar such pair, when the words that
// aligned are two or more, each at 0.9 or more: a word respelled further
// than the fuzzy keys reach (Ghoreishi for Quraishi, Bhattwi for Bhuttavi)
// in a name that otherwise agrees. Its similarity (of the letters or of
// the skeletons), at least leftoverMinSim, counts as it is. Words of
// fewer than four letters are not paired.
func (ix *Index) leftoverPair(sc *scratch, ctoks []int32, qm, cm uint64, start int) (edge, bool) {
	nq, nc := len(sc.qs), len(ctoks)
	if nq > 64 || nc > 64 || !sc.closeEdges(start, closeMinSim) {
		return edge{}, false
	}
	// a given name and a patronymic that agree say little about the
	// surname left over (KOLBIN, Sergey Nikolayevich is not KOTKIN,
	// Sergey Nikolayevich): two aligned words that are neither patronymics
	// nor titles are needed
	named := 0
	for _, e := range sc.edgeStore[start:] {
		qi, ti := &sc.qs[e.qlo].variantInfo, &ix.toks[ctoks[e.clo]].variantInfo
		if !qi.patronymic && !qi.title && !ti.patronymic && !ti.title {
			named++
		}
	}
	if named < 2 {
		return edge{}, false
	}
	best, bq, bc := float32(0), -1, -1
	for i := 0; i < nq; i++ {
		q := &sc.qs[i]
		if qm&(1<<i) != 0 || q.w == 0 || len(q.s) < 4 {
			continue
		}
		for j := 0; j < nc; j++ {
			t := &ix.toks[ctoks[j]]
			if cm&(1<<j) != 0 || len(t.s) < 4 || !sameStart(q.skel, t.skel) {
				continue
			}
			sim := strSim(q.s, t.s, min(len(q.s), len(t.s)))
			if sk := strSim(q.skel, t.skel, min(len(q.skel), len(t.skel))); sk > sim {
				sim = sk
			}
			if sim > best {
				best, bq, bc = sim, i, j
			}
		}
	}
	if bq < 0 || best < leftoverMinSim {
		return edge{}, false
	}
	return edge{int8(bq), int8(bq), int8(bc), int8(bc), best, ix.toks[ctoks[bc]].w}, true
}

// sameStart reports whether two skeletons start with the same letter, both
// with a vowel, or with a voiced and a voiceless consonant of one place
// (g/k, b/p, d/t, v/f): respellings seldom change the first consonant
// more than that (Ghoreishi, Quraishi).
func sameStart(a, b string) bool {
	return startClass(a[0]) == startClass(b[0])
}

func startClass(c byte) byte {
	switch c {
	case 'a', 'i', 'u':
		return 'a'
	case 'g':
		return 'k'
	case 'b':
		return 'p'
	case 'd':
		return 't'
	case 'v':
		return 'f'
	}
	return c
}

// descriptorFor reports whether the listed word t, aligned by e with the
// query word q, is an organisation descriptor in another language standing
// for q, a generic word ("torgovy" for "trade", "resurs" for "resources"):
// the pair says no more than the generic word itself.
func descriptorFor(q *qtok, e edge, t *tokInfo) bool {
	return e.qlo == e.qhi && q.s != t.s && genericWords[q.s] && isOrgDescriptor(t.group)
}

func (r *result) add(a Adjustment) {
	if r.nadj < len(r.adj) {
		r.adj[r.nadj] = a
		r.nadj++
	}
}

func sumDelta(r *result) float64 {
	var d float64
	for _, a := range r.adj[:r.nadj] {
		d += a.Delta
	}
	return d
}

func spanMask(lo, hi int8) uint64 {
	if lo < 0 || hi >= 64 {
		return 0
	}
	return (uint64(1)<<(hi-lo+1) - 1) << lo
}

func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

func (ix *Index) buildMatch(sc *scratch, r *result) Match {
	rec := &ix.names[r.name]
	e := ix.entries[rec.entry]
	name := e.Name
	if rec.alias >= 0 {
		name = e.Aliases[rec.alias].Name
	}
	ctoks := ix.nameTok[rec.tokOff : rec.tokOff+int32(rec.tokLen)]
	m := Match{
		Entry: e, Name: name, Weak: rec.weak,
		Score: round4(float64(r.score)), NameScore: round4(float64(r.nameScore)),
		Tokens: make([]TokenMatch, len(r.edges)),
	}
	for i, ed := range r.edges {
		tm := TokenMatch{Similarity: round4(float64(ed.sim))}
		if ed.qlo == ed.qhi {
			tm.Query = sc.qs[ed.qlo].s
		} else {
			parts := make([]string, 0, ed.qhi-ed.qlo+1)
			for k := ed.qlo; k <= ed.qhi; k++ {
				parts = append(parts, sc.qs[k].s)
			}
			tm.Query = strings.Join(parts, " ")
		}
		if ed.clo == ed.chi {
			tm.Candidate = ix.toks[ctoks[ed.clo]].s
		} else {
			tm.Candidate = ix.toks[ctoks[ed.clo]].s + " " + ix.toks[ctoks[ed.chi]].s
		}
		m.Tokens[i] = tm
	}
	slices.SortStableFunc(m.Tokens, func(a, b TokenMatch) int { return strings.Compare(a.Query, b.Query) })
	if r.nadj > 0 {
		m.Adjustments = make([]Adjustment, r.nadj)
		copy(m.Adjustments, r.adj[:r.nadj])
	}
	return m
}

func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

// hasArabic reports whether s has a letter of the Arabic script.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}
