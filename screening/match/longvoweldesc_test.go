package match

import "testing"

// TestLongVowelDescriptor checks that a descriptor written with its long
// vowel doubled takes the descriptor's group, and that other words do not.
func TestLongVowelDescriptor(t *testing.T) {
	islam := variantGroupOf("islam")
	if !isOrgDescriptor(islam) {
		t.Fatalf("islam: group %d is no descriptor group", islam)
	}
	for _, c := range []struct {
		w    string
		want uint16
	}{
		{"islaam", islam},
		{"islam", 0},   // nothing doubled: the word's own group is read elsewhere
		{"shabaab", 0}, // no descriptor
		{"moosa", 0},   // a given name is no descriptor
		{"isllam", 0},  // a doubled consonant is not read
	} {
		if got := longVowelDescriptor(c.w); got != c.want {
			t.Errorf("longVowelDescriptor(%q) = %d, want %d", c.w, got, c.want)
		}
	}
}
