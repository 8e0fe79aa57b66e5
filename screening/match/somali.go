package match

import "strings"

// The Somali Latin alphabet (1972) writes the pharyngeal h of Arabic names
// as x and the ayn as c (Maxamed, Xasan, Cabdi, Cali, Baynax), where
// English-style spellings of the same names write h and leave the ayn out
// (Mohamed, Hassan, Abdi, Ali, Baynah). Both spellings of one person are on
// the lists. x and c are common letters of other languages' words
// (Felix, Coterra), so the reading is asked only of the names of listed
// people of a Somali-speaking country (somaliName): a query word with an x,
// read with its x as h and a c not of ch left out (Cabdiraxman, Abdirahman),
// and compared as the alignment compares a person's words.

// minSomaliWord and maxSomaliWord bound the bytes of the words somaliSim
// reads.
const (
	minSomaliWord = 3
	maxSomaliWord = 24
)

// somaliMaxSim is the similarity of two words up to which the Somali
// reading is tried: that of equal skeletons.
const somaliMaxSim = 0.93

// somaliCodes are the countries whose people write their names in the
// Somali alphabet: Somalia and Djibouti.
var somaliCodes = countryCodes("SO", "DJ")

// somaliWords returns the query words (as bits) that somaliSim reads: of
// minSomaliWord to maxSomaliWord bytes, with an x. A c alone does not make
// a word Somali: most words with a c are English (company, corporation),
// and asking the reading of each of them costs the search more than the
// x alone.
func somaliWords(qs []qtok) uint64 {
	var m uint64
	for i := range qs {
		if w := qs[i].s; i < 64 && len(w) >= minSomaliWord && len(w) <= maxSomaliWord && strings.IndexByte(w, 'x') >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// hasSomaliLetter reports whether w has an x, or a c not before h.
func hasSomaliLetter(w string) bool {
	if strings.IndexByte(w, 'x') >= 0 {
		return true
	}
	for k := strings.IndexByte(w, 'c'); k >= 0; {
		if k+1 == len(w) || w[k+1] != 'h' {
			return true
		}
		n := strings.IndexByte(w[k+1:], 'c')
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// somaliRead appends to buf the word w read in the Somali alphabet: x as h,
// c (not before h) left out.
func somaliRead(buf []byte, w string) []byte {
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case c == 'x':
			buf = append(buf, 'h')
		case c == 'c' && (k+1 == len(w) || w[k+1] != 'h'):
		default:
			buf = append(buf, c)
		}
	}
	return buf
}

// somaliSim is the similarity of a query word with a Somali letter and a
// listed word of a person's name: the query word read in the Somali
// alphabet and compared as the alignment compares a person's words
// (wordSim, personRespelling); 0 if the reading does not apply.
func somaliSim(q *qtok, t *tokInfo) float32 {
	if len(t.s) < minSomaliWord || len(t.s) > maxSomaliWord || hasSomaliLetter(t.s) {
		return 0
	}
	var buf [maxSomaliWord]byte
	b := somaliRead(buf[:0], q.s)
	if len(b) < 2 {
		return 0
	}
	var sk [4 * maxSomaliWord]byte
	rq := qtok{s: bytesString(b)}
	sl := appendSkeleton(sk[:0], rq.s)
	rq.skel = bytesString(sl)
	rq.cons = bytesString(appendConsonants(sl[len(sl):], rq.s))
	return personRespelling(&rq, t, wordSim(&rq, t, min(len(b), len(t.s))))
}

// somaliName reports whether the listed name rec is that of a person of a
// country of somaliCodes. rn caches it for one name.
func (ix *Index) somaliName(rec *nameRec, rn *readingName) bool {
	return ix.personOf(rec, &rn.som, somaliCodes)
}

// personOf reports whether the listed name rec is that of a person of one
// of the countries cs (entryNationalIn); *known caches the answer for one
// name: 0 not asked yet, 1 yes, 2 no.
func (ix *Index) personOf(rec *nameRec, known *int8, cs []countryCode) bool {
	if *known == 0 {
		*known = 2
		if rec.individual && entryNationalIn(ix.entries[rec.entry], cs) {
			*known = 1
		}
	}
	return *known == 1
}

// somaliMinSim is the least similarity of the reading for which somaliHits
// adds a listed word: a respelling, not another word.
const somaliMinSim = vowelShapeSim

// maxSomaliChecks is the most listed words somaliHits compares.
const maxSomaliChecks = 8

// somaliHits adds the listed words that query word q (index i), not listed,
// with a Somali letter (somaliWords), spells in the English way: the
// skeleton of the reading looked up among the listed skeletons and their
// deletions, at most maxSomaliChecks compared, those the reading
// meets at somaliMinSim or more added at minTokSim until the alignment of a
// Somali person's name raises them (somaliSim in gatherEdges); other names
// do not take the hits it adds.
func (ix *Index) somaliHits(sc *scratch, q *qtok, i int8) {
	if q.known || sc.qSomWords&bit(int(i)) == 0 {
		return
	}
	var buf [maxSomaliWord]byte
	b := somaliRead(buf[:0], q.s)
	if len(b) < minSomaliWord {
		return
	}
	var sk [4 * maxSomaliWord]byte
	s := bytesString(appendSkeleton(sk[:0], bytesString(b)))
	// the reading's skeleton as a listed skeleton and as a listed
	// skeleton's deletion (Binah, Bainah)
	k := ix.somaliUnder(sc, q, i, hashStr(seedExact, s), maxSomaliChecks)
	if len(s) >= fuzzyMinLen-1 && k < maxSomaliChecks {
		ix.somaliUnder(sc, q, i, hashStr(seedDel, s), maxSomaliChecks-k)
	}
}

// somaliUnder compares query word q (index i) with at most limit listed
// words under fuzzy key h and adds those its Somali reading meets at
// somaliMinSim or more at minTokSim, noting the hits it adds (sc.somNew):
// the name of a person of no Somali-speaking country does not take them
// (readingSim). It returns how many words it compared.
func (ix *Index) somaliUnder(sc *scratch, q *qtok, i int8, h uint64, limit int) int {
	a, b := ix.fuzzyRange(h)
	k := 0
	for ; a < b && k < limit; a, k = a+1, k+1 {
		t := ix.fuzzyTok(a)
		if somaliSim(q, &ix.toks[t]) < somaliMinSim {
			continue
		}
		hit := simHit{i, i, t, minTokSim}
		if e := sc.findHit(hit); e != nil {
			e.sim = max(e.sim, minTokSim)
			continue
		}
		sc.pushHit(hit)
		sc.somNew = append(sc.somNew, int32(len(sc.hits)-1))
	}
	return k
}
