package match

import "testing"

func TestEzafeGlide(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"faradaryay", true},
		{"faradarya", false}, // no glide
		{"holiday", false},   // too short
		{"industry", false},  // a consonant before the y
	} {
		if got := ezafeGlide(c.w); got != c.want {
			t.Errorf("ezafeGlide(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

// TestEzafeSplitLeftovers checks, on the index of the real-alias
// evaluation, that an organisation's word with the ezafe's glide meets
// the same word without it split in two, and not other words.
func TestEzafeSplitLeftovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"NIK QESHM FARA DARYA INVESTMENT COMPANY", "FARADARYAY-E NIK-E GHESHM INVESTMENT", true}, // 0.473 without
		{"NIK QESHM FARA DORNA INVESTMENT COMPANY", "FARADARYAY-E NIK-E GHESHM INVESTMENT", false},
	})
}

func TestEzafeLink(t *testing.T) {
	for _, c := range []struct {
		toks []string
		k    int
		want bool
	}{
		{[]string{"lashkar", "i", "jhangvi"}, 1, true},
		{[]string{"darya", "ye", "sanat"}, 1, true}, // after a vowel
		{[]string{"tarabaran", "ye", "sanat"}, 1, false},
		{[]string{"lashkar", "i"}, 1, false},        // at the end
		{[]string{"ivan", "i", "petrov"}, 1, false}, // a short word beside it
	} {
		if got := ezafeLink(c.toks, c.k); got != c.want {
			t.Errorf("ezafeLink(%q, %d) = %v, want %v", c.toks, c.k, got, c.want)
		}
	}
}
