package match

// A Korean organisation is often named by a place or a coined word of
// several Hangul syllables written as one Latin word (Namchongang,
// Rungrado, Heungjin), and its aliases write the same syllables in
// another system or split them into words. Without the syllables' marks
// the joined word is ambiguous: McCune–Reischauer writes n'g where an n
// ends one syllable and a g begins the next (Namch'ŏn'gang), and with the
// apostrophe dropped the word reads nam-chon-gang or nam-chong-ang. A
// Korean name that came through Russian (the Kontsevich system and
// Russian practice) writes both finals n and ng as н (n: Пхеньян,
// Phenyan, for Pyongyang) and ㅡ as ы (y). Here a joined word is read as
// every sequence of romanised Hangul syllables it can be split into
// (korSegments), and two such readings of as many syllables, each pair
// spelling one syllable (korReading's jamo in each part, a final n also
// standing for ng), are one word of a Korean organisation's name in two
// spellings: a query word or a run of query words, one syllable a word,
// against a listed word of a Korean organisation (korJoinHits).

const (
	// seedKorJoin is the seed of the key a listed word of a Korean
	// organisation's name files for each reading of it as two or more
	// syllables: the coarse classes of each syllable's initial and final
	// (korSegKey).
	seedKorJoin uint64 = 0x510E527FADE682D1
	// maxKorSyls is the most syllables a word is read as.
	maxKorSyls = 6
	// maxKorSegs is the most readings of one word kept.
	maxKorSegs = 4
	// minKorJoinWord and maxKorJoinWord bound the length of a joined word
	// read as syllables.
	minKorJoinWord = 4
	maxKorJoinWord = maxKorSyls * 4
	// maxKorRunQuery is the most query words whose runs korJoinHits reads.
	maxKorRunQuery = 16
)

// korSeg is one reading of a word as a sequence of Hangul syllables, with
// its key (three bytes a syllable: the classes of its initial, vowel and
// final).
type korSeg struct {
	n   int
	syl [maxKorSyls]korSyl
	key [3 * maxKorSyls]byte
}

func (s *korSeg) keyString() string { return string(s.key[:3*s.n]) }

// add appends the syllable r spelt ini, vowel v and fin.
func (s *korSeg) add(r korSyl, ini, fin string) {
	s.syl[s.n] = r
	s.key[3*s.n], s.key[3*s.n+1], s.key[3*s.n+2] = korIniClass(ini), korVowClass(r.vow), korFinClass(fin)
	s.n++
}

// korVowClass is the class of a vowel's jamo: a and the vowels with a
// (ya, yae, wa, wae); i and those ending in it (ui, wi); the rest, which
// the spellings merge (eo, o, u, eu, e, ae, yeo, yo, yu, ye, oe, wo, we).
// Every spelling's jamo fall in one class, so two spellings of one jamo
// are of one class.
func korVowClass(m uint32) byte {
	switch {
	case m&(korA|korYA|korYAE|korWA|korWAE) != 0:
		return 'a'
	case m&(korI|korUI|korWI) != 0:
		return 'i'
	}
	return 'o'
}

// korIniClass is the class of an initial's spelling: its place of
// articulation, which every system writes with letters of one class (g, k,
// kk, kh; j, ch, tch; r, l).
func korIniClass(s string) byte {
	if s == "" {
		return '_'
	}
	switch s[0] {
	case 'g', 'k':
		return 'k'
	case 'd':
		return 't'
	case 't':
		if s == "tch" {
			return 'c'
		}
		return 't'
	case 'b', 'p':
		return 'p'
	case 'j', 'c':
		return 'c'
	case 'l':
		return 'r'
	}
	return s[0] // n, m, s, r, h
}

// korFinClass is the class of a final's spelling, n and ng one class.
func korFinClass(s string) byte {
	if s == "" {
		return '_'
	}
	switch s[0] {
	case 'g', 'c':
		return 'k'
	case 'r':
		return 'l'
	case 'b':
		return 'p'
	}
	return s[0] // k, n, t, l, m, p
}

