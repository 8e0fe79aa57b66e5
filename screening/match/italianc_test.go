package match

import (
	"context"
	"math"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestItalianRussian checks how a word is read as Italian and romanised
// through Russian.
func TestItalianRussian(t *testing.T) {
	for _, c := range []struct {
		w, want string
		ok      bool
	}{
		{"luciano", "luchano", true},
		{"giovanni", "dzhovanni", true},
		{"cesare", "chesare", true},
		{"ricci", "richi", true},
		{"piscina", "pishina", true},
		{"trading", "trading", false},
	} {
		got, ok := appendItalianRussian(nil, c.w)
		if string(got) != c.want || ok != c.ok {
			t.Errorf("%s: got %q %v, want %q %v", c.w, got, ok, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"luciano", true}, {"giovanni", true}, {"marcia", true},
		{"cesare", false}, // no silent i: left to the fuzzy keys
		{"trading", false},
	} {
		if got := italianSilentI(c.w); got != c.want {
			t.Errorf("italianSilentI(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

// TestItalianHits checks that an Italian name finds its romanisation
// through Russian as a word of equal skeleton, and that a word of five
// letters does not.
func TestItalianHits(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU LUCHANO"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "DACHA TRADING LLC"},
	})
	for _, c := range []struct {
		query, word string
		want        float64
	}{
		{"LUCIANO HOTEL", "luchano", float64(skelEqualSim(7))},
		{"DACIA TRADING LLC", "dacha", -1},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		got := -1.0
		for _, m := range ms {
			for _, tm := range m.Tokens {
				if tm.Candidate == c.word {
					got = tm.Similarity
				}
			}
		}
		if c.want < 0 && got >= 0.9 || c.want >= 0 && math.Abs(got-c.want) > 0.001 {
			t.Errorf("%q: %s aligned at %v, want %v", c.query, c.word, got, c.want)
		}
	}
}
