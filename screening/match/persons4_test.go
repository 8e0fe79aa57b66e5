package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLatinGivenNameForms checks the Belarusian Latin alphabet (Łacinka)
// and the English or Latin form of an East Slavic given name against the
// Russian romanisation listed.
func TestLatinGivenNameForms(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"arciom", "artem"}, {"kanstancin", "konstantin"}, {"eugenia", "evgeniya"}, {"evgenia", "yevgeniya"},
	} {
		if g := variantGroupOf(c.a); g == 0 || g != variantGroupOf(c.b) {
			t.Errorf("%q and %q are not one group", c.a, c.b)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SHCHERBAKOVA, Evgeniya Sergeyevna"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "LAPTSEVA, Artem Konstantinovich"},
	})
	for q, want := range map[string]string{"SHCHERBAKOVA, Eugenia": "1", "LAPTSEVA, Arciom": "2"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != want || ms[0].Score < 0.9 {
			t.Errorf("%q: %+v, want entry %s at 0.9 or more", q, ms, want)
		}
	}
}

func TestCompoundOf(t *testing.T) {
	for _, c := range []struct {
		long, short string
		want        bool
	}{
		{"hedayatollah", "hedayat", true},
		{"kashanimehr", "kashani", true},
		{"mostafavi", "mostaf", true},
		{"nkundabatware", "nkunda", true},
		{"hasanzadeh", "hasan", false}, // a start of five letters
		{"kashani", "kashan", false},   // the nisba -i: one letter more
		{"mostafavi", "mustaf", false},
	} {
		if got := compoundOf(c.long, c.short); got != c.want {
			t.Errorf("compoundOf(%q, %q) = %v, want %v", c.long, c.short, got, c.want)
		}
		if got := compoundPair(c.short, c.long); got != c.want {
			t.Errorf("compoundPair(%q, %q) = %v, want %v", c.short, c.long, got, c.want)
		}
	}
}

// TestPersonCompounds checks that a person's name element shortened or
// joined to another is found and scored as the same element, for people
// only.
func TestPersonCompounds(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "FARZADI, Hedayat"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "KASHANIMEHR, Alireza"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "LAURENT NKUNDA"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "MARINETECH SHIPPING"},
		// marine is a listed word, as in the lists, so the query's MARINE is
		// no clipped MARINETECH (clipped.go looks up unlisted words only)
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "MARINE CONSULTING"},
	})
	for q, want := range map[string]string{
		"FARZADI, Hedayatollah": "1",
		"KASHANI, Alireza":      "2",
		"Laurent Nkundabatware": "3",
		"MARINE SHIPPING":       "",
	} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			if len(ms) != 0 {
				t.Errorf("%q: %+v, want no match", q, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Entry.ID != want || ms[0].Score < 0.85 {
			t.Errorf("%q: %+v, want entry %s at 0.85 or more", q, ms, want)
		}
	}
}

func TestTokenIDHashed(t *testing.T) {
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "FARZADI, Hedayat"}})
	for _, w := range []string{"farzadi", "hedayat", "hedaya", "x"} {
		id, ok := ix.tokenID(w)
		id2, ok2 := ix.tokenIDHashed(w, hashStr(seedVocab, w))
		if id != id2 || ok != ok2 {
			t.Errorf("%q: tokenIDHashed %d %v, tokenID %d %v", w, id2, ok2, id, ok)
		}
	}
}

