package match

// Clipped compounds. Russian and other organisation names are shortened by
// keeping the beginning of a long word: ROSGEO for ROSGEOLOGIA, URANGEO for
// URANGEOLOGORAZVEDKA, GIDRO for GIDROELEKTROAVTOMATIKA; a Persian compound
// surname loses its last element the same way (KASHANI for KASHANIMEHR,
// MOSTAF for MOSTAFAVI). A query word that
// is the beginning of a longer listed word scores low as a word (the letters
// it lacks count against it) and no key of the listed word reaches it, so it
// gets its own: the first clipKeyLen letters of the skeleton of every listed
// word long enough to be clipped (seedClip).
//
// A clipping is taken for one when it is a real one:
//   - the query word is not a listed word and has clipMinLen skeleton
//     letters or more; the listed word is not a generic word and is at
//     least clipMinRest skeleton letters longer (a word with a letter or
//     two more is another word, or a respelling the other keys reach:
//     Solana and SOLAN);
//   - the query word is the beginning of the listed word, letter for
//     letter: a clipping keeps the spelling of what it keeps (uniQure is
//     not UNICORECOMM, whose skeleton begins with uniQure's).
//
// The other way round, a listed organisation's word may be the clipped one
// (HYDRA MARKET for Hydra Marketplace; not a person's: personClipSim): a
// query word without a close hit looks up the skeletons of its own
// beginnings that leave out three letters or more. Such a pair scores at
// most reverseClipMaxSim, so that it never matches alone.
//
// The rest of the name is scored as usual: a clipped word alone is a
// single fuzzy word (its similarity counts as sim^1.5), so a short clip of
// a long word is not a match by itself.

const (
	clipKeyLen    = 5  // letters of the skeleton prefix key
	clipMinLen    = 5  // least skeleton letters of a clipped query word
	clipMinRest   = 3  // least skeleton letters the clipping leaves out
	clipLongLen   = 7  // skeleton letters of a long clipping
	clipLongRest  = 2  // least skeleton letters a long clipping leaves out
	clipMaxChecks = 24 // listed words compared under one clip key
	clipMaxSim    = 0.9
	// reverseClipMaxSim is the most a listed word that is the beginning
	// of the query word scores
	reverseClipMaxSim = 0.85
	seedClip          = 0x94D049BB133111EB
)

// clipRest is the least number of skeleton letters a clipping of n
// skeleton letters leaves out: clipMinRest, or clipLongRest once the
// clipping keeps clipLongLen letters or more. A long clipping that leaves
// out two letters (NOCTURN for NOCTURNUM) is no respelling the fuzzy keys
// reach: its skeleton is two deletions away and too short for the prefix
// key.
func clipRest(n int) int {
	if n >= clipLongLen {
		return clipLongRest
	}
	return clipMinRest
}

// clipOf returns clipSim of the word s (skeleton skel) and the listed word
// t when s is t's beginning letter for letter, of clipMinLen skeleton
// letters or more, and leaves out at least clipRest of t's skeleton; long
// reports a long clipping, that leaves out fewer than clipMinRest letters,
// which its callers take of a coined word only (longClipCoined).
func clipOf(s, skel string, t *tokInfo) (sim float32, long, ok bool) {
	if len(skel) < clipMinLen || len(t.skel) < len(skel)+clipRest(len(skel)) || t.skel[:len(skel)] != skel || !hasPrefix(t.s, s) {
		return 0, false, false
	}
	return clipSim(len(skel), len(t.skel)), len(t.skel) < len(skel)+clipMinRest, true
}

// longClipCoined reports whether a long clipping that leaves out fewer than
// clipMinRest skeleton letters is one of a coined word: neither word is a
// common English word. An English word with two letters more is that word
// inflected or in another language (Sentinel, Sentinelles), not clipped.
func longClipCoined(q *qtok, t *tokInfo) bool {
	return !t.common && !isEnglishWord(q.s)
}

// clipSim is the similarity of a clipped word with the listed word it is the
// beginning of, by the share of the listed word's skeleton it keeps (n of
// m letters): from 0.82 for a short clip of a long word to 0.9.
func clipSim(n, m int) float32 {
	f := float32(n) / float32(m)
	return min(0.82+0.16*f, clipMaxSim)
}

