package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestRespelledListedWord checks that a query word that is itself a word of
// another listed name still reaches the respelling it stands for:
// "Mohamed" is listed (FUAD MOHAMED KHALAF, UN SOi.005), and OFAC lists
// "AKBAR, Mohamed" as an alias of "AKBAR, Mohamad" (SDN 39578).
func TestRespelledListedWord(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceUN, ID: "SOi.005", Type: lists.TypeIndividual, Name: "FUAD MOHAMED KHALAF"},
		{Source: lists.SourceSDN, ID: "39578", Type: lists.TypeIndividual, Name: "AKBAR, Mohamad"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "AKBAR, Mohamed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "39578" {
		t.Fatalf("got %+v, want only SDN 39578", ms)
	}
	found := false
	for _, tm := range ms[0].Tokens {
		if tm.Query == "mohamed" && tm.Candidate == "mohamad" {
			found = true
		}
	}
	if !found || ms[0].Score < 0.85 {
		t.Errorf("score %.4f, tokens %+v: want mohamed aligned with mohamad and a score of 0.85 or more", ms[0].Score, ms[0].Tokens)
	}
}

// TestCommonWordRespellings checks that the rare respellings of a common
// query word ("technologii", "institut") do not crowd the name that has
// the word itself out of the candidates: the Entity List's "Beijing
// Institute of Technology", searched as listed, is found with score 1.
func TestCommonWordRespellings(t *testing.T) {
	ms, err := defaultIndex(t).Search(context.Background(), Query{Name: "Beijing Institute of Technology"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "Beijing Institute of Technology" || ms[0].Score != 1 {
		t.Fatalf("got %+v, want Beijing Institute of Technology with score 1", ms)
	}
}
