package match

import "testing"

// TestQuotedWordOwn checks that a query agreeing with a listed
// organisation's name on a word the name quotes by itself and a generic
// word reads as that name shortened, and that the same shape on a name
// that quotes nothing keeps the rule of ordinary words.
func TestQuotedWordOwn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"WOLF HOLDING", "'WOLF' HOLDING OF SECURITY STRUCTURES", true},
		// dynasty is an English word the listed name does not quote
		{"DYNASTY GROUP OF COMPANIES", "DYNASTY INTERNATIONAL COMPANY LIMITED", false},
	})
}

// TestQuotedAlone checks which words quotedAlone reads as quoted by
// themselves.
func TestQuotedAlone(t *testing.T) {
	for _, c := range []struct {
		name, word string
		want       bool
	}{
		{"'WOLF' HOLDING OF SECURITY STRUCTURES", "wolf", true},
		{"Tambov Plant (TZ) “October”", "october", true},
		{"Scientific-Research Institute “Argon”", "argon", true},
		{"OPEN JOINT STOCK COMPANY «ZVEZDA», MOSCOW", "zvezda", true},
		{"OAO 'Uranis-Radiosistemy'", "uranis", false},                                                // a part of the quoted name
		{"Scientific and Production Association “Lianozovo Electromechanical Plant”", "plant", false}, // a phrase quoted
		{"O'NEIL TRADING", "neil", false},                                                             // an apostrophe in a word
		{"AL-YAFI'I, Khalid", "i", false},
		{"WOLF HOLDING", "wolf", false},
	} {
		if got := quotedAlone(c.name, c.word); got != c.want {
			t.Errorf("quotedAlone(%q, %q) = %v, want %v", c.name, c.word, got, c.want)
		}
	}
}