// appendClipKey adds the clip key of a listed word of skeleton skel.
func appendClipKey(dst []fuzzyKey, skel string, tok int32) []fuzzyKey {
	if len(skel) >= clipMinLen+clipMinRest {
		dst = append(dst, fuzzyKey{hashStr(seedClip, skel[:clipKeyLen]), tok})
	}
	return dst
}

// clipQueryWords returns the query words that the clip rule may apply to
// (clippedPair: no listed word, not vowelless, of clipMinLen skeleton
// letters or more) and those that may be words glued (gluedEdges: no
// listed word, of clipMinLen+3 letters or more). Known once per search,
// they spare the rules' loops over every candidate's words when no word
// qualifies.
func clipQueryWords(qs []qtok) (clip, glued uint64) {
	for i := range qs {
		q := &qs[i]
		if q.known || i >= 64 {
			continue
		}
		if !q.vowelless && len(q.skel) >= clipMinLen {
			clip |= 1 << i
		}
		if len(q.s) >= clipMinLen+3 {
			glued |= 1 << i
		}
	}
	return clip, glued
}

// clippedPair reports whether the query word q is a clipping of the listed
// word t, or t a clipping of q (the listed name is the short one:
// NKUNDA for Nkundabatware), and its similarity.
func clippedPair(q *qtok, t *tokInfo) (float32, bool) {
	if q.known || q.vowelless || t.generic {
		return 0, false
	}
	if sim, long, ok := clipOf(q.s, q.skel, t); ok && (!long || longClipCoined(q, t)) {
		return sim, true
	}
	if len(t.skel) >= clipMinLen && len(q.skel) >= len(t.skel)+clipMinRest &&
		q.skel[:len(t.skel)] == t.skel && hasPrefix(q.s, t.s) {
		// weaker: a longer word that begins with a listed one is as
		// often another company's coined name (VISTAPRINT, VISTA), so
		// it never matches alone (sim^1.5 stays under 0.8)
		return min(clipSim(len(t.skel), len(q.skel)), reverseClipMaxSim), true
	}
	return 0, false
}

// clippedByHits adds, for query word i without a close hit, the listed
// words that are its beginning (the listed name is the clipped one): the
// whole skeletons of its beginnings of clipMinLen letters or more that
// leave out clipMinRest or more.
func (ix *Index) clippedByHits(sc *scratch, q *qtok, i int8) {
	if len(q.skel) < clipMinLen+clipMinRest || sc.bestSingle[i] >= closeMinSim {
		return
	}
	for k := clipMinLen; k <= len(q.skel)-clipMinRest; k++ {
		a, b := ix.fuzzyRange(hashStr(seedExact, q.skel[:k]))
		for ; a < b; a++ {
			t := ix.fuzzyTok(a)
			if s, ok := clippedPair(q, &ix.toks[t]); ok {
				sc.raiseHit(simHit{i, i, t, s})
			}
		}
	}
}

// clipHits adds, for query word i, the listed words it is a clipping of,
// and through the same clip key those that glue it, clipped, with the next
// query words (clippedJoinHits: a listed query word looks up its key for
// those only).
func (ix *Index) clipHits(sc *scratch, q *qtok, i int8) {
	join := clippedJoinable(sc, q, i)
	if q.vowelless || len(q.skel) < clipMinLen || q.known && !join {
		return
	}
	a, b := ix.fuzzyRange(hashStr(seedClip, q.skel[:clipKeyLen]))
	if b-a > clipMaxChecks {
		b = a + clipMaxChecks
	}
	if join {
		ix.clippedJoinHits(sc, q, i, a, b)
	}
	if q.known {
		return
	}
	for ; a < b; a++ {
		t := ix.fuzzyTok(a)
		if s, ok := clippedPair(q, &ix.toks[t]); ok {
			sc.raiseHit(simHit{i, i, t, s})
		}
	}
	ix.tsClipHits(sc, q, i) // ц written c (tsclip.go)
	ix.clippedByHits(sc, q, i)
}

// raiseHit adds h, or raises to h.sim the similarity of the hit of the same
// words and token found another way. A clip does not count as the query
// word's best hit (bestSingle): the word may still be a listed pair
// written together, or one split and respelled, which the look-ups for
// words without a close hit find; so may a word that only a sound key
// pairs (slavic.go).
func (sc *scratch) raiseHit(h simHit) {
	if e := sc.findHit(h); e != nil {
		e.sim = max(e.sim, h.sim)
		return
	}
	sc.pushHit(h)
}

