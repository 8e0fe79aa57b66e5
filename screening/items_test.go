package screening

import (
	"context"
	"slices"
	"testing"
)

// TestAITrainingOnBehalfOfAChinaHeadquarteredLab: a Dutch university buys
// an A100-class part to train models for a lab headquartered in China. The
// lab is not a recipient, but the May 2025 policy statement reaches
// training for D:5/Macau-headquartered parties.
func TestAITrainingOnBehalfOfAChinaHeadquarteredLab(t *testing.T) {
	s := embedded(t)
	req := Request{ID: "nl-lab", Destination: "Netherlands", EndUse: "ai_training",
		Parties: []Party{
			{Role: RoleEndUser, Name: "Example University of Technology", Country: "NL", HQCountry: "NL"},
			{Role: RoleOnBehalfOf, Name: "Example AI Lab", Country: "CN", HQCountry: "CN"},
		},
		Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}}
	d, err := s.Screen(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != "license_required" || !d.Items[0].LicenseRequired {
		t.Fatalf("outcome %s, item %+v, reasons %v", d.Outcome, d.Items[0], codes(d))
	}
	// The same order for the university's own research needs no license.
	req.Parties = req.Parties[:1]
	d, _ = s.Screen(context.Background(), req)
	if d.Items[0].LicenseRequired {
		t.Errorf("own research: item %+v, reasons %v", d.Items[0], codes(d))
	}
}

// TestItemLicenseAnswer: the decision carries the three-valued answer beside
// license_required, and an unresolved answer names what would resolve it.
func TestItemLicenseAnswer(t *testing.T) {
	s := embedded(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		req      Request
		license  string
		required bool
		resolve  []string
		code     string
	}{
		{"A100-class part to Germany, no headquarters given",
			Request{ID: "de", Destination: "Germany", Parties: []Party{{Role: RoleEndUser, Name: "Example GmbH", Country: "DE"}},
				Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}},
			"unresolved", false, []string{"the headquarters country of each party and of its ultimate parent"}, "item.unresolved"},
		{"office chairs to Russia without an HTS code",
			Request{ID: "ru", Destination: "Russia", Parties: []Party{{Role: RoleEndUser, Name: "Example OOO", Country: "RU", HQCountry: "RU"}},
				Items: []Item{{ID: "chairs", ECCN: "EAR99"}}},
			"unresolved", false, []string{"the item's HTS code"}, "item.unresolved"},
		{"NPU + GPU chip aggregated to 3A090.a, to China",
			Request{ID: "cn", Destination: "China", Parties: []Party{{Role: RoleEndUser, Name: "Example Co", Country: "CN", HQCountry: "CN"}},
				Items: []Item{{ID: "soc", Datacenter: no(), DieAreaMM2: 900, ProcessingUnits: []ProcessingUnit{
					{Name: "NPU", Throughputs: []Throughput{{TOPS: 400, BitLength: 8}}},
					{Name: "GPU", Throughputs: []Throughput{{TOPS: 200, BitLength: 8}}}}}}},
			"required", true, nil, "item.license_required"},
		{"A100-class part to Germany for a German company",
			Request{ID: "de2", Destination: "Germany", Parties: []Party{{Role: RoleEndUser, Name: "Example GmbH", Country: "DE", HQCountry: "DE"}},
				Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}},
			"not_required", false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.Screen(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			it := d.Items[0]
			if it.License != tt.license || it.LicenseRequired != tt.required || !slices.Equal(it.ResolveWith, tt.resolve) {
				t.Errorf("item %+v", it)
			}
			found := tt.code == ""
			for _, r := range d.Reasons {
				if r.Code == tt.code {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s reason: %v", tt.code, codes(d))
			}
		})
	}
}

// TestApproximatedRegion: the Donetsk and Luhansk oblasts stand for the
// so-called DNR and LNR of 15 CFR 746.6(a)(2), which have no boundary of
// their own, so a destination there goes to review
// (destination.region_approximated), not deny; Crimea stays deny.
func TestApproximatedRegion(t *testing.T) {
	s := embedded(t)
	for _, tt := range []struct{ dest, outcome, code string }{
		{"Makiivka", "review", "destination.region_approximated=review"},
		{"Luhansk Oblast", "review", "destination.region_approximated=review"},
		{"Simferopol", "deny", "destination.region_embargoed=deny"},
		{"Crimea, Russia", "deny", "destination.region_embargoed=deny"},
	} {
		d, err := s.Screen(context.Background(), Request{ID: tt.dest, Destination: tt.dest,
			Parties: []Party{{Role: RoleEndUser, Name: "Example Trading LLC", Country: "UA", HQCountry: "UA"}}})
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome != tt.outcome || !slices.Contains(codes(d), tt.code) {
			t.Errorf("%s: outcome %s, reasons %v; want %s with %s", tt.dest, d.Outcome, codes(d), tt.outcome, tt.code)
		}
	}
}
