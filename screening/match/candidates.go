package match

import (
	"math"
	"slices"
	"strings"
	"unsafe"
)

// simHit is an indexed token similar to the query words qlo..qhi.
type simHit struct {
	qlo, qhi int8
	tok      int32
	sim      float32
}

// joinHit is a query word (or, with span 1, the query words q and q+1
// written together) similar to two adjacent words of one indexed name
// written together.
type joinHit struct {
	q    int8
	span int8
	pos  int16
	name int32
	sim  float32
}

// cand is a candidate name and the weight of the query words it shares.
type cand struct {
	name int32
	acc  float32
}

// linkHits readies sc to chain its hits by indexed token as they are
// added (pushHit), for a search on an index of ntoks tokens: a repeated
// hit is looked for among the hits of its token only, and scoring a name
// looks up the hits of its own tokens instead of scanning them all. The
// chains run from the last hit to the first; scoring sorts the edges, so
// their order does not matter. A scratch not readied (hitHead empty) keeps
// its hits unchained.
func (sc *scratch) linkHits(ntoks int) {
	if len(sc.hitHead) < ntoks {
		sc.hitHead = make([]int32, ntoks)
	}
	sc.hitNext = sc.hitNext[:0]
}

// unlinkHits clears the chains of the hits.
func (sc *scratch) unlinkHits() {
	if len(sc.hitHead) == 0 {
		return
	}
	for _, h := range sc.hits {
		sc.hitHead[h.tok] = 0
	}
	sc.hitNext = sc.hitNext[:0]
}

// findHit returns the hit of h's words and token found since the hit
// sc.hitsFrom, or nil.
func (sc *scratch) findHit(h simHit) *simHit {
	if len(sc.hitHead) == 0 {
		for k := sc.hitsFrom; k < len(sc.hits); k++ {
			if e := &sc.hits[k]; e.tok == h.tok && e.qlo == h.qlo && e.qhi == h.qhi {
				return e
			}
		}
		return nil
	}
	// the chain runs from the latest hit back
	for k := sc.hitHead[h.tok]; int(k) > sc.hitsFrom; k = sc.hitNext[k-1] {
		if e := &sc.hits[k-1]; e.qlo == h.qlo && e.qhi == h.qhi {
			return e
		}
	}
	return nil
}

// pushHit appends h to the hits, chained to those of its token.
func (sc *scratch) pushHit(h simHit) {
	sc.hits = append(sc.hits, h)
	if len(sc.hitHead) != 0 {
		sc.hitNext = append(sc.hitNext, sc.hitHead[h.tok])
		sc.hitHead[h.tok] = int32(len(sc.hits))
	}
}

// addHit adds h unless a hit of its words and token was found since the
// hit sc.hitsFrom. It is findHit, then addNewHit, with the token's chain
// read once for both.
func (sc *scratch) addHit(h simHit) {
	if len(sc.hitHead) == 0 {
		if sc.findHit(h) == nil {
			sc.addNewHit(h)
		}
		return
	}
	head := &sc.hitHead[h.tok]
	for k := *head; int(k) > sc.hitsFrom; k = sc.hitNext[k-1] {
		if e := &sc.hits[k-1]; e.qlo == h.qlo && e.qhi == h.qhi {
			return
		}
	}
	sc.hits = append(sc.hits, h)
	sc.hitNext = append(sc.hitNext, *head)
	*head = int32(len(sc.hits))
	sc.keepBest(h)
}

// addNewHit appends h and keeps its query word's best similarity.
func (sc *scratch) addNewHit(h simHit) {
	sc.pushHit(h)
	sc.keepBest(h)
}

// keepBest raises the best similarity of the query word of h, a hit of
// one word, to h's.
func (sc *scratch) keepBest(h simHit) {
	if h.qlo == h.qhi && h.qlo >= 0 && int(h.qlo) < len(sc.bestSingle) && h.sim > sc.bestSingle[h.qlo] {
		sc.bestSingle[h.qlo] = h.sim
	}
}

