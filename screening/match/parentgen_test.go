package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestParentGenitive checks that a Russian subsidiary's full name, with
// дочернее before its form and its parent named in the genitive after it,
// finds the subsidiary listed under its own name; that the listed full name
// is still found as written; and that a branch's or a representative
// office's name, or a name of no form of its own, keeps its parent's.
func TestParentGenitive(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "GAZMASH, AO"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "OAO VOLGOGRADNEFTEMASH"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "PUBLIC JOINT STOCK COMPANY GAZPROM"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO TRUBMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA NEFTEPROM"},
	})
	checkEntryFound(t, ix, "SDN:1", "GAZMASH, AO", []foundCase{
		{"DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO GAZMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM", true},
		{"DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO GAZMASH", true},
		{"OAO GAZMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM", true},
		// no form of its own: the words before may be the parent's
		// description
		{"GAZMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM", false},
	})
	checkEntryFound(t, ix, "SDN:2", "OAO VOLGOGRADNEFTEMASH", []foundCase{
		{"DOCHERNEE AKTSIONERNOE OBSHCHESTVO OTKRYTOGO TIPA VOLGOGRADNEFTEMASH ROSSIISKOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM", true},
	})
	checkEntryFound(t, ix, "SDN:3", "GAZPROM", []foundCase{
		// the parent is not the subsidiary
		{"DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO GAZMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM", false},
	})
	checkEntryFound(t, ix, "SDN:4", "TRUBMASH", []foundCase{
		{"DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO TRUBMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA NEFTEPROM", true},
		{"OAO TRUBMASH", true},
	})
	// the words kept of each name, 0 for all of them
	for q, want := range map[string]int{
		"filial otkrytogo aktsionernogo obshchestva gazprom":                                              0,
		"predstavitelstvo aktsionernogo obshchestva dyulak kepital":                                       0,
		"ooo filial otkrytogo aktsionernogo obshchestva gazprom":                                          0,
		"dochernee otkrytoe aktsionernoe obshchestvo gazmash otkrytogo aktsionernogo obshchestva gazprom": 5,
		"aktsionernoe obshchestvo otkrytogo tipa gazmash":                                                 0,
		"gazmash oao otkrytogo aktsionernogo obshchestva gazprom":                                         2,
		"gazmash otkrytogo aktsionernogo obshchestva gazprom":                                             0,
	} {
		f := canonLegal(splitFields(nil, q), make([]byte, 0, 256))
		if want == 0 {
			want = len(f)
		}
		if got := len(parentGenitiveCut(f, make([]byte, 0, 256))); got != want {
			t.Errorf("%q: %d words kept, want %d", q, got, want)
		}
	}
}
