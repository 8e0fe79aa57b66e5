package match

import "strings"

// Spanish writes the Russian and Georgian kh (х, ხ) as j, the letter of
// its own sound (Mijail for Mikhail, Jabarovsk for Khabarovsk), and sources
// in Spanish render the names of the people they list so. English writes
// j for the dzh of the same names, so a j is read kh only inside a word
// (not its first letter, not after d), against a word with kh, in the name
// of a listed person who has an East Slavic patronymic: a name that came
// through Russian.

// minSpanishJWord is the fewest bytes of the words spanishJSim reads.
const minSpanishJWord = 5

// maxSpanishJWord is the most bytes of the words spanishJSim reads.
const maxSpanishJWord = 24

// spanishJMaxSim is the similarity of two words up to which the Spanish
// reading is tried: that of equal skeletons.
const spanishJMaxSim = 0.93

// spanishJWords returns the query words (as bits) that spanishJSim can
// read: of minSpanishJWord bytes or more, with a j after the first letter.
func spanishJWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if w := qs[i].s; i < 64 && len(w) >= minSpanishJWord && len(w) <= maxSpanishJWord && strings.IndexByte(w[1:], 'j') >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// spanishJSim is the similarity of a query word with a j inside it and a
// listed word with kh: the query word read with that j as kh (not dj) and
// compared as tokSim compares two words (wordSim); 0 if the reading does
// not apply.
func spanishJSim(q *qtok, t *tokInfo) float32 {
	if len(t.s) < minSpanishJWord || len(t.s) > maxSpanishJWord || !strings.Contains(t.s, "kh") || strings.Contains(q.s, "kh") {
		return 0
	}
	var buf [2 * maxSpanishJWord]byte
	b := spanishJRead(buf[:0], q.s)
	if len(b) == len(q.s) {
		return 0
	}
	var sk [4 * maxSpanishJWord]byte
	rq := qtok{s: bytesString(b)}
	rq.skel = bytesString(appendSkeleton(sk[:0], rq.s))
	return wordSim(&rq, t, min(len(b), len(t.s)))
}

// slavicPatronymicName reports whether the listed name ctoks has an East
// Slavic patronymic. rn caches it for one name.
func (ix *Index) slavicPatronymicName(ctoks []int32, rn *readingName) bool {
	if rn.slav == 0 {
		rn.slav = 2
		for _, ct := range ctoks {
			if ix.toks[ct].patronymic {
				rn.slav = 1
				break
			}
		}
	}
	return rn.slav == 1
}

// spanishJMinSim is the least similarity of the reading for which
// spanishJHits adds a listed word: a respelling, not another word.
const spanishJMinSim = 0.8

// maxSpanishJChecks is the most listed words spanishJHits compares.
const maxSpanishJChecks = 8

// spanishJHits adds the listed words that query word q (index i), not
// listed, with a j inside it (spanishJWords), spells with that j as kh: the
// skeleton of the reading and its deletions looked up among the listed
// skeletons' keys, at most maxSpanishJChecks compared, those the reading
// meets at spanishJMinSim or more added at minTokSim until
// the alignment of a name with a Slavic patronymic raises them
// (spanishJSim in gatherEdges).
func (ix *Index) spanishJHits(sc *scratch, q *qtok, i int8) {
	if q.known || sc.qJWords&bit(int(i)) == 0 {
		return
	}
	var buf [2 * maxSpanishJWord]byte
	b := spanishJRead(buf[:0], q.s)
	if len(b) == len(q.s) {
		return
	}
	var sk [4 * maxSpanishJWord]byte
	s := bytesString(appendSkeleton(sk[:0], bytesString(b)))
	sim := func(t int32) float32 {
		if spanishJSim(q, &ix.toks[t]) < spanishJMinSim {
			return 0
		}
		return minTokSim
	}
	k := ix.raiseUnder(sc, i, hashStr(seedExact, s), maxSpanishJChecks, sim)
	for j := 0; j < len(s) && k < maxSpanishJChecks; j++ {
		k += ix.raiseUnder(sc, i, hashDel(seedDel, s, j), maxSpanishJChecks-k, sim)
	}
}

// spanishJRead appends to buf the word w, not empty, with each j after its
// first letter, not after d, written kh.
func spanishJRead(buf []byte, w string) []byte {
	b := append(buf, w[0])
	for k := 1; k < len(w); k++ {
		if w[k] == 'j' && w[k-1] != 'd' {
			b = append(b, 'k', 'h')
			continue
		}
		b = append(b, w[k])
	}
	return b
}
