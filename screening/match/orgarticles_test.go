package match

import (
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestOrgArticle checks that the Arabic article a query writes before a
// word of an organisation's name (orgArticles) is no word left over when
// two words of the name's own agree, and still is beside one.
func TestOrgArticle(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVAH CHARITABLE ORGANIZATION"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "AL-KELBURAH TRUST"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "AL-QUENTRA CORPORATION"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	for i, w := range []string{"ALFA", "BETA", "GAMMA", "DELTA"} {
		for _, g := range []string{"CHARITABLE", "ORGANIZATION", "ASSOCIATION", "TRUST", "GROUP", "CORPORATION", "AL FALAH", "AL NOOR"} {
			es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("g", i, g), Type: lists.TypeEntity, Name: w + " " + g})
		}
	}
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"AL-ZORVAH CHARITABLE ASSOCIATION", "1"},
		{"KELBURAH TRUST", "2"},
		{"QUENTRA RESOURCES GROUP", ""}, // one word of the name's own
	})
}