// hitMemo is what scoring works out of a hit's words alone, the same in
// every name that holds its token (0 while not known): otherSyllabicName's
// answer (syl) and personHitSim's (person, of either case of the name).
type hitMemo struct {
	person [2]float32
	syl    int8
	kor    int8 // whether the words spell one Hangul syllable (koreanPair): 0 unknown, 1 yes, 2 no
}

// personHitSim is the similarity of hit k (a query word alone) in a
// listed person's name of nc words: personClipSim's, raised by
// personRespelling, or -1 if below minTokSim. personClipSim reads of the
// name only whether its word is longer than the query word while the
// query has no more words than the name; each of the two cases is worked
// out once a search (sc.hitMemo).
func (ix *Index) personHitSim(sc *scratch, k int32, nc int) float32 {
	h := &sc.hits[k]
	q, t := &sc.qs[h.qlo], &ix.toks[h.tok]
	c := 0
	if len(t.s) > len(q.s) && len(sc.qs) <= nc {
		c = 1
	}
	m := &sc.hitMemo[k].person[c]
	if *m == 0 {
		s := ix.personClipSim(sc, q, t, h.sim, nc)
		if s < minTokSim {
			s = -1
		} else {
			s = personRespelling(q, t, s)
		}
		*m = s
	}
	return *m
}

// personClipSim is the similarity of the hit of query word q and token t
// (sim) in a listed person's name of nc words. A person's name whose
// element is clipped (KASHANI for KASHANIMEHR) is one when the query has
// no more words than the name: a clipped element followed by a word of the
// query's own is the element split and respelled (KOUCHAK ZARI is not
// KOUCHAKZAEI), which the clip does not stand for. A listed person's name
// that is the beginning of the query's is another name (AHMADI is not
// AHMADINEJAD: Persian surnames are made by adding to a name). In those
// cases the similarity is the words' own. A letter's name (letterNames) is
// not paired with a person's initial.
func (ix *Index) personClipSim(sc *scratch, q *qtok, t *tokInfo, sim float32, nc int) float32 {
	if len(t.s) == 1 && letterNames[q.s] == t.s {
		return 0 // a person's initial is not a letter spelt out (Zed, Z.)
	}
	if q.known || sim > clipMaxSim || len(t.s) > len(q.s) && len(sc.qs) <= nc {
		return sim
	}
	if joinedSurnames(q.s, t.s) {
		return joinedSurnameSim // two family names written as one (personforms.go)
	}
	if _, ok := clippedPair(q, t); !ok {
		return sim
	}
	return ix.tokSim(q, t)
}

// loneClip returns the edge of a clipped word (from sc.edgeStore[start:],
// the name ctoks's aligned edges) when it is the only distinctive word
// that aligned, with generic words or descriptors beside it: a clip is as
// weak evidence as a single fuzzy word unless another distinctive word of
// the name agrees ("Recon Technology" is not TECHNICAL RECONNAISSANCE
// BUREAU; VNIIR GIDRO is VNIIR GIDROELEKTROAVTOMATIKA). The edges are two
// or more: the scorer discounts a single edge already.
func (ix *Index) loneClip(sc *scratch, ctoks []int32, start int) (edge, bool) {
	es := sc.edgeStore[start:]
	if len(es) < 2 || sc.qClip == 0 {
		return edge{}, false
	}
	var clip edge
	found := false
	for _, e := range es {
		t := &ix.toks[ctoks[e.clo]]
		if e.qlo == e.qhi && e.clo == e.chi && e.sim <= clipMaxSim && !found && sc.qClip&(1<<e.qlo) != 0 {
			if _, ok := clippedPair(&sc.qs[e.qlo], t); ok {
				clip, found = e, true
				continue
			}
		}
		for j := e.clo; j <= e.chi; j++ {
			if tk := &ix.toks[ctoks[j]]; !tk.generic && !(isOrgDescriptor(tk.group) && descriptorFor(&sc.qs[e.qlo], &e, tk)) {
				return edge{}, false // another distinctive word agrees
			}
		}
	}
	return clip, found
}
