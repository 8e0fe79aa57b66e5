package match

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestJaroWinklerBits checks jaroWinkler's bit-parallel matching against
// the window scan on random pairs over small alphabets, of every length
// up to 64 and beyond, with bytes outside 0x60..0x7f now and then. It
// declines exactly when b has such a byte.
func TestJaroWinklerBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300000; i++ {
		alpha := []string{"ab", "abc", "aeiklmnorst", "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789 -'"}[i%5]
		n, k := 1+r.IntN(12), 1+r.IntN(12)
		if i%10 == 0 {
			n, k = 1+r.IntN(64), 1+r.IntN(64)
		}
		a, b := randWord(r, n, alpha), randWord(r, k, alpha)
		if i%4 == 0 && n > 1 {
			b = a[:n-1] + randWord(r, 1, alpha) // one byte changed at the end
		}
		if len(a) > len(b) {
			a, b = b, a
		}
		win := max(len(b)/2-1, 0)
		got, ok := jaroWinklerBits(a, b, win)
		if ok != !strings.ContainsFunc(b, func(r rune) bool { return r < 0x60 || r > 0x7f }) {
			t.Fatalf("jaroWinklerBits(%q, %q) ok = %v", a, b, ok)
		}
		if want := jaroWinklerScan(a, b, win); ok && got != want {
			t.Fatalf("jaroWinklerBits(%q, %q) = %v, the scan %v", a, b, got, want)
		}
	}
}

// TestLevASCII checks the bit-parallel Levenshtein distance against the
// table on random strings over small alphabets (where distances vary
// most), at every length up to 64, and on a few known distances. It
// declines (ok false) exactly when a has a byte outside 0x60..0x7f.
func TestLevASCII(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"kitten", "sitting", 3}, {"a", "b", 1}, {"abc", "abc", 0}, {"muhammad", "mohammed", 2},
		{"a", "aaaaaaaa", 7}, {"flaw", "lawn", 2},
	} {
		if d, ok := levASCII(c.a, c.b); !ok || d != c.d {
			t.Errorf("levASCII(%q, %q) = %d, %v; want %d", c.a, c.b, d, ok, c.d)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		alpha := []string{"ab", "abc", "aeiklmnorst", "abcdefghijklmnopqrstuvwxyz0123456789 -'"}[i%4]
		a, b := randWord(r, 1+r.IntN(64), alpha), randWord(r, 1+r.IntN(64), alpha)
		if i%3 == 0 {
			a, b = randWord(r, 1+r.IntN(12), alpha), randWord(r, 1+r.IntN(12), alpha)
		}
		got, ok := levASCII(a, b)
		narrow := !strings.ContainsFunc(a, func(c rune) bool { return c < 0x60 || c > 0x7f })
		if ok != narrow {
			t.Fatalf("levASCII(%q, %q): ok %v for a string with bytes only in 0x60..0x7f %v", a, b, ok, narrow)
		}
		if want := levDP(a, b); ok && got != want {
			t.Fatalf("levASCII(%q, %q) = %d; the table says %d", a, b, got, want)
		}
	}
	for _, a := range []string{"данные", "data 1", "DATA"} {
		if _, ok := levASCII(a, "data"); ok {
			t.Errorf("levASCII accepted %q, which has a byte outside 0x60..0x7f", a)
		}
	}
}

// FuzzLevASCII compares the two distances on any pair of strings
// levASCII accepts.
func FuzzLevASCII(f *testing.F) {
	f.Add("kitten", "sitting")
	f.Add("a", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) == 0 || len(b) == 0 || len(a) > 64 || len(b) > 64 {
			return
		}
		got, ok := levASCII(a, b)
		if !ok {
			return
		}
		if want := levDP(a, b); got != want {
			t.Fatalf("levASCII(%q, %q) = %d; the table says %d", a, b, got, want)
		}
	})
}

// TestSwappedLetters checks that two adjacent letters swapped count as one
// edit in levSim, and only that shape: a swap of letters further apart,
// or with another edit, keeps the Levenshtein distance.
func TestSwappedLetters(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"golasn", "golsan", 1}, {"terand", "treand", 1}, {"ab", "ba", 1}, {"bluefins", "bluefnis", 1},
		{"golsan", "golsan", 0}, {"golsan", "nolsag", 2}, {"abcd", "badc", 3}, {"abcdef", "acbdeg", 3},
		{"aab", "aba", 1}, {"abc", "acb", 1},
	} {
		want := 1 - float64(c.d)/float64(max(len(c.a), len(c.b)))
		if got := levSim(c.a, c.b); got != want {
			t.Errorf("levSim(%q, %q) = %.4f, want %.4f (distance %d)", c.a, c.b, got, want, c.d)
		}
	}
	if swapsTwo("abc", "abc") || swapsTwo("abc", "abd") || !swapsTwo("abdc", "abcd") {
		t.Error("swapsTwo: wrong on abc/abc, abc/abd or abdc/abcd")
	}
}

