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