// findHits finds, for every query word and every run of up to maxSpan
// adjacent words, the indexed tokens that are similar.
func (ix *Index) findHits(sc *scratch) {
	sc.hits = sc.hits[:0]
	clear(sc.bestSingle[:])
	sc.joins = sc.joins[:0]
	sc.qCompoundNext = false
	sc.qJWords = spanishJWords(sc.qs)
	sc.qSomWords = somaliWords(sc.qs)
	sc.somNew = sc.somNew[:0]
	sc.qTajWords = tajikOWords(sc.qs)
	sc.tajNew = sc.tajNew[:0]
	sc.qKhmWords = khmerRWords(sc.qs)
	sc.khmNew = sc.khmNew[:0]
	sc.qArmWords = armenianWords(sc.qs)
	sc.qArabSlavWords = arabicSlavWords(sc.qs)
	for i := range sc.qs {
		// the hits of word i alone are added while it is looked at:
		// the hits before are of other words, which a hit of i's
		// never repeats
		sc.hitsFrom = len(sc.hits)
		q := &sc.qs[i]
		id, known := q.id, q.known // looked up by prepareQuery
		if known {
			sc.addHit(simHit{int8(i), int8(i), id, 1})
		}
		if len(q.s) >= 3 || q.vowelless {
			ix.fuzzyHits(sc, q, int8(i), int8(i), minTokSim, known, id)
			if known {
				ix.gapHits(sc, q, int8(i), id) // vowelgap.go
			}
		}
		ix.variantHits(sc, q, int8(i), id, known)
		if q.typoGroup != 0 {
			ix.typoGroupHits(sc, q, int8(i)) // typogroup.go
		}
		ix.compoundHits(sc, q, int8(i))
		if sc.qTajWords != 0 {
			ix.tajikOHits(sc, q, int8(i)) // tajik.go
		}
		if sc.qArmWords != 0 {
			ix.armenianHits(sc, q, int8(i)) // armenian.go
		}
		if sc.qKhmWords != 0 {
			ix.khmerRHits(sc, q, int8(i)) // khmer.go
		}
		if !known && strings.IndexByte(q.s, 'q') >= 0 {
			// a q to read as g (qafGHits)
			ix.qafGHits(sc, q, int8(i))
		}
		if !known {
			ix.soundHits(sc, q, int8(i)) // a listed word has them among its neighbours
			ix.loanHits(sc, q, int8(i))  // loanwords.go
			ix.slavHits(sc, q, int8(i))
			ix.frontedAHits(sc, q, int8(i))
			ix.frenchShHits(sc, q, int8(i))
			ix.diphthongHits(sc, q, int8(i))
			ix.thaiHits(sc, q, int8(i))
			ix.devoicedHits(sc, q, int8(i))
			ix.spanishJHits(sc, q, int8(i))
			ix.arabicSlavHits(sc, q, int8(i)) // arabicslav.go
			ix.somaliHits(sc, q, int8(i))
			ix.diminutiveHits(sc, q, int8(i))     // diminutive.go
			ix.elidedFeminineHits(sc, q, int8(i)) // levantine.go
			ix.silentLetterHits(sc, q, int8(i))   // shortvowel.go
		}
		ix.clipHits(sc, q, int8(i))
		ix.cutHits(sc, q, int8(i))     // fieldcut.go
		ix.italianHits(sc, q, int8(i)) // italianc.go
		ix.kkhHits(sc, q, int8(i))     // kkh.go
		ix.letterHits(sc, q, int8(i))
		if mayBePlural(q.s) {
			ix.pluralHits(sc, q, int8(i))
		}
		refs, joined := ix.joinsOf(q.s)
		for _, r := range refs {
			sc.joins = append(sc.joins, joinHit{q: int8(i), pos: r.pos, name: r.name, sim: 1})
		}
		if !known && len(q.s) >= minTypoJoin && sc.bestHit(int8(i)) < closeMinSim {
			// a pair written the other way round, though the word is
			// a pair as written too: one person's given name and
			// surname are another's surname and given name
			// (MUHAMMADFAROOQ: Muhammad Farooq; FAROOQ, Muhammad)
			ix.rotatedJoins(sc, q, int8(i))
			if !joined {
				ix.typoJoins(sc, q, int8(i))
				if len(q.s) >= sylMinWord {
					ix.syllabicHits(sc, q, int8(i))
				}
			}
		}
	}
	sc.hitsFrom = 0
	ix.surnameJoinHits(sc) // persons.go
	ix.syllabicRunHits(sc)
	ix.koreanHits(sc)
	sc.qCWords = romanianCWords(sc.qs)
	sc.qReadings = readingWords(sc)
	// runs of adjacent query words against single indexed tokens
	for i := 0; i < len(sc.qs); i++ {
		b := sc.tmp[:0]
		// the run's hash (hashStr, seedVocab) grows with it: each
		// word is hashed once
		h := fnvOffset ^ uint64(seedVocab)
		for k := i; k < len(sc.qs) && k < i+maxSpan; k++ {
			b = append(b, sc.qs[k].s...)
			h = hashMore(h, sc.qs[k].s)
			if k == i {
				continue
			}
			// b is not written again before the next word is added
			bs := bytesString(b)
			found := false
			if id, ok := ix.tokenIDHashed(bs, h); ok {
				sc.addHit(simHit{int8(i), int8(k), id, 1})
				ix.joinedVariantHits(sc, int8(i), int8(k), id)
				continue
			}
			if k == i+1 && abdSpeltAbed(sc.qs[i].s, sc.qs[k].s) {
				// Abed Allah, the Levantine spelling of Abd Allah
				// (levantine.go), looked up as the listed word it joins
				if id, ok := ix.tokenID("abdallah"); ok {
					sc.addHit(simHit{int8(i), int8(k), id, variantSim})
					ix.joinedVariantHits(sc, int8(i), int8(k), id)
				}
			}
			if k == i+1 && (!sc.qs[i].known || !sc.qs[k].known) {
				// two words split elsewhere than the listed two ("Ura
				// lTrast" for URAL TRAST, "E PIAC" for EP-IAC), so that
				// one of them is no listed word: both written together
				// are a listed pair written together
				for _, r := range ix.joinRefsOf(bs) {
					sc.joins = append(sc.joins, joinHit{q: int8(i), span: 1, pos: r.pos, name: r.name, sim: 1})
				}
			}
			if k == i+1 {
				// two syllables in Wade-Giles against one pinyin word
				// ("Yen-hsiung" against "Yanxiong")
				// by the words' variant groups, prepared with them: a
				// compound's descriptor group (findCompounds) replaces
				// none and is no Wade-Giles group
				a, c := pinyinOfGroup(sc.qs[i].s, sc.qs[i].group), pinyinOfGroup(sc.qs[k].s, sc.qs[k].group)
				if a != sc.qs[i].s || c != sc.qs[k].s {
					if id, ok := ix.tokenID(a + c); ok {
						sc.addHit(simHit{int8(i), int8(k), id, variantSim})
						continue
					}
				}
			}
			if len(b) >= 6 && k == i+1 {
				sk := appendJoinedSkeleton(sc.skelBuf[len(sc.skelBuf):], bs, sc.qs[i].s, sc.qs[i].skel, sc.qs[k].skel)
				lo, hi := ix.fuzzyRange(hashStr(seedExact, bytesString(sk)))
				for ; lo < hi; lo++ {
					t := ix.fuzzyTok(lo)
					sim := strSim(bs, ix.toks[t].s, len(b))
					if ix.toks[t].skel == string(sk) && min(len(sc.qs[i].s), len(sc.qs[k].s)) >= 4 {
						// one word in another romanisation, split
						// ("Koochak Zaie" for KOUCHAKZAEI), as tokSim
						// scores a word of the same skeleton; not a
						// word of three letters or fewer, which is as
						// often a word of its own ("Mike Lee" is not
						// MEKELE)
						sim = max(sim, skelEqualSim(min(len(b), len(ix.toks[t].s))))
					}
					if sim >= 0.8 {
						sc.addHit(simHit{int8(i), int8(k), t, sim})
						found = true
					}
				}
			}
			if !found && k <= i+2 && len(b) >= minRunConsLen && sc.someWordFar(int8(i), int8(k)) {
				ix.runConsHits(sc, bs, int8(i), int8(k))
			}
		}
		sc.tmp = b[:0]
	}
	ix.korJoinHits(sc) // korjoin.go: after the runs, whose exact hits it keeps
}

