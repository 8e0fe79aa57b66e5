package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestHiTechClipping checks that a query's hi-tech (hi tech, high tech)
// aligns with a listed organisation's high technology beside a word of the
// name's own (alignHiTech), and not where the name has none: a business
// called hi-tech does not find a listed name of ordinary words.
func TestHiTechClipping(t *testing.T) {
	for _, c := range []struct {
		listed, query string
		found         bool
	}{
		{"KESTRELAV AVIATION HIGH-TECHNOLOGY COMPANY LIMITED", "KESTRELAV HI-TECH", true},
		{"KESTRELAV AVIATION HIGH-TECHNOLOGY COMPANY LIMITED", "KESTRELAV HIGH TECH", true},
		{"SUN RIVER HIGH TECHNOLOGY LIMITED", "SUN RIVER HI-TECH", false}, // ordinary words only
	} {
		score := scoreBesideRealAliases(t, c.listed, c.query)
		if got := score >= DefaultThreshold; got != c.found {
			t.Errorf("%q for %q: score %.3f, found = %v, want %v", c.query, c.listed, score, got, c.found)
		}
	}
}

// scoreBesideRealAliases returns the score of query against an
// organisation named listed, indexed beside the real-alias evaluation's
// entries (so that its words weigh as the list's do), or 0 when the search
// does not return it at 0.3.
func scoreBesideRealAliases(t *testing.T, listed, query string) float64 {
	t.Helper()
	es := append(realAliasEntries(t), &lists.Entry{Source: lists.SourceSDN, ID: "beside", Type: lists.TypeEntity, Name: listed})
	ms, err := NewIndex(es).Search(context.Background(), Query{Name: query, Threshold: 0.3, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Entry.ID == "beside" {
			return m.Score
		}
	}
	return 0
}
