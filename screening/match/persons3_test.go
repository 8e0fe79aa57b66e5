package match

import "testing"

// TestMoreGivenNamesAdded checks, on the index of the real-alias
// evaluation, that a query written surname first that holds a listed
// person's surname and given name in their places plus given names of its
// own counts those at alphaFewerGivenNames, as the mirror rule counts the
// listed person's given names a query leaves out, and that the same words
// with the surname on the other side of the comma, or with no comma, do
// not match.
func TestMoreGivenNamesAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	const listed = "DE GEETERE, Hans"
	checkMatches(t, NewIndex(realAliasEntries(t)), []personCase{
		{"DE GEETERE, Hans Peter Maria Johannes Herve", listed, true}, // four given names more (0.747 at 0.35)
		{"HANS, Geetere Peter Maria Johannes Herve", listed, false},   // surname and given name swapped
		{"Hans Peter Maria Johannes Herve Geetere", listed, false},    // no comma, not in the middle
	})
}
