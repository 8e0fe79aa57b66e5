package match

import (
	"math/bits"
	"strings"
	"unsafe"

	"github.com/exportguard/exportguard/screening/lists"
)

// Rules of person names that the general alignment does not know: the
// syllables of a Chinese or Korean given name (givenSyllableLoss), the
// parts of a name written surname first or in its natural order
// (moreGivenNames), name elements joined and split differently
// (splitPair), Arabic respellings by their consonants (personRespelling),
// the article (articlesLeftOut) and the family name or nisba of a lineage
// that agrees (lastElementPair).

// givenSyllableLoss returns what the aligned syllable of a Chinese or
// Korean given name adds to the name score's numerator when the other
// syllable of that given name is left out: a given name of two syllables
// is one name, and its first syllable alone is another person's name
// ("Young Kim" is not KIM, Yong Su, nor KIM, Yong Chol: the first syllable
// is often the generation name that siblings and cousins share), so that
// syllable counts as a word that does not agree. Only the last syllable
// left out counts so: the generated evaluation takes a name with its
// middle word dropped (CHA Jun for CHA, Sung Jun) for the same person.
// It applies to a listed person (rec, words ctoks, aligned words cm,
// edges from sc.edgeStore[start]) whose name is three or four words of
// one syllable each (oneSyllable),
// family name first as the lists write them (KIM, Yong Su; RI SU YONG),
// with the family name aligned, of China or Korea (eastAsian, or a
// document issued there) or of no known country.
func (ix *Index) givenSyllableLoss(sc *scratch, rec *nameRec, ctoks []int32, cm uint64, start int) float32 {
	n := len(ctoks)
	if !rec.individual || n < 3 || n > 4 || cm&1 == 0 || cm == spanMask(0, int8(n-1)) {
		return 0
	}
	partner := -1
	for j := 1; j < n && partner < 0; j++ {
		if cm&bit(j) != 0 {
			continue
		}
		if j > 1 && cm&bit(j-1) != 0 {
			partner = j - 1
		}
	}
	if partner < 0 {
		return 0
	}
	if e := ix.entries[rec.entry]; !eastAsian(e) && !eastAsianID(e) && hasCountry(e) {
		return 0
	}
	if !allOneSyllable(ix, ctoks) {
		return 0
	}
	for _, e := range sc.edgeStore[start:] {
		if int(e.clo) == partner && e.chi == e.clo {
			return e.sim * 2 * e.w
		}
	}
	return 0
}

// hasCountry reports whether a listed entry names any nationality,
// citizenship or country of address.
func hasCountry(e *lists.Entry) bool {
	if len(e.Nationalities) > 0 || len(e.Citizenships) > 0 {
		return true
	}
	for _, a := range e.Addresses {
		if a.Country.IsValid() {
			return true
		}
	}
	return false
}

// eastAsianID reports whether a listed entry holds a document issued in a
// country of eastAsianCodes (a North Korean passport of a person posted
// abroad).
func eastAsianID(e *lists.Entry) bool { return entryIDIn(e, eastAsianCodes) }

// oneSyllable reports whether the word t is one Pinyin or Hangul syllable,
// or a Korean name syllable of the variant tables in another spelling
// (Young, Myung).
func oneSyllable(t *tokInfo) bool {
	return syllableCount(t.s) == 1 || t.group != 0 && variantGroups[t.group-1].kind == variantKorean
}

// surnameWords returns how many words of the name s (as analyze splits
// them) come before its first comma, the lists' way of writing a person's
// surname first (TAHER, Ibrahim); 0 if s has no comma with a letter or
// digit on both sides of it. It uses sc's buffers (surnameBuf, surnameTmp,
// surnameFields, surnameNT) and allocates nothing for an ASCII name once
// they have grown.
func (sc *scratch) surnameWords(s string) int {
	i := SurnameComma(s)
	if i < 0 {
		return 0
	}
	sc.surnameBuf = appendNormalized(sc.surnameBuf[:0], s[:i])
	// analyze keeps no reference to the string past the call: only the
	// count of its words is read
	sc.surnameFields = analyze(bytesString(sc.surnameBuf), sc.surnameFields, &sc.surnameNT, sc.surnameTmp[:0])
	return len(sc.surnameNT.words)
}

// SurnameComma returns the index of the comma from which a name is read
// as written surname first ("MAJEED, Chaudhry Abdul"): its first comma,
// with a letter, a digit or a byte outside ASCII on both sides; -1 when
// there is none. Normalize drops the comma, and a search scores such a
// name otherwise than the same words without it, so a cache keyed by the
// normalised name must also key by the words before this comma.
func SurnameComma(s string) int {
	i := strings.IndexByte(s, ',')
	if i <= 0 || !hasWordByte(s[:i]) || !hasWordByte(s[i+1:]) {
		return -1
	}
	return i
}

