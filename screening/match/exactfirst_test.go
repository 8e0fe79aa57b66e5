package match

import (
	"context"
	"testing"
)

// TestExactFirst checks, on the lists, that a listed name holding the
// acronym of its own words scores its own text in full: the query's
// words HK P W, written together the acronym HKPW, do not take the listed
// words that pair one by one (alignExactFirst; 0.684 before), and the
// name without its acronym still meets it.
func TestExactFirst(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		q     string
		least float64
	}{
		{"HK P&W Industry Co. Ltd (HKPW)", 0.99},
		{"HK P&W Industry Co. Ltd", DefaultThreshold},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Name != "HK P&W Industry Co. Ltd (HKPW)" || ms[0].Score < c.least {
			t.Errorf("%s: got %+v, want HK P&W Industry Co. Ltd (HKPW) at %.2f or more", c.q, ms, c.least)
		}
	}
}
