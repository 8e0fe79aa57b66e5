package match

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/exportguard/exportguard/screening/lists"
)

// Index is a name-matching index over list entries. It is built once by
// NewIndex, is immutable afterwards and is safe for concurrent Search.
type Index struct {
	entries []*lists.Entry
	names   []nameRec
	// nameW[n] is names[n].totalW, in an array of its own for the
	// candidate estimate, which reads it for every name touched
	nameW   []float32
	nameTok []int32  // token ids of all names, concatenated
	nameNum []string // numbers of all names, concatenated
	// vocabTab finds a token's number from its text (see tokenID).
	vocabTab []uint32
	toks     []tokInfo
	postOff  []int32 // postings of token t: postIdx[postOff[t]:postOff[t+1]]
	postIdx  []int32
	// Join key i (two adjacent tokens of a name, concatenated) is
	// joinKeys[joinKeyOff[i]:joinKeyOff[i+1]], in the order first met;
	// its pairs are joinRefs[joinOff[i]:joinOff[i+1]]; joinTab finds it
	// (see joinsOf).
	joinKeys   string
	joinKeyOff []uint32
	joinOff    []uint32
	joinRefs   []joinRef
	joinTab    []uint32
	// fuzzy holds the fuzzy keys sorted by hash, each packed in 8 bytes
	// (packFuzzyKeys): the hash's bits below the bucket's, then the token
	// in the bucket's bits.
	fuzzy []uint64
	// fuzzyDir[b] is the index in fuzzy of the first key whose hash,
	// shifted right by fuzzyShift, is b or more (one more entry than
	// there are buckets): a lookup scans the few keys of one bucket.
	fuzzyDir   []uint32
	fuzzyShift uint64
	opts       indexOptions
	pool       sync.Pool
	// entryKeyNorm holds, per entry, normalised identifiers for id matching.
	entryIDs [][]string
	// groupToks and patToks list the indexed tokens of each variant group,
	// and the patronymics formed from a name of each group.
	groupToks, patToks [][]int32 // by group number; 0 is no group
	// neigh[t] holds the similar tokens of token t, found on first use
	// (see neighbours): finding them for every token up front cost more
	// than the rest of the index build, and a search needs a few.
	neigh []atomic.Pointer[[]neighbour]
	// orgOwn[n] holds what orgOwnOf reads for organisation name n, the
	// words of its own that are not left over (ownWords), worked out
	// when the index is built or loaded (ownOfNames).
	orgOwn []uint32
	// tokCountry holds countryWord of each listed word, two bits a token
	// (asked, answer) in words of 16 tokens, filled on first use
	// (countryToken, shortnames.go).
	tokCountry []atomic.Uint32
	// countryRuns keeps what runs of listed words name as a country,
	// asked as searches meet them (placecode.go)
	countryRuns placeCache
	// cutWords holds the listed words by their first eight bytes, sorted,
	// built on first use (cutHits, fieldcut.go)
	cutWords cutWords
	// places holds the words of the listed addresses' cities and
	// regions, found on first use (placeWord, coined.go).
	places placeWords
	// groupW holds the least weight of each variant group's listed
	// words, built on first use (groupMinWeights, query.go)
	groupW groupWeights
	// knownH holds what compoundHits and gapHits find for each listed
	// word as a query word, found on first use (knownHitsOf, knownhits.go)
	knownH knownHitsCache
	// quoted holds the listed organisation names' words quoted by
	// themselves, found on first use (quotedAligned, quotedword.go)
	quoted quotedWords
	// sameWords finds the names of a set of words, built on first use
	// (keepSameWords, samewords.go)
	sameWords sameWordsIndex
	// neighOff and neighFlat hold the neighbours of every token, found
	// when a prebuilt index was generated (see LoadIndex): those of token t
	// are neighFlat[neighOff[t]:neighOff[t+1]]. Nil in an index built at
	// run time, which uses neigh.
	neighOff  []uint32
	neighFlat []neighbour
	// numPost lists the names that hold each number (indexNumbers).
	numPost map[string][]int32
}

// nameWeights returns the totalW of each name.
func nameWeights(names []nameRec) []float32 {
	w := make([]float32, len(names))
	for i := range names {
		w[i] = names[i].totalW
	}
	return w
}

type nameRec struct {
	entry      int32
	alias      int32 // -1 for the primary name
	tokOff     int32
	tokLen     int16
	numOff     int32
	numLen     int16
	weak       bool
	legal      LegalClass
	totalW     float32 // sum of token weights
	distinct   bool    // has a non-generic word
	individual bool
}

