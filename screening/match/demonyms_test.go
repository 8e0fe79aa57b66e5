package match

import (
	"strings"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

// TestDemonymCodes checks that every country code of the demonym table is
// one rules knows.
func TestDemonymCodes(t *testing.T) {
	for w, codes := range demonyms {
		for _, c := range strings.Fields(codes) {
			if _, err := rules.ParseCountry(c); err != nil {
				t.Errorf("%s: %s: %v", w, c, err)
			}
		}
		if !demonymWord(w) && len(w) >= 4 {
			t.Errorf("%s not read as a demonym", w)
		}
	}
}