// joinedVariantHits adds, for the query words lo..hi written together as
// the listed word id, the other listed words of id's variant group when
// it is an Arabic or Persian name element's, as a single query word's
// variantHits does: Abd Allah written apart is ABDALLAH, and ABDULLAH as
// well. An organisation descriptor's group (two words that join into one
// listed descriptor) would bring tens of spellings in other languages to
// the candidates, for no name they find that the descriptor does not.
func (ix *Index) joinedVariantHits(sc *scratch, lo, hi int8, id int32) {
	g := ix.toks[id].group
	if g == 0 || variantGroups[g-1].kind != variantArabic {
		return
	}
	for _, t := range ix.groupToks[g] {
		if t != id {
			sc.addHit(simHit{lo, hi, t, variantSim})
		}
	}
}

// minRunConsLen is the shortest run of query words written together that
// runConsHits looks up, and minRunCons the fewest consonants its key must
// have.
const (
	minRunConsLen = 8
	minRunCons    = 5
)

// runConsHits adds the listed words that the query words lo..hi written
// together (b) spell with the same consonants and vowels at the same
// places: one word split and respelled ("Montazer al-Mahdi" for
// MONTAZEROLMEHDI), which the run's skeleton does not reach. The key is
// the consonant key of the fuzzy index; at most maxRunConsChecks words
// under it are compared.
func (ix *Index) runConsHits(sc *scratch, b string, lo, hi int8) {
	cons := appendConsonants(sc.skelBuf[len(sc.skelBuf):], b)
	if len(cons) < minRunCons {
		return
	}
	a, z := ix.fuzzyRange(hashStr(seedCons, string(cons)))
	if a == z {
		return
	}
	sk := appendSkeleton(cons[len(cons):], b)
	for n := 0; a < z && n < maxRunConsChecks; a, n = a+1, n+1 {
		t := ix.fuzzyTok(a)
		tk := &ix.toks[t]
		if tk.cons != string(cons) {
			continue
		}
		sim := strSim(b, tk.s, min(len(b), len(tk.s)))
		if sameVowelShape(string(sk), tk.skel) {
			sim = max(sim, vowelShapeSim)
		}
		if sim >= 0.8 {
			sc.addHit(simHit{lo, hi, t, sim})
		}
	}
}

