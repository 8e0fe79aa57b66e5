package match

import "testing"

// TestOrgAbbreviations checks the English abbreviations of business words
// of internal/variants/org-abbreviations.txt: each shares a group with
// the word it shortens, and not with another one; the abbreviations that
// are words or names of their own, and tech, stay out of the groups.
func TestOrgAbbreviations(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"dig", "digital", true}, {"mgmt", "management", true}, {"svcs", "services", true},
		{"mfrs", "manufacturing", true}, {"engg", "engineering", true}, {"hldgs", "holdings", true},
		{"assn", "association", true}, {"natl", "national", true}, {"grp", "group", true},
		{"sys", "systems", true}, {"mktg", "marketing", true}, {"technol", "technology", true},
		{"equip", "equipment", true}, {"univ", "university", true}, {"intl", "international", true},
		{"jv", "jvc", true}, {"jv", "venture", true},
		{"dig", "technology", false}, {"mgmt", "marketing", false}, {"svcs", "systems", false},
		{"tech", "technology", false}, {"inst", "institute", false}, {"fin", "financial", false},
	} {
		ga, gb := variantGroupOf(c.a), variantGroupOf(c.b)
		if (ga != 0 && ga == gb) != c.same {
			t.Errorf("%q (group %d) and %q (group %d): same = %v, want %v", c.a, ga, c.b, gb, !c.same, c.same)
		}
		if c.same && !isOrgDescriptor(ga) {
			t.Errorf("%q: group %d is not an organisation descriptor group", c.a, ga)
		}
	}
}
