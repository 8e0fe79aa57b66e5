package rules

import (
	"sort"
	"testing"
)

// TestCountryIndexTable checks the table look-up against a binary search of
// isoCountries for every two-byte string, and for a few of other lengths.
func TestCountryIndexTable(t *testing.T) {
	search := func(alpha2 string) int {
		i := sort.Search(len(isoCountries), func(i int) bool { return isoCountries[i].alpha2 >= alpha2 })
		if i < len(isoCountries) && isoCountries[i].alpha2 == alpha2 {
			return i
		}
		return -1
	}
	found := 0
	for a := range 256 {
		for b := range 256 {
			code := string([]byte{byte(a), byte(b)})
			got, want := countryIndex(code), search(code)
			if got != want {
				t.Fatalf("countryIndex(%q) = %d, want %d", code, got, want)
			}
			if got >= 0 {
				found++
			}
		}
	}
	if found != len(isoCountries) {
		t.Errorf("%d codes found, want %d", found, len(isoCountries))
	}
	for _, s := range []string{"", "C", "CHN", "cn", "C\x00"} {
		if got, want := countryIndex(s), search(s); got != want {
			t.Errorf("countryIndex(%q) = %d, want %d", s, got, want)
		}
	}
}