// nameToks returns the tokens of the listed name r, in its order.
func (ix *Index) nameToks(r *nameRec) []int32 {
	return ix.nameTok[r.tokOff : r.tokOff+int32(r.tokLen)]
}

type tokInfo struct {
	s, skel, cons string
	w             float32
	df            int32
	generic       bool
	vowelless     bool
	common        bool // a common English word (isEnglishWord)
	av            bool // av read as the Persian vav's diphthong (hasAv, vav.go)
	variantInfo
}

// variantInfo is what the variant tables say of a word: its group, and
// for a patronymic the group of the given name it is formed from.
type variantInfo struct {
	group, patGroup uint16
	patronymic      bool
	title           bool
}

func variantInfoOf(w string) variantInfo {
	v := variantInfo{group: variantGroupOf(w)}
	v.title = isTitle(v.group)
	if stem, ok := patronymicStem(w); ok {
		v.patronymic = true
		v.patGroup = stemGroup(stem)
	}
	return v
}

// joinRef names the adjacent token pair (pos, pos+1) of a name whose
// concatenation is a join key.
type joinRef struct {
	name int32
	pos  int16
}

// NewIndex builds an index over the names and aliases of entries. Entries
// and their names that normalise to nothing distinctive (only legal forms or
// punctuation) are kept in Len but cannot be matched by name. The entries are
// referenced, not copied: do not modify them afterwards.
//
// When entries are those of the embedded default snapshot
// (lists.Default), NewIndex loads the index generated with it instead
// of building one: the same index, ready in a few milliseconds, with the
// similar words of every listed word already found. Which one is used is
// decided by a checksum of everything the index reads from the entries,
// so other lists are always indexed as given.
func NewIndex(entries []*lists.Entry, opts ...IndexOption) *Index {
	o := newIndexOptions(opts)
	if !o.noPrebuilt {
		if ix := loadEmbedded(entries, o); ix != nil {
			return ix
		}
	}
	return buildIndex(entries, o)
}

// analysedName is one distinct name of an entry that can be matched,
// as the first, parallel, step of buildIndex leaves it.
type analysedName struct {
	alias       int32
	weak        bool
	legal       LegalClass
	words, nums []string
}

