package match

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLegalShapes checks the filters the legal-form look-ups ask before
// their maps: every key of legalSkel, legalDel, legalRawDel and legalWords has its
// shape bit, so a filter never hides a legal-form word; and the filters
// do skip most words, or they buy nothing.
func TestLegalShapes(t *testing.T) {
	for _, c := range []struct {
		name   string
		keys   []string
		shapes *shapeSet
	}{
		{"legalSkel", mapKeys(legalSkel), &skelShapes},
		{"legalDel", mapKeys(legalDel), &delShapes},
		{"legalRawDel", mapKeys(legalRawDel), &rawDelShapes},
		{"legalWords", mapKeys(legalWords), &wordShapes},
		{"legalFirst", mapKeys(legalFirst), &firstShapes},
		{"legalLast", mapKeys(legalLast), &lastShapes},
		{"stopWords", mapKeys(stopWords), &stopShapes},
		{"genericWords", mapKeys(genericWords), &genericShapes},
		{"curatedLegalWords", mapKeys(curatedLegalWords), &curatedShapes},
		{"pinyinGloss", mapKeys(pinyinGloss), &pinyinGlossShapes},
		{"letterNames", mapKeys(letterNames), &letterNameShapes},
	} {
		for _, k := range c.keys {
			if !c.shapes.has(k) {
				t.Fatalf("%s key %q has no shape bit", c.name, k)
			}
		}
	}
	var buf []byte
	skipped := 0
	words := []string{"hangzhou", "hikvision", "technology", "example", "compute", "international", "corporation", "obschestvo"}
	for _, w := range words {
		if !delShapes.has(string(appendSkeleton(buf[:0], w))) {
			skipped++
		}
	}
	if skipped < len(words)/2 {
		t.Errorf("the shape filter skips %d of %d words", skipped, len(words))
	}
	for _, c := range []struct {
		name   string
		shapes *shapeSet
		keys   []string
	}{{"legalDel", &delShapes, mapKeys(legalDel)}, {"legalRawDel", &rawDelShapes, mapKeys(legalRawDel)}} {
		for _, k := range c.keys {
			if !c.shapes.hasShape(len(k), k[0], k[len(k)-1]) {
				t.Fatalf("%s key %q: hasShape disagrees with has", c.name, k)
			}
		}
	}
	// canonLegalWord against the plain map look-ups it shortens, on legal
	// words with a letter inserted or replaced at every place
	for _, k := range mapKeys(legalWords) {
		for i := 0; i <= len(k); i++ {
			for _, x := range []string{"a", "q", "z"} {
				for _, w := range []string{k[:i] + x + k[i:], k[:i] + x + k[min(i+1, len(k)):]} {
					got, ok := canonLegalWord(w, buf)
					want, wok := canonLegalWordPlain(w)
					if got != want || ok != wok {
						t.Fatalf("canonLegalWord(%q) = %q, %v; the plain look-ups give %q, %v", w, got, ok, want, wok)
					}
				}
			}
		}
	}
	for _, c := range []struct{ in, want string }{
		{"coreoration", "corporation"}, {"obshchestvo", "obschestvo"}, {"compani", "company"}, {"hikvision", ""},
	} {
		got, ok := canonLegalWord(c.in, buf)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("canonLegalWord(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// canonLegalWordPlain is canonLegalWord without the shape filters.
func canonLegalWordPlain(w string) (string, bool) {
	sk := string(appendSkeleton(nil, w))
	if c, ok := legalSkel[sk]; ok {
		return c, true
	}
	if len(sk) < legalDelMin-1 {
		return "", false
	}
	if c, ok := legalDel[sk]; ok {
		return c, true
	}
	if len(w) >= legalDelMin-1 && len(w) <= 40 {
		if c, ok := legalRawDel[w]; ok {
			return c, true
		}
		if len(w) >= legalDelMin {
			for d := range len(w) {
				if c, ok := legalRawDel[w[:d]+w[d+1:]]; ok {
					return c, true
				}
			}
		}
	}
	if len(sk) < legalDelMin {
		return "", false
	}
	for d := range len(sk) {
		if c, ok := legalDel[sk[:d]+sk[d+1:]]; ok {
			return c, true
		}
	}
	return "", false
}

func mapKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestLegalFormTypos checks that a legal-form word typed with one error
// is recognised: a letter left out ("COPANY", "CMPANY", "LIABIITY"), added
// or replaced ("LIABIiITY"), two adjacent letters swapped ("LIIMTED",
// "AKTISONERNOE"), or the final letter that the skeleton drops
// ("LIABILIY"), and that the name's own words are kept.
func TestLegalFormTypos(t *testing.T) {
	for _, c := range []struct {
		name  string
		words []string
		legal LegalClass
	}{
		{"OPEN JOINT STOCK COPANY DOLTA", []string{"dolta"}, LegalJointStock},
		{"JOINT STOCK CMPANY DUKS", []string{"duks"}, LegalJointStock},
		{"LIMITED LIABILIY COMPANY ALLRUS", []string{"allrus"}, LegalLimited},
		{"LIMITED LIABIITY COMPANY VIPAKS+", []string{"vipaks"}, LegalLimited},
		{"INFOTECH BALAKOVO LIMITED LIABIiITY COMPANY", []string{"infotech", "balakovo"}, LegalLimited},
		{"QI GROUP LIIMTED", []string{"qi", "group"}, LegalLimited},
		{"ZAKRYTOE AKTISONERNOE OBSHCHESTVO RASSVET", []string{"rassvet"}, LegalJointStock},
		{"DENISE MEDIAN", []string{"denise", "median"}, LegalNone},
	} {
		var nt nameTokens
		analyze(Normalize(c.name), nil, &nt, nil)
		if !slices.Equal(nt.words, c.words) || nt.legal != c.legal {
			t.Errorf("%q: words %q, legal form %v; want %q, %v", c.name, nt.words, nt.legal, c.words, c.legal)
		}
	}
}

// TestLegalPairNotSplitInWords checks that two legal-form words written as
// one are split ("LIMITEDLIABILITY COMPANY") but that a common English
// word made of two words of the table, or of one and a stop word, is kept
// whole: COMMAND is no "comm" (the Dutch comm. v.) and "and", FREEDOM no
// "free" and "dom". Split, MILITARY COMMISSION met MILITARY SECURITY
// COMMAND at 0.90 through the abbreviation "comm".
func TestLegalPairNotSplitInWords(t *testing.T) {
	for _, c := range []struct {
		name  string
		words []string
		legal LegalClass
	}{
		{"MILITARY SECURITY COMMAND", []string{"military", "security", "command"}, LegalNone},
		{"COMMAND OF THE MILITARY TRANSPORT AVIATION", []string{"command", "military", "transport", "aviation"}, LegalNone},
		{"FREEDOM", []string{"freedom"}, LegalNone},
		{"DOLTA LIMITEDLIABILITY COMPANY", []string{"dolta"}, LegalLimited},
	} {
		var nt nameTokens
		analyze(Normalize(c.name), nil, &nt, nil)
		if !slices.Equal(nt.words, c.words) || nt.legal != c.legal {
			t.Errorf("%q: words %q, legal form %v; want %q, %v", c.name, nt.words, nt.legal, c.words, c.legal)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "MILITARY SECURITY COMMAND"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CENTRAL MILITARY COMMISSION"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "MILITARY COMMISSION", Threshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Entry.ID != "2" {
		t.Errorf("MILITARY COMMISSION: got %+v, want entry 2 first", ms)
	}
	for _, m := range ms {
		if m.Entry.ID == "1" && m.Score >= DefaultThreshold {
			t.Errorf("MILITARY COMMISSION matched MILITARY SECURITY COMMAND at %.3f", m.Score)
		}
	}
}

// TestPortugueseLda checks that the Portuguese Lda. is read as a limited
// company's form at the end of a name.
func TestPortugueseLda(t *testing.T) {
	var nt nameTokens
	analyze(Normalize("MONTEVERDE COMERCIO E INDUSTRIA, LDA."), nil, &nt, make([]byte, 0, 256))
	if nt.legal != LegalLimited || slices.Contains(nt.words, "lda") {
		t.Errorf("words %q, legal %v; want lda read as a limited company's form", nt.words, nt.legal)
	}
}

// TestWidePhraseTypo checks that a form of the wider table written with
// one typing error, or written back from Cyrillic, is read as the form,
// and that a word one letter from a word of such a form is left as it is
// where no form stands.
func TestWidePhraseTypo(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"scienntific production enterprise radiosviaz", "scientific production enterprise radiosviaz"},
		{"region scinetific production enterprise jsc", "region scientific production enterprise jsc"},
		{"ssientifik produktion enterprise radiosviaz", "scientific production enterprise radiosviaz"},
		{"scienntific radiosviaz", "scienntific radiosviaz"},
		{"jamiat al bustan", "jamiat al bustan"},
	} {
		got := strings.Join(canonLegal(strings.Fields(c.in), nil), " ")
		if got != c.want {
			t.Errorf("canonLegal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestInnerFormsPair checks that a one-word legal form inside the query
// aligns with one of the same class inside the listed name
// (alignInnerForms): the Serbian A.D. (akcionarsko društvo) is a
// joint-stock company, as JSC is, and the seat follows it on both sides;
// a form of another class (LLC) does not pair.
func TestInnerFormsPair(t *testing.T) {
	if c, ok := legalForms["ad"]; !ok || c != LegalJointStock {
		t.Fatalf("ad: %v %v, want the joint-stock form", c, ok)
	}
	for _, c := range []struct {
		listed, query string
		found         bool
	}{
		{"MORAVKA BANK JSC BELGRADE", "MORAVKA BANKA AD BEOGRAD", true},
		{"MORAVKA BANK JSC BELGRADE", "MORAVKA BANK AO BELGRADE", true},
		{"MORAVKA BANK LLC BELGRADE", "MORAVKA BANKA AD BEOGRAD", false}, // another class
	} {
		score := scoreBesideRealAliases(t, c.listed, c.query)
		if got := score >= DefaultThreshold; got != c.found {
			t.Errorf("%q for %q: score %.3f, found = %v, want %v", c.query, c.listed, score, got, c.found)
		}
	}
}

// TestStripLegalOnly checks stripLegalOnly against the two passes it
// stands for: the phrases taken off the end until nothing is left
// (legal-only), and stripLegal as it was, on names made of legal-form
// words, stop words and other words.
func TestStripLegalOnly(t *testing.T) {
	legalOnly := func(toks []string) bool {
		for len(toks) > 0 {
			n, _ := longestLegal(toks, true, nil)
			if n == 0 {
				return false
			}
			toks = toks[:len(toks)-n]
		}
		return true
	}
	strip := func(toks []string) ([]string, LegalClass) {
		class := LegalNone
		for len(toks) > 1 {
			n, c := longestLegal(toks, true, nil)
			if n == 0 || n >= len(toks) {
				break
			}
			if class == LegalNone {
				class = c
			}
			toks = toks[:len(toks)-n]
		}
		for len(toks) > 1 {
			n, c := longestLegal(toks, false, nil)
			if n == 0 || n >= len(toks) {
				break
			}
			if n == 1 && !legalPrefixOK[toks[0]] {
				break
			}
			if class == LegalNone {
				class = c
			}
			toks = toks[n:]
		}
		return toks, class
	}
	words := []string{"romashka", "sukhoi", "of", "the", "bank"}
	for phrase := range legalForms {
		words = append(words, strings.Fields(phrase)...)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		if rng.IntN(4) == 0 {
			return words[rng.IntN(5)]
		}
		return words[rng.IntN(len(words))]
	}
	phrases := slices.Sorted(maps.Keys(legalForms))
	for range 200000 {
		var toks []string
		for range rng.IntN(7) {
			if rng.IntN(3) == 0 {
				toks = append(toks, strings.Fields(phrases[rng.IntN(len(phrases))])...)
			} else {
				toks = append(toks, pick())
			}
		}
		got, gc, only := stripLegalOnly(slices.Clone(toks), nil)
		if wantOnly := legalOnly(toks); only != wantOnly {
			t.Fatalf("stripLegalOnly(%q) legal-only %t, want %t", toks, only, wantOnly)
		}
		if only {
			continue
		}
		want, wc := strip(toks)
		if !slices.Equal(got, want) || gc != wc {
			t.Fatalf("stripLegalOnly(%q) = %q, %v; want %q, %v", toks, got, gc, want, wc)
		}
	}
}

// TestSplitGluedByEnds checks splitGlued, which compares a word only with
// the glued forms its first or last byte may begin or end, against the
// comparison with every form in the table's order.
func TestSplitGluedByEnds(t *testing.T) {
	want := func(fields []string) []string {
		if len(fields) == 0 {
			return fields
		}
		if f := fields[0]; !isLegalWord(f) {
			for _, p := range gluedPrefixes {
				if len(f) >= len(p)+3 && f[:len(p)] == p {
					fields = append(fields, "")
					copy(fields[2:], fields[1:])
					fields[0], fields[1] = f[:len(p)], f[len(p):]
					break
				}
			}
		}
		last := len(fields) - 1
		if f := fields[last]; !isLegalWord(f) {
			for _, p := range gluedSuffixes {
				if len(f) >= len(p)+3 && f[len(f)-len(p):] == p && (len(p) > 2 || len(fields) > 1) {
					fields[last] = f[:len(f)-len(p)]
					fields = append(fields, f[len(f)-len(p):])
					break
				}
			}
		}
		return fields
	}
	parts := slices.Concat(gluedPrefixes, gluedSuffixes, []string{"a", "o", "mp", "tardigrade", "kurchatov", "c", "d"})
	rng := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	for range 200000 {
		var fields []string
		for range rng.IntN(4) {
			fields = append(fields, word())
		}
		got, exp := splitGlued(slices.Clone(fields)), want(slices.Clone(fields))
		if !slices.Equal(got, exp) {
			t.Fatalf("splitGlued(%q) = %q, want %q", fields, got, exp)
		}
	}
}

// TestDeletionSigs checks the signature filters of oneDeletionIn: every
// key of legalDel and legalRawDel has its bit, and oneDeletionIn answers
// with them as it does with a filter that lets every deletion through, on
// the tables' words and skeletons with a letter added, dropped or
// replaced, and on other words.
func TestDeletionSigs(t *testing.T) {
	var all sigSet
	for i := range all {
		all[i] = ^uint64(0)
	}
	for _, c := range []struct {
		name string
		keys []string
		sigs *sigSet
	}{{"legalDel", mapKeys(legalDel), &delSigs}, {"legalRawDel", mapKeys(legalRawDel), &rawDelSigs}} {
		for _, k := range c.keys {
			if h := sigBit(len(k), k[0], k[1], k[len(k)-2], k[len(k)-1]); c.sigs[h/64]&(1<<(h%64)) == 0 {
				t.Fatalf("%s key %q has no signature bit", c.name, k)
			}
		}
	}
	rawLook := func(k string) (string, bool) { c, ok := legalRawDel[k]; return c, ok }
	var words []string
	for sk, w := range legalSkel {
		words = append(words, sk, w)
	}
	words = append(words, "hangzhou", "hikvision", "technology", "international", "aaaaaaa", "abcabcabc")
	slices.Sort(words)
	rng := rand.New(rand.NewPCG(9, 10))
	var buf []byte
	checked := 0
	for range 100000 {
		w := []byte(words[rng.IntN(len(words))])
		for range 1 + rng.IntN(2) {
			i := rng.IntN(len(w) + 1)
			c := byte('a' + rng.IntN(26))
			switch rng.IntN(3) {
			case 0:
				w = slices.Insert(w, i, c)
			case 1:
				if i < len(w) && len(w) > 3 {
					w = slices.Delete(w, i, i+1)
				}
			default:
				if i < len(w) {
					w[i] = c
				}
			}
		}
		if len(w) < 3 {
			continue
		}
		s := string(w)
		for _, c := range []struct {
			shapes    *shapeSet
			sigs      *sigSet
			look      func(string) (string, bool)
			tableName string
		}{{&delShapes, &delSigs, inDel, "legalDel"}, {&rawDelShapes, &rawDelSigs, rawLook, "legalRawDel"}} {
			got, gok := oneDeletionIn(s, buf, c.shapes, c.sigs, c.look)
			want, wok := oneDeletionIn(s, buf, c.shapes, &all, c.look)
			if got != want || gok != wok {
				t.Fatalf("oneDeletionIn(%q) in %s = %q, %t; with every signature %q, %t", s, c.tableName, got, gok, want, wok)
			}
			if wok {
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d words found in the tables", checked)
	}
}

// TestSplitLegalPairFilter checks splitLegalPair, which asks first
// whether a word of the table begins as w does and ends as each first
// part does, against the former loop, on pairs of words of the table
// written together, such words joined to others, and other words.
func TestSplitLegalPairFilter(t *testing.T) {
	want := func(w string, buf []byte) (string, string, bool) {
		if len(w) < 7 || isLegalWord(w) {
			return "", "", false
		}
		for k := len(w) - 3; k >= 3; k-- {
			a, b := w[:k], w[k:]
			if !inWords(a) {
				continue
			}
			if inWords(b) {
				if isStopWord(b) {
					continue
				}
				return a, b, !isEnglishWord(w)
			}
			if len(b) >= 4 {
				if c, ok := inSkel(bytesString(appendSkeleton(buf[:0], b))); ok {
					return a, c, !isEnglishWord(w)
				}
			}
		}
		return "", "", false
	}
	words := slices.Sorted(maps.Keys(legalWords))
	others := []string{"command", "freedom", "tardigrade", "xyz", "openjoint", "limitedliability", "ility", "orated"}
	rng := rand.New(rand.NewPCG(11, 12))
	var buf []byte
	split := 0
	for range 200000 {
		var w string
		switch rng.IntN(3) {
		case 0:
			w = words[rng.IntN(len(words))] + words[rng.IntN(len(words))]
		case 1:
			w = words[rng.IntN(len(words))] + others[rng.IntN(len(others))]
		default:
			w = others[rng.IntN(len(others))] + words[rng.IntN(len(words))]
		}
		a, b, ok := splitLegalPair(w, buf)
		wa, wb, wok := want(w, buf)
		if a != wa || b != wb || ok != wok {
			t.Fatalf("splitLegalPair(%q) = %q, %q, %t; the former loop %q, %q, %t", w, a, b, ok, wa, wb, wok)
		}
		if ok {
			split++
		}
	}
	if split < 10000 {
		t.Errorf("only %d words split", split)
	}
}