// someWordFar reports whether a query word of lo..hi found no listed word
// at closeMinSim or more: words that did are rather words of their own
// than the pieces of one word.
func (sc *scratch) someWordFar(lo, hi int8) bool {
	for i := lo; i <= hi; i++ {
		if sc.bestHit(i) < closeMinSim {
			return true
		}
	}
	return false
}

// maxRunConsChecks is the most listed words runConsHits compares.
const maxRunConsChecks = 8

// minTypoJoin is the shortest query word that typoJoins looks up.
const minTypoJoin = 6

// bestHit is the highest similarity of a hit of the query word i alone
// (kept by addHit).
func (sc *scratch) bestHit(i int8) float32 {
	if i < 0 || int(i) >= len(sc.bestSingle) {
		return 0
	}
	return sc.bestSingle[i]
}

// typoJoins adds the listed pairs of adjacent words that the query word q
// (number i), which is no listed word and found none close, is written
// together with a letter added or replaced: "abubaker" for ABU BAKR,
// "transtflot" for TRANS-FLOT, "epiiti" for EP-ITI. The query word less
// each of its letters is looked up among the pairs written together.
func (ix *Index) typoJoins(sc *scratch, q *qtok, i int8) {
	b := sc.tmp[:0]
	for d := 0; d < len(q.s); d++ {
		if d > 0 && q.s[d] == q.s[d-1] {
			continue // the same word as the deletion before
		}
		b = append(append(b[:0], q.s[:d]...), q.s[d+1:]...)
		refs, ok := ix.joinsOf(string(b))
		if !ok {
			continue
		}
		sim := strSim(q.s, string(b), len(b))
		if sim < 0.8 {
			continue
		}
		for _, r := range refs {
			sc.joins = append(sc.joins, joinHit{q: i, pos: r.pos, name: r.name, sim: sim})
		}
	}
	sc.tmp = b[:0]
}

