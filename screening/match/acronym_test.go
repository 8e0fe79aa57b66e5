package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestOwnAcronym checks which words are the abbreviation of their own
// name's words.
func TestOwnAcronym(t *testing.T) {
	for _, c := range []struct {
		name string
		k    int
		want bool
	}{
		{"klimovsk specialized ammunition plant ksap", 4, true},
		{"khatiba imam al bukhari kib", 4, true}, // the article has no initial
		{"ttp tehrik taliban pakistan", 0, true},
		{"klimovsk specialized ammunition plant ksa", 4, true},   // a run of the words
		{"klimovsk specialized ammunition ksap plant", 3, false}, // neither first nor last
		{"sak klimovsk specialized ammunition plant", 0, false},
		{"abc plant", 0, false},                                           // fewer words than letters
		{"alpha beta ab", 2, false},                                       // two letters
		{"alpha bravo charlie delta echo foxtrot golf abcdefg", 7, false}, // seven letters
	} {
		w := strings.Fields(c.name)
		if got := ownAcronym(len(w), func(i int) string { return w[i] }, c.k); got != c.want {
			t.Errorf("%q word %d: got %v, want %v", c.name, c.k, got, c.want)
		}
	}
}

// TestOwnAcronymLeftOver checks that an organisation's own abbreviation,
// added by the query or left out of it, is not a word left over, and that
// another short word still is.
func TestOwnAcronymLeftOver(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KHATIBA IMAM AL-BUKHARI (KIB)"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CLOSED JOINT STOCK COMPANY KLIMOVSKIY SPECIALIZED AMMUNITION PLANT"},
	})
	for _, c := range []struct {
		query, want string
		min, max    float64
	}{
		{"Khatiba Imam al-Bukhari", "1", 0.99, 1},
		{"KLIMOVSKIY SPECIALIZED AMMUNITION PLANT KSAP", "2", 0.99, 1},
		{"KLIMOVSKIY SPECIALIZED AMMUNITION PLANT KSAR", "2", 0, 0.95},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want || ms[0].NameScore < c.min || ms[0].NameScore > c.max {
			t.Errorf("%q: got %+v, want entry %s with a name score in [%.2f, %.2f]", c.query, ms, c.want, c.min, c.max)
		}
	}
}

// TestOrgOwnOf checks the kept words of every organisation name of the
// embedded index, and of names with a state form and an abbreviation,
// against stateFormLen, bankPhraseLen, formAbbrevLen, researchFormLen and
// ownAcronym asked directly, on the first call and
// on the second, which reads what the first kept.
func TestOrgOwnOf(t *testing.T) {
	ix := NewIndex(append(testEntries(t),
		&lists.Entry{Source: "TEST", ID: "1", Type: lists.TypeEntity, Name: "FEDERALNOE GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE KLIMOVSK SPECIALIZED AMMUNITION PLANT KSAP"},
		&lists.Entry{Source: "TEST", ID: "2", Type: lists.TypeEntity, Name: "KIB KHATIBA IMAM AL-BUKHARI"}))
	direct := func(ctoks []int32) uint64 {
		word := func(j int) string { return ix.toks[ctoks[j]].s }
		n := len(ctoks)
		var m uint64
		if stateFormStart(word(0)) {
			m = spanMask(0, int8(stateFormLen(n, word)-1))
		}
		if f := bankPhraseLen(n, word); f > 0 {
			m |= spanMask(0, int8(f-1))
		}
		if f := formAbbrevLen(n, word); f > 0 {
			m |= spanMask(0, int8(f-1))
		}
		if f := developerStatusLen(n, word); f > 0 {
			m |= spanMask(0, int8(f-1))
		}
		if f := researchFormLen(n, word, false); f > 0 {
			m |= spanMask(0, int8(f-1))
		}
		if f := researchFormLen(n, word, true); f > 0 {
			m |= spanMask(int8(n-f), int8(n-1))
		}
		for j := range n {
			if mayBeAcronym(word(j), j, n) && ownAcronym(n, word, j) {
				m |= 1 << j
			}
		}
		if bankFormFirst(n, word) {
			m |= 1
		}
		return m
	}
	seen := 0
	for nid := range ix.names {
		rec := &ix.names[nid]
		if rec.individual || rec.tokLen == 0 {
			continue
		}
		ctoks := ix.nameTok[rec.tokOff : rec.tokOff+int32(rec.tokLen)]
		want := direct(ctoks)
		for call := range 2 {
			if got := ix.orgOwnOf(int32(nid), ctoks); got != want {
				t.Fatalf("name %d %v, call %d: %b, want %b", nid, ix.names[nid], call, got, want)
			}
		}
		if want != 0 {
			seen++
		}
	}
	if seen < 3 {
		t.Errorf("%d names with words kept; the test checks too little", seen)
	}
}
