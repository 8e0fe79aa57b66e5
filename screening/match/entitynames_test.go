package match

import (
	"fmt"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestGroupPrefixPeopleNotCompanies checks that a company's own word after
// its group's prefix that people's names hold too (a surname) still stands
// for the company with its registered form, while a word that other
// companies' names hold does not.
func TestGroupPrefixPeopleNotCompanies(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "PUBLIC JOINT-STOCK COMPANY ODK-ZORVATOV"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "PUBLIC JOINT-STOCK COMPANY ODK-KELBUROV"},
	}
	for i := range 6 {
		es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("p", i), Type: lists.TypeIndividual, Name: fmt.Sprintf("ZORVATOV, Given%c", 'A'+i)})
		es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: fmt.Sprint("c", i), Type: lists.TypeEntity, Name: fmt.Sprintf("KELBUROV TRADE%c LLC", 'A'+i)})
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	ix := NewIndex(es)
	for _, c := range []struct {
		q, want string
		found   bool
	}{{"ZORVATOV PAO", "1", true}, {"KELBUROV PAO", "2", false}} {
		ms, err := ix.Search(t.Context(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Entry.ID == c.want
		}
		if found != c.found {
			t.Errorf("%q: entry %s found %v, want %v (%v)", c.q, c.want, found, c.found, ms)
		}
	}
}
