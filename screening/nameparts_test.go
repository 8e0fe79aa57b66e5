package screening

import (
	"context"
	"testing"
)

// TestNameHoldingSeveralNames checks that a party name holding a trade or
// former name (d/b/a, f/k/a), or the party it is in care of (c/o), is
// screened name by name, and a name with an address after its legal form
// by its head too, one with a contact person beside it by the company: the listed name
// written beside the separator is a hit of its own, potential (the party's
// whole name is no listed name). Searched whole, these names were allowed.
func TestNameHoldingSeveralNames(t *testing.T) {
	ctx := context.Background()
	s := embedded(t)
	for _, c := range []struct{ name, list, entry string }{
		{"Acme Trading LLC d/b/a Syriatel", "SDN", "SYRIATEL"},
		{"Syriatel f/k/a Acme Trading LLC", "SDN", "SYRIATEL"},
		{"Acme Holdings Group LLC dba Hikvision", "EL", "Hangzhou Hikvision Digital Technology Co., Ltd."},
		{"Acme Trading LLC c/o Syriatel", "SDN", "SYRIATEL"}, // an address line in the name field
		{"Sinno Electronics Co., Ltd., 12 Nanshan Road, Shenzhen", "EL", "Sinno Electronics Co., Ltd."},
		{"John Smith - Sinno Electronics Co., Ltd.", "EL", "Sinno Electronics Co., Ltd."}, // a contact person
		// the name in two scripts (0.502 and 0.431 searched whole)
		{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD 杭州海康威视数字技术股份有限公司", "EL", "Hangzhou Hikvision Digital Technology Co., Ltd."},
		{"SINNO ELECTRONICS CO LTD (深圳市思诺电子有限公司)", "EL", "Sinno Electronics Co., Ltd."},
	} {
		name := c.name
		d, err := s.Screen(ctx, Request{ID: "p", Parties: []Party{{Role: RolePurchaser, Name: name, Type: "entity"}}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range d.Matches {
			if m.EntryName == c.entry && m.List == c.list {
				found = true
				if m.Strength != StrengthPotential {
					t.Errorf("%s: strength %s, want potential (the whole name is no listed name)", name, m.Strength)
				}
			}
		}
		if !found {
			t.Errorf("%s: no match of %s %q (outcome %s, %v)", name, c.list, c.entry, d.Outcome, codes(d))
		}
		if d.Outcome != "review" {
			t.Errorf("%s: outcome %s, want review", name, d.Outcome)
		}
	}
}

// TestPersonNickname checks that a person's name with a nickname in
// parentheses, with the person's type or none, is a potential match of
// the listed person (the nickname weighed as a given name the listed
// person lacks scored 0.676).
func TestPersonNickname(t *testing.T) {
	ctx := context.Background()
	s := embedded(t)
	for _, c := range []struct{ name, typ, entry string }{
		{"Aleksey (Lesha) Tsydenov", "individual", "TSYDENOV, Aleksey Sambuyevich"},
		{"Aleksey (Lesha) Tsydenov", "", "TSYDENOV, Aleksey Sambuyevich"},
	} {
		d, err := s.Screen(ctx, Request{ID: "p", Parties: []Party{{Role: RolePurchaser, Name: c.name, Type: c.typ}}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range d.Matches {
			if m.EntryName == c.entry && m.List == "SDN" {
				found = true
				if m.Strength != StrengthPotential {
					t.Errorf("%s (%s): strength %s, want potential", c.name, c.typ, m.Strength)
				}
			}
		}
		if !found || d.Outcome != "review" {
			t.Errorf("%s (%s): outcome %s, %v; want review, a match of %q", c.name, c.typ, d.Outcome, codes(d), c.entry)
		}
	}
}
