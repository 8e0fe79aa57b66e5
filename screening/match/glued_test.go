package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestGluedWords checks that a query word made of a listed organisation's
// word and the next one glued (the next as a letter's name, or over a stop
// word) meets the name, and that a word glued to another word does not.
func TestGluedWords(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "VEKTOR Z LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KS BUILDING AND DESIGN"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"VEKTORZET LLC", "1"},
		{"KS BUILDINGANDDESIGN", "2"},
		{"KS BUILDINGANDDECOR", ""},
	})
	for _, c := range []struct {
		rest, b string
		ok      bool
	}{
		{"zed", "z", true}, {"anddevelopment", "development", true}, {"design", "design", true},
		{"zed", "zed", true}, {"ze", "z", false}, {"andesign", "design", false}, {"ofx", "x", true},
	} {
		if got := gluedWord(c.rest, c.b); got != c.ok {
			t.Errorf("gluedWord(%q, %q) = %v, want %v", c.rest, c.b, got, c.ok)
		}
	}
}

// TestGluedClip checks that a query word of listed words glued, the last
// clipped as compounds clip it (in letters, or in another romanisation),
// meets the name, and that a clip of three letters or of another word
// does not.
func TestGluedClip(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "BRIGHT TURBO TECHNOLOGY LTD"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"BRIGHTTURBOTECH LTD", "1"},
		{"OOO BRIGHTTURBOTEKH", "1"},
		{"BRIGHTTURBOTEC LTD", ""},
		{"BRIGHTTURBOTEXTILE LTD", ""},
	})
}

// TestGluedPartialPerson checks, on the index of the lists' primary names,
// that a person's given name and surname written as one word, a middle
// name left out, are found as the two words written apart are, and that a
// Korean given name written as one word, the surname left out, does not
// reach the threshold.
func TestGluedPartialPerson(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"MUHAMMADHILALI", "HILALI, Muhammad Jalal", true},
		{"WILLIAMYAKUTUMBA", "YAKUTUMBA, William Amuri", true},
		{"NAMHUNG", "KIM, Nam Ung", false},
	})
	score := func(q, name string) float64 {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Name == name {
				return m.Score
			}
		}
		return 0
	}
	for _, c := range [][3]string{
		{"MOHAMMADBARICH", "MOHAMMAD BARICH", "BARICH, Mohammad Naim"},
		{"ABDULLAHAHMED", "ABDULLAH AHMED", "AL-MESHEDANI, Abdullah Ahmed"},
	} {
		if g, a := score(c[0], c[2]), score(c[1], c[2]); a >= DefaultThreshold && g < DefaultThreshold {
			t.Errorf("%s: %q at %.3f, written apart %.3f", c[2], c[0], g, a)
		}
	}
}
