package match

import (
	"context"
	"testing"
)

// TestNamePartRun checks, on the index of the real-alias evaluation, that
// a listed person's first words, adjacent and in order, with the later
// names left out, match when neither name has a comma (namePartRun), and
// that the same words out of order or with a comma on one side score as a shortened name only (alphaPartialPerson), lower.
func TestNamePartRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	const listed = "MOHAMMAD NAIM BARICH KHUDAIDAD"
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"Mohammad Naim", listed, true}, // the later names left out
		{"Mohammad Naim Barich", listed, true},
	})
	score := func(q string) float64 {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: 0.5, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Name == listed {
				return m.Score
			}
		}
		return 0
	}
	run := score("Mohammad Naim")
	for _, q := range []string{
		"Naim Mohammad",  // out of order
		"NAIM, Mohammad", // a comma on one side: the order says nothing
	} {
		if s := score(q); s >= DefaultThreshold || s > run-0.02 {
			t.Errorf("%q: %.3f, want below %.2f and %.3f", q, s, DefaultThreshold, run-0.02)
		}
	}
}

// TestOneLooseEdge checks, on the index of the real-alias evaluation, that
// a person's name shortened, its other words written alike, may have one
// word respelled beyond its vowels (oneLooseEdge), and that two such words,
// or one further apart, are another name.
func TestOneLooseEdge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	const listed = "FRANK KAKOLELE BWAMBALE"
	checkMatches(t, realAliasIndex(t), []personCase{
		{"Frank Kakorere", listed, true},   // l and r, Kakorere / Kakolele 0.775
		{"Franck Kakorere", listed, false}, // two words respelled
		{"Frank Kaborere", listed, false},  // further apart
	})
}
