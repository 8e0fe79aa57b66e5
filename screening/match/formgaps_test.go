package match

import (
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestFormGapWords checks which query words formGapWords reads as a legal
// form short of one word: at the start or the end of the query, not in its
// middle, not a form the tables know whole, and never every word.
func TestFormGapWords(t *testing.T) {
	for _, c := range []struct {
		q    string
		want uint64
	}{
		{"limited liability korvelan", 0b011},
		{"korvelan limited liability", 0b110},
		{"joint company korvelan", 0b011},
		{"obshchestvo s otvetstvennostyu korvelan", 0b0111},
		{"aktsionernoe korvelan", 0b01},
		{"korvelan liability", 0},                  // LIABILITY alone is no form
		{"korvelan limited liability zorvatek", 0}, // in the middle
		{"limited liability company korvelan", 0},  // the whole form: the analysis takes it
		{"joint stock", 0},                         // nothing else
		{"korvelan", 0},
		{"", 0},
	} {
		qs := make([]qtok, 0, 4)
		for _, w := range strings.Fields(c.q) {
			qs = append(qs, qtok{s: w})
		}
		if got := formGapWords(c.q, qs); got != c.want {
			t.Errorf("formGapWords(%q) = %b, want %b", c.q, got, c.want)
		}
	}
}

// TestFormGapsMatch checks that a name whose legal form leaves out one of
// its words finds the listed name with the form whole as the name with its
// form does (0.95 or more), and that a listed name holding those words
// where the tables know no form is still found by them.
func TestFormGapsMatch(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY KORVELAN"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "AKTSIONERNOE OBSHCHESTVO ZORVATEK"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "DELTRAMOX JOINT STOCK COMPANY"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "INDUSTRIAL UNITARY ENTERPRISE BRAVELOX PLANT"},
	})
	checkTopAt(t, ix, 0.95, map[string]string{
		"Limited Liability Korvelan":        "1",
		"Liability Company Korvelan":        "1",
		"Aktsionernoe Zorvatek":             "2",
		"Deltramox Joint Company":           "3",
		"Deltramox Stock Company":           "3",
		"Unitary Enterprise Bravelox Plant": "4",
	})
}

// FuzzFormGapWords checks that the words formGapWords reads are words of
// the query, and never all of them.
func FuzzFormGapWords(f *testing.F) {
	for _, s := range []string{"limited liability korvelan", "a joint company", "aktsionernoe", "  joint  stock ", "co ltd by x y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var qs []qtok
		for _, w := range strings.Fields(s) {
			qs = append(qs, qtok{s: w})
		}
		m := formGapWords(s, qs)
		if m&^lowBits(len(qs)) != 0 || len(qs) > 0 && m == lowBits(len(qs)) {
			t.Fatalf("formGapWords(%q) = %b for %d words", s, m, len(qs))
		}
	})
}
