package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestWrapJoinedName checks that a word joining a person's last given name
// and the surname, which stand together when the name is said given names
// first, aligns with the two (wrapSplitPair), on either side, and only
// where that side is written surname first with a comma.
func TestWrapJoinedName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "HIENG, Hing Bun"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "BUNTHOEUN, Sok"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "SAMRITH TOLA"},
	})
	checkTopEntry(t, ix, map[string]string{
		"BUNHEANG, Hing":  "1", // bun + hieng
		"THOEUN, Sok Bun": "2", // the query's last and first words
		"TOLASAMRITH":     "",  // no comma on the listed side: samrith tola are adjacent only in that order
	})
}