// minRotatedPart is the fewest letters of each part of a query word that
// rotatedJoins reads as two listed words, and rotatedJoinSim the
// similarity of the word and the pair.
const (
	minRotatedPart = 3
	rotatedJoinSim = 0.95
)

// rotatedJoins adds the listed pairs of adjacent words that the query word
// q (number i), which is no listed word and found none close, writes
// together the other way round: a person's given name and surname glued in
// the order they are said (MORTEZAPIRI for PIRI, Morteza; YEGORPOPOV for
// POPOV, Yegor Sergeyevich), which the lists write surname first and
// typoJoins, reading the pairs in their listed order, did not find. Each
// rotation of the word, both parts minRotatedPart letters or more, is
// looked up among the pairs written together; a pair counts only as a
// listed person's surname, written first with a comma, and first given
// name.
func (ix *Index) rotatedJoins(sc *scratch, q *qtok, i int8) {
	b := sc.tmp[:0]
	for k := minRotatedPart; k <= len(q.s)-minRotatedPart; k++ {
		b = append(append(b[:0], q.s[k:]...), q.s[:k]...)
		refs, ok := ix.joinsOf(string(b))
		if !ok {
			continue
		}
		for _, r := range refs {
			// the pair must be the listed surname's last word and the
			// first given name after the comma: said given name
			// first, they meet the other way round (SAMRITH TOLA,
			// listed as said, is not TOLASAMRITH)
			if rec := &ix.names[r.name]; rec.individual && sc.surnameWords(ix.listedName(rec)) == int(r.pos)+1 {
				sc.joins = append(sc.joins, joinHit{q: i, pos: r.pos, name: r.name, sim: rotatedJoinSim})
			}
		}
	}
	sc.tmp = b[:0]
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
	if q.group == 0 || variantGroups[q.group-1].cognate == 0 {
		return
	}
	// the words of the groups that are the same name in other
	// languages (Dawud: David), at their similarity
	for _, g := range cognateGroups[variantGroups[q.group-1].cognate] {
		if g == q.group {
			continue
		}
		for _, t := range ix.groupToks[g] {
			sc.addHit(simHit{i, i, t, ix.tokSim(q, &ix.toks[t])})
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
	// a bit (token mod 256) for each token checked: a token whose bit
	// is clear was not, and most are not
	var seen [4]uint64
	var qc byteCounts // q's bytes, counted once for every token compared
	try := func(h uint64) {
		a, b := ix.fuzzyRange(h)
	next:
		for ; a < b && checks < budget; a++ {
			t := ix.fuzzyTok(a)
			if w, m := (t>>6)&3, uint64(1)<<(t&63); seen[w]&m == 0 {
				seen[w] |= m
			} else {
				for _, c := range checked[:checks] {
					if c == t {
						continue next // reached through another key
					}
				}
			}
			checked[checks] = t
			checks++
			if d := len(q.s) - len(ix.toks[t].s); !q.vowelless && (d > maxLenDiff || d < -maxLenDiff) {
				continue // too different in length to reach minSim
			}
			if s := ix.tokSimFrom(q, &ix.toks[t], min(minSim, maxStrSimFloor), &qc); s >= minSim {
				sc.addHit(simHit{lo, hi, t, s})
			}
		}
	}
	// the keys, in the order looked up
	sk := q.skel
	hs := append(sc.fuzzyHash[:0], hashStr(seedExact, sk))
	if q.vowelless && len(q.cons) >= 1 {
		hs = append(hs, hashStr(seedCons, q.cons))
	}
	if len(q.s) >= rawMinLen && !known {
		// a typo (a letter left out, added or replaced: "hssein",
		// "aaddin"): before the skeleton's deletions, which for a short
		// skeleton are shared by many words ("sin", "xin") and can use
		// up the budget
		hs = append(hs, hashStr(seedRawDel, q.s))
		hs = appendDelHashes(hs, seedRawDel, q.s)
	}
	if len(sk) >= fuzzyMinLen-1 {
		hs = append(hs, hashStr(seedDel, sk))
	}
	if len(sk) >= fuzzyMinLen {
		hs = appendDelHashPairs(hs, sk)
	}
	if len(sk) >= prefixLen+2 {
		hs = append(hs, hashStr(seedPrefix, sk[:prefixLen]))
	}
	consKey := -1
	if !q.vowelless && len(q.cons) >= minConsKey {
		// the same consonants with other vowels (Bhattvi, Bhuttavi):
		// last, so that closer spellings come first within the budget,
		// and within a budget of its own, as a consonant key is shared
		// by many words
		consKey = len(hs)
		hs = append(hs, hashStr(seedCons, q.cons))
	}
	sc.fuzzyHash = hs
	ix.prefetchFuzzy(sc, hs)
	for k, h := range hs {
		if k == consKey {
			budget = min(budget, checks+maxConsChecks)
		}
		try(h)
	}
}

// prefetchFuzzy reads the directory entries of the fuzzy keys hs, then the
// first key of each bucket, in loops whose reads do not depend on one
// another (see prefetchCandidates): the directory and the keys lie at
// random in arrays of megabytes, and each look-up of probeFuzzy would
// wait for both in turn.
func (ix *Index) prefetchFuzzy(sc *scratch, hs []uint64) {
	dir, keys := ix.fuzzyDir, ix.fuzzy
	var s uint32
	for _, h := range hs {
		s += dir[ix.fuzzyBucket(h)]
	}
	for _, h := range hs {
		if i := dir[ix.fuzzyBucket(h)]; int(i) < len(keys) {
			s += uint32(keys[i])
		}
	}
	sc.sink += int32(s)
}

// collectCandidates accumulates, per indexed name, the weight of the query
// words it shares, skipping the postings of common tokens when a rarer one is
// available, and keeps the best maxCandidates names.
func (ix *Index) collectCandidates(sc *scratch) {
	anyRare, commonQ := ix.rareWords(sc)
	ix.accumulate(sc, anyRare, commonQ)
	ix.numberHits(sc)
	ix.topCandidates(sc)
	ix.keepRareExact(sc) // rareexact.go
	ix.keepSameWords(sc) // samewords.go
}

// rareWords reports whether a query word's best hit is a rare token
// (anyRare) and, if so, which query words are themselves common listed
// words (commonQ, a bit per word).
func (ix *Index) rareWords(sc *scratch) (anyRare bool, commonQ uint64) {
	// a query word is rare when its best hit is a rare token
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
	if anyRare {
		for _, h := range sc.hits {
			if h.qlo == h.qhi && h.sim == 1 && int(ix.toks[h.tok].df) > ix.opts.commonDF {
				commonQ |= 1 << h.qlo
			}
		}
	}
	return anyRare, commonQ
}

// accumulate adds, to sc.acc of every name in the postings of a hit, the
// hit's weight, skipping common tokens when anyRare and the hits of the
// common query words commonQ, and lists the names touched in sc.touched.
func (ix *Index) accumulate(sc *scratch, anyRare bool, commonQ uint64) {
	// room for every posting of every hit: a name is written in the next
	// place of touched and counted only when not yet touched (its acc is
	// zero), without a branch, as whether a name was touched already
	// follows no pattern a predictor learns. acc is read and written by
	// its bits (acc's own slice), so that the test of zero is an
	// integer's: (x-1)>>63 is 1 for x = 0 only (x < 2^33), and x is the
	// bits without the sign, 0 exactly when a == 0 (+0 or -0)
	touched := slices.Grow(sc.touched[:0], ix.prefetchPostings(sc))
	room, k := touched[:cap(touched)], 0
	bits := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(sc.acc))), len(sc.acc))
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
		k = addPostings(bits, ix.postings(h.tok), room, k, add)
	}
	sc.touched = room[:k]
	for _, j := range sc.joins {
		n := j.name
		if sc.acc[n] == 0 {
			sc.touched = append(sc.touched, n)
		}
		sc.acc[n] += j.sim * 4
	}
}

