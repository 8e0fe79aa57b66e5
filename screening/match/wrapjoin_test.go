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

// TestRotatedJoins checks that a person's given name and surname written
// as one word in the order they are said find the name listed surname
// first with a comma (rotatedJoins), and that a name listed as said is
// not found by its words glued the other way round.
func TestRotatedJoins(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "PIRI, Morteza"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "KORVELAN, Zorvat Nikolaevich"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "SAMRITH TOLA"},
	})
	checkTopEntry(t, ix, map[string]string{
		"MORTEZAPIRI":    "1",
		"ZORVATKORVELAN": "2", // the patronymic left out
		"TOLASAMRITH":    "",  // listed as said: samrith tola
		"PIRIMORTEZA":    "1", // the listed order, written together (joinsOf)
	})
}
