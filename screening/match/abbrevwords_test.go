package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestAbbreviates checks what counts as a word's beginning written for it.
func TestAbbreviates(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"con", "construction", true}, {"bro", "brothers", true}, {"intern", "international", true},
		{"co", "company", false},        // too short
		{"ship", "ships", false},        // a letter more is a respelling or a plural
		{"cnst", "construction", false}, // not its beginning letter for letter
		{"construction", "con", false},
	} {
		if got := abbreviates(c.a, c.b); got != c.want {
			t.Errorf("abbreviates(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestAbbreviatedGenericWords checks that a generic word or descriptor
// written shorter, in either name, aligns with its whole form when the
// rest of the name agrees, and that neither the beginning of a
// distinctive word nor a name with a distinctive word on top is read so.
func TestAbbreviatedGenericWords(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "HESCO ENGINEERING & CONSTRUCTION CO"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "AL-OMGY AND BROTHERS MONEY EXCHANGE"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "ZHEJIANG WONDER IMP. AND EXP. CO., LTD."},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "STAR SHIP MANAGEMENT LIMITED"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "KALINOVSKY TRADING CO"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"HESCO ENG & CON. CO", "1"},
		{"AL-OMGY & BRO. MONEY EXCHANGE", "2"},
		{"ZHEJIANG WONDER IMPORT AND EXPORT CO., LTD.", "3"},
		{"STAR SHIPPING MANAGEMENT LTD", "4"},
		{"COPPER STAR SHIPPING MANAGEMENT", ""}, // a distinctive word on top
		{"KALI TRADING CO", ""},                 // a distinctive word shortened
	})
}
