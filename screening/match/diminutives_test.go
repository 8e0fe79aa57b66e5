package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSlavicDiminutives checks that a Russian short form of a given name
// (slavic-diminutives.txt) meets the full name at cognateSim beside a
// surname that agrees, and that the short form alone finds no one-word
// name.
func TestSlavicDiminutives(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SOKOLOVA, Nadezhda Ivanovna"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "ORLOV, Aleksandr Petrovich"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeVessel, Name: "MIKHAIL"},
	})
	for _, c := range []struct {
		q, id, given string // the query's short form, aligned at cognateSim
	}{
		{"SOKOLOVA, Nadya", "1", "nadya"},
		{"Sasha Orlov", "2", "sasha"},
		{"ORLOV, Sacha", "2", "sacha"},
		{"Misha", "", ""},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if c.id == "" {
			if len(ms) != 0 {
				t.Errorf("%q: %+v, want no match", c.q, ms)
			}
			continue
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.id {
			t.Errorf("%q: %+v, want entry %s", c.q, ms, c.id)
			continue
		}
		for _, tm := range ms[0].Tokens {
			if tm.Query == c.given && float32(tm.Similarity) != cognateSim {
				t.Errorf("%q: %s aligned at %.3f, want %.2f", c.q, tm.Query, tm.Similarity, cognateSim)
			}
		}
	}
}
