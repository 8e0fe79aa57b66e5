package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestWebAddressWords checks that a web address's www and its domain's
// last parts, written with their dots, are the query's own words against
// an organisation's name, and that the same words written apart are not.
func TestWebAddressWords(t *testing.T) {
	cases := []struct {
		name string
		want uint64
	}{
		{"WWW.ZORVATEK.COM", 0b101},
		{"www.zorvatek.com.cu", 0b1101},
		{"ZORVATEK.RU", 0b10},
		{"WWW.ZORVATEK", 0b1},
		{"ZORVATEK COM", 0},
		{"WWW ZORVATEK COM", 0},
		{"ZORVATEK.COM INC.", 0},
		{"ZORVATEK.TRADING", 0},
	}
	for _, c := range cases {
		var nt nameTokens
		analyze(string(appendNormalized(nil, c.name)), nil, &nt, nil)
		var qs []qtok
		for _, w := range nt.words {
			qs = append(qs, qtok{s: w})
		}
		if got := webAddressWords(c.name, qs); got != c.want {
			t.Errorf("%q: got %b, want %b", c.name, got, c.want)
		}
	}
	ix := NewIndex(append([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK"}}, numberedEntities(60, "PLANT")...))
	checkOnlyMatches(t, ix, []onlyMatch{
		{"WWW.ZORVATEK.COM", "1"},
		{"www.zorvatek.com.cu", "1"},
	})
}
