package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLegalFormTypeMismatch checks that a query whose name carries a legal
// form is taken for an organisation: against a listed vessel or person whose
// name has no legal form it costs type_mismatch, as Query.Type would, and
// once only when the query also states its type. The listed names are
// OFAC's (SDN vessels SOLAN and GLAUCUS) and the UN's (HITTA, Sidan Ag); the
// queries are the names of SEC issuers.
func TestLegalFormTypeMismatch(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeVessel, Name: "SOLAN"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeVessel, Name: "GLAUCUS"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "HITTA, Sidan Ag"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "SOLAN TRADING"},
	})
	for _, c := range []struct {
		query    string
		typ      lists.EntryType
		want     string // entry ID of the best match
		mismatch int    // type_mismatch adjustments it carries
	}{
		{"Solana Co", "", "1", 1},
		{"GLAUKOS Corp", "", "2", 1},
		{"GLAUKOS Corp", lists.TypeEntity, "2", 1}, // stated and said by the legal form: counted once
		{"Solan", "", "1", 0},                      // no legal form: nothing said of its kind
		{"HITTA, Siddan Ag", "", "3", 0},           // the listed name has the same word: AG says nothing
		{"SOLAN TRADING LTD", "", "4", 0},          // an organisation against an organisation
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Type: c.typ, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want {
			t.Errorf("%q: got %+v, want entry %s first", c.query, ms, c.want)
			continue
		}
		n := 0
		for _, a := range ms[0].Adjustments {
			if a.Kind == "type_mismatch" {
				n++
				if a.Delta != deltaTypeMismatch {
					t.Errorf("%q: type_mismatch %v, want %v", c.query, a.Delta, deltaTypeMismatch)
				}
			}
		}
		if n != c.mismatch {
			t.Errorf("%q: %d type_mismatch adjustments (%+v), want %d", c.query, n, ms[0].Adjustments, c.mismatch)
		}
	}
	// at the default threshold the company finds no vessel
	for _, q := range []string{"Solana Co", "GLAUKOS Corp"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 0 {
			t.Errorf("%q: got %s %.3f, want no match", q, ms[0].Name, ms[0].Score)
		}
	}
}
