package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestClippedFromLater checks a clipped compound given name with the
// surname taken from a later word of the listed name (the father's name):
// the Kyrgyz Kamchi, named by his father Asanbek, for KOLBAYEV, Kamchybek
// Asanbekovich.
func TestClippedFromLater(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KOLBAYEV, Kamchybek Asanbekovich"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "PETROV, Sergey Ivanovich"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "IVANOV, Sergei"},
	})
	// at 0.78: the listed words' weights in an index of three names are
	// not those of the list (0.80 there)
	checkSoleEntry(t, ix, 0.78, map[string]string{
		"ASANBEK, Kamchi":  "1", // the father's name and the clipped given name
		"KOLBAYEV, Kamchi": "1",
		"PETROV, Kamchi":   "",  // another surname
		"ASANBEK, Kamch":   "",  // a clipped start of five letters is as often another name
		"IVANOV, Sergei":   "3", // not PETROV, Sergey Ivanovich: the given name is not clipped
	})
}

// TestInitialDiphthongs checks the diphthong a name starts with spelt two
// ways, and a person's name found by it.
func TestInitialDiphthongs(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"ouf", "auf", true},
		{"ouda", "awda", true},
		{"oun", "awn", true},
		{"ouf", "ouf", false},       // the same start: the general rules
		{"ouda", "auda", true},      // Ouda, Auda
		{"oussama", "usama", false}, // u, not a diphthong
		{"oaf", "auf", false},       // oa is none
		{"awad", "ouad", false},     // aw before a vowel is the consonant w
	} {
		if got := initialDiphthongs(c.a, c.b); got != c.want {
			t.Errorf("initialDiphthongs(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AUF, Awad Ibn"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "AUF TRADING"},
	})
	checkTopEntry(t, ix, map[string]string{"OUF, Awad Mohamed Ahmed Ibn": "1", "OUF TRADING": ""})
}

// TestJoinedSurnames checks two Persian family names written as one, and
// the family names Persian makes by adding a suffix to a name, which stay
// apart.
func TestJoinedSurnames(t *testing.T) {
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"moradichoghamarani", "moradi", true},
		{"hashemirafsanjani", "hashemi", true},
		{"ahmadinejad", "ahmadi", false},       // a suffix, not a nisba
		{"ahmadizadeh", "ahmadi", false},       // ditto
		{"mohammadikhani", "mohammadi", false}, // -khani: five letters
		{"hashemiaraghi", "hashemi", false},    // a vowel after the first name: not two words
		{"moradi", "moradi", false},
	} {
		if got := joinedSurnames(c.q, c.t); got != c.want {
			t.Errorf("joinedSurnames(%q, %q) = %v, want %v", c.q, c.t, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "MORADI, Alireza"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "HASHEMI, Mohammad Ali"},
	})
	// with a listed given name left out, the shortened name, as a family
	// name of eight letters or more already was with a word after it
	// (HOSSEINISHAHROUDI, Mohammad for HOSSEINI, Mohammad Ali, 0.819)
	checkTopEntry(t, ix, map[string]string{"MORADICHOGHAMARANI, Ali Reza": "1", "HASHEMIRAFSANJANI, Ali": "2"})
}

// TestAbdSunJoined checks abd joined to the next name without a linking
// vowel, split as the spellings with the vowel are.
func TestAbdSunJoined(t *testing.T) {
	for w, want := range map[string]string{
		"abdrabah":     "abd al rabah",
		"abdrakhmanov": "abd al rakhmanov",
		"abdsalam":     "abd al salam",
		"abddulilah":   "abddulilah", // its own d doubled
		"abdkarim":     "abdkarim",   // a moon letter: the article is not assimilated
		"abdrs":        "abdrs",
	} {
		if got := strings.Join(appendNameElements(nil, w), " "); got != want {
			t.Errorf("appendNameElements(%q) = %q, want %q", w, got, want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-OMGY, Said Salih Abd-Rabbuh"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "AL-OMQI, Saeed Salih Abdrabah"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Entry.ID != "1" {
		t.Errorf("AL-OMQI, Saeed Salih Abdrabah: %+v, want entry 1", ms)
	}
}