// addPostings adds add to the acc (its bits) of every name of the postings
// ps and writes each at room[k], counting it (k returned) when its acc was
// zero. It is a function of its own, so that the loop keeps its few values
// in registers (in accumulate's loop the compiler reloads six of them from
// the stack each posting).
//
//go:noinline
func addPostings(bits []uint32, ps, room []int32, k int, add float32) int {
	for _, n := range ps {
		b := bits[n]
		room[k] = n
		k += int((uint64(b<<1) - 1) >> 63)
		bits[n] = math.Float32bits(math.Float32frombits(b) + add)
	}
	return k
}

// topCandidates keeps in sc.cands the maxCandidates touched names with the
// highest accumulated weight relative to the length of both names, and
// clears sc.acc.
func (ix *Index) topCandidates(sc *scratch) {
	// top maxCandidates by accumulated weight (ties by name id), in a
	// min-heap of candKeys
	k := ix.opts.maxCandidates
	var qW float32
	for i := range sc.qs {
		qW += sc.qs[i].w
	}
	// room for the heap and, past its keys, the children of its last
	// ones (replaceLeast)
	if cap(sc.candHeap) < 2*k+2 {
		sc.candHeap = make([]uint64, 0, 2*k+2)
	}
	// the slices in locals: the compiler would reload the fields after
	// every store
	acc, names, heap, touched := sc.acc, ix.nameW, sc.candHeap[:0], sc.touched
	// the first k names fill the heap
	i := 0
	for ; i < len(touched) && len(heap) < k; i++ {
		n := touched[i]
		// rank by a Dice-like estimate, so that long names sharing many
		// common words do not crowd out short exact ones
		c := candKey(n, acc[n]/(qW+names[n]))
		acc[n] = 0
		// sift c up from the bottom: the parent moves down into the
		// hole while c is below it
		heap = append(heap, c)
		j := len(heap) - 1
		for j > 0 {
			p := (j - 1) / 2
			if c >= heap[p] {
				break
			}
			heap[j] = heap[p]
			j = p
		}
		heap[j] = c
	}
	// the others replace the least kept key when above it: most are not
	if len(heap) > 0 && i < len(touched) {
		// a key above every other (no key is all ones: an estimate's
		// bits have the sign bit clear, or are a NaN's) in the place of
		// each child of a leaf, so that the sift asks no length
		padded := heap[:2*len(heap)+2]
		for j := len(heap); j < len(padded); j++ {
			padded[j] = math.MaxUint64
		}
		replaceLeast(padded, touched[i:], acc, names, qW)
	}
	sc.candHeap = heap
	sc.cands = sc.cands[:0]
	for _, c := range heap {
		sc.cands = append(sc.cands, cand{int32(^uint32(c)), math.Float32frombits(uint32(c >> 32))})
	}
}