// korSegments writes into out the readings of w as two to maxKorSyls
// romanised Hangul syllables (korInitials, korVowels, korFinals; a final n
// also standing for ng), at most len(out), and returns how many. A run of
// vowel letters is one syllable's vowel; a run of consonants between two
// vowels is split into a final of up to two letters and the next
// syllable's initial in every way the tables allow.
func korSegments(w string, out []korSeg) int {
	if len(w) < minKorJoinWord || len(w) > maxKorJoinWord {
		return 0
	}
	// the shape first: letters of the tables only, two vowel runs or
	// more of up to three letters, consonant runs of up to three letters
	// first, two last, five between
	vruns, run, vowel := 0, 0, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' || c == 'f' || c == 'q' || c == 'v' || c == 'x' || c == 'z' {
			return 0
		}
		if v := korVowelLetter(c); v != vowel || i == 0 {
			if !v && i > 0 {
				vruns++
			}
			vowel, run = v, 0
		}
		run++
		if vowel && run > 3 || !vowel && (run > 5 || vruns == 0 && run > 3) {
			return 0
		}
	}
	if vowel {
		vruns++
	} else if run > 2 || korFinIndex.part(w[len(w)-run:]) == 0 {
		return 0 // no final (Ahmad, Limited)
	}
	if vruns < 2 {
		return 0
	}
	var cur korSeg
	n := 0
	korSegFrom(w, 0, &cur, out, &n)
	return n
}

func korSegFrom(w string, p int, cur *korSeg, out []korSeg, n *int) {
	if *n >= len(out) || cur.n >= maxKorSyls {
		return
	}
	i := p
	for i < len(w) && !korVowelLetter(w[i]) {
		i++
	}
	j := i
	for j < len(w) && korVowelLetter(w[j]) {
		j++
	}
	if i == j || i-p > 3 || j-i > 3 {
		return
	}
	ini, vow := korIniIndex.part(w[p:i]), korVowIndex.part(w[i:j])
	if ini == 0 || vow == 0 {
		return
	}
	c := j
	for c < len(w) && !korVowelLetter(w[c]) {
		c++
	}
	for f := 0; f <= 2 && j+f <= c; f++ {
		if c < len(w) && c-(j+f) > 3 {
			continue // the next initial too long
		}
		if c == len(w) && j+f != c {
			continue // the last syllable's final is the rest
		}
		fs := w[j : j+f]
		fin := korFinIndex.part(fs)
		if fin == 0 {
			continue
		}
		if fs == "n" {
			fin |= korFNG // Kontsevich н
		}
		cur.add(korSyl{ini, vow, fin}, w[p:i], fs)
		if c == len(w) {
			if cur.n >= 2 && *n < len(out) {
				out[*n] = *cur
				*n++
			}
		} else {
			korSegFrom(w, j+f, cur, out, n)
		}
		cur.n--
	}
}

// korSegsMatch reports whether the readings a and b are as many syllables,
// each pair sharing a jamo in each part.
func korSegsMatch(a, b *korSeg) bool {
	if a.n != b.n {
		return false
	}
	for k := 0; k < a.n; k++ {
		x, y := a.syl[k], b.syl[k]
		if x.ini&y.ini == 0 || x.vow&y.vow == 0 || x.fin&y.fin == 0 {
			return false
		}
	}
	return true
}

// korJoinSimOf is the similarity of a listed word to a query word or run
// that spells its syllables in another system or split elsewhere: that of
// two spellings of one syllable.
const korJoinSimOf = koreanSylSim

// appendKorJoinKeys adds, for a listed word s (token tok) of a Korean
// organisation's name, the key of each of its readings as syllables.
func appendKorJoinKeys(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	var segs [maxKorSegs]korSeg
	n := korSegments(s, segs[:])
	for a := 0; a < n; a++ {
		k := segs[a].keyString()
		dup := false
		for b := 0; b < a; b++ {
			dup = dup || segs[b].keyString() == k
		}
		if !dup {
			dst = append(dst, fuzzyKey{hashStr(seedKorJoin, k), tok})
		}
	}
	return dst
}

