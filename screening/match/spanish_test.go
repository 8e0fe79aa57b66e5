package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSpanishJ checks that a j inside a word is read as the kh of a listed
// person's name that came through Russian (a patronymic), and only there.
func TestSpanishJ(t *testing.T) {
	if got := string(spanishJRead(nil, "mijail")); got != "mikhail" {
		t.Errorf("spanishJRead(mijail) = %q", got)
	}
	if got := string(spanishJRead(nil, "djamil")); got != "djamil" {
		t.Errorf("spanishJRead(djamil) = %q", got)
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "BERIDZE, Kakhaber Pavlovich"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "AL-ZUBAIDI, Nakhib"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "BERIDZE, Kajaber"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Entry.ID != "1" {
		t.Errorf("Kajaber: %+v, want entry 1", ms)
	}
	// no patronymic: an Arabic j is not a kh, and the words keep the
	// similarity of their letters
	ms, _ = ix.Search(context.Background(), Query{Name: "AL-ZUBAIDI, Najib", Threshold: 0.5})
	for _, m := range ms {
		for _, tm := range m.Tokens {
			if tm.Query == "najib" && tm.Similarity >= 0.8 {
				t.Errorf("Najib: %s aligned at %.3f, want its letters' similarity", tm.Candidate, tm.Similarity)
			}
		}
	}
}
