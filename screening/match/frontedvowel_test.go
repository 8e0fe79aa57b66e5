package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestFrontedA checks the Arabic a written e in a word of three letters,
// and that other vowels, other consonants and two Pinyin syllables stay
// apart.
func TestFrontedA(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"heq", "haq", vowelShapeSim},
		{"heq", "hak", vowelShapeSim}, // q and k: one skeleton letter
		{"han", "hen", 0},             // two Chinese names
		{"bin", "ban", 0},             // i is not e
		{"haq", "hab", 0},
		{"aqe", "aqa", 0},
	} {
		if got := frontedASim(c.a, skeleton(c.a), c.b, skeleton(c.b)); got != c.want {
			t.Errorf("frontedASim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := frontedASim(c.b, skeleton(c.b), c.a, skeleton(c.a)); got != c.want {
			t.Errorf("frontedASim(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "JALIL HAQ"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "Jalil Heq"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" {
		t.Errorf("Jalil Heq: %+v, want entry 1", ms)
	}
}