// koreanOrgToken reports whether the listed word s, of the names posts,
// is in the name of an organisation of North or South Korea and is long
// enough to be read as syllables.
func (ix *Index) koreanOrgToken(s string, posts []int32) bool {
	if len(s) < minKorJoinWord || len(s) > maxKorJoinWord || len(posts) > 64 {
		return false
	}
	for _, nid := range posts {
		rec := &ix.names[nid]
		if !rec.individual && entryCountryIn(ix.entries[rec.entry], koreaCodes) {
			return true
		}
	}
	return false
}

// korJoinLookup adds, for the query reading q of words lo to hi, the
// listed words filed under its key whose own reading matches it.
func (ix *Index) korJoinLookup(sc *scratch, q *korSeg, lo, hi int8) {
	a, b := ix.fuzzyRange(hashStr(seedKorJoin, bytesString(q.key[:3*q.n])))
	for k := 0; a < b && k < maxCompoundChecks; a, k = a+1, k+1 {
		t := ix.fuzzyTok(a)
		var segs [maxKorSegs]korSeg
		n := korSegments(ix.toks[t].s, segs[:])
		for s := 0; s < n; s++ {
			if korSegsMatch(q, &segs[s]) {
				sc.raiseHit(simHit{lo, hi, t, korJoinSimOf})
				break
			}
		}
	}
}

// korJoinHits adds the listed words of Korean organisations that an
// unlisted query word, or a run of two or three query words of one
// syllable each, spells in another system or split elsewhere: NAM CHONG
// GAN for Namchongang, Rynrado for Rungrado, Hunjin for Heungjin.
func (ix *Index) korJoinHits(sc *scratch) {
	var rs [maxKorRunQuery]korSyl // each short word read as one syllable
	var rok [maxKorRunQuery]bool
	short := 0 // the short words
	// a run needs two adjacent short words: only a short word next to
	// another is read
	var sm uint64
	for i := 0; i < len(sc.qs) && i < maxKorRunQuery; i++ {
		if len(sc.qs[i].s) <= maxKorLen {
			sm |= bit(i)
		}
	}
	sm &= sm<<1 | sm>>1
	for i := 0; i < len(sc.qs) && i < maxKorRunQuery && sm>>uint(i) != 0; i++ {
		if w := sc.qs[i].s; sm&bit(i) != 0 {
			if rs[i], rok[i] = korReading(w); rok[i] {
				short++
				if w[len(w)-1] == 'n' {
					rs[i].fin |= korFNG // Kontsevich н
				}
			}
		}
	}
	var run korSeg
	for i := range sc.qs {
		q := &sc.qs[i]
		if !q.known && len(q.s) >= minKorJoinWord && len(q.s) <= maxKorJoinWord && sc.bestHit(int8(i)) < korJoinSimOf {
			var segs [maxKorSegs]korSeg
			n := korSegments(q.s, segs[:])
			for s := 0; s < n; s++ {
				ix.korJoinLookup(sc, &segs[s], int8(i), int8(i))
			}
		}
		// a run of words, a syllable each
		if short < 2 || i+1 >= len(sc.qs) || i+1 >= maxKorRunQuery || !rok[i] || !rok[i+1] {
			continue
		}
		run.n = 0
		for k := i; k < len(sc.qs) && k < i+3 && k < maxKorRunQuery; k++ {
			if !rok[k] {
				break
			}
			w := sc.qs[k].s
			j := 0
			for j < len(w) && !korVowelLetter(w[j]) {
				j++
			}
			e := j
			for e < len(w) && korVowelLetter(w[e]) {
				e++
			}
			run.add(rs[k], w[:j], w[e:])
			if run.n >= 2 {
				ix.korJoinLookup(sc, &run, int8(i), int8(k))
			}
		}
	}
}
