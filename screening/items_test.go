package screening

import (
	"context"
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
