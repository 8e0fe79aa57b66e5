package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestFrenchSh checks the French transliteration of an Arabic sh, and
// that a ch in a word not spelt the French way (a Russian ch) stays apart
// from sh.
func TestFrenchSh(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"tantouche", "tantoush", skelEqualSim(8)},
		{"achour", "ashur", skelEqualSim(5)},
		{"bouchra", "bushra", skelEqualSim(6)},
		{"chubin", "shubin", 0},    // not spelt the French way
		{"chaabane", "chaaban", 0}, // both spelt with ch
		{"mouchel", "moushe", 0},
	} {
		if got := frenchShSim(c.a, skeleton(c.a), c.b, skeleton(c.b)); got != c.want {
			t.Errorf("frenchShSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := frenchShSim(c.b, skeleton(c.b), c.a, skeleton(c.a)); got != c.want {
			t.Errorf("frenchShSim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}

// TestFrenchShSearch checks that a person listed in the French spelling
// is found by the English one and the other way round.
func TestFrenchShSearch(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KAROUCHE, Nabil"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "TALUSHA, Samir"},
	})
	for q, want := range map[string]string{"KARUSH, Nabil": "1", "TALOUCHA, Samir": "2"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != want {
			t.Errorf("%q: %+v, want entry %s", q, ms, want)
		}
	}
}
