package match

import (
	"strings"
	"testing"
)

// TestFormAbbrevLen checks the runs of form abbreviations read at a name's
// start, and the names whose first words are left as they are.
func TestFormAbbrevLen(t *testing.T) {
	for _, c := range []struct {
		name string
		want int
	}{
		{"vo promsyrioimport", 1},
		{"gnts fgugp yuzhmorgeologiya", 2},
		{"sue rc feodosia optical plant", 2},
		{"fau glavgosekspertiza rossii", 1},
		{"npo saturn", 1},
		{"npo electronic systems", 0}, // a common English word after it
		{"npo trading", 0},            // a generic word
		{"vo nguyen giap", 0},         // the Vietnamese family name
		{"vo van kiet", 0},
		{"sue johnson", 0}, // an English given name
		{"npp istok", 0},   // a name of five letters
		{"npo", 0},
		{"npo npp", 0},
		{"rc feodosia", 0}, // a region's initials alone
	} {
		ws := strings.Fields(c.name)
		if got := formAbbrevLen(len(ws), func(i int) string { return ws[i] }); got != c.want {
			t.Errorf("formAbbrevLen(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}
