package match

import (
	"strings"
	"sync"
)

// A word a listed organisation's name sets in quotes by itself is the
// name's own word, whatever else it means: 'WOLF' HOLDING OF SECURITY
// STRUCTURES, Scientific-Research Institute “Argon”, Tambov Plant (TZ)
// “October”. Russian and Ukrainian names quote the body's proper name
// after the words of its kind and form («ВОЛК»); the quotes say that an
// English word there is the name, not a word of what the body does. A
// query that agrees with the name on that word and generic words
// (WOLF HOLDING COMPANY) has then shown its own word, as with a coined
// one: ordinaryAligned does not hold.

// quoteChars are the quotation marks that set a name off: straight and
// typographic, single and double, and the guillemets.
const quoteChars = "'\"«»“”„‘’"

// quotedWords holds, for the listed organisation names that quote a word
// by itself, the positions of those words: a bit per name in has, the
// words' bits (one per word of the name, of the first 64) in pos. Built on
// first use (quotedAligned).
type quotedWords struct {
	once sync.Once
	has  []uint64
	pos  map[int32]uint64
}

// quotedAligned reports whether one of the listed words of name nid (words
// ctoks) that the edges from start align is set in quotes by itself in
// the listed name (quotedAlone).
func (ix *Index) quotedAligned(sc *scratch, nid int32, start int) bool {
	q := &ix.quoted
	q.once.Do(ix.findQuotedWords)
	if nid < 0 || q.has[nid>>6]&(1<<(nid&63)) == 0 {
		return false
	}
	m := q.pos[nid]
	for _, e := range sc.edgeStore[start:] {
		if e.clo == e.chi && m&bit(int(e.clo)) != 0 {
			return true
		}
	}
	return false
}

// findQuotedWords fills ix.quoted from the listed organisation names.
func (ix *Index) findQuotedWords() {
	q := &ix.quoted
	q.has = make([]uint64, (len(ix.names)+63)/64)
	q.pos = make(map[int32]uint64)
	for n := range ix.names {
		rec := &ix.names[n]
		if rec.individual {
			continue
		}
		name := ix.listedName(rec)
		if strings.IndexAny(name, quoteChars) < 0 {
			continue
		}
		var m uint64
		for j, ct := range ix.nameToks(rec) {
			if j < 64 && quotedAlone(name, ix.toks[ct].s) {
				m |= bit(j)
			}
		}
		if m != 0 {
			q.has[n>>6] |= 1 << (n & 63)
			q.pos[int32(n)] = m
		}
	}
}

// quotedAlone reports whether the name s sets in quotes, by itself, one
// word whose normalised form is w: an opening mark at the start of s or
// after a space or a bracket, the word, and a closing mark at the end of s
// or before a space, a bracket or punctuation. An apostrophe inside a word
// (AL-YAFI'I, O'NEIL) opens nothing.
func quotedAlone(s, w string) bool {
	for i := 0; i < len(s); {
		n := quoteAt(s, i)
		if n == 0 || i > 0 && !strings.ContainsRune(" ([", rune(s[i-1])) {
			i++
			continue
		}
		open := i + n
		end := open
		for end < len(s) && quoteAt(s, end) == 0 && s[end] != ' ' {
			end++
		}
		if end < len(s) && end > open {
			m := quoteAt(s, end)
			after := end + m
			if m > 0 && (after == len(s) || strings.ContainsRune(" )],;.", rune(s[after]))) && Normalize(s[open:end]) == w {
				return true
			}
		}
		i = open
	}
	return false
}

// quoteAt returns the length in bytes of the quotation mark at s[i], 0 if
// there is none.
func quoteAt(s string, i int) int {
	if s[i] < 0x80 {
		if s[i] == '\'' || s[i] == '"' {
			return 1
		}
		return 0
	}
	for _, q := range []string{"«", "»", "“", "”", "„", "‘", "’"} {
		if strings.HasPrefix(s[i:], q) {
			return len(q)
		}
	}
	return 0
}
