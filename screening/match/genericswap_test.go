package match

import (
	"context"
	"testing"
)

// TestGenericSwap checks, on the index of the real-alias evaluation
// (realAliasEntries), that a listed organisation's name with business words
// swapped for others (PRODUCTION for DEVELOPMENT, INSTITUTION for FOUNDATION)
// is found, and that a distinctive word in the same place is not taken for
// a business word. The first two queries are aliases OFAC publishes for
// the listed names.
func TestGenericSwap(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query string
		want  string // the listed name found first at DefaultThreshold, "" for none
	}{
		{"RESEARCH AND PRODUCTION ENTERPRISE SAPFIR JOINT STOCK COMPANY", "JOINT STOCK COMPANY RESEARCH AND DEVELOPMENT ENTERPRISE SAPFIR"},
		{"MUHJAT AL-QUDS INSTITUTION", "MUHJAT ALQUDS FOUNDATION"},
		{"RESEARCH AND VOLGA ENTERPRISE SAPFIR JOINT STOCK COMPANY", ""}, // VOLGA is a name, not a business word
		{"MUHJAT AL-QUDS ZENIT", ""},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == "" && len(ms) > 0:
			t.Errorf("%q: got %s %.3f, want no match", c.query, ms[0].Name, ms[0].Score)
		case c.want != "" && (len(ms) == 0 || ms[0].Name != c.want):
			t.Errorf("%q: got %+v, want %s", c.query, ms, c.want)
		}
	}
}
