package screening

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/screening/ownership"
)

func TestScreenOwnership(t *testing.T) {
	ctx := context.Background()
	g, err := ownership.ParseCSV("owners.csv", strings.NewReader(
		"owner,owner_country,owned,owned_country,percent\n"+
			"Banco Nacional de Cuba,CU,Caribe Holdings SA,PA,60\n"+
			"Caribe Holdings SA,PA,Havana Freight Forwarding Ltd,PA,50\n"+
			"Beijing Institute of Technology,CN,BIT Photonics GmbH,DE,20\n"+
			"Hangzhou Hikvision Digital Technology Co. Ltd,CN,BIT Photonics GmbH,DE,35\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, WithOwnership(g), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	// OFAC: blocked through a blocked intermediate.
	d, _ := s.Screen(ctx, Request{ID: "ofac", Parties: []Party{{Role: RoleUltimateConsignee, Name: "Havana Freight Forwarding Ltd", Country: "Panama"}}})
	if diff := cmp.Diff([]string{"party.owned_by_listed=deny"}, codes(d)); diff != "" {
		t.Fatalf("reasons (-want +got):\n%s", diff)
	}
	r := reason(t, d, "party.owned_by_listed")
	if r.Citation != ownership.CiteOFAC50 || r.Evidence["rule"] != ownership.RuleOFAC50 || r.Evidence["percent"] != 50.0 {
		t.Errorf("reason = %+v", r)
	}
	wantChain := []string{
		"Caribe Holdings SA [caught through its own owners] owns 50% of Havana Freight Forwarding Ltd (owners.csv:3)",
		`  Banco Nacional de Cuba [listed: SDN:306 "BANCO NACIONAL DE CUBA"] owns 60% of Caribe Holdings SA (owners.csv:2)`,
	}
	if diff := cmp.Diff(wantChain, r.Evidence["chain"]); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}

	// BIS Affiliates: two Entity List owners, 55% together, in force on the date.
	d, _ = s.Screen(ctx, Request{ID: "bis", Date: "2025-10-20", Parties: []Party{{Role: RoleEndUser, Name: "BIT Photonics GmbH", Country: "DE"}}})
	r = reason(t, d, "party.owned_by_listed")
	if d.Outcome != "license_required" || r.Evidence["rule"] != ownership.RuleAffiliates || r.Evidence["percent"] != 55.0 {
		t.Errorf("outcome %s, reason %+v", d.Outcome, r)
	}
	// The same during the suspension: a red flag only.
	d, _ = s.Screen(ctx, Request{ID: "bis-suspended", Date: "2026-03-01", Parties: []Party{{Role: RoleEndUser, Name: "BIT Photonics GmbH", Country: "DE"}}})
	if diff := cmp.Diff([]string{"party.minority_owned_by_listed=review"}, codes(d)); diff != "" {
		t.Errorf("reasons during suspension (-want +got):\n%s", diff)
	}
}