// replaceLeast puts the key of each name of touched (its estimate from acc
// and names, qW the query's weight) in the min-heap h in place of the least
// key when above it, and clears the names' acc. h is padded (siftDownTop).
// It is a function of its own, so that the loop keeps its few values in
// registers.
//
//go:noinline
func replaceLeast(h []uint64, touched []int32, acc, names []float32, qW float32) {
	least := h[0]
	acc = acc[:len(names)] // one bounds check for both
	for _, n := range touched {
		c := candKey(n, acc[n]/(qW+names[n]))
		acc[n] = 0
		if c > least {
			least = siftDownTop(h, c)
		}
	}
}

// siftDownTop puts c in the place of the least key of the min-heap h,
// which c is above, and returns the least key after: the lesser child
// moves up into the hole until c is not above it. h holds the heap's n
// keys and, at n to 2n+1, keys above every key (math.MaxUint64), which
// stand for the missing children and end the sift as a heap's length
// would.
func siftDownTop(h []uint64, c uint64) uint64 {
	i := uint(0)
	for {
		m := 2*i + 1
		if m+1 >= uint(len(h)) {
			break // not reached: the padding ends the sift first
		}
		// the lesser child without a branch (a flag and a conditional
		// move): which child is less is a coin toss, and a branch
		// mispredicts half the time
		l, r := h[m], h[m+1]
		var right uint
		if r < l {
			right = 1
		}
		m += right
		l = min(l, r)
		if l >= c {
			break
		}
		h[i] = l
		i = m
	}
	h[i] = c
	return h[0]
}

