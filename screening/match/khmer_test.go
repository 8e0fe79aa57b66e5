package match

import (
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestKhmerR checks the Khmer r after a first stop left out as Phnom Penh
// says it (Try written Thy), read in the names of people of Cambodia only,
// in either direction, and not in the names of organisations.
func TestKhmerR(t *testing.T) {
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"thy", "try", true},
		{"try", "thy", true},
		{"phum", "prum", true},
		{"khem", "krem", true},
		{"thy", "tay", false},
		{"shy", "sry", false},  // s is no stop
		{"thy", "trey", false}, // other letters after
		{"th", "tr", false},
	} {
		q, tk := qtok{s: c.q}, tokInfo{s: c.t}
		if got := khmerRSim(&q, &tk) > 0; got != c.want {
			t.Errorf("khmerRSim(%q, %q) = %v, want %v", c.q, c.t, got, c.want)
		}
	}
	kh := []lists.Address{{City: "Phnom Penh", CountryText: "Cambodia", Country: rules.MustParseCountry("KH")}}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "PHEAP, Try", Addresses: kh},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "CHEA, Thy", Nationalities: []string{"KH"}},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "NGUYEN, Try", Nationalities: []string{"VN"}},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeIndividual, Name: "SOK, Try"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "TRY SOVANN GROUP CO., LTD.", Addresses: kh},
	})
	checkSoleEntry(t, ix, 0.9, map[string]string{
		"PHEAP, Thy":          "1",
		"Thy Pheap":           "1",
		"CHEA, Try":           "2", // the listed name written as said
		"NGUYEN, Thy":         "",  // of Vietnam
		"SOK, Thy":            "",  // of no known country
		"THY SOVANN GROUP CO": "",  // an organisation's name
		"PHEAP, Try":          "1",
	})
}
