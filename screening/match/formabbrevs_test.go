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

// TestResearchFormLen checks the research and production forms written
// out at a name's start and end.
func TestResearchFormLen(t *testing.T) {
	for _, c := range []struct {
		name       string
		start, end int
	}{
		{"research production enterprise radiosvyaz", 3, 0},
		{"scientific industrial company dipaul", 3, 0},
		{"concern avrora scientific production association", 0, 3},
		{"nauchno proizvodstvennaya korporatsiya uralvagonzavod", 3, 0},
		{"research production enterprise", 0, 0},          // no name
		{"research production company trading", 0, 0},     // a generic word
		{"scientific production association istok", 0, 0}, // a short name
	} {
		ws := strings.Fields(c.name)
		word := func(i int) string { return ws[i] }
		if got := researchFormLen(len(ws), word, false); got != c.start {
			t.Errorf("researchFormLen(%q, start) = %d, want %d", c.name, got, c.start)
		}
		if got := researchFormLen(len(ws), word, true); got != c.end {
			t.Errorf("researchFormLen(%q, end) = %d, want %d", c.name, got, c.end)
		}
	}
}

// TestDeveloperStatusLen checks the specialised developer's status read
// at a name's start.
func TestDeveloperStatusLen(t *testing.T) {
	for _, c := range []struct {
		name string
		want int
	}{
		{"spetsializirovannyi zastroishchik iks", 2},
		{"specialized developer alabuga south park", 2},
		{"specialized developer", 0},
		{"specialized vector experimental design bureau", 0},
	} {
		ws := strings.Fields(c.name)
		if got := developerStatusLen(len(ws), func(i int) string { return ws[i] }); got != c.want {
			t.Errorf("developerStatusLen(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}
