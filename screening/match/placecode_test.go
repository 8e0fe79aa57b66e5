package match

import "testing"

// TestPlaceCode checks, on the index of the lists' primary names, that a
// country said by its code on one side and by its name on the other
// (HK, HONG KONG) is one place, and another country is not.
func TestPlaceCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"ARROW ELECTRONICS HK CO., LTD.", "Arrow Electronics (Hong Kong) Co., Ltd.", true},
		{"ARROW ELECTRONICS (HK) CO., LTD.", "Arrow Electronics (Hong Kong) Co., Ltd.", true},
		{"KAILI INDUSTRIAL HONG KONG LIMITED", "Kaili Industrial H.K. Limited", true},
		{"ARROW ELECTRONICS UAE CO., LTD.", "Arrow Electronics (Hong Kong) Co., Ltd.", false},
	})
}

// TestPlaceCacheBounded checks that the answers kept for runs of listed
// words stop at maxCountryRuns, and that a run is still answered then.
func TestPlaceCacheBounded(t *testing.T) {
	ix := NewIndex(nil)
	ix.toks = []tokInfo{{s: "hong"}, {s: "kong"}}
	ix.countryRuns.m = map[[maxPlaceRun]int32]placeAnswer{}
	for i := int32(0); i < maxCountryRuns; i++ {
		ix.countryRuns.m[[maxPlaceRun]int32{i + 10, -1, -1}] = placeAnswer{}
	}
	c, ok := ix.placeOfToks([]int32{0, 1})
	if !ok || c.String() != "HK" {
		t.Errorf("hong kong: %v, %v; want HK", c, ok)
	}
	if n := len(ix.countryRuns.m); n != maxCountryRuns {
		t.Errorf("%d answers kept, want %d", n, maxCountryRuns)
	}
}
