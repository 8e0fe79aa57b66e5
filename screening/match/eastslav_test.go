package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSlavFold checks the Belarusian spellings read as the Russian ones:
// tsekanne, dzekanne, the surname ending -аў, -еў, -оўск- and -аў- before a
// consonant, and that
// words without them, or of one syllable, are read as they are.
func TestSlavFold(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"sidarau", "sidorov", vowelShapeSim},
		{"zubau", "zubov", skelEqualSim(5)},
		{"katsianevich", "kotenevich", vowelShapeSim},
		{"tsikhanouskaya", "tikhanovskaya", skelEqualSim(13)},
		{"dzmitryi", "dmitriy", skelEqualSim(7)},
		{"lukyaneu", "lukyanov", vowelShapeSim},
		{"paulichenka", "pavlichenko", vowelShapeSim},
		{"abdurrauf", "abdurraf", 0},
		{"mamadou", "mamadov", 0}, // a French u
		{"tsien", "tien", 0},      // one syllable: Wade-Giles
		{"petrov", "petrova", 0},  // nothing to read
	} {
		if got := slavFoldSim(c.a, c.b); got != c.want {
			t.Errorf("slavFoldSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := slavFoldSim(c.b, c.a); got != c.want {
			t.Errorf("slavFoldSim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}

// TestBelarusianSurnames checks that a person listed under the
// Belarusian form of a surname is found by its Russian form and the other
// way round, though no other key of the index pairs the two.
func TestBelarusianSurnames(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KATSIANEVICH, Ihar"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "SIDOROV, Nikolai"},
	})
	for q, want := range map[string]string{"KOTENEVICH, Ihar": "1", "SIDARAU, Nikolai": "2"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != want {
			t.Errorf("%q: %+v, want entry %s", q, ms, want)
		}
	}
}