// analyseEntry normalises and analyses the names of e, keeps those that
// normalise differently and have words (a repeated name makes its kept
// twin strong if it is strong), and returns them with e's normalised
// identifiers.
func analyseEntry(e *lists.Entry, a *analyser) ([]analysedName, []string) {
	var ids []string
	for _, id := range e.IDs {
		if v := normID(id.Value); len(v) >= 4 {
			ids = append(ids, v)
		}
	}
	clear(a.seen)
	var out []analysedName
	derived, weak, seg := "", false, false
	origin := int32(-1)
	var initials string // a person's initials beside the name read (segment)
	initialsFirst := false
	a.segs = a.segs[:0]
	for ai := -1; ai < len(e.Aliases) || derived != "" || len(a.segs) > 0; ai++ {
		seg, initials = false, ""
		if derived != "" {
			// the name before its inner form (innerFormName), read as
			// a name of its own
			a.buf = append(a.buf[:0], derived...)
			derived = ""
			ai--
		} else if ai < len(e.Aliases) {
			name := e.Name
			weak = false
			if ai >= 0 {
				name, weak = e.Aliases[ai].Name, e.Aliases[ai].Weak
			}
			origin = int32(ai)
			a.buf = appendNormalized(a.buf[:0], name)
			if e.Type == lists.TypeIndividual || e.Type == lists.TypeUnknown && initialsBesideName(name) {
				if spaced, ok := spaceInitials(name); ok {
					// the initials apart, as a person's query reads
					// them (initials.go)
					rest, initials, first := cutInitials(spaced)
					if n := Normalize(rest); n != "" && initials != "" {
						a.segs = append(a.segs, segment{norm: n, origin: origin, weak: weak, whole: true, initials: initials, initialsFirst: first})
					}
				}
			}
			if e.Type != lists.TypeIndividual {
				a.segs = nameSegments(a.segs, name, origin, weak)
				if head, ok := cutSaidPlace(name, entryPlace(e)); ok && namesAlone(head) {
					// the seat said after the form (placetail.go)
					a.segs = appendWhole(a.segs, head, origin, weak)
				}
			}
		} else {
			// a part of a name of several (nameSegments), read after
			// all the entry's names
			sg := a.segs[len(a.segs)-1]
			a.segs = a.segs[:len(a.segs)-1]
			a.buf = append(a.buf[:0], sg.norm...)
			origin, weak, seg = sg.origin, sg.weak, !sg.whole
			initials, initialsFirst = sg.initials, sg.initialsFirst
			if initials != "" {
				// seen apart from the name without its initials
				a.buf = append(append(a.buf, 0), initials...)
			}
			ai--
		}
		if prev, ok := a.seen[string(a.buf)]; ok {
			if !weak && out[prev].weak {
				out[prev].weak = false
			}
			continue
		}
		norm := string(a.buf)
		text := norm
		if initials != "" {
			text = norm[:len(norm)-len(initials)-1]
		}
		a.fields = analyze(text, a.fields, &a.nt, a.scratch)
		if a.nt.legalOnly || len(a.nt.words) == 0 || seg && !segmentName(a.nt.words) {
			continue
		}
		if initials != "" {
			a.nt.words = withInitials(nil, a.nt.words, initials, initialsFirst)
		}
		if a.nt.legal == LegalNone {
			derived = innerFormName(a.fields, a.scratch)
		}
		if derived == "" && !seg {
			derived = parentCutName(a.fields, a.scratch) // parentgen.go
		}
		a.seen[norm] = len(out)
		// a name that analyses as a kept one (its legal form written
		// another way: "VTB BANK, PJSC", "PUBLICHNE AKTSIONERNE
		// TOVARYSTVO VTB BANK") is that name again: kept twice it would
		// take two of a search's candidates
		a.key = append(a.key[:0], 1, byte(a.nt.legal))
		for _, w := range a.nt.words {
			a.key = append(append(a.key, w...), 0)
		}
		a.key = append(a.key, 1)
		for _, w := range a.nt.nums {
			a.key = append(append(a.key, w...), 0)
		}
		if prev, ok := a.seen[string(a.key)]; ok {
			if !weak && out[prev].weak {
				out[prev].weak = false
			}
			a.seen[norm] = prev
			continue
		}
		a.seen[string(a.key)] = len(out)
		out = append(out, analysedName{alias: origin, weak: weak, legal: a.nt.legal,
			words: slices.Clone(a.nt.words), nums: slices.Clone(a.nt.nums)})
	}
	return out, ids
}

// analyser is the scratch space of one worker of analyseEntry.
type analyser struct {
	buf     []byte
	fields  []string
	nt      nameTokens
	scratch []byte
	key     []byte
	seen    map[string]int
	segs    []segment // parts of a name of several (nameSegments)
}

func newAnalyser() *analyser {
	return &analyser{scratch: make([]byte, 0, 256), seen: map[string]int{}}
}

