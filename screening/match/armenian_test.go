package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestArmenianStems(t *testing.T) {
	for _, c := range []struct{ w, arm, rus string }{
		{"torosyan", "toros", ""},
		{"petrosian", "petros", ""},
		{"torosov", "", "toros"},
		{"mirzoyev", "", "mirzo"},
		{"mirzoev", "", "mirzo"},
		{"torosova", "", "toros"},
		{"ivanyan", "", ""}, // a stem of four letters
		{"ivanov", "", ""},
		{"yan", "", ""},
	} {
		if got := armenianStem(c.w); got != c.arm {
			t.Errorf("armenianStem(%q) = %q, want %q", c.w, got, c.arm)
		}
		if got := russianStem(c.w); got != c.rus {
			t.Errorf("russianStem(%q) = %q, want %q", c.w, got, c.rus)
		}
	}
}

// TestArmenianFamilyName checks that an Armenian family name in -yan finds
// its Russian form in -ov or -ev and the other way round, in a person's
// name with the given names agreeing, and that a stem of four letters, a
// given name that differs or an organisation do not.
func TestArmenianFamilyName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KARAPETOV, Armen Sergeyevich"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "MIRZOYAN, Gevorg"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "IVANOV, Sergei"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "GALSTOV"},
	})
	checkTopEntry(t, ix, map[string]string{
		"KARAPETYAN, Armen Sergeyevich": "1",
		"Armen Karapetian":              "1",
		"MIRZOYEV, Gevorg":              "2",
		"Gevorg Mirzoev":                "2",
		"KARAPETYAN, Tigran":            "", // another given name
		"IVANYAN, Sergei":               "", // Ivan: a stem too short
		"GALSTYAN":                      "", // an organisation's name
	})
}
