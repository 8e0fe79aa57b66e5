package match

//go:generate go run ./internal/genloanwords -dir internal/variants -out loanwords_table.go

// English words borrowed by Russian, as Russian spells them. A Russian
// company names itself with English words written in Cyrillic (бизнес,
// эстейт, консалтинг, текнолоджис), and its name comes back into Latin
// letters through one romanisation or another: BIZNES, ESTEIT or ESTEYT,
// KONSALTING, TEKHNOLODZHIS, often glued to the other words of the name
// (BIZNESPROMESTEIT for BUSINESSPROMESTATE). The sound keys (slavic.go)
// pair many such words alone, but not those whose English spelling is
// far from its sound (business, technologies), nor a word with other
// words glued to it.
//
// A word's loan reading replaces every Latin spelling of such a loanword
// in it (loanSpellings, internal/variants/org-loanwords.txt: each Russian
// spelling romanised by BGN/PCGN, ISO 9, the German and Polish systems and
// French practice) with the English word. A listed word whose reading
// differs from it files the reading as a key; a query word that is no
// listed word looks its reading up, as a listed word and as a key, and
// pairs with what it finds at soundSim: a pair of sounds, not of
// spellings, below the close-word rules (a generic word added to a
// transcribed name is not forgiven).

// seedLoan is the seed of a listed word's loan reading in the fuzzy index.
const seedLoan uint64 = 0xE7037ED1A0B428DB

const (
	minLoanWord    = 5  // shortest word read (bytes)
	maxLoanWord    = 40 // longest word read (bytes)
	loanHitLimit   = 8  // listed words taken through one reading at most
	loanReadingCap = 2*maxLoanWord + 16
)

// loanSpelling is a Latin spelling of an English word borrowed by Russian.
type loanSpelling struct {
	spelt, english string
}

// loanByPair are the loan spellings (indexes into loanSpellings) by their
// first two letters, longest first; loanPairs has the bit of every pair
// some spelling starts with.
var loanByPair, loanPairs = func() (t [26 * 26][]uint16, m [26*26/64 + 1]uint64) {
	for i := range loanSpellings {
		s := loanSpellings[i].spelt
		p := int(s[0]-'a')*26 + int(s[1]-'a')
		t[p] = append(t[p], uint16(i))
		m[p/64] |= 1 << (p % 64)
	}
	for p := range t {
		l := t[p]
		// longest first, so that trading is read before trade
		for a := 1; a < len(l); a++ {
			for b := a; b > 0 && len(loanSpellings[l[b]].spelt) > len(loanSpellings[l[b-1]].spelt); b-- {
				l[b], l[b-1] = l[b-1], l[b]
			}
		}
	}
	return t, m
}()

// appendLoanReading appends to dst the normalised word w with every loan
// spelling in it replaced by its English word, and reports whether any
// was. Words that are not all lower-case ASCII letters are not read, nor
// common English words (properties holds the spelling properti).
func appendLoanReading(dst []byte, w string) ([]byte, bool) {
	if len(w) < minLoanWord || len(w) > maxLoanWord {
		return dst, false
	}
	start := len(dst)
	// most words have no loan spelling: find the first before copying
	i := 0
	for ; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			return dst, false
		}
		if i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z' {
			p := int(c-'a')*26 + int(w[i+1]-'a')
			if loanPairs[p/64]&(1<<(p%64)) != 0 {
				if n, _ := loanAt(w[i:], p); n > 0 {
					break
				}
			}
		}
	}
	if i == len(w) {
		return dst, false
	}
	dst = append(dst, w[:i]...)
	changed := false
	for i < len(w) {
		c := w[i]
		if c < 'a' || c > 'z' {
			return dst[:start], false
		}
		if i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z' {
			p := int(c-'a')*26 + int(w[i+1]-'a')
			if loanPairs[p/64]&(1<<(p%64)) != 0 {
				if n, eng := loanAt(w[i:], p); n > 0 {
					dst = append(dst, eng...)
					i += n
					changed = true
					continue
				}
			}
		}
		dst = append(dst, c)
		i++
	}
	if !changed || isEnglishWord(w) {
		return dst[:start], false
	}
	return dst, true
}

// loanAt returns the length of the longest loan spelling that s starts
// with (its first two letters the pair p) and its English word, or 0.
func loanAt(s string, p int) (int, string) {
	for _, k := range loanByPair[p] {
		l := &loanSpellings[k]
		// the third letters first (s and the spelling share the first two)
		if len(l.spelt) <= len(s) && (len(l.spelt) < 3 || l.spelt[2] == s[2]) && s[:len(l.spelt)] == l.spelt {
			return len(l.spelt), l.english
		}
	}
	return 0, ""
}

// appendLoanFuzzyKey adds the loan reading of the listed word s (token
// tok) to the fuzzy index when it differs from s.
func appendLoanFuzzyKey(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	var buf [loanReadingCap]byte
	if r, ok := appendLoanReading(buf[:0], s); ok {
		dst = append(dst, fuzzyKey{hashStr(seedLoan, bytesString(r)), tok})
	}
	return dst
}

// loanHits adds the listed words that the query word q (index i) is with
// its loanwords read as English: the listed word its reading spells, and
// the listed words whose reading is q's reading (or q itself, when q has
// no loanword to read).
func (ix *Index) loanHits(sc *scratch, q *qtok, i int8) {
	if len(q.s) < minLoanWord || len(q.s) > maxLoanWord || q.vowelless {
		return
	}
	var buf [loanReadingCap]byte
	r, ok := appendLoanReading(buf[:0], q.s)
	rs := q.s
	if ok {
		rs = bytesString(r)
		if t, found := ix.tokenID(rs); found {
			sc.raiseHit(simHit{i, i, t, soundSim})
		}
	}
	a, z := ix.fuzzyRange(hashStr(seedLoan, rs))
	for n := 0; a < z && n < loanHitLimit; a, n = a+1, n+1 {
		t := ix.fuzzyTok(a)
		if ix.toks[t].s == q.s {
			continue
		}
		sc.raiseHit(simHit{i, i, t, soundSim})
	}
}
