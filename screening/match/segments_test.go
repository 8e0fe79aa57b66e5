package match

import (
	"context"
	"slices"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestNameSegments(t *testing.T) {
	cases := []struct {
		name string
		want []string
	}{
		{"NEW PEOPLE'S ARMY / COMMUNIST PARTY OF THE PHILIPPINES", []string{"new peoples army", "communist party of the philippines"}},
		{"ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE", []string{"qods force"}},
		{"PALESTINE ISLAMIC JIHAD - SHAQAQI FACTION", []string{"palestine islamic jihad"}},
		{"POPULAR FRONT FOR THE LIBERATION OF PALESTINE - GENERAL COMMAND", nil},
		{"AL-AQSA MARTYRS BRIGADE", nil},
		{"LLC TEMP-AVIA", nil},
		{"A/S VARDE", nil},
		{"PREMIER INVESTMENT GROUP SAL (OFF-SHORE)", []string{"premier investment group sal"}},
		{"NOURI PETROCHEMICAL COMPANY (LLP)", []string{"nouri petrochemical company"}},
		{"ISLAMIC STATE IN THE GREATER SAHARA (ISGS)", nil},
		{"KINGS ROMANS INTERNATIONAL (HK) CO., LIMITED", nil},
	}
	for _, c := range cases {
		var got []string
		for _, s := range nameSegments(nil, c.name, -1, false) {
			got = append(got, s.norm)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("nameSegments(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSegmentName(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  bool
	}{
		{[]string{"new", "peoples", "army"}, true},
		{[]string{"qods", "force"}, true},
		{[]string{"aiai"}, false},
		{[]string{"drug", "trafficking", "organization"}, false},
	} {
		if got := segmentName(c.words); got != c.want {
			t.Errorf("segmentName(%q) = %v, want %v", c.words, got, c.want)
		}
	}
}

// TestNameSegmentsIndexed checks that a part of a listed name of two is
// found as a name, and that a generic phrase or a qualifier is not.
func TestNameSegmentsIndexed(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: "T", ID: "1", Type: lists.TypeEntity, Name: "NEW PEOPLE'S ARMY / COMMUNIST PARTY OF THE PHILIPPINES"},
		{Source: "T", ID: "2", Type: lists.TypeEntity, Name: "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"},
		{Source: "T", ID: "3", Type: lists.TypeEntity, Name: "JOUMAA MONEY LAUNDERING ORGANIZATION / DRUG TRAFFICKING ORGANIZATION"},
		{Source: "T", ID: "4", Type: lists.TypeEntity, Name: "PREMIER INVESTMENT GROUP SAL (OFF-SHORE)"},
	})
	for _, c := range []struct {
		q    string
		want string
	}{
		{"NEW PEOPLE'S ARMY", "1"},
		{"QODS FORCE", "2"},
		{"DRUG TRAFFICKING ORGANIZATION", ""},
		{"PREMIER INVESTMENT GROUP SAL", "4"},
	} {
		ms, _ := ix.Search(context.Background(), Query{Name: c.q})
		got := ""
		if len(ms) > 0 && ms[0].Score >= 0.95 {
			got = ms[0].Entry.ID
		}
		if got != c.want {
			t.Errorf("%q: top %q, want %q (%v)", c.q, got, c.want, ms)
		}
		if len(ms) > 0 && ms[0].Name == "" {
			t.Errorf("%q: no name shown", c.q)
		}
	}
}

// TestCutPlaceTail checks that a country or region said in parentheses at
// the end of a name is cut from the query, and nothing else is.
func TestCutPlaceTail(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Korvelan Trading Ltd (UAE)", "Korvelan Trading Ltd"},
		{"Korvelan Trading Co., Ltd. (Hong Kong)", "Korvelan Trading Co., Ltd."},
		{"KORVELAN ELECTRONICS, (PRC) ", "KORVELAN ELECTRONICS"},
		{"Korvelan (Crimea)", "Korvelan"},
		{"Islamic State in the Greater Sahara (ISGS)", "Islamic State in the Greater Sahara (ISGS)"}, // no place
		{"Premier Investment Group SAL (Off-Shore)", "Premier Investment Group SAL (Off-Shore)"},
		{"Inspur (HK) Electronics Co., Ltd.", "Inspur (HK) Electronics Co., Ltd."}, // not at the end
		{"(UAE)", "(UAE)"}, // nothing else
		{"Korvelan", "Korvelan"},
	} {
		if got, _ := cutPlaceTail(c.in); got != c.want {
			t.Errorf("cutPlaceTail(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPlaceTailMatches checks that a name with its place in parentheses
// and the name without it find each other, either side, as the name alone
// does (0.95 or more).
func TestPlaceTailMatches(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KORVELAN TRADING LTD"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "ZORVATEK SARL (HONG KONG)"},
	})
	checkTopAt(t, ix, 0.95, map[string]string{
		"Korvelan Trading Ltd (UAE)":       "1",
		"Korvelan Trading Ltd (Hong Kong)": "1",
		"Zorvatek Sarl":                    "2",
		"Zorvatek Sarl (Hong Kong)":        "2",
		"Zorvatek Sarl (UAE)":              "2",
	})
}
