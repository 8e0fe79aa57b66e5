package match

import "testing"

// TestRepeatedNamePart checks, on the index of the real-alias evaluation,
// that a name part written on both sides of a query's comma counts once,
// and that a repeated common given name does not make a longer listed name
// of common words a match.
func TestRepeatedNamePart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"LON RAOUF, Wasim Raouf", "LOAN, Waseem Rauf", true},                 // 0.782 without
		{"ZGHAIR, Waleed Talib Zghair", "AL-RAWI, Walid Talib Zughayr", true}, // 0.575 without
		{"HASSAN, Ali Hassan", "KHALIL, Ali Hassan", false},                   // two words agree
		{"HASSAN, Ali Mohamed Hassan", "HASSAN, Ali Khatib Haji", false},      // a given name repeated, listed words left out
		{"Ali Ali Hassan", "KHALIL, Ali Hassan", false},                       // no comma: a chain of fathers
		{"ZGHAIR, Waleed Zghair", "AL-RAWI, Walid Talib Zughayr", false},
		{"ROTENBERG, Liliia Rotenberh", "ROTENBERG, Liliya Arkadievna", true}, // one letter replaced, a patronymic left out (0.668 without)      // two words agree
	})
}

// TestNameTwins checks which two query words are one name part written
// twice.
func TestNameTwins(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"raouf", "raouf", true},
		{"rotenberg", "rotenberh", true},
		{"mohammed", "mohammadi", false}, // a letter added: another name
		{"ahmad", "ahmadi", false},
		{"rotenberg", "sotenberg", false}, // the first letter
		{"ali", "aly", false},             // too short
	} {
		if got := nameTwins(c.a, c.b); got != c.want {
			t.Errorf("nameTwins(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestDanglingParticle checks, on the index of the real-alias evaluation,
// that a chain of names cut short after a particle is read without it
// beside a family name, and that common given names with such a particle
// do not become a shortened form of a longer listed name.
func TestDanglingParticle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"SHABIB, Ahmad Khalaf Abd", "AL-DULAYMI, Ahmad Khalaf Shabib", true}, // 0.692 without
		{"SHABIB, Ahmad Abd", "AL-DULAYMI, Ahmad Khalaf Shabib", false},       // two words agree
	})
}