// hasWordByte reports whether s has an ASCII letter or digit or a byte
// outside ASCII.
func hasWordByte(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// listedName returns the name or alias of its entry that rec indexes.
func (ix *Index) listedName(rec *nameRec) string {
	e := ix.entries[rec.entry]
	if rec.alias >= 0 {
		return e.Aliases[rec.alias].Name
	}
	return e.Name
}

// moreGivenNames reports whether of the query and the name of a listed
// person (rec, edges from sc.edgeStore[start]) one holds the other whole
// (the caller knows which) plus words of its own, both names written
// surname first with a comma, every aligned word on the same side of the
// comma in both and close (partialMinSim): the same surname and given
// name, with more given names, a second surname or an honorific on one
// side (TAHER, Ibrahim Amin Fadlallah for TAHER, Ibrahim; NASRALLAH,
// Muhammad for 'ABD-AL-DAYIM NASRALLAH, Muhammad Ahmad). When neither
// name has a comma, the longer name's own words must lie between the
// first and last words of the shorter (middleNamesAdded); with a comma on
// one side only, the order says nothing: "Omar Mohammed Othman" is not
// OMAR, Mohammed. Not for a name of one-syllable words (KIM, Yong Su for
// KIM, Yong; givenSyllableLoss).
func (ix *Index) moreGivenNames(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	if !rec.individual || !sc.closeEdges(start, partialMinSim) {
		return false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	name := ix.listedName(rec)
	if sc.qSurname == 0 {
		// the listed name's surname is not needed: only whether it has one
		return !strings.Contains(name, ",") && middleNamesAdded(sc.edgeStore[start:], len(sc.qs), len(ctoks)) && !allOneSyllable(ix, ctoks)
	}
	cs := sc.surnameWords(name)
	if cs == 0 || cs >= len(ctoks) {
		return false
	}
	qs := int8(sc.qSurname)
	for _, ed := range sc.edgeStore[start:] {
		qsur, csur := ed.qlo < qs, ed.clo < int8(cs)
		if qsur != (ed.qhi < qs) || csur != (ed.chi < int8(cs)) || qsur != csur {
			return false
		}
	}
	return !allOneSyllable(ix, ctoks)
}

// allOneSyllable reports whether every word of ctoks is one syllable
// (oneSyllable): a Chinese or Korean name.
func allOneSyllable(ix *Index, ctoks []int32) bool {
	for _, ct := range ctoks {
		if !oneSyllable(&ix.toks[ct]) {
			return false
		}
	}
	return true
}

// middleNamesAdded reports whether the edges es align a listed name of nc
// words, in order, with a query of nq words whose first and last words
// are the listed name's first and last: the longer of the two has words
// of its own in the middle only, as more given names or a father's name
// between a given name and a family name are (Husayn Muhammad Husayn
// al-Juaythini for HUSAYN JUAYTHINI).
func middleNamesAdded(es []edge, nq, nc int) bool {
	first, last := false, false
	for _, e := range es {
		if e.clo == 0 {
			first = e.qlo == 0
		}
		if int(e.chi) == nc-1 {
			last = int(e.qhi) == nq-1
		}
		for _, f := range es {
			if (e.clo < f.clo) != (e.qlo < f.qlo) {
				return false
			}
		}
	}
	return first && last
}

// splitMinSim is the least letter similarity of a word and two or three
// adjacent words written together (splitPair) for them to be taken for one
// name element joined or split differently and respelled.
const splitMinSim = 0.7

// splitSim is the similarity a splitPair edge counts with: that of the
// same consonants with other vowels.
const splitSim = vowelShapeSim

// maxSplitJoin is the longest joined form, in bytes, that splitPair
// compares.
const maxSplitJoin = 48

// splitPair returns an edge between one word left unaligned on one side of
// a person's name and two or three adjacent unaligned words on the other
// that are the same name element written joined and split differently,
// with a respelling: the consonants of the joined words (appendConsonants)
// equal those of the word, with the article al between them written as a
// linking vowel or assimilated (MONTAZER AL-MAHDI, MONTAZEROLMEHDI;
// SEYED AL-SHOHADA, SEYEDOSHOHADA; GHOLIA ZADEH, GHOLIZADEH; ABU BAKR,
// ABUBAKAR; MIR RAHMAN, MIRAHMAN), and the letters close (splitMinSim). The
// word must have four consonants or more, or three and seven letters, so
// that short words do not meet by chance. qm and cm are the words already
// aligned.
func (ix *Index) splitPair(sc *scratch, ctoks []int32, qm, cm uint64) (edge, bool) {
	nq, nc := len(sc.qs), len(ctoks)
	if nq > 64 || nc > 64 {
		return edge{}, false
	}
	var words, cons [3]string
	// one listed word against adjacent query words
	for j := 0; j < nc; j++ {
		t := &ix.toks[ctoks[j]]
		if cm&bit(j) != 0 || !splitCandidate(t.s, t.cons) {
			continue
		}
		for i := 0; i+1 < nq; i++ {
			n := 0
			for k := i; k < nq && k < i+3 && qm&bit(k) == 0; k++ {
				words[n], cons[n] = sc.qs[k].s, sc.qs[k].cons
				n++
			}
			if m := sameJoinedCons(t.s, t.skel, t.cons, words[:n], cons[:n]); m > 0 {
				return edge{int8(i), int8(i + m - 1), int8(j), int8(j), splitSim, t.w}, true
			}
		}
	}
	// one query word against adjacent listed words
	for i := 0; i < nq; i++ {
		q := &sc.qs[i]
		if qm&bit(i) != 0 || !splitCandidate(q.s, q.cons) {
			continue
		}
		for j := 0; j+1 < nc; j++ {
			n := 0
			for k := j; k < nc && k < j+3 && cm&bit(k) == 0; k++ {
				t := &ix.toks[ctoks[k]]
				words[n], cons[n] = t.s, t.cons
				n++
			}
			if m := sameJoinedCons(q.s, q.skel, q.cons, words[:n], cons[:n]); m > 0 {
				var w float32
				for k := j; k < j+m; k++ {
					w += ix.toks[ctoks[k]].w
				}
				return edge{int8(i), int8(i), int8(j), int8(j + m - 1), splitSim, w}, true
			}
		}
	}
	return edge{}, false
}

// splitCandidate reports whether w (its consonants wcons,
// appendConsonants) is long enough to be compared with words joined
// (splitPair).
func splitCandidate(w, wcons string) bool {
	if len(w) < 6 || len(w) > maxSplitJoin {
		return false
	}
	return len(w) >= minSkelJoin || consonantsJoinable(w, wcons)
}

// consonantJoinable reports whether w has consonants enough to be
// compared with words joined by its consonants (sameJoined): four or
// more, or three in a word of seven letters.
func consonantJoinable(w string) bool {
	var buf [maxSplitJoin]byte
	return consonantsJoinable(w, bytesString(appendConsonants(buf[:0], w)))
}

// consonantsJoinable is consonantJoinable of w whose consonants
// (appendConsonants) are wcons.
func consonantsJoinable(w, wcons string) bool {
	c := len(wcons)
	return c >= 4 || c == 3 && len(w) >= 7
}

// minSkelJoin is the shortest word, in bytes, that sameJoined compares
// with words joined by their skeletons alone: a word of few consonants
// (Kouchakzaei, whose consonant key is "ks") is one name element when its
// skeleton is that of the two words written together.
const minSkelJoin = 8

// sameJoined returns how many of the adjacent free words ws (two or three)
// written together are w joined differently and respelled (splitPair): the
// first two, or all three when the middle one is the article al, by their
// consonants and letters; or the first two, for a word of minSkelJoin
// letters or more, by their skeleton (wskel is w's). It returns 0 when
// they are not.
func sameJoined(w, wskel string, ws []string) int {
	if len(ws) < 2 {
		return 0
	}
	ws = ws[:min(len(ws), 3)]
	var wb [maxSplitJoin]byte
	var cb [3 * maxSplitJoin]byte
	var cs [3]string
	c := cb[:0]
	for k, x := range ws {
		if len(x) <= maxSplitJoin { // a longer word is in no join compared
			o := len(c)
			c = appendConsonants(c, x)
			cs[k] = bytesString(c[o:])
		}
	}
	return sameJoinedCons(w, wskel, bytesString(appendConsonants(wb[:0], w)), ws, cs[:len(ws)])
}

// sameJoinedCons is sameJoined of w (skeleton wskel, consonants wcons)
// and the words ws whose consonants (appendConsonants) are cs: the
// consonants of the words written together are those of each in turn, a
// consonant doubled across a join written once, so that most words are
// told apart before their letters are joined.
func sameJoinedCons(w, wskel, wcons string, ws, cs []string) int {
	if len(ws) < 2 {
		return 0
	}
	var jb, kb [maxSplitJoin]byte
	if ws[1] == "al" {
		if len(ws) < 3 || len(ws[0])+len(ws[2])+2 > maxSplitJoin || !consonantsJoinable(w, wcons) {
			return 0
		}
		// the article written as a linking vowel (montazerol-, -ul-,
		// -o-) or assimilated to the next word's first letter (as-,
		// ash-): its l kept or left out
		withAl, without := consJoined(wcons, cs[0], "l", cs[2]), consJoined(wcons, cs[0], "", cs[2])
		if !withAl && !without {
			return 0
		}
		j := append(append(append(jb[:0], ws[0]...), "al"...), ws[2]...)
		k := append(append(kb[:0], ws[0]...), ws[2]...)
		if joinedSim(w, bytesString(j)) || joinedSim(w, bytesString(k)) {
			return 3
		}
		return 0
	}
	if len(ws[0])+len(ws[1]) > maxSplitJoin {
		return 0
	}
	consEq := consonantsJoinable(w, wcons) && consJoined(wcons, cs[0], "", cs[1])
	skelLong := len(w) >= minSkelJoin && len(ws[0])+len(ws[1]) >= len(wskel)
	if !consEq && !skelLong {
		return 0
	}
	j := append(append(jb[:0], ws[0]...), ws[1]...)
	if consEq && joinedSim(w, bytesString(j)) {
		return 2
	}
	if skelLong && string(appendSkeleton(kb[:0], bytesString(j))) == wskel {
		// the same skeleton, written as one word and as two
		// (KOUCHAKZAEI, KOOCHAK ZAIE)
		return 2
	}
	return 0
}

// consJoined reports whether wcons is the consonants (appendConsonants)
// of words written together whose own consonants are a, mid and b in
// turn: a consonant that ends one part and starts the next is written
// once.
func consJoined(wcons, a, mid, b string) bool {
	if !strings.HasPrefix(wcons, a) {
		return false
	}
	rest := wcons[len(a):]
	var last byte // the last consonant written, 0 before any
	if len(a) > 0 {
		last = a[len(a)-1]
	}
	for _, p := range [2]string{mid, b} {
		if len(p) > 0 && p[0] == last {
			p = p[1:]
		}
		if !strings.HasPrefix(rest, p) {
			return false
		}
		rest = rest[len(p):]
		if len(p) > 0 {
			last = p[len(p)-1]
		}
	}
	return rest == ""
}

// joinedSim reports whether a word w and words written together j are
// alike enough for sameJoined: their letters at splitMinSim or more, or
// their skeletons, which merge the vowels and doubled letters that French
// and English spellings write differently (Jallalouddine, Jalal al-Din),
// at splitMinSkelSim or more.
func joinedSim(w, j string) bool {
	if strSim(w, j, min(len(w), len(j))) >= splitMinSim {
		return true
	}
	var wb, jb [2 * maxSplitJoin]byte
	ws, js := appendSkeleton(wb[:0], w), appendSkeleton(jb[:0], j)
	return strSim(bytesString(ws), bytesString(js), min(len(ws), len(js))) >= splitMinSkelSim
}

// splitMinSkelSim is the least similarity of the skeletons of a word and
// words written together for joinedSim: higher than that of the letters,
// as skeletons are alike already (GUL ZADA against GHOLIZADEH: 0.72).
const splitMinSkelSim = 0.8

// bytesString returns b as a string without copying; b must not change
// while the string is in use.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// maxSplitPairs is the most splitPair edges added to one name.
const maxSplitPairs = 2

// alignSplitLeftovers adds to al (a listed person's name rec, words ctoks,
// edges from sc.edgeStore[start]) up to maxSplitPairs edges of words left
// over on both sides that are one name element joined and split
// differently (splitPair), when the words aligned, one or more, are each
// close (closeMinSim).
func (ix *Index) alignSplitLeftovers(sc *scratch, rec *nameRec, ctoks []int32, start int, al *alignment) {
	es := sc.edgeStore[start:]
	if !rec.individual || len(es) == 0 {
		return
	}
	for _, e := range es {
		if e.sim < closeMinSim {
			return
		}
	}
	for k := 0; k < maxSplitPairs; k++ {
		e, ok := ix.splitPair(sc, ctoks, al.qm, al.cm)
		if !ok {
			ix.wrapSplitPair(sc, rec, ctoks, al) // wrapjoin.go
			return
		}
		al.take(sc, e)
	}
}

// linkedCompounds replaces in al (edges from sc.edgeStore[start]) an
// edge of a query word with the listed compound it starts (compoundSim)
// by one of the query word and the free words after it, when together
// they are that compound joined differently (sameJoined): the Persian and
// Arabic compound of two names linked by the article, written joined
// with its vowel (-ol-, -ul-, -al-, -el-) on one side and apart on the
// other (Montazer al-Mahdi, Montazerolmehdi). The start alone aligned
// first, leaving the rest of the query's compound over against nothing.
func (ix *Index) linkedCompounds(sc *scratch, ctoks []int32, start int, al *alignment) {
	var words [3]string
	for k := start; k < len(sc.edgeStore); k++ {
		e := sc.edgeStore[k]
		if e.sim != compoundSim || e.qlo != e.qhi || e.clo != e.chi {
			continue
		}
		t := &ix.toks[ctoks[e.clo]]
		if !splitCandidate(t.s, t.cons) {
			continue
		}
		if int(e.qlo)+1 >= len(sc.qs) || al.qm&bit(int(e.qlo)+1) != 0 {
			ix.swappedCompound(sc, k, t, al)
			continue
		}
		i := int(e.qlo)
		n := 0
		for q := i; q < len(sc.qs) && q < i+3 && (q == i || al.qm&bit(q) == 0); q++ {
			words[n] = sc.qs[q].s
			n++
		}
		m := sameJoined(t.s, t.skel, words[:n])
		if m == 0 {
			ix.swappedCompound(sc, k, t, al)
			continue
		}
		al.num -= e.sim * 2 * e.w
		al.matchedW -= 2 * e.w
		al.qm &^= bit(i)
		al.cm &^= bit(int(e.clo))
		sc.edgeStore = append(sc.edgeStore[:k], sc.edgeStore[k+1:]...)
		al.take(sc, edge{int8(i), int8(i + m - 1), e.clo, e.chi, splitSim, t.w})
		return
	}
}

// swappedCompound completes the edge sc.edgeStore[k] of a query word with
// the listed compound t it starts by a free query word elsewhere in the
// query that is the compound's rest (sameJoined of the two): a compound
// surname split, its last element given as the surname and its first
// among the given names (NEJAD, Vali Mostafa for MOSTAFANEJAD, Vali).
// The rest's word is aligned by an edge of no weight to the same listed
// word, the compound's edge raised to splitSim.
func (ix *Index) swappedCompound(sc *scratch, k int, t *tokInfo, al *alignment) {
	e := &sc.edgeStore[k]
	var words [2]string
	words[0] = sc.qs[e.qlo].s
	for r := range sc.qs {
		if r == int(e.qlo)+1 || al.qm&bit(r) != 0 || len(sc.qs[r].s) < 3 {
			continue
		}
		words[1] = sc.qs[r].s
		if sameJoined(t.s, t.skel, words[:]) == 2 {
			sim := swappedJoinSim(t.s, words[0], words[1]) // joinexact.go
			al.num += (sim - e.sim) * 2 * e.w
			e.sim = sim
			al.take(sc, edge{int8(r), int8(r), e.clo, e.chi, sim, 0})
			return
		}
	}
}

// surnameJoinHits adds, for a query written surname first whose first
// word is the last element of a compound surname split (NEJAD, Vali
// Mostafa; ULLAH, Haji Khair for Khairullah), the listed compound that a
// later query word and the first written together spell, as a hit of
// the later word at compoundSim: swappedCompound then aligns the first
// word with it too. Both words four letters or more.
func (ix *Index) surnameJoinHits(sc *scratch) {
	if len(sc.qs) < 2 || len(sc.qs[0].s) < 4 || SurnameComma(sc.qName) < 0 {
		return
	}
	last := sc.qs[0].s
	for k := 1; k < len(sc.qs); k++ {
		w := sc.qs[k].s
		if len(w) < 4 || len(w)+len(last) > maxSplitJoin {
			continue
		}
		b := append(append(sc.tmp[:0], w...), last...)
		id, ok := ix.tokenID(bytesString(b))
		sc.tmp = b[:0]
		if ok {
			sc.addHit(simHit{int8(k), int8(k), id, compoundSim})
			sc.qCompoundNext = true
		}
	}
}

// minPersonCons is the fewest consonants two words of a person's name
// must share, in order, for personRespelling.
const minPersonCons = 4

// personRespelling returns the similarity of a query word q and a word t
// of a listed person's name, sim as tokSim found it, raised to that of
// words romanised from Arabic script (consEqualSim) when both are written
// with the same consonants, four or more, whatever their vowels, and
// start alike: Arabic and Persian names written in Latin letters differ
// mostly in the short vowels, which the script does not write, and in
// doubled letters (Makled, Moukalled). An Arabic interdental written dh or
// th on one side and d, z, t or s on the other counts as the same letter
// (interdentalSim: Dhiyab, Diab).
func personRespelling(q *qtok, t *tokInfo, sim float32) float32 {
	if sim < longVowelSim && q.skel == t.skel && longVowelSame(q.s, t.s) {
		sim = longVowelSim // Abbud, Abboud (longvowel.go)
	}
	if sim < vowelShapeSim {
		sim = max(sim, interdentalSim(q.s, q.skel, t.s, t.skel))
	}
	if sim < compoundSim && !q.patronymic && !t.patronymic && compoundPair(q.s, t.s) {
		sim = compoundSim // a compound and its start (persons4.go)
	}
	if sim < vowelShapeSim {
		// Qasim, Gasim; Achmad, Ahmad (persons4.go)
		sim = max(sim, qafGSim(q.s, t.s), chHSim(q.s, q.skel, t.s, t.skel))
	}
	if sim < vowelShapeSim {
		sim = max(sim, slavFoldSim(q.s, t.s))                      // Vetsianevich, Vetenevich (eastslav.go)
		sim = max(sim, frenchShSim(q.s, q.skel, t.s, t.skel))      // Tantouche, Tantoush (frenchsh.go)
		sim = max(sim, diphthongSim(q.s, t.s))                     // Fawzi, Fouzi, Fozi (diphthong.go)
		sim = max(sim, thaiSim(q.s, t.s))                          // Puangpetch, Phuangphet (thai.go)
		sim = max(sim, finalDevoicedSim(q.s, q.skel, t.s, t.skel)) // Mawlud, Mevlut (devoice.go)
		sim = max(sim, consWSim(q.s, q.skel, t.s, t.skel))         // Juad, Jawad (consw.go)
		sim = max(sim, frenchWSim(q.s, q.skel, t.s, t.skel))       // Qaouk, Qawuq (consw.go)
		if q.group == 0 || t.group == 0 || q.group == t.group {
			sim = max(sim, aynHPair(q.s, t.s))  // Menhem, Munim (arabicforms.go)
			sim = max(sim, hMovedSim(q.s, t.s)) // Mahazar, Mazhar (hmoved.go)
		}
	}
	if sim >= consEqualSim || len(q.cons) < minPersonCons || q.cons != t.cons || !sameStart(q.skel, t.skel) {
		return sim
	}
	return consEqualSim
}

// alphaFewerGivenNames is the share of their weight that the words one of
// a listed person's name and the query has beyond the other count for
// when the words they share keep their places (moreGivenNames): given
// names or a second surname left out or added.
const alphaFewerGivenNames = 0.25

// nasabParticles are the words that link the elements of an Arabic name
// (the article, son of, daughter of, father of, servant of) and say
// nothing of whose name it is.
var nasabParticles = map[string]bool{"al": true, "el": true, "ben": true, "bin": true, "ibn": true, "bint": true, "abu": true, "abd": true, "ould": true}

// minLineageWords is the fewest words other than nasabParticles that
// must agree for lastElementPair.
const minLineageWords = 3

// lastElementSim is the similarity a lastElementPair edge counts with.
const lastElementSim = 0.5

// lastElementPair returns an edge between the last element of a listed
// person's name and that of the query when everything else agrees: at
// least minLineageWords words besides nasabParticles aligned, each close
// (closeMinSim: a spelling of one name, not a vowel respelling, which may
// be another name of the lineage: Hamed, Ahmed), and one word left over on
// each side besides particles,
// the family name or nisba (the last word of both names, or the surname
// before the comma of both). A person's own, father's and grandfather's
// names that agree make one person, whose family name, tribe or town is
// written in more than one way (BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI,
// al-Bayjat; AL-MATUTI, Arkan Ahmad 'Abbas, AL-MITIWITI); a different
// first name is a brother or a cousin and is not paired.
func (ix *Index) lastElementPair(sc *scratch, rec *nameRec, ctoks []int32, start int, qm, cm uint64) (edge, bool) {
	nq, nc := len(sc.qs), len(ctoks)
	if !rec.individual || nq > 64 || nc > 64 || !sc.closeEdges(start, closeMinSim) {
		return edge{}, false
	}
	content := 0
	for _, e := range sc.edgeStore[start:] {
		for j := e.clo; j <= e.chi; j++ {
			if !nasabParticles[ix.toks[ctoks[j]].s] {
				content++
			}
		}
	}
	if content < minLineageWords {
		return edge{}, false
	}
	bq, bc := -1, -1
	for i := 0; i < nq; i++ {
		if qm&bit(i) == 0 && !nasabParticles[sc.qs[i].s] {
			if bq >= 0 {
				return edge{}, false
			}
			bq = i
		}
	}
	for j := 0; j < nc; j++ {
		if cm&bit(j) == 0 && !nasabParticles[ix.toks[ctoks[j]].s] {
			if bc >= 0 {
				return edge{}, false
			}
			bc = j
		}
	}
	if bq < 0 || bc < 0 {
		return edge{}, false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	name := ix.listedName(rec)
	if sc.qSurname == 0 {
		if strings.Contains(name, ",") || bq != nq-1 || bc != nc-1 {
			return edge{}, false
		}
	} else if cs := sc.surnameWords(name); cs == 0 || bq >= sc.qSurname || bc >= cs {
		return edge{}, false
	}
	return edge{int8(bq), int8(bq), int8(bc), int8(bc), lastElementSim, ix.toks[ctoks[bc]].w}, true
}

// alignLastElement adds lastElementPair's edge to al, if there is one.
func (ix *Index) alignLastElement(sc *scratch, rec *nameRec, ctoks []int32, start int, al *alignment) {
	e, ok := ix.lastElementPair(sc, rec, ctoks, start, al.qm, al.cm)
	if !ok {
		return
	}
	al.take(sc, e)
}

// take adds the edge e, of words that al leaves unaligned on both sides,
// to al and to sc.edgeStore.
func (al *alignment) take(sc *scratch, e edge) {
	al.qm |= spanMask(e.qlo, e.qhi)
	al.cm |= spanMask(e.clo, e.chi)
	al.num += e.sim * 2 * e.w
	al.matchedW += 2 * e.w
	sc.edgeStore = append(sc.edgeStore, e)
}

// articlesLeftOut returns missQ and missC (unmatchedWeights) without the
// weight of the Arabic article (al, el) left unaligned in a person's name
// (aligned words qm, cm) before a word that aligned: romanisations write
// it, join it to its word or leave it out (AL-HASSAN, Kamal for HASAN,
// Kamal 'Ali), and it says nothing of whose name it is. The article of a
// word left out ('ABD-AL-DAYIM) keeps its weight. A listed "son of"
// (bin, ibn: isSonOf) left unaligned before a word that aligned, past an
// article, weighs nothing either: the chain of fathers is written with or
// without its links (Tariq Tahir Falih for Tariq Bin-Al-Tahar Bin Al
// Falih). Not the query's: a query's Ibn Al-Shaykh is as often a name of
// its own, whose ibn is no link of a chain.
func (ix *Index) articlesLeftOut(sc *scratch, ctoks []int32, qm, cm uint64, missQ, missC float32) (float32, float32) {
	// the words by their bits, in order: a word left unaligned before
	// one that aligned (at most 24 query words, 64 listed words)
	for m := ^qm & (qm >> 1) & lowBits(len(sc.qs)-1); m != 0; m &= m - 1 {
		if i := bits.TrailingZeros64(m); isArticle(sc.qs[i].s) {
			missQ -= sc.qs[i].w * sc.qs[i].variantInfo.missFactor(true, false)
		}
	}
	for m := ^cm & (cm >> 1) & lowBits(len(ctoks)-1); m != 0; m &= m - 1 {
		if t := &ix.toks[ctoks[bits.TrailingZeros64(m)]]; isArticle(t.s) {
			missC -= t.w * t.variantInfo.missFactor(true, false)
		}
	}
	for m := ^cm & lowBits(len(ctoks)); m != 0; m &= m - 1 {
		j := bits.TrailingZeros64(m)
		if t := &ix.toks[ctoks[j]]; isSonOf(t.s) && linksAligned(cm, j, len(ctoks), func(k int) bool { return isArticle(ix.toks[ctoks[k]].s) }) {
			missC -= t.w * t.variantInfo.missFactor(true, false)
		}
	}
	return max(missQ, 0), max(missC, 0)
}

// chainParticle reports whether w is a particle of a chain of names (abd,
// abu, bin, ibn): no name of its own, and, the last word of a name with
// no name after it, the chain cut short.
func chainParticle(w string) bool { return w == "abd" || w == "abu" || isSonOf(w) }

// danglingLeftOut returns missQ, the weight of the query words a listed
// person's name leaves unaligned (aligned words qm, edges from
// sc.edgeStore[start]), less a last query word left unaligned that is a
// particle with no name after it (SHABIB, Ahmad Khalaf Abd for
// AL-DULAYMI, Ahmad Khalaf Shabib: the chain of names cut short), when
// three words or more besides the article agree and, if listed words
// (missC) are left out, one of them is a family name (familyNameAligned).
// Otherwise the particle keeps its weight: common given names and a
// cut-off particle would find every listed name that holds them
// (Mohammad Hussein Ibn, SAEED, Ahmed Bin; AHMED, Mohamed Ali Abd for
// KARTI MOHAMED, Ali Ahmed).
func (ix *Index) danglingLeftOut(sc *scratch, ctoks []int32, qm uint64, start int, missQ, missC float32) float32 {
	n := len(sc.qs) - 1
	if n <= 0 || n >= 64 || qm&bit(n) != 0 || !chainParticle(sc.qs[n].s) || sc.alignedWords(start) < 3 {
		return missQ
	}
	if missC > 0 && !ix.familyNameAligned(sc, ctoks, start) {
		return missQ
	}
	return max(missQ-sc.qs[n].w*sc.qs[n].variantInfo.missFactor(true, false), 0)
}

// isArticle reports whether w is the Arabic article as a word of its own.
func isArticle(w string) bool { return w == "al" || w == "el" }

// abdParticles is the weight, as missQ counts it, of the particles abd and
// al of the query's compound given names left unaligned whole (ABDUL-AZIZ
// split into abd, al, aziz; aligned words qm): the compound is one name,
// which its particles do not make three.
func (sc *scratch) abdParticles(qm uint64) float32 {
	var w float32
	for i := 0; i+2 < len(sc.qs) && i+2 < 64; i++ {
		if qm&(7<<i) == 0 && sc.qs[i].s == "abd" && isArticle(sc.qs[i+1].s) {
			w += sc.qs[i].w*sc.qs[i].variantInfo.missFactor(true, false) + sc.qs[i+1].w*sc.qs[i+1].variantInfo.missFactor(true, false)
		}
	}
	return w
}

// isSonOf reports whether w is the Arabic "son of" or "daughter of" of a
// name's chain of fathers (bin, ibn, bint, the Malay binti, the Hassaniya
// ould), which romanisations write or leave out.
func isSonOf(w string) bool {
	switch w {
	case "bin", "ibn", "bint", "binti", "ould":
		return true
	}
	return false
}

// linksAligned reports whether the word after position i of a name of n
// words, past an article (article), is aligned in the mask m.
func linksAligned(m uint64, i, n int, article func(int) bool) bool {
	k := i + 1
	if k < n && k < 64 && m&bit(k) == 0 && article(k) {
		k++
	}
	return k < n && k < 64 && m&bit(k) != 0
}

// surnameAfterGiven reports whether a query written surname first with a
// comma holds the whole name of a listed person (rec, ctoks; edges from
// sc.edgeStore[start], all close) written so too, with the listed given
// names first after the query's comma, in order, and the listed surname
// after them: the query names the person by the listed surname among its
// given names and another surname in front (KARABA, Alfred Fatuyo for
// FUTUYO, Alfred; DEHGHAN CHENARI, Hamed: CHENARI, Hamed Ahmad Ali
// Dehghan; YAMIN, Abdur Rehman Muhammad for REHMAN, Abdur). The listed
// surname first after the comma (FAIZULLAHI, Ali Ahmad against 'ALI,
// Ahmad) is another person's given name, and is not so.
func (ix *Index) surnameAfterGiven(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	qs, cs, ok := ix.surnamesOf(sc, rec, ctoks, start, false)
	return ok && surnameAmongGiven(sc.edgeStore[start:], false, qs, cs, len(ctoks))
}

// surnameFromLater reports whether a query written surname first with a
// comma, every word aligned with part of a listed person's name written
// so too (rec, ctoks; edges from sc.edgeStore[start], all close), takes
// its given names from the listed given names first after the comma, in
// order, and its surname from listed words after them, leaving out the
// listed surname and the other names: the person named by the given name
// and one of the names after it, often the last (ABDALLAH, Fazul for
// MOHAMMED, Fazul Abdullah; JAN, Said for 'ABD AL-SALAM, Said Jan;
// RAFIQ, Assem for MALIK, Assim Mohammed Rafiq Abdul; MOHAMED, Khalil
// Ibrahim for TAHA, Khalil Ibrahim Mohamed Achar Foudail). It is the
// mirror of surnameAfterGiven: the listed name holds the query's.
func (ix *Index) surnameFromLater(sc *scratch, rec *nameRec, ctoks []int32, start int) bool {
	qs, cs, ok := ix.surnamesOf(sc, rec, ctoks, start, true)
	return ok && surnameAmongGiven(sc.edgeStore[start:], true, cs, qs, len(sc.qs))
}

// surnamesOf returns how many words the surnames of the query (qs) and of
// a listed person's name (cs) have, both written surname first with a
// comma and both with given names, when the edges from
// sc.edgeStore[start] are all close and the listed name is not of one
// syllable a word (ok false otherwise). With clipped, a query word may
// be the clipped start of a listed compound given name
// (clippedCloseEdges, personforms.go).
func (ix *Index) surnamesOf(sc *scratch, rec *nameRec, ctoks []int32, start int, clipped bool) (qs, cs int, ok bool) {
	if !rec.individual || !sc.closeEdges(start, partialMinSim) && !(clipped && ix.clippedCloseEdges(sc, ctoks, start)) {
		return 0, 0, false
	}
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	qs = sc.qSurname
	if qs == 0 || qs >= len(sc.qs) {
		return 0, 0, false
	}
	cs = sc.surnameWords(ix.listedName(rec))
	if cs == 0 || cs >= len(ctoks) || allOneSyllable(ix, ctoks) {
		return 0, 0, false
	}
	return qs, cs, true
}

// surnameAmongGiven reports whether, of two names written surname first
// with a comma and aligned by es, name a (the listed name when listedA,
// else the query; its surname's first as words) holds the whole of name b
// (its surname's first bs words, bn words in all) after its own surname,
// which is left unaligned: b's given names first after a's comma, in
// order, and b's surname's words after them.
func surnameAmongGiven(es []edge, listedA bool, as, bs, bn int) bool {
	for _, e := range es {
		if alo, _, _, _ := e.sides(listedA); alo < as {
			return false // a's own surname aligned
		}
	}
	// b's given names from the word after a's comma on
	next := as
	for j := bs; j < bn; j++ {
		e, ok := edgeOfWord(es, !listedA, j)
		if !ok {
			return false
		}
		alo, ahi, _, bhi := e.sides(listedA)
		if alo != next {
			return false
		}
		next = ahi + 1
		j = bhi
	}
	// b's surname's words after them, in order
	e, ok := edgeOfWord(es, !listedA, bs-1)
	if !ok {
		return false
	}
	_, end, _, _ := e.sides(listedA)
	for j := bs - 1; j >= 0; j-- {
		e, ok := edgeOfWord(es, !listedA, j)
		if !ok {
			return false
		}
		alo, ahi, blo, _ := e.sides(listedA)
		if ahi != end || end < next {
			return false
		}
		end = alo - 1
		j = blo
	}
	return true
}

// sides returns e's span on name a and on name b: a the listed name when
// listedA, else the query.
func (e edge) sides(listedA bool) (alo, ahi, blo, bhi int) {
	if listedA {
		return int(e.clo), int(e.chi), int(e.qlo), int(e.qhi)
	}
	return int(e.qlo), int(e.qhi), int(e.clo), int(e.chi)
}

// edgeOfWord returns the edge of es that takes word j of the listed name
// (listed) or of the query.
func edgeOfWord(es []edge, listed bool, j int) (edge, bool) {
	for _, e := range es {
		lo, hi, _, _ := e.sides(listed)
		if lo <= j && j <= hi {
			return e, true
		}
	}
	return edge{}, false
}

// kunyaOnly reports whether the query's words left unaligned (aligned
// words qm) are each of a kunya, "father of" and a name (Abu al-Athir,
// Abu Bakr): an epithet said beside a person's name, not a name of a
// father or a son.
func (sc *scratch) kunyaOnly(qm uint64) bool {
	found := false
	for i := 0; i < len(sc.qs) && i < 64; i++ {
		if qm&bit(i) != 0 || isArticle(sc.qs[i].s) && i+1 < len(sc.qs) && i+1 < 64 && qm&bit(i+1) != 0 {
			continue // an article before a word that aligned weighs nothing (articlesLeftOut)
		}
		if !isKunya(sc.qs[i].s) {
			return false
		}
		// the kunya's article may have aligned with the article of
		// the name after it, which then weighs nothing
		k := i + 1
		if k < len(sc.qs) && isArticle(sc.qs[k].s) {
			k++
		}
		if k >= len(sc.qs) || k >= 64 || qm&bit(k) != 0 {
			return false
		}
		found, i = true, k
	}
	return found
}

// kunyaLeftOut is the weight, as missC counts it, of the words of a
// listed person's name (ctoks, aligned words cm; edges from
// sc.edgeStore[start]) that start a kunya, "father of" or "mother of"
// (abu, abou, abo, umm), left unaligned. Abu Abdul Rahman is the man whose
// son is Abdul Rahman, not Abdul Rahman: a query without the kunya's
// first word names another person, and the word is no given name a query
// may leave out. Not when the query writes the kunya joined to its name
// (Abuobaida for Abu Ubaydah, Abulhassan for Abu al-Hassan). The reverse,
// a kunya beside a listed person's whole name, is an epithet (kunyaOnly).
func (ix *Index) kunyaLeftOut(sc *scratch, ctoks []int32, cm uint64, start int) float32 {
	var w float32
	for j, ct := range ctoks {
		if j >= 64 {
			break
		}
		if t := &ix.toks[ct]; cm&bit(j) == 0 && (isKunya(t.s) || t.s == kunyaMother) && !sc.kunyaJoined(ctoks, j, start) {
			w += t.w * t.variantInfo.missFactor(true, false)
		}
	}
	return w
}

// kunyaJoined reports whether the query word aligned with the name after
// the listed kunya at position j (past an article) begins with a kunya's
// first word and has more: the kunya written as one word with its name.
func (sc *scratch) kunyaJoined(ctoks []int32, j, start int) bool {
	for _, e := range sc.edgeStore[start:] {
		if int(e.clo) > j+2 || int(e.chi) <= j || e.qlo != e.qhi {
			continue
		}
		q := sc.qs[e.qlo].s
		// abo covers abou
		for _, k := range [...]string{"abu", "abo", kunyaMother} {
			if len(q) > len(k) && q[:len(k)] == k {
				return true
			}
		}
	}
	return false
}

// kunyaMother is "mother of" starting a kunya (Umm Kulthum).
const kunyaMother = "umm"

// isKunya reports whether w is "father of" starting a kunya.
func isKunya(w string) bool { return w == "abu" || w == "abou" || w == "abo" }
