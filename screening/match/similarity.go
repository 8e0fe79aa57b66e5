package match

import (
	"math/bits"
	"slices"
)

// jaroWinkler returns the Jaro-Winkler similarity of two byte strings, in
// [0,1]. Strings longer than 64 bytes are compared on their first 64 bytes.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > 64 {
		a = a[:64]
	}
	if len(b) > 64 {
		b = b[:64]
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	win := len(b)/2 - 1
	if win < 0 {
		win = 0
	}
	if s, ok := jaroWinklerBits(a, b, win); ok {
		return s
	}
	return jaroWinklerScan(a, b, win)
}

// jaroWinklerBits is jaroWinkler for a no longer than b (at most 64
// bytes each) and the match window win, when b's bytes lie in
// 0x60..0x7f (ok false otherwise): each byte of a takes the first free
// position of its byte in b's window as the lowest bit of a word of
// positions (peq, as levASCII's), and the matches are paired in order
// by their lowest bits. It gives the same matches as jaroWinklerScan's
// window scan, whose branch on each byte compared mispredicts often,
// with a branch neither on a byte nor on a match.
func jaroWinklerBits(a, b string, win int) (float64, bool) {
	var peq [32]uint64
	for j := 0; j < len(b); j++ {
		c := b[j] - 0x60
		if c >= 32 {
			return 0, false
		}
		peq[c] |= bit(j)
	}
	var am, bm uint64
	for i := 0; i < len(a); i++ {
		c := a[i] - 0x60
		if c >= 32 {
			continue // in no position of b
		}
		lo, hi := max(i-win, 0), min(i+win+1, len(b))
		window := ^uint64(0) >> (uint(64-hi) & 63) &^ (bit(lo) - 1)
		free := peq[c] &^ bm & window
		low := free & -free // the first, or 0
		bm |= low
		var matched uint64
		if low != 0 {
			matched = 1
		}
		am |= matched << (uint(i) & 63)
	}
	m := bits.OnesCount64(am)
	if m == 0 {
		return 0, true
	}
	// the k-th match of a against the k-th of b
	t := 0
	for x, y := am, bm; x != 0; x, y = x&(x-1), y&(y-1) {
		var d int
		if a[bits.TrailingZeros64(x)] != b[bits.TrailingZeros64(y)] {
			d = 1
		}
		t += d
	}
	return jaroWinklerOf(a, b, m, t), true
}

