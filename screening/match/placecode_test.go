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
