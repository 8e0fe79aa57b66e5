package match

import (
	"slices"
	"testing"
)

// TestKunyaLinks checks that the kunya written joined to the article
// (Abul, Abol, Aboul) is read as abu and al, as abdul is read abd and al.
func TestKunyaLinks(t *testing.T) {
	for w, want := range map[string][]string{
		"abul":   {"abu", "al"},
		"abol":   {"abu", "al"},
		"aboul":  {"abu", "al"},
		"abdul":  {"abd", "al"},
		"abu":    {"abu"},
		"abula":  {"abula"},
		"abulia": {"abulia"},
	} {
		if got := appendNameElements(nil, w); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", w, got, want)
		}
	}
}

// TestArabicPersonRespellings2 checks, on the index of the real-alias
// evaluation, the kunya written joined to its article and a compound
// linked by the article written apart, and a title of one spelling.
func TestArabicPersonRespellings2(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, NewIndex(realAliasEntries(t)), []personCase{
		{"ABUL-KHAIR, Mohammed Abdullah Hassan", "ABU-AL-KHAYR, Muhammad Abdallah Hasan", true}, // kunyaLinks (0.642 without)
		{"MONTAZER AL-MAHDI, Said", "MONTAZEROLMEHDI, Saeed", true},                             // linkedCompounds (0.747 without)
		{"KAYIRA, Muhammad Mzee", "MUHAMMAD, Kayiira", true},                                    // mzee a title (0.791 without)
	})
}
