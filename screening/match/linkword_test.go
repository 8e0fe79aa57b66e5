package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLinkWordOnTop checks that the preposition with, said on top of the
// whole of a listed organisation's name, counts as the stop word and does:
// nothing.
func TestLinkWordOnTop(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK-DIRECT"},
	}
	es = append(es, numberedEntities(60, "SERVICE PARTNERS")...)
	ix := NewIndex(es)
	score := func(q string) float64 {
		t.Helper()
		ms, err := ix.Search(t.Context(), Query{Name: q, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 {
			return 0
		}
		return ms[0].Score
	}
	with, and := score("ZORVATEK DIRECT WITH PARTNERS"), score("ZORVATEK DIRECT AND PARTNERS")
	if with < DefaultThreshold || with != and {
		t.Errorf("ZORVATEK DIRECT WITH PARTNERS %.3f, AND PARTNERS %.3f: want the same, at least %.2f", with, and, DefaultThreshold)
	}
}
