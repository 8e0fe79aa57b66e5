package screening

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/rules"
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

// TestOwnerMatchStrength: an owner's name is judged confirmed or potential
// by the same rules as a party's own name. A finding that rests on a
// potential owner-name match is party.potential_match (via "owner"), a
// review; an exact name, a fuzzy name with an agreeing country, or a
// list:SOURCE:ID reference keeps party.owned_by_listed. The names are real
// entries of the embedded lists: SDN 306 BANCO NACIONAL DE CUBA, SDN 12927
// MAHAN AIR (address country Iran), the SDN tanker DOVER, and the Entity
// List's "Hangzhou Hikvision Digital Technology Co., Ltd." (listed
// 2019-10-09). Owner hits follow the party rules for entries listed after
// the as-of date and for vessel entries.
func TestOwnerMatchStrength(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		owners string // rows of owner,owner_country,owned,owned_country,percent
		date   string
		policy string // extra policy YAML; "" for the embedded default
		// alone puts the case in a graph of its own: the graph resolves an
		// owner name once, with the first country it is given.
		alone     bool
		want      []string
		potential []string // keys of evidence potential_owners
	}{
		{"exact owner name: owned by listed, as before", "Banco Nacional de Cuba,CU,TARGET,PA,60\n", "", "", false,
			[]string{"party.owned_by_listed=deny"}, nil},
		{"fuzzy owner name, nothing agrees: potential match", "Banco Nacional Cuba,CU,TARGET,PA,60\n", "", "", false,
			[]string{"party.potential_match=review"}, []string{"SDN:306"}},
		{"the same owner by list reference: confirmed by construction", "list:SDN:306,CU,TARGET,PA,60\n", "", "", false,
			[]string{"party.owned_by_listed=deny"}, nil},
		{"fuzzy owner name with an agreeing address country: confirmed", "Mahan Air Co,IR,TARGET,PA,60\n", "", "", true,
			[]string{"party.owned_by_listed=deny"}, nil},
		{"fuzzy name without the country: potential", "Mahan Air Co,,TARGET,PA,60\n", "", "", false,
			[]string{"party.potential_match=review"}, []string{"SDN:12927"}},
		{"exact 30% and fuzzy 30%: the 50% rests on the fuzzy one", "Banco Nacional de Cuba,CU,TARGET,PA,30\nMahan Air Co,,TARGET,PA,30\n", "", "", false,
			[]string{"party.potential_match=review"}, []string{"SDN:12927"}},
		{"exact 60% and fuzzy 30%: the exact owner alone blocks", "Banco Nacional de Cuba,CU,TARGET,PA,60\nMahan Air Co,,TARGET,PA,30\n", "", "", false,
			[]string{"party.owned_by_listed=deny"}, nil},
		{"through an intermediate: a fuzzy root makes the chain potential", "Banco Nacional Cuba,CU,HOLDING,PA,60\nHOLDING,PA,TARGET,PA,50\n", "", "", false,
			[]string{"party.potential_match=review"}, []string{"SDN:306"}},
		{"Affiliates rule in force, fuzzy Entity List owner: potential", "Hikvision Digital Technology,CN,TARGET,PA,60\n", "2025-10-20", "", false,
			[]string{"party.potential_match=review"}, []string{"EL:3575aeab8145c685708433e049a9338adf0cf95da81c85d81aa69076"}},
		{"Affiliates rule in force, exact Entity List owner", "Hangzhou Hikvision Digital Technology Co. Ltd,CN,TARGET,PA,60\n", "2025-10-20", "", false,
			[]string{"party.owned_by_listed=license_required"}, nil},
		{"minority stake on a fuzzy name: potential", "Banco Nacional Cuba,CU,TARGET,PA,30\n", "", "", false,
			[]string{"party.potential_match=review"}, []string{"SDN:306"}},
		{"minority stake on an exact name: red flag as before", "Banco Nacional de Cuba,CU,TARGET,PA,30\n", "", "", false,
			[]string{"party.minority_owned_by_listed=review"}, nil},
		{"an Entity List owner before it was listed: not on the list then", "Hangzhou Hikvision Digital Technology Co. Ltd,CN,TARGET,PA,60\n", "2019-06-01", "", false,
			nil, nil},
		{"a list reference before the entry was listed: not on the list then", "list:EL:3575aeab8145c685708433e049a9338adf0cf95da81c85d81aa69076,CN,TARGET,PA,60\n", "2019-06-01", "", false,
			nil, nil},
		{"an owner named as an SDN tanker is not the tanker", "Dover,,TARGET,PA,60\n", "", "", false,
			nil, nil},
		{"the policy's rules apply: without exact_name an exact owner name is potential", "Banco Nacional de Cuba,CU,TARGET,PA,60\n", "", "match_strength: {exact_name: false}\n", false,
			[]string{"party.potential_match=review"}, []string{"SDN:306"}},
		{"the policy's outcome for a potential match applies", "Banco Nacional Cuba,CU,TARGET,PA,60\n", "", "outcomes: {party.potential_match: deny}\n", false,
			[]string{"party.potential_match=deny"}, []string{"SDN:306"}},
	}
	// One screener per policy (and per case alone), whose graph holds the edges
	// of its cases, each owning its own entity (TARGET and HOLDING stand for
	// its names).
	target := func(i int) string { return fmt.Sprintf("Target %d Trading SA", i) }
	group := func(i int) string {
		if tests[i].alone {
			return fmt.Sprint(i)
		}
		return tests[i].policy
	}
	rows := map[string]string{}
	for i, tt := range tests {
		rows[group(i)] += strings.NewReplacer("TARGET", target(i), "HOLDING", fmt.Sprintf("Holding %d Ltd", i)).Replace(tt.owners)
	}
	screeners := map[string]*Screener{}
	for i, tt := range tests {
		if screeners[group(i)] == nil {
			screeners[group(i)] = ownerScreener(t, rows[group(i)], tt.policy)
		}
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := screeners[group(i)].Screen(ctx, Request{ID: "own", Date: tt.date, Parties: []Party{{Role: RoleUltimateConsignee, Name: target(i), Country: "Panama"}}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, codes(d)); diff != "" {
				t.Fatalf("reasons (-want +got):\n%s", diff)
			}
			if tt.potential == nil {
				return
			}
			r := reason(t, d, "party.potential_match")
			var got []string
			for _, c := range r.Evidence["potential_owners"].([]map[string]any) {
				got = append(got, c["entry"].(string))
			}
			if diff := cmp.Diff(tt.potential, got); diff != "" {
				t.Errorf("potential owners (-want +got):\n%s", diff)
			}
			if r.Evidence["via"] != "owner" || r.Evidence["strength"] != StrengthPotential || len(r.Evidence["chain"].([]string)) == 0 {
				t.Errorf("evidence %v", r.Evidence)
			}
		})
	}
}

