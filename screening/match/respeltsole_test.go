package match

import (
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
	checkEntryFound(t, ix, "SDN:1", "ATOMAIZ", []foundCase{
		{"ATOMYZE RUSSIA", true},
		{"ATOMYZE", true},
		{"ATOMYZE TRADING", true},
	})
	checkEntryFound(t, ix, "SDN:2", "MECHEL", []foundCase{
		{"MICHELE RUSSIA", false},
		{"MICHELE TRADING", false},
	})
}
