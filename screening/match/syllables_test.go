package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestDifferentSyllabicName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"xiaoming", "xiaoping", true}, // one letter, another syllable
		{"xiaoming", "xiaomin", true},  // -ng/-n: another syllable
		{"yongsu", "yongsun", true},
		{"zhang", "zhong", true},
		{"xiaoming", "xiaoming", false},
		{"jeong", "jong", false},           // one Korean syllable in two romanisations
		{"aleksander", "aleksandr", false}, // not syllables
		{"xiaoming", "xiaopeng", false},    // two letters apart: left to the similarity
		{"hongjun", "hongjunxian", false},  // lengths too far apart
		{"yanxiong", "yanxiang", true},
	} {
		got := differentSyllabicName(c.a, c.b, skeleton(c.a), skeleton(c.b))
		if got != c.want {
			t.Errorf("differentSyllabicName(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestShortEastAsianGivenNames checks that a listed Chinese or Korean
// person is not matched by a given name one letter away, which is another
// name, while respellings of the same name still match and the rule
// leaves other people alone.
func TestShortEastAsianGivenNames(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceInternal, ID: "zh", Type: lists.TypeIndividual, Name: "ZHANG, Xiaoming", Nationalities: []string{"CN"}},
		{Source: lists.SourceInternal, ID: "kp", Type: lists.TypeIndividual, Name: "KIM, Yongsu", Citizenships: []string{"KP"}},
		{Source: lists.SourceInternal, ID: "ru", Type: lists.TypeIndividual, Name: "PETROVA, Lena", Nationalities: []string{"RU"}},
	})
	for _, c := range []struct {
		query, want string // want: the entry ID matched, "" for none
	}{
		{"Zhang Xiaoming", "zh"},
		{"Xiaoming Zhang", "zh"},
		{"Zhang Xiaoping", ""},
		{"Zhang Xiaomin", ""},
		{"Zhong Xiaoming", ""},
		{"Kim Yongsu", "kp"},
		{"Kim Yongsoo", "kp"}, // the same syllable respelt
		{"Gim Yongsu", "kp"},  // the family name in another romanisation
		{"Kim Yongsun", ""},
		{"Lina Petrova", "ru"}, // not a Chinese or Korean name: a respelling
	} {
		checkTopMatch(t, ix, c.query, c.want)
	}
}

// checkTopMatch searches query at the default threshold and fails unless
// the best match is the entry with ID want ("" for no match).
func checkTopMatch(t *testing.T, ix *Index, query, want string) {
	t.Helper()
	ms, err := ix.Search(context.Background(), Query{Name: query})
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	if len(ms) > 0 {
		got = ms[0].Entry.ID
	}
	if got != want {
		t.Errorf("%q: matched %q, want %q (%+v)", query, got, want, ms)
	}
}

// TestKoreanOneLetterSyllable checks that a Korean syllable written with
// its vowel alone (U, as the North Korean system writes 우) is the same
// syllable as its customary spelling (Woo): CHO IL U is on the UN list,
// Cho Il Woo the alias it gives him.
func TestKoreanOneLetterSyllable(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceUN, ID: "1", Type: lists.TypeIndividual, Name: "CHO IL U", Nationalities: []string{"KP"}},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "Cho Il Woo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score < DefaultThreshold {
		t.Fatalf("matches %+v, want CHO IL U at %.2f or more", ms, DefaultThreshold)
	}
	if g := variantGroupOf("u"); g == 0 || g != variantGroupOf("woo") {
		t.Errorf("u in group %d, woo in group %d: want one group", g, variantGroupOf("woo"))
	}
}