// parallel runs f over [0, n) in chunks on every available core.
func parallel(n, chunk int, f func(lo, hi int)) {
	if n <= 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		f(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}

// buildIndex builds the index from the entries. The steps that look at
// one entry or one word at a time (normalising and analysing names,
// the derived forms of each word, its fuzzy keys) run on every available
// core; the steps that number words and pairs run in entry order, so the
// index is the same whatever the number of cores.
func buildIndex(entries []*lists.Entry, o indexOptions) *Index {
	ix := &Index{
		entries:   entries,
		opts:      o,
		groupToks: make([][]int32, len(variantGroups)+1), patToks: make([][]int32, len(variantGroups)+1),
	}
	analysed := ix.analyseEntries()
	b := &tokenBuilder{
		vocab: make(map[string]int32, 1<<15),
		joins: make(map[string]int32, 1<<15),
	}
	for ei, names := range analysed {
		for _, an := range names {
			b.addName(ix, int32(ei), an)
		}
	}
	analysed = nil
	b.finishJoins(ix)
	ix.vocabTab = newStrTable(len(ix.toks), seedVocab, func(i int) string { return ix.toks[i].s })
	keyChunks := ix.describeTokens(b.postTmp)
	ix.storePostings(b.postTmp)
	ix.weighNames()
	// The keys, in word order, sorted by hash: a stable sort keeps the
	// keys of one hash in word order, so they end up ordered by (hash,
	// word), and repeats of a key of one word are adjacent.
	keys := sortKeys(slices.Concat(append(keyChunks, ix.syllabicKeys())...))
	keys = slices.Compact(keys)
	ix.fuzzyDir, ix.fuzzyShift = fuzzyDirectory(keys, len(ix.toks))
	ix.fuzzy = packFuzzyKeys(keys, ix.fuzzyShift)
	ix.neigh = make([]atomic.Pointer[[]neighbour], len(ix.toks))
	ix.indexNumbers()
	ix.orgOwn = ix.ownOfNames()
	ix.nameW = nameWeights(ix.names)
	ix.tokCountry = make([]atomic.Uint32, (len(ix.toks)+15)/16)
	ix.pool.New = func() any { return newScratch(len(ix.names)) }
	return ix
}

// analyseEntries analyses the names of every entry of ix, in parallel, and
// sets ix.entryIDs; the names of entry i are at index i of the result.
func (ix *Index) analyseEntries() [][]analysedName {
	entries := ix.entries
	analysed := make([][]analysedName, len(entries))
	ix.entryIDs = make([][]string, len(entries))
	analysers := sync.Pool{New: func() any { return newAnalyser() }}
	parallel(len(entries), 256, func(lo, hi int) {
		a := analysers.Get().(*analyser)
		defer analysers.Put(a)
		for ei := lo; ei < hi; ei++ {
			if e := entries[ei]; e != nil {
				analysed[ei], ix.entryIDs[ei] = analyseEntry(e, a)
			}
		}
	})
	return analysed
}

// tokenBuilder collects, name by name in entry order, the vocabulary, the
// postings of each token and the join keys (two adjacent words written
// together) before they are packed into the index.
type tokenBuilder struct {
	postTmp [][]int32
	vocab   map[string]int32
	joins   map[string]int32 // key → number
	joinTmp [][]joinRef
	keyBuf  []byte
}

// addName adds the analysed name an of entry ei to ix: its record, its
// tokens (the first 64 words), its numbers, its postings and its join keys.
func (b *tokenBuilder) addName(ix *Index, ei int32, an analysedName) {
	rec := nameRec{
		entry: ei, alias: an.alias, weak: an.weak, legal: an.legal,
		tokOff: int32(len(ix.nameTok)), tokLen: int16(min(len(an.words), 64)),
		numOff: int32(len(ix.nameNum)), numLen: int16(len(an.nums)),
		individual: ix.entries[ei].Type == lists.TypeIndividual,
	}
	nid := int32(len(ix.names))
	for i, w := range an.words {
		if i >= 64 {
			break
		}
		id, ok := b.vocab[w]
		if !ok {
			id = int32(len(ix.toks))
			b.vocab[w] = id
			ix.toks = append(ix.toks, tokInfo{s: w})
			b.postTmp = append(b.postTmp, nil)
		}
		p := b.postTmp[id]
		if len(p) == 0 || p[len(p)-1] != nid {
			b.postTmp[id] = append(p, nid)
		}
		ix.nameTok = append(ix.nameTok, id)
		if i > 0 {
			b.addJoin(ix, an.words[i-1], w, joinRef{name: nid, pos: int16(i - 1)})
		}
	}
	ix.nameNum = append(ix.nameNum, an.nums...)
	ix.names = append(ix.names, rec)
}

// addJoin records ref under the join key prev+w, numbering a new key.
func (b *tokenBuilder) addJoin(ix *Index, prev, w string, ref joinRef) {
	k := len(b.keyBuf)
	b.keyBuf = append(append(b.keyBuf, prev...), w...)
	j, ok := b.joins[string(b.keyBuf[k:])]
	if ok {
		b.keyBuf = b.keyBuf[:k]
	} else {
		j = int32(len(b.joinTmp))
		b.joins[string(b.keyBuf[k:])] = j
		ix.joinKeyOff = append(ix.joinKeyOff, uint32(k))
		b.joinTmp = append(b.joinTmp, nil)
	}
	b.joinTmp[j] = append(b.joinTmp[j], ref)
}

// finishJoins packs the join keys and their references into ix.
func (b *tokenBuilder) finishJoins(ix *Index) {
	ix.joinKeys = string(b.keyBuf)
	ix.joinKeyOff = append(ix.joinKeyOff, uint32(len(b.keyBuf)))
	ix.joinOff = make([]uint32, 1, len(b.joinTmp)+1)
	for _, refs := range b.joinTmp {
		ix.joinRefs = append(ix.joinRefs, refs...)
		ix.joinOff = append(ix.joinOff, uint32(len(ix.joinRefs)))
	}
	ix.joinTab = newStrTable(len(b.joinTmp), seedJoin, ix.joinKey)
}

// describeTokens sets, in parallel, each token's weight (inverse document
// frequency over names, from its postings postTmp), derived forms and
// variant groups, and returns its fuzzy keys (skeleton, its single
// deletions, a 6-byte skeleton prefix, the raw word's single deletions,
// consonants) in chunks of tokens, in token order.
func (ix *Index) describeTokens(postTmp [][]int32) [][]fuzzyKey {
	n := float64(len(ix.names) + 1)
	const tokChunk = 1024
	keyChunks := make([][]fuzzyKey, (len(ix.toks)+tokChunk-1)/tokChunk)
	parallel(len(ix.toks), tokChunk, func(lo, hi int) {
		keys := make([]fuzzyKey, 0, (hi-lo)*16)
		for t := lo; t < hi; t++ {
			ti := &ix.toks[t]
			df := len(postTmp[t])
			ti.df = int32(df)
			ti.w = float32(math.Log(n / (float64(df) + 0.5)))
			if ti.w < 0.5 {
				ti.w = 0.5
			}
			if len(ti.s) <= 2 && ti.w > 2 {
				ti.w = 2 // initials and two-letter words say little, however rare
			}
			ti.generic = genericWords[ti.s] || float64(df) > n*0.01 && df >= 20
			ti.skel = skeleton(ti.s)
			ti.vowelless = !hasVowel(ti.s)
			ti.common = isEnglishWord(ti.s)
			ti.av = hasAv(ti.s)
			ti.cons = string(appendConsonants(nil, ti.s))
			ti.variantInfo = variantInfoOf(ti.s)
			keys = appendFuzzyKeys(keys, ti.skel, int32(t), nil)
			keys = appendRawKeys(keys, ti.s, int32(t))
			keys = appendClipKey(keys, ti.skel, int32(t))
			if len(ti.cons) >= 1 {
				keys = append(keys, fuzzyKey{hashStr(seedCons, ti.cons), int32(t)})
			}
			keys = appendSoundFuzzyKeys(keys, ti.s, int32(t))
			keys = appendLoanFuzzyKey(keys, ti.s, int32(t)) // loanwords.go
			keys = appendSlavKey(keys, ti.s, int32(t))
			keys = appendFrenchKey(keys, ti.s, int32(t))
			keys = appendThaiKey(keys, ti.s, ti.skel, int32(t))
			if ix.koreanOrgToken(ti.s, postTmp[t]) {
				keys = appendKorJoinKeys(keys, ti.s, int32(t)) // korjoin.go
			}
		}
		keyChunks[lo/tokChunk] = keys
	})
	return keyChunks
}

// storePostings packs the postings postTmp into ix.postOff and ix.postIdx
// and lists the tokens of each variant and patronymic group.
func (ix *Index) storePostings(postTmp [][]int32) {
	ix.postOff = make([]int32, len(ix.toks)+1)
	total := 0
	for _, p := range postTmp {
		total += len(p)
	}
	ix.postIdx = make([]int32, 0, total)
	for t := range ix.toks {
		ti := &ix.toks[t]
		if ti.group != 0 {
			ix.groupToks[ti.group] = append(ix.groupToks[ti.group], int32(t))
		}
		if ti.patGroup != 0 {
			ix.patToks[ti.patGroup] = append(ix.patToks[ti.patGroup], int32(t))
		}
		ix.postOff[t] = int32(len(ix.postIdx))
		ix.postIdx = append(ix.postIdx, postTmp[t]...)
	}
	ix.postOff[len(ix.toks)] = int32(len(ix.postIdx))
}

// weighNames sets each name's total token weight and whether it has a word
// that is not generic.
func (ix *Index) weighNames() {
	for i := range ix.names {
		r := &ix.names[i]
		var tw float32
		for _, t := range ix.nameToks(r) {
			tw += ix.toks[t].w
			if !ix.toks[t].generic {
				r.distinct = true
			}
		}
		r.totalW = tw
	}
}

// Len returns the number of entries in the index.
func (ix *Index) Len() int { return len(ix.entries) }

func (ix *Index) postings(t int32) []int32 {
	return ix.postIdx[ix.postOff[t]:ix.postOff[t+1]]
}

// normID keeps the letters and digits of an identifier, upper-cased.
func normID(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c >= 'A' && c <= 'Z':
			b = append(b, c)
		case c >= 'a' && c <= 'z':
			b = append(b, c-('a'-'A'))
		}
	}
	return string(b)
}
