package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestArabicSlavName checks that a family name in -ov read back from
// Arabic script (v written f, o written u, a short vowel left out) finds
// the listed person when the given names agree, and that an Arabic name of
// the variant tables, another first letter or an organisation do not.
func TestArabicSlavName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KADANOV, Timur"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "YUSOV, Ahmed"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "BELANOV"},
	})
	checkTopEntry(t, ix, map[string]string{
		"KADNUF, Timur": "1",
		"Timur Kadnof":  "1",
		"Timur Gadnuf":  "", // another first letter
		"YUSUF, Ahmed":  "", // an Arabic name, not a reading
		"BELNUF":        "", // an organisation's name
	})
	if got := arabicSlavWords([]qtok{{s: "kadnuf"}, {s: "timur"}, {s: "kaf"}, {s: "adnof"}}); got != 0b1001 {
		t.Errorf("arabicSlavWords = %b, want 1001", got)
	}
}
