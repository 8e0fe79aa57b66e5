package match

import (
	"context"
	"testing"
)

// TestNamePartRun checks, on the index of the real-alias evaluation, that
// a run of adjacent words of a listed person's name, in order, with given
// names or a family name left out at an end, matches when neither name
// has a comma (namePartRun), and that the same words out of order, not
// adjacent, or with a comma on one side score as a shortened name only
// (alphaPartialPerson), lower.
func TestNamePartRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	const listed = "MOHAMMAD NAIM BARICH KHUDAIDAD"
	ix := NewIndex(realAliasEntries(t))
	checkMatches(t, ix, []personCase{
		{"Mohammad Naim", listed, true}, // the family names left out
		{"Naim Barich", listed, true},   // a given name and the last name left out
		{"Naim Barich Khudaidad", listed, true},
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
	// not adjacent: a name between left out
	if s, adj := score("Mohammad Barich"), score("Naim Barich"); s > adj-0.02 {
		t.Errorf("Mohammad Barich: %.3f, want below Naim Barich's %.3f by 0.02", s, adj)
	}
}

// TestNamePartAdded checks, on the index of the real-alias evaluation,
// that a listed person's whole name as a run of adjacent query words, in
// order, with as many words of the query's own at its ends as it has or
// fewer, matches when neither name has a comma (namePartAdded), and that
// more words of the query's own, or the listed words apart (and not
// first and last: middleNamesAdded), do not.
func TestNamePartAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, NewIndex(realAliasEntries(t)), []personCase{
		{"Laurent Nkunda Mahoro", "LAURENT NKUNDA", true},              // a name after
		{"Laurent Nkunda Mahoro Batware", "LAURENT NKUNDA", true},      // two
		{"Mahoro Laurent Nkunda", "LAURENT NKUNDA", true},              // a name before
		{"Laurent Nkunda Mahoro Batware Ali", "LAURENT NKUNDA", false}, // more words of its own than the listed name
		{"Mahoro Laurent Batware Nkunda", "LAURENT NKUNDA", false},     // the listed words apart
	})
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
	checkMatches(t, NewIndex(realAliasEntries(t)), []personCase{
		{"Frank Kakorere", listed, true},   // l and r, Kakorere / Kakolele 0.775
		{"Franck Kakorere", listed, false}, // two words respelled
		{"Frank Kaborere", listed, false},  // further apart
	})
}