// candKey orders candidates as one integer: by estimate, then by name id
// the other way round, so that of two equal estimates the lower name id
// ranks higher. An estimate is never negative (weights and similarities
// are not), and the bits of a non-negative float32 order as the float
// does.
func candKey(name int32, acc float32) uint64 {
	return uint64(math.Float32bits(acc))<<32 | uint64(^uint32(name))
}

// prefetchCandidates reads, for every candidate, its name's record, then
// the first of its words, before the names are scored. The records and
// the names' words lie at random in arrays of megabytes that a search
// meets cold, and scoring reads them one name at a time behind a long
// chain of work, so each read waits for memory in turn; in these loops no
// read depends on another of its loop, and their waits overlap. The
// sum, kept in sc.sink, keeps the reads.
func (ix *Index) prefetchCandidates(sc *scratch) {
	var s int32
	for _, c := range sc.cands {
		s += ix.names[c.name].tokOff
	}
	for _, c := range sc.cands {
		if rec := &ix.names[c.name]; rec.tokLen > 0 {
			s += ix.nameTok[rec.tokOff]
		}
	}
	sc.sink = s
}

// prefetchPostings reads each hit's token and where its postings start,
// then the first of them, in loops of their own (see prefetchCandidates):
// a hit found through a listed word's neighbours or a variant group has
// not read its token. It returns how many postings the hits that
// accumulate may read have (those of a token of at most 4*commonDF names),
// the room accumulate makes for the names they touch.
func (ix *Index) prefetchPostings(sc *scratch) (postings int) {
	off, idx, most := ix.postOff, ix.postIdx, 4*ix.opts.commonDF
	var s int32
	for i := range sc.hits {
		t := sc.hits[i].tok
		df := ix.toks[t].df
		s += off[t] + df
		if int(df) <= most {
			postings += int(off[t+1] - off[t])
		}
	}
	for i := range sc.hits {
		if o := off[sc.hits[i].tok]; int(o) < len(idx) {
			s += idx[o]
		}
	}
	sc.sink += s
	return postings
}
