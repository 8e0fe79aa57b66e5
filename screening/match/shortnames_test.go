package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// shortNameIndex is a small list of organisations for the short-name
// tests, with names of generic words around them so that generic words
// weigh as little as in the whole list.
func shortNameIndex() *Index {
	names := []string{
		"JOINT STOCK COMPANY PRODUCTION ENTERPRISE RADAR 2633",
		"IBEX SHIPPING INC",
		"SOME PRODUCTION ENTERPRISE",
		"OTHER PRODUCTION COMPANY",
		"SHIPPING AND TRADING",
		"GENERAL ENTERPRISE",
	}
	es := make([]*lists.Entry, len(names))
	for i, n := range names {
		es[i] = &lists.Entry{Source: lists.SourceSDN, ID: string(rune('1' + i)), Type: lists.TypeEntity, Name: n}
	}
	return NewIndex(es)
}

// TestShortNameNumber checks that a distinctive word and a number that
// agree stand for an organisation name whose other words are generic, and
// that the word alone, or with another number, does not.
func TestShortNameNumber(t *testing.T) {
	ix := shortNameIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"AO RADAR 2633", "1", true},
		{"RADAR 2633", "1", true},
		{"AO RADAR 2634", "1", false},
		{"AO RADAR", "1", false},
		{"IBEX Ltd", "2", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want {
			t.Errorf("%q: got %+v, want entry %s first", c.query, ms, c.want)
			continue
		}
		if found := ms[0].Score >= DefaultThreshold; found != c.found {
			t.Errorf("%q: score %.3f, found = %v, want %v", c.query, ms[0].Score, found, c.found)
		}
	}
}