// TestSwappedLettersFind checks that a one-word organisation name typed
// with two adjacent letters swapped ("GOLASN" for GOLSAN) is found.
func TestSwappedLettersFind(t *testing.T) {
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "GOLSAN"}})
	ms, err := ix.Search(context.Background(), Query{Name: "GOLASN"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score < DefaultThreshold {
		t.Fatalf("got %+v, want GOLSAN at the threshold or more", ms)
	}
}

// TestShortRespelling checks the similarity of words of three letters with
// the same romanisation skeleton: close for a word with a vowel respelt
// with its first letter kept (Dux, Duks; Eco, Eko, a hard c for k, closer), weak for acronyms
// (WPP, VPP), another first letter (Ypf, Ipf) and two Pinyin syllables,
// which are two names (Zhu, Zhou).
func TestShortRespelling(t *testing.T) {
	ix := NewIndex(nil)
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"dux", "duks", shortRespellSim},
		{"eco", "eko", closeMinSim}, // a hard c for k (hardCK)
		{"eso", "ezo", shortRespellSim},
		{"wpp", "vpp", 0.7},
		{"ypf", "ipf", 0.7},
		{"zhu", "zhou", 0.7},
	} {
		q, _ := testTok(c.a)
		_, tk := testTok(c.b)
		q.vowelless, tk.vowelless = !hasVowel(c.a), !hasVowel(c.b)
		if got := ix.tokSim(&q, &tk); got != c.want {
			t.Errorf("tokSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestSameConsonants checks the Arabic spellings that differ in a short
// vowel at the edge of the word or a doubled letter, and that a vowel
// inside the word, another consonant, another first letter or fewer than
// three consonants keep two words apart.
func TestSameConsonants(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"saqr", "saker", true},
		{"saqr", "sakkar", true},
		{"nasr", "nasser", true},
		{"sweid", "suwaid", true},
		{"zghair", "zughayr", true},
		{"mahmoud", "mohammed", false}, // a vowel inside: Mahmud, Muhammad
		{"suleiman", "salman", false},
		{"saqr", "sakhr", false},
		{"omar", "amr", false},
		{"rabi", "rabbi", false}, // two consonants
	} {
		if got := sameConsonants(skeleton(c.a), skeleton(c.b)); got != c.want {
			t.Errorf("sameConsonants(%q, %q) (%s, %s) = %v, want %v", c.a, c.b, skeleton(c.a), skeleton(c.b), got, c.want)
		}
	}
}

// TestLoanSpelt checks that every consonant appendLoanKey takes for itself
// without asking loanConsonant (its bit not in loanSpelt) is one that
// loanConsonant reads as itself whatever follows it.
func TestLoanSpelt(t *testing.T) {
	const al = "abcdefghijklmnopqrstuvwxyz"
	for _, c := range []byte(al) {
		if loanSpelt&(1<<(c-'a')) != 0 {
			continue
		}
		for _, n := range []byte("\x00" + al) {
			for _, pre := range []string{"", "a"} {
				w := pre + string(c)
				if n != 0 {
					w += string(n) + "h"
				}
				if out, i := loanConsonant(w, len(pre), c, n); out != c || i != len(pre) {
					t.Errorf("loanConsonant(%q, %d) = %q, %d: %q is spelt otherwise, add it to loanSpelt", w, len(pre), out, i, c)
				}
			}
		}
	}
}

// TestJoinedSkeleton checks appendJoinedSkeleton against appendSkeleton
// of the two words written together, on random words rich in the letters
// of the romanisation digraphs, and that the shortcut is taken.
func TestJoinedSkeleton(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	const letters = "abcdefghijklmnopqrstuvwxyzshchtszhdjkhphoueeaiy-'"
	word := func() string {
		b := make([]byte, 1+r.IntN(8))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	closed := 0
	for range 300000 {
		a, b := word(), word()
		ska, skb := skeleton(a), skeleton(b)
		if skelClosed(a[len(a)-1]) {
			closed++
		}
		if got, want := string(appendJoinedSkeleton(nil, a+b, a, ska, skb)), skeleton(a+b); got != want {
			t.Fatalf("appendJoinedSkeleton(%q, %q) = %q; the skeleton of %q is %q", a, b, got, a+b, want)
		}
	}
	if closed < 50000 {
		t.Errorf("only %d pairs took the shortcut", closed)
	}
}

// TestStrSimBound checks that strSimBound is never below strSim (less the
// slack wordSimFrom allows) on random pairs over small alphabets, where
// words share most letters, and on pairs one byte apart.
func TestStrSimBound(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 300000; i++ {
		alpha := []string{"ab", "abc", "aeiklmnorst", "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789 -'"}[i%5]
		n, k := 1+r.IntN(14), 1+r.IntN(14)
		if i%10 == 0 {
			n, k = 1+r.IntN(70), 1+r.IntN(70)
		}
		a, b := randWord(r, n, alpha), randWord(r, k, alpha)
		var c byteCounts
		if i%4 == 0 && n > 1 {
			b = a[:n-1] + randWord(r, 1, alpha)
		}
		m := min(len(a), len(b))
		if s, u := strSim(a, b, m), strSimBound(a, b, m); u < s-strSimBoundSlack/10 {
			t.Fatalf("strSimBound(%q, %q) = %v, below strSim %v", a, b, u, s)
		}
		if jw, lev := (*byteCounts)(nil).strSimTerms(a, b, m); jw < sharpen(jaroWinkler(a, b), m)-strSimBoundSlack/10 || lev < float32(levSim(a, b))-strSimBoundSlack/10 {
			t.Fatalf("strSimTerms(%q, %q) = %v, %v, below %v, %v", a, b, jw, lev, sharpen(jaroWinkler(a, b), m), levSim(a, b))
		}
		// a's bytes counted once for two words
		if c2 := randWord(r, k, alpha); c.strSimBound(a, b, m) != strSimBound(a, b, m) || c.strSimBound(a, c2, min(n, k)) != strSimBound(a, c2, min(n, k)) {
			t.Fatalf("strSimBound(%q, %q or %q) from counts differs", a, b, c2)
		}
	}
}

// TestTokSimFrom checks, on the query words of the evaluation against
// every listed word of their skeleton's first letter and a near length,
// that tokSimFrom gives tokSim's similarity wherever either reaches the
// fuzzy probe's minimum, and so does personRespelling of it (reachPairs).
func TestTokSimFrom(t *testing.T) {
	ix := NewIndex(testEntries(t))
	var qs []string
	for _, r := range readEval(t, "positives.csv")[:3000] {
		qs = append(qs, r.query)
	}
	sc := newScratch(len(ix.names))
	pairs := 0
	for _, name := range qs {
		analyze(string(appendNormalized(nil, name)), nil, &sc.nt, nil)
		ix.prepareQuery(sc, sc.nt.words, false)
		for i := range sc.qs {
			q := &sc.qs[i]
			var qc byteCounts // counted once, as a probe does
			for tk := 0; tk < len(ix.toks); tk += 7 {
				tok := &ix.toks[tk]
				if d := len(q.s) - len(tok.s); d > maxLenDiff || d < -maxLenDiff || len(tok.skel) == 0 || len(q.skel) == 0 || tok.skel[0] != q.skel[0] {
					continue
				}
				pairs++
				want, got := ix.tokSim(q, tok), ix.tokSimFrom(q, tok, minTokSim, &qc)
				if (want >= minTokSim || got >= minTokSim) && got != want {
					t.Fatalf("tokSimFrom(%q, %q) = %v, tokSim %v", q.s, tok.s, got, want)
				}
				// as reachPairs weighs a person's pair
				if want, got := personRespelling(q, tok, want), personRespelling(q, tok, got); (want >= minTokSim || got >= minTokSim) && got != want {
					t.Fatalf("personRespelling(%q, %q) from tokSimFrom = %v, from tokSim %v", q.s, tok.s, got, want)
				}
			}
		}
	}
	t.Logf("%d pairs", pairs)
}

// TestLevWithinOne checks levWithinOne against levSim's distance on random
// pairs over small alphabets, one edit apart or more.
func TestLevWithinOne(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 300000; i++ {
		alpha := []string{"ab", "abc", "aeiklmnorst", "abcdefghijklmnopqrstuvwxyz0123456789 -'"}[i%4]
		a := randWord(r, r.IntN(12), alpha)
		if i%50 == 0 {
			a = randWord(r, r.IntN(70), alpha)
		}
		b := []byte(a)
		for e := r.IntN(3); e > 0; e-- {
			switch k := r.IntN(4); {
			case k == 0 && len(b) > 0:
				b[r.IntN(len(b))] = alpha[r.IntN(len(alpha))]
			case k == 1:
				p := r.IntN(len(b) + 1)
				b = append(b[:p], append([]byte{alpha[r.IntN(len(alpha))]}, b[p:]...)...)
			case k == 2 && len(b) > 0:
				p := r.IntN(len(b))
				b = append(b[:p], b[p+1:]...)
			case len(b) > 1:
				p := r.IntN(len(b) - 1)
				b[p], b[p+1] = b[p+1], b[p]
			}
		}
		want := (1-levSim(a, string(b)))*float64(max(len(a), len(b))) <= 1.0001
		if got := levWithinOne(a, string(b)); got != want {
			t.Fatalf("levWithinOne(%q, %q) = %v, levSim says %v", a, b, got, want)
		}
	}
}

// randWord returns a word of n bytes drawn by r from alpha.
func randWord(r *rand.Rand, n int, alpha string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[r.IntN(len(alpha))]
	}
	return string(b)
}

// TestQueryLoanKey checks qtok.sameLoanShape, with the loan key prepareQuery
// keeps, against sameLoanShape for the words of queries of three listed or
// respelt words, each compared with listed words of the same loan key and
// with others.
func TestQueryLoanKey(t *testing.T) {
	ix := defaultIndex(t)
	sc := newScratch(len(ix.names))
	byKey := map[string][]string{}
	var words []string
	for i := range ix.toks {
		w := ix.toks[i].s
		if ka, ok := loanShapeKey(nil, w); ok {
			byKey[string(ka)] = append(byKey[string(ka)], w)
		}
		words = append(words, w)
	}
	same, checked := 0, 0
	for i := 0; i+2 < len(words); i += 3 {
		// a respelt word (not listed) among listed ones
		q := []string{words[i], words[i+1] + "e", words[i+2]}
		ix.prepareQuery(sc, q, false)
		for k := range sc.qs {
			qt := &sc.qs[k]
			var others []string
			if ka, ok := loanShapeKey(nil, qt.s); ok {
				others = byKey[string(ka)]
			}
			others = append(others, words[(i+k*7919)%len(words)], words[(i+k*104729+1)%len(words)])
			for _, b := range others {
				want := sameLoanShape(qt.s, b)
				if got := qt.sameLoanShape(b); got != want {
					t.Fatalf("%q (query %q) with %q: qtok.sameLoanShape %v, sameLoanShape %v", qt.s, q, b, got, want)
				}
				checked++
				if want {
					same++
				}
			}
		}
	}
	if same == 0 {
		t.Fatal("no pair of the same loan key: the test compares nothing")
	}
	t.Logf("%d pairs, %d of the same loan key", checked, same)
}

// TestStrSimTermsRealWords checks strSimTerms' bounds of strSim's two terms
// on the words of evaluation queries against listed words of a near
// length, as a fuzzy probe compares them, and that wordSimFrom's order
// (the Levenshtein term, then the Jaro-Winkler one) leaves out only pairs
// below the minimum.
func TestStrSimTermsRealWords(t *testing.T) {
	ix := defaultIndex(t)
	seen := map[string]bool{}
	pairs, heldBack := 0, 0
	for _, r := range readEval(t, "positives.csv")[:2000] {
		for _, w := range strings.Fields(Normalize(r.query)) {
			if seen[w] || len(w) < 4 {
				continue
			}
			seen[w] = true
			var qc byteCounts
			for tk := 0; tk < len(ix.toks); tk += 5 {
				b := ix.toks[tk].s
				if d := len(w) - len(b); d > maxLenDiff || d < -maxLenDiff {
					continue
				}
				n := min(len(w), len(b))
				jwB, levB := qc.strSimTerms(w, b, n)
				jw, lev := sharpen(jaroWinkler(w, b), n), float32(levSim(w, b))
				if jwB < jw-strSimBoundSlack/10 || levB < lev-strSimBoundSlack/10 {
					t.Fatalf("strSimTerms(%q, %q) = %v, %v, below %v, %v", w, b, jwB, levB, jw, lev)
				}
				pairs++
				if s := strSim(w, b, n); strSimOf(jwB, levB) >= minTokSim && strSimOf(jwB, lev) < minTokSim-strSimBoundSlack {
					heldBack++
					if s >= minTokSim {
						t.Fatalf("%q, %q: strSim %v held back by the Levenshtein term %v", w, b, s, lev)
					}
				}
			}
		}
	}
	if heldBack == 0 {
		t.Fatal("no pair held back by the Levenshtein term: the test compares nothing")
	}
	t.Logf("%d pairs, %d held back by the Levenshtein term", pairs, heldBack)
}