// TestOwnerPotentialMatchExplains checks the whole reason of a potential
// owner-name match: what would catch the party, which owner name is only
// potential and why, and how to confirm it.
func TestOwnerPotentialMatchExplains(t *testing.T) {
	ctx := context.Background()
	s := ownerScreener(t, "Banco Nacional Cuba,CU,Caribe Holdings SA,PA,60\n"+
		"Caribe Holdings SA,PA,Havana Freight Forwarding Ltd,PA,50\n", "")
	d, err := s.Screen(ctx, Request{ID: "ofac", Parties: []Party{{Role: RoleUltimateConsignee, Name: "Havana Freight Forwarding Ltd", Country: "Panama"}}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != "review" {
		t.Errorf("outcome %s, want review", d.Outcome)
	}
	r := reason(t, d, "party.potential_match")
	want := Reason{
		Code: "party.potential_match", Outcome: "review", Citation: ownership.CiteOFAC50,
		Message: `"Havana Freight Forwarding Ltd" would be caught by the OFAC 50% rule (50% held through SDN:306), but only through owner names that may not be the listed parties: ` +
			`SDN:306 "BANCO NACIONAL DE CUBA" (score 0.95: the name is not exactly a listed name; no identifier, date of birth or address country agrees). ` +
			`A reviewer decides; an owner that is the entry can be given as list:SOURCE:ID in owners.csv.`,
		Evidence: map[string]any{
			"party": "Havana Freight Forwarding Ltd", "role": "ultimate_consignee", "rule": ownership.RuleOFAC50, "percent": 50.0,
			"chain": []string{
				"Caribe Holdings SA [caught through its own owners] owns 50% of Havana Freight Forwarding Ltd (owners.csv:3)",
				`  Banco Nacional Cuba [listed: SDN:306 "BANCO NACIONAL DE CUBA" (potential match, score 0.95)] owns 60% of Caribe Holdings SA (owners.csv:2)`,
			},
			"entries": []string{"SDN:306"}, "ownership_file": "owners.csv",
			"via": "owner", "strength": StrengthPotential, "confirm_threshold": 0.92,
			"potential_owners": []map[string]any{{"entry": "SDN:306", "list": "SDN", "entry_name": "BANCO NACIONAL DE CUBA", "score": 0.95,
				"why": "the name is not exactly a listed name; no identifier, date of birth or address country agrees"}},
		},
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("reason (-want +got):\n%s", diff)
	}
}

// ownerScreener screens with the ownership edges in rows (CSV rows of
// owner,owner_country,owned,owned_country,percent, read as owners.csv) on
// the embedded data, under the policy whose YAML adds policy to a minimal
// header ("" for the embedded policy).
func ownerScreener(t *testing.T, rows, policy string) *Screener {
	t.Helper()
	g, err := ownership.ParseCSV("owners.csv", strings.NewReader("owner,owner_country,owned,owned_country,percent\n"+rows))
	if err != nil {
		t.Fatal(err)
	}
	opts := []Option{WithOwnership(g), WithClock(fixedClock), WithLogger(discardLogger())}
	if policy != "" {
		pol, err := rules.ParsePolicy("p.yaml", []byte("version: 1\nname: t\nas_of: 2026-11-28\n"+policy))
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, WithPolicy(pol))
	}
	s, err := New(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
