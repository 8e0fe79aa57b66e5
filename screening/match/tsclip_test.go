package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestTsClipC checks which c a clipping's look-up reads as ts.
func TestTsClipC(t *testing.T) {
	for _, c := range []struct {
		w    string
		i    int
		want bool
	}{
		{"specvolt", 3, true},  // c before v
		{"specmash", 3, true},  // c before m
		{"spectr", 3, false},   // English ct
		{"tecknik", 2, false},  // English ck
		{"spec", 3, false},     // at the end: nothing after it
		{"technika", 2, false}, // ch
	} {
		if got := tsClipC(c.w, c.i); got != c.want {
			t.Errorf("tsClipC(%q, %d) = %v, want %v", c.w, c.i, got, c.want)
		}
	}
}

// TestTsClipHits checks that a clipping written with c for ts finds the
// listed word it begins, and that one that does not begin it does not.
func TestTsClipHits(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY SPETSVOLTAZH"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "GLOBAL TRADING LLC"},
	})
	checkEntryFound(t, ix, "SDN:1", "SPETSVOLTAZH", []foundCase{
		{"SPECVOLT", true},
		{"SPECVOLT LLC", true},
		{"SPECVOLK", false}, // not the listed word's beginning
		{"SPEZVOLT", false}, // z is no c
	})
}