func TestVowellessPairSim(t *testing.T) {
	for _, c := range []struct {
		q, c string
		want float32
	}{
		{"daj", "dj", vowelShapeSim},
		{"dajj", "dj", vowelShapeSim},
		{"dj", "daj", vowelShapeSim},
		{"jad", "dj", 0},   // another first letter
		{"dahij", "dj", 0}, // five letters
		{"dam", "dj", 0},   // other consonants
		{"da", "dj", 0},    // a vowel in the short word
		{"al", "el", 0},    // both written with vowels
		{"daja", "dj", vowelShapeSim},
	} {
		q := qtok{s: c.q}
		tk := tokInfo{s: c.c}
		if got := vowellessPairSim(&q, &tk); got != c.want {
			t.Errorf("vowellessPairSim(%q, %q) = %v, want %v", c.q, c.c, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-DJ, Mahmoud Abdulilah"}})
	for _, q := range []string{"DAJ, Mahmoud Abdul-ilah", "DAJJ, Mahmud Abdulilah"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Score < 0.95 {
			t.Errorf("%q: %+v, want one match at 0.95 or more", q, ms)
		}
	}
}

// TestAbdullahiWhole checks that abd joined to the name of God stays one
// word in its genitive spellings (Abdullahi, Abdillahi), one name with
// Abdullah, while abd joined to another name still splits.
func TestAbdullahiWhole(t *testing.T) {
	for w, want := range map[string]string{
		"abdullahi":  "abdullahi",
		"abdillahi":  "abdillahi",
		"abdullah":   "abdullah",
		"abdirahman": "abd al rahman",
		"abdelmajid": "abd al majid",
	} {
		if got := strings.Join(appendNameElements(nil, w), " "); got != want {
			t.Errorf("appendNameElements(%q) = %q, want %q", w, got, want)
		}
	}
	if g := variantGroupOf("abdillahi"); g == 0 || g != variantGroupOf("abdullah") {
		t.Errorf("abdillahi and abdullah are not one group")
	}
}

func TestQafGSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"aogad", "awqad", vowelShapeSim},
		{"aqlyl", "agleel", vowelShapeSim},
		{"gasim", "qasim", vowelShapeSim},
		{"qasim", "qassem", 0}, // no g: the skeletons compare these
		{"gamal", "kamal", 0},  // k is not read as g
		{"gasim", "hasim", 0},
		{"qader", "gadir", vowelShapeSim},
		{"qadr", "gadir", 0}, // a vowel more is not the same key
	} {
		if got := qafGSim(c.a, c.b); got != c.want {
			t.Errorf("qafGSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-HAMIDAWI, Awqad Muhsin Faraj"}})
	ms, err := ix.Search(context.Background(), Query{Name: "AL-HAMADAWI, Aogad Mohsin Faraj"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score < 0.85 {
		t.Errorf("%+v, want one match at 0.85 or more", ms)
	}
}

func TestChHSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"achmad", "ahmad", skelEqualSim(5)},
		{"rochim", "rahim", vowelShapeSim},
		{"mochtar", "mokhtar", skelEqualSim(6)},
		{"ahmad", "achmad", skelEqualSim(5)},
		{"chang", "hang", 0},    // a first ch is left as it is
		{"rochim", "rachim", 0}, // ch on both sides
		{"bachir", "bashir", 0}, // French ch is sh
		{"machmud", "mahmud", skelEqualSim(6)},
	} {
		if got := chHSim(c.a, skeleton(c.a), c.b, skeleton(c.b)); got != c.want {
			t.Errorf("chHSim(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestQafGHits checks that a query word written with q finds the listed
// word written with g that it is read as.
func TestQafGHits(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AGLEEL, Ahmed"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "'ALI, Ahmad"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "AQLYL, Ahmad"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" || ms[0].Score < 0.85 {
		t.Errorf("%+v, want entry 1 at 0.85 or more", ms)
	}
}

// TestSurnameAfterGiven checks that a query naming a listed person by the
// listed surname among its given names, with another surname in front,
// counts that surname as the query's own given names do, and that the
// listed surname first after the comma does not.
func TestSurnameAfterGiven(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceInternal, ID: "1", Type: lists.TypeIndividual, Name: "FUTUYO, Alfred"},
		{Source: lists.SourceInternal, ID: "2", Type: lists.TypeIndividual, Name: "GARANE, Omari"},
		{Source: lists.SourceInternal, ID: "3", Type: lists.TypeIndividual, Name: "TALIB, Yusri"},
	})
	score := func(q string) float64 {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.Name != "FUTUYO, Alfred" {
			t.Fatalf("%q: matches %+v", q, ms)
		}
		return ms[0].Score
	}
	last, first := score("KARABA, Alfred Futuyo"), score("KARABA, Futuyo Alfred")
	if last < DefaultThreshold || first >= last {
		t.Errorf("KARABA, Alfred Futuyo %.3f, KARABA, Futuyo Alfred %.3f: want the first at the threshold or more and above the second", last, first)
	}
	// the mirror (surnameFromLater): the query's surname the listed
	// name's last word, the listed surname left out
	ix = NewIndex([]*lists.Entry{
		{Source: lists.SourceInternal, ID: "1", Type: lists.TypeIndividual, Name: "KARABA, Alfred Futuyo"},
		{Source: lists.SourceInternal, ID: "2", Type: lists.TypeIndividual, Name: "GARANE, Omari"},
		{Source: lists.SourceInternal, ID: "3", Type: lists.TypeIndividual, Name: "TALIB, Yusri"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "FUTUYO, Alfred", Threshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	ms2, err := ix.Search(context.Background(), Query{Name: "ALFRED, Futuyo", Threshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Score < DefaultThreshold || len(ms2) > 0 && ms2[0].Score >= ms[0].Score {
		t.Errorf("FUTUYO, Alfred %+v, ALFRED, Futuyo %+v: want the first at the threshold or more and above the second", ms, ms2)
	}
}
