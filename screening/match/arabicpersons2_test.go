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
// linked by the article written apart, a title of one spelling, and a
// given name mistyped.
func TestArabicPersonRespellings2(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"ABUL-KHAIR, Mohammed Abdullah Hassan", "ABU-AL-KHAYR, Muhammad Abdallah Hasan", true}, // kunyaLinks (0.642 without)
		{"MONTAZER AL-MAHDI, Said", "MONTAZEROLMEHDI, Saeed", true},                             // linkedCompounds (0.747 without)
		{"KAYIRA, Muhammad Mzee", "MUHAMMAD, Kayiira", true},                                    // mzee a title (0.791 without)
		{"ADBALLAH, Fazul", "MOHAMMED, Fazul Abdullah", true},                                   // typoGroupOf (0.785 without)
		{"NEJAD, Vali Mostafa", "MOSTAFANEJAD, Vali", true},                                     // swappedCompound (0.774 without)
		{"NEJAD, Vali", "MOSTAFANEJAD, Vali", false},
		{"ULLAH, Haji Khair", "BARAKZAI, Haji Khairullah", true}, // surnameJoinHits (no candidate without)
	})
}

// TestTypoGroupOf checks which words are read as a given name mistyped:
// a letter dropped, added or replaced, or two letters swapped, in a word
// of six letters or more of no group.
func TestTypoGroupOf(t *testing.T) {
	for w, want := range map[string]string{
		"adballah": "abdallah", // swapped
		"abdallha": "abdallah",
		"ibrahmi":  "ibrahim",
		"hasssan":  "hasan", // added
		"mohmmed":  "muhammad",
		"kazin":    "", // too short
		"volodin":  "",
	} {
		g, sim := typoGroupOf(w)
		got := ""
		if g != 0 {
			got = variantGroups[g-1].name
		}
		if got != want || g != 0 && (sim < minTypoGroupSim*variantSim || sim > variantSim) {
			t.Errorf("%s: group %q at %.3f, want %q", w, got, sim, want)
		}
	}
}
