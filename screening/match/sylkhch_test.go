package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSyllabicKhCh checks that a syllabic name whose part is clipped from
// an English loanword written with kh for ch (тех, SBERTEKH) finds the
// listed name in English (SBERBANK TECHNOLOGIES) as the spelling with ch
// does, and that a part that is no clipping of the next word does not.
func TestSyllabicKhCh(t *testing.T) {
	if got := string(sylKhCh(nil, "tekhkhim")); got != "techchim" {
		t.Errorf("sylKhCh(tekhkhim) = %q", got)
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "SBERBANK TECHNOLOGIES CLOSED JOINT STOCK COMPANY"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "SBERBANK OF RUSSIA"},
	})
	checkEntryFound(t, ix, "SDN:1", "SBERBANK TECHNOLOGIES", []foundCase{
		{"SBERTEKH, ZAO", true},
		{"SBERTEKH", true},
		{"SBERTECH", true},
		{"SBERKHIM", false},
		{"SBERTOKH", false},
	})
}
