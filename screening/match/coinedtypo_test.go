package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestOneSlipApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"lrkoil", "lukoil", true},    // a letter changed
		{"bikal", "baikal", true},     // dropped
		{"kohanaa", "kohana", true},   // added
		{"lukiol", "lukoil", true},    // two swapped
		{"lukoil", "lukoil", false},   // the same
		{"lkuoil", "lukoli", false},   // two slips
		{"lukoil", "lukoilxx", false}, // two letters added
	} {
		if got := oneSlipApart(c.a, c.b); got != c.want {
			t.Errorf("oneSlipApart(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestCoinedTypo checks that a one-word organisation name mistyped by one
// slip finds the listed coined word at the threshold or more, and that an
// English word, a slip of a word of five letters and a slip of the first
// letter do not.
func TestCoinedTypo(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "PLANEX OOO"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "KORVA"},
	})
	for _, c := range []struct {
		q     string
		id    string
		found bool
	}{
		{"ZORVATEX", "1", true},
		{"ZORVTAEK", "1", true},
		{"ZORVATK", "1", true},
		{"PLANEK OOO", "2", true},
		{"PLANET OOO", "2", false}, // an English word
		{"KORVE", "3", false},      // a word of five letters
		{"TORVATEK", "1", false},   // the first letter
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		score := 0.0
		for _, m := range ms {
			if m.Entry.ID == c.id {
				score = m.Score
			}
		}
		if (score >= DefaultThreshold) != c.found {
			t.Errorf("%s: entry %s at %.3f, want found = %v", c.q, c.id, score, c.found)
		}
	}
}

// TestCoinedTypoRespelt checks, on the index of the lists' primary names,
// that a coined word respelt and mistyped at once (gas for gaz, an e
// dropped) finds its listed name.
func TestCoinedTypoRespelt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"ZAO TERNEFTGAS", "TERNEFTEGAZ, ZAO", true},
	})
}
