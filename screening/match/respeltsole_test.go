package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestEnglishThroughRussian checks the pair of an English spelling and its
// romanisation through Russian, and that a final e that only falls silent
// or a word read alike both ways is none.
func TestEnglishThroughRussian(t *testing.T) {
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"atomyze", "atomaiz", true}, // y before a silent e read ai
		{"acrol", "akrol", true},     // c read k
		{"michele", "mechel", false}, // a final e only silent
		{"makine", "makin", false},
		{"elenes", "elins", false},
		{"raman", "raman", false}, // read alike both ways
		{"denis", "denise", false},
	} {
		if got := englishThroughRussian(c.q, c.t); got != c.want {
			t.Errorf("englishThroughRussian(%q, %q) = %v, want %v", c.q, c.t, got, c.want)
		}
	}
}

// TestSoundCoinedWordOnTop checks that a listed coined word said in its
// English spelling is the name's word, not a weak one, with a country on
// top counted as on top of the name written alike; and that a name whose
// final e only falls silent is not read so.
func TestSoundCoinedWordOnTop(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU ATOMAIZ"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO MECHEL"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "BANK ROSSIYA"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "GLOBAL TRADING LLC"},
	})
	for _, c := range []struct {
		query, id string
		found     bool
	}{
		{"ATOMYZE RUSSIA", "1", true},
		{"ATOMYZE", "1", true},
		{"ATOMYZE TRADING", "1", true},
		{"MICHELE RUSSIA", "2", false},
		{"MICHELE TRADING", "2", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.8, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			if m.Entry.ID == c.id {
				found = true
			}
		}
		if found != c.found {
			t.Errorf("%s: found %v, want %v (%v)", c.query, found, c.found, ms)
		}
	}
}
