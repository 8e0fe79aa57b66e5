package match

import "testing"

func TestElidedFeminine(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"kinayeh", "knaya", true},  // the first short vowel left out, the ending without its h
		{"fatimah", "fatma", false}, // a vowel inside the word left out
		{"sepah", "spa", false},     // too short
	} {
		got := elidedFeminine(c.a, c.b) > 0
		if got != c.want {
			t.Errorf("elidedFeminine(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestElidedFeminineNames checks, on the index of the real-alias
// evaluation, a Levantine family name with its first short vowel left out
// and its feminine ending written without the h.
func TestElidedFeminineNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"KNAYA, Lina", "AL-KINAYEH, Lina Mohammed Nazir", true}, // no candidate without
		{"KNAYA, Salma", "AL-KINAYEH, Lina Mohammed Nazir", false},
	})
}