// jaroWinklerOf is the Jaro-Winkler similarity of a and b (a no longer
// than b) with m matched bytes and t of them out of order.
func jaroWinklerOf(a, b string, m, t int) float64 {
	fm := float64(m)
	jaro := (fm/float64(len(a)) + fm/float64(len(b)) + (fm-float64(t)/2)/fm) / 3
	p := 0
	for p < 4 && p < len(a) && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// jaroWinklerScan is jaroWinkler for a no longer than b (at most 64
// bytes each) and the match window win, scanning each window.
func jaroWinklerScan(a, b string, win int) float64 {
	var am, bm uint64
	m := 0
	for i := 0; i < len(a); i++ {
		lo, hi := i-win, i+win+1
		if lo < 0 {
			lo = 0
		}
		if hi > len(b) {
			hi = len(b)
		}
		// the byte first: it rules out most of the window
		c := a[i]
		for j := lo; j < hi; j++ {
			if b[j] == c && bm&bit(j) == 0 {
				am |= bit(i)
				bm |= bit(j)
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, j := 0, 0
	for i := 0; i < len(a); i++ {
		if am&bit(i) == 0 {
			continue
		}
		for bm&bit(j) == 0 {
			j++
		}
		if a[i] != b[j] {
			t++
		}
		j++
	}
	return jaroWinklerOf(a, b, m, t)
}

// appendSkeleton appends a romanisation-insensitive key of a normalised token:
// digraphs that different romanisation systems spell differently collapse
// (shch/sch/sh, kh/h, zh/z, ts/tz/c, ph/f, ks/x, c/k/q), the  vowels e/i/y/j and o/u merge, and doubled letters
// collapse. "Aleksandr" and "Alexander", "Yuriy" and "Iouri", "Jong" and
// "Jeong" get close keys. Bytes outside a-z are copied.
func appendSkeleton(dst []byte, s string) []byte {
	// a skeleton is no longer than its word: room for every byte, each
	// written in place and kept unless it repeats the last kept, which
	// is a count and no branch
	k := len(dst)
	dst = slices.Grow(dst, len(s))
	buf := dst[:k+len(s)]
	last := -1 // the last byte kept, none yet
	for i := 0; i < len(s); i++ {
		c := s[i]
		var n byte // next byte, 0 at the end
		if i+1 < len(s) {
			n = s[i+1]
		}
		out := c
		switch c {
		case 's', 't', 'd':
			out, i = skelDental(s, i, c, n)
		case 'c', 'z', 'k', 'g', 'p', 'h':
			out, i = skelConsonant(i, c, n)
		case 'o':
			out = 'u'
			if n == 'u' || n == 'o' {
				i++
			}
		case 'e':
			out = 'i'
			switch n {
			case 'e':
				i++
			case 'o', 'u': // Korean eo, eu
				out, i = 'u', i+1
			}
		case 'q':
			out = 'k'
		case 'w':
			out = 'v'
		case 'y':
			out = 'i'
		}
		buf[k] = out
		if int(out) != last {
			k++
		}
		last = int(out)
	}
	return buf[:k]
}

// skelDental is appendSkeleton's key byte for s[i] = c (s, t or d, followed
// by n) and the index of the last byte it stands for: the spellings of
// sh, shch, ch, j and ts across romanisations.
func skelDental(s string, i int, c, n byte) (byte, int) {
	out := c
	switch c {
	case 's':
		switch {
		case n == 'h' && hasPrefix(s[i:], "shch"):
			i += 3
		case n == 'h':
			i++
		case n == 'c' && i+2 < len(s) && s[i+2] == 'h':
			i += 2
		}
	case 't':
		switch {
		case n == 's' && hasPrefix(s[i:], "tsch"):
			out, i = 'j', i+3
		case n == 'c' && i+2 < len(s) && s[i+2] == 'h':
			out, i = 'j', i+2
		case n == 'h':
			i++
		case n == 's' || n == 'z':
			out, i = 'c', i+1
		}
	case 'd':
		switch {
		case n == 'z' && i+2 < len(s) && s[i+2] == 'h':
			out, i = 'j', i+2
		case n == 'j':
			out, i = 'j', i+1
		case n == 'h':
			out, i = 't', i+1
		}
	}
	return out, i
}

// skelConsonant is appendSkeleton's key byte for the byte c (c, z, k, g, p
// or h, followed by n) at index i, and the index of the last byte it
// stands for: the two-letter spellings ch, ck, zh, kh, ks, gh, ph and hs.
func skelConsonant(i int, c, n byte) (byte, int) {
	out := c
	switch c {
	case 'c':
		switch n {
		case 'h':
			out, i = 'j', i+1
		case 'k':
			out, i = 'k', i+1
		default:
			out = 'k'
		}
	case 'z':
		if n == 'h' {
			out, i = 'j', i+1
		} else {
			out = 's'
		}
	case 'k':
		switch n {
		case 'h':
			out, i = 'h', i+1
		case 's':
			out, i = 'x', i+1
		}
	case 'g':
		if n == 'h' { // Arabic ghayn, Caucasian г: Maghomed, Magomed
			i++
		}
	case 'p':
		if n == 'h' {
			out, i = 'f', i+1
		}
	case 'h':
		if n == 's' {
			out, i = 'x', i+1
		}
	}
	return out, i
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// appendJoinedSkeleton appends the skeleton (appendSkeleton) of ab, the
// words a and b written together, whose skeletons are ska and skb. When
// a ends in a byte that starts no spelling of two letters or more and
// ends none (skelClosed), appendSkeleton reads a's bytes as it reads a
// alone and b's as it reads b, so the skeleton is ska and skb, less skb's
// first byte if it repeats ska's last; otherwise ab is read.
func appendJoinedSkeleton(dst []byte, ab, a, ska, skb string) []byte {
	if len(a) == 0 || len(a) == len(ab) || !skelClosed(a[len(a)-1]) {
		return appendSkeleton(dst, ab)
	}
	dst = append(dst, ska...)
	if len(ska) > 0 && len(skb) > 0 && skb[0] == ska[len(ska)-1] {
		skb = skb[1:]
	}
	return append(dst, skb...)
}

// skelClosed reports whether appendSkeleton, reading a word that ends in
// the byte c, reads no byte after it: c looks at none (s, t, d, c, z, k,
// g, p, h, o and e look at the next one or more), and no spelling that
// starts before c looks past it: those that look two or three bytes
// ahead (sch, shch, tch, tsch, dzh) have one of c, h, s and z in every
// place after the first.
func skelClosed(c byte) bool {
	switch c {
	case 's', 't', 'd', 'c', 'z', 'k', 'g', 'p', 'h', 'o', 'e':
		return false
	}
	return true
}

// skeleton returns appendSkeleton's key as a string.
func skeleton(s string) string { return string(appendSkeleton(nil, s)) }

// appendConsonants appends the consonant key of a normalised word: its
// letters without vowels and the weak consonants h, w and y, with c, q to k
// and z to s, doubled letters collapsed. It compares words romanised from
// Arabic script, which do not write short vowels ("mhmd", "mohamed").
func appendConsonants(dst []byte, w string) []byte {
	start := len(dst)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'h', 'w', 'y':
			continue
		case 'c', 'q':
			c = 'k'
		case 'z':
			c = 's'
		}
		if n := len(dst); n > start && dst[n-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// hasVowel reports whether a token has a Latin vowel (a, e, i, o, u, y).
func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
	}
	return false
}

// levSim returns 1 - (Levenshtein distance / length of the longer string),
// for strings of up to 64 bytes (longer ones are cut).
func levSim(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) > 64 {
		a = a[:64]
	}
	if len(b) > 64 {
		b = b[:64]
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	d, ok := levASCII(a, b)
	if !ok {
		d = levDP(a, b)
	}
	if d == 2 && len(a) == len(b) && swapsTwo(a, b) {
		// two adjacent letters swapped ("golasn", "golsan"), the
		// commonest typing error, is one edit (the optimal string
		// alignment distance), not a deletion and an insertion
		d = 1
	}
	return 1 - float64(d)/float64(max(len(a), len(b)))
}

// levWithinOne reports whether levSim counts a and b one edit apart or
// equal: one byte replaced, added or left out (oneEditApart), or two
// adjacent bytes swapped. It reads the words once, where the distance
// table takes a step per byte of one for the whole of the other. Words
// longer than 64 bytes, which levSim compares on their first 64, and
// empty ones go to levSim.
func levWithinOne(a, b string) bool {
	if len(a) > 64 || len(b) > 64 || len(a) == 0 || len(b) == 0 {
		return (1-levSim(a, b))*float64(max(len(a), len(b))) <= 1.0001
	}
	return a == b || oneEditApart(a, b) || len(a) == len(b) && swapsTwo(a, b)
}

// swapsTwo reports whether a and b, of one length, differ only by two
// adjacent bytes swapped.
func swapsTwo(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// levASCII is the Levenshtein distance of two strings of 1 to 64 bytes
// by the bit-parallel method of Myers (1999) as Hyyrö (2001) writes it:
// one 64-bit word holds a column of the distance table, so a word pair
// costs a step per byte of b rather than one per cell. ok is false if a
// byte of a lies outside 0x60..0x7f (levDP answers then).
//
// The table of a's letters, zeroed at each call, covers only the bytes
// 0x60..0x7f, the lower-case letters that nearly every compared word is
// made of: 32 words instead of 128 for all of ASCII. A byte of b outside
// that range is in no position of a.
func levASCII(a, b string) (d int, ok bool) {
	var peq [32]uint64
	for i := 0; i < len(a); i++ {
		c := a[i] - 0x60
		if c >= 32 {
			return 0, false
		}
		peq[c] |= bit(i)
	}
	m := len(a)
	pv, mv := ^uint64(0)>>((64-m)&63), uint64(0)
	last := bit(m - 1)
	d = m
	for j := 0; j < len(b); j++ {
		var eq uint64
		if c := b[j] - 0x60; c < 32 {
			eq = peq[c]
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			d++
		} else if mh&last != 0 {
			d--
		}
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return d, true
}

// levDP is the Levenshtein distance of a and b (1 to 64 bytes each) by
// the table, one row at a time.
func levDP(a, b string) int {
	var row [65]int
	for j := 0; j <= len(b); j++ {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

// sameVowelShape reports whether two romanisation skeletons have the same
// consonants in the same order, with a vowel or run of vowels at the same
// places, whatever the vowels are: the spellings of one name romanised
// from a script that writes few or no short vowels ("laila" and "lila"
// for Layla and Leila, "raimi" and "rimi" for Raymi and Rimi). The first
// letters must be equal, so that a name starting with another vowel is
// another name (Omar, Amir).
func sameVowelShape(a, b string) bool {
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		return false
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		va, vb := isSkelVowel(a[i]), isSkelVowel(b[j])
		if va != vb {
			return false
		}
		if va {
			for i < len(a) && isSkelVowel(a[i]) {
				i++
			}
			for j < len(b) && isSkelVowel(b[j]) {
				j++
			}
			continue
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
	return i == len(a) && j == len(b)
}

// readingSim is the similarity of two words, the shorter of n bytes, whose
// skeletons are a and b, one of them read another way (a devoiced end, a
// Belarusian or French spelling read as another, a silent h left out):
// equal skeletons score as equal skeletons, the same consonants with other
// vowels as a vowel respelling, others 0.
func readingSim(a, b string, n int) float32 {
	switch {
	case a == b:
		return skelEqualSim(n)
	case sameVowelShape(a, b):
		return vowelShapeSim
	}
	return 0
}

// minSameConsonants is the fewest consonants for which sameConsonants
// holds.
const minSameConsonants = 3

// sameConsonants reports whether two romanisation skeletons have the same
// consonants in the same order, minSameConsonants or more, a doubled one
// counted once, the same first letter, and vowels at the same places but
// for one place at the edge of the word: between its first two
// consonants, between its last two or after the last. They are the
// spellings of an Arabic name that write a short vowel the other leaves
// out there, or double a letter: Saqr, Saker, Sakkar; Sweid, Suwaid; Golfo,
// Gulf. A vowel inside the word makes another name (Mahmud, Muhamad).
func sameConsonants(a, b string) bool {
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		return false
	}
	i, j, n := 0, 0, 0 // n: consonants passed
	diff := -1         // the gap (before consonant diff) whose vowels differ
	for {
		// the vowels before the next consonant on each side
		va, vb := false, false
		for i < len(a) && isSkelVowel(a[i]) {
			i, va = i+1, true
		}
		for j < len(b) && isSkelVowel(b[j]) {
			j, vb = j+1, true
		}
		if va != vb {
			if diff >= 0 {
				return false
			}
			diff = n
		}
		if i == len(a) || j == len(b) {
			if i != len(a) || j != len(b) || n < minSameConsonants {
				return false
			}
			// the gap after the first consonant, before the last
			// or after it
			return diff <= 1 || diff >= n-1
		}
		if a[i] != b[j] {
			return false
		}
		c := a[i]
		for i < len(a) && a[i] == c {
			i++
		}
		for j < len(b) && b[j] == c {
			j++
		}
		n++
	}
}

// isSkelVowel reports whether c is a vowel of a skeleton (appendSkeleton
// writes e as i, o as u and y as i).
func isSkelVowel(c byte) bool { return skelVowels[c] }

// skelVowels marks the vowels of a skeleton: one load where three
// comparisons were three branches, taken by turns along a word.
var skelVowels = [256]bool{'a': true, 'i': true, 'u': true}

// maxLoanKey is the longest word, in bytes, that sameLoanShape compares.
const maxLoanKey = 48

// appendLoanKey appends the key of a normalised word under which an
// English word and its Russian transcription read back into Latin letters
// meet ("treid" and "trade", "tekhnolodzhi" and "technologi", "silkvey"
// and "silkway", "ekommerts" and "ecommerce"): consonants as they sound,
// with dzh, j and soft g as j; kh, ch, ck, c, k and q as k, but c before
// e, i or y and ts as s; x as ks; ph as f; w as v; doubled consonants once;
// every run of vowels (y among them) as one 'a', and a final vowel
// dropped. It returns dst unchanged and false for a word longer than
// maxLoanKey or with a byte outside a-z.
func appendLoanKey(dst []byte, w string) ([]byte, bool) {
	if len(w) > maxLoanKey {
		return dst, false
	}
	start := len(dst)
	// last is the key's last byte, 0 before the first (no key byte is
	// 0): a byte equal to it is not written again
	var last byte
	for i := 0; i < len(w); i++ {
		var out byte
		switch c := w[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			out = 'a'
		case 'x':
			if last != 'k' {
				dst = append(dst, 'k')
			}
			out, last = 's', 'k'
		case 'w':
			out = 'v'
		case 'h':
			// silent or a breath: left out
			continue
		default:
			if c < 'a' || c > 'z' {
				return dst[:start], false
			}
			out = c
			if loanSpelt&(1<<(c-'a')) != 0 {
				var n byte
				if i+1 < len(w) {
					n = w[i+1]
				}
				out, i = loanConsonant(w, i, c, n)
			}
		}
		if out != last {
			dst = append(dst, out)
			last = out
		}
	}
	if n := len(dst); n > start+1 && last == 'a' {
		dst = dst[:n-1]
	}
	return dst, true
}

// loanSpelt has the bit c-'a' of each consonant c that loanConsonant
// reads otherwise than as itself, alone or with the letters after it.
const loanSpelt = 1<<('c'-'a') | 1<<('d'-'a') | 1<<('g'-'a') | 1<<('k'-'a') | 1<<('p'-'a') | 1<<('q'-'a') | 1<<('t'-'a') | 1<<('z'-'a')

// loanConsonant is appendLoanKey's key byte for the consonant c at w[i]
// (followed by n; not x, w or h) and the index of the last byte it stands
// for: dzh, soft g and zh as j; kh, ch, ck, c and q as k; soft c and ts as
// s; ph as f; any other consonant as itself.
func loanConsonant(w string, i int, c, n byte) (byte, int) {
	// by the letter first: most consonants stand for themselves
	switch c {
	case 'd':
		if n == 'z' && i+2 < len(w) && w[i+2] == 'h' {
			return 'j', i + 2
		}
	case 'g':
		if softens(n) && i > 0 {
			return 'j', i
		}
	case 'k':
		if n == 'h' {
			return 'k', i + 1
		}
	case 'c':
		switch {
		case n == 'h' || n == 'k':
			return 'k', i + 1
		case softens(n):
			return 's', i
		}
		return 'k', i
	case 't':
		if n == 's' {
			return 's', i + 1
		}
	case 'q':
		return 'k', i
	case 'p':
		if n == 'h' {
			return 'f', i + 1
		}
	case 'z':
		if n == 'h' {
			return 'j', i + 1
		}
	}
	return c, i
}

// softens reports whether n, after c or g, makes it soft (e, i, y).
func softens(n byte) bool { return n == 'e' || n == 'i' || n == 'y' }

// minLoanShapeWord is the shortest word, in bytes, that wordSimFrom
// compares by its loan key (the shorter word of the two).
const minLoanShapeWord = 6

// minLoanConsonants is the fewest consonants two words must share, in
// order, for sameLoanShape to take them for one word.
const minLoanConsonants = 5

// sameLoanShape reports whether two normalised words have the same loan
// key (appendLoanKey) with minLoanConsonants consonants or more: an English
// word and its transcription through Russian, or two transcriptions of
// one foreign word.
func sameLoanShape(a, b string) bool {
	var ba [2 * maxLoanKey]byte
	ka, ok := loanShapeKey(ba[:0], a)
	return ok && sameLoanKey(bytesString(ka), b)
}

// loanShapeKey appends a's loan key (appendLoanKey) to dst, and reports
// whether it has one with minLoanConsonants consonants or more, as
// sameLoanShape compares.
func loanShapeKey(dst []byte, a string) ([]byte, bool) {
	ka, ok := appendLoanKey(dst, a)
	if !ok {
		return ka, false
	}
	// the consonants of a's key before b's key is made: most words have
	// too few for the rule, whatever b is
	cons := 0
	for _, c := range ka {
		if c != 'a' {
			cons++
		}
	}
	return ka, cons >= minLoanConsonants
}

// sameLoanKey reports whether b's loan key is ka.
func sameLoanKey(ka, b string) bool {
	var bb [2 * maxLoanKey]byte
	kb, ok := appendLoanKey(bb[:0], b)
	return ok && ka == string(kb)
}

// sameLoanShape is sameLoanShape(q.s, b), with q.s's key made once: a
// query word is compared with many listed words.
func (q *qtok) sameLoanShape(b string) bool {
	switch q.loan {
	case loanNone:
		return false
	case loanKept:
		return sameLoanKey(bytesString(q.loanKey[:q.loanLen]), b)
	}
	var ba [2 * maxLoanKey]byte
	ka, ok := loanShapeKey(ba[:0], q.s)
	if !ok {
		q.loan = loanNone
		return false
	}
	if len(ka) <= len(q.loanKey) {
		q.loan, q.loanLen = loanKept, uint8(copy(q.loanKey[:], ka))
	}
	return sameLoanKey(bytesString(ka), b)
}
