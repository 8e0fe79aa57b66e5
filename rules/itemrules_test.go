package rules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultItemRules(t *testing.T) {
	r := DefaultItemRules()
	if r.Name() != "exportguard advanced-computing item rules" || ymd(r.AsOf()) != "2026-07-08" || ymd(r.Horizon()) != "2023-11-17" {
		t.Errorf("default rules: %q as of %s horizon %s", r.Name(), ymd(r.AsOf()), ymd(r.Horizon()))
	}
	if DefaultItemRules() != r {
		t.Error("DefaultItemRules is not one shared immutable value")
	}
	for _, lr := range r.rules {
		if lr.citation == "" {
			t.Errorf("rule %s has no citation", lr.id)
		}
		if lr.effective.IsZero() && !lr.predates {
			t.Errorf("rule %s has no effective date", lr.id)
		}
	}
}

// edit returns the default rule file with old replaced by new exactly once.
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	s := string(defaultItemRulesJSON)
	if strings.Count(s, old) < 1 {
		t.Fatalf("default rules lack %q", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

func TestParseItemRulesErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"syntax", []byte("{\n  \"schema\": 1,\n  \"name\": \"x\"\n  \"as_of\": \"2026-01-01\"\n}"), "x.json:4: invalid character '\"' after object key:value pair"},
		{"unknown field", edit(t, `"horizon_note"`, `"horizon_notes"`), `x.json:6: "horizon_notes": unknown field`},
		{"wrong type", edit(t, `{"tpp_min": 4800}`, `{"tpp_min": "4800"}`), `x.json:21: paragraphs.any_of.tpp_min: "string": want float64`},
		{"bad date", edit(t, `"effective": "2024-12-02",
      "hbm_density_above"`, `"effective": "2024-12-32",
      "hbm_density_above"`), `x.json: paragraphs[2].effective: "2024-12-32": want a date YYYY-MM-DD`},
		{"unknown group", edit(t, `"groups": ["D:1", "D:4", "D:5"],
      "countries": ["MO"],
      "exclude_groups": ["A:5", "A:6"],
      "exceptions": ["NAC", "ACA"]`, `"groups": ["D:1", "D:9", "D:5"],
      "countries": ["MO"],
      "exclude_groups": ["A:5", "A:6"],
      "exceptions": ["NAC", "ACA"]`), `x.json: rules[0] (742.6(a)(6)-destination).groups[1]: "D:9": invalid group code "D:9": want D:1 to D:5`},
		{"undefined exception", edit(t, `"exceptions": ["NAC", "ACA"]`, `"exceptions": ["NAC", "XYZ"]`), `x.json: rules[0] (742.6(a)(6)-destination).exceptions[1]: "XYZ": no exception with this name in exceptions`},
		{"missing citation", edit(t, `"citation": "15 CFR 746.2",`, `"citation": "",`), `x.json: rules[12] (746.2-cuba).citation: missing: every rule cites its source`},
		{"unknown kind", edit(t, `"kind": "embargo",`, `"kind": "embargoes",`), `x.json: rules[12] (746.2-cuba).kind: "embargoes": want one of destination, headquarters, end_use, embargo, hts_listed, gp10, review_flag`},
		{"not enforced before effective", edit(t, `"not_enforced_from": "2025-05-13",
      "citation": "15 CFR 742.6(a)(6) as amended`, `"not_enforced_from": "2024-05-13",
      "citation": "15 CFR 742.6(a)(6) as amended`), `x.json: rules[4] (ai-diffusion-worldwide).not_enforced_from: "2024-05-13": is before effective 2025-01-13`},
		{"effective and predates", edit(t, `"id": "746.2-cuba",`, `"id": "746.2-cuba", "effective": "2020-01-01",`), `x.json: rules[12] (746.2-cuba).predates_horizon: give either effective or predates_horizon, not both`},
		{"bad end use", edit(t, `"end_uses": ["supercomputer"]`, `"end_uses": ["mining"]`), `x.json: rules[6] (744.23(a)(1)-supercomputer).end_uses[0]: "mining": unknown end use`},
		{"bad item selector", edit(t, `"items": ["3A001", "3A991"`, `"items": ["3A001", "3A99"`), `x.json: rules[6] (744.23(a)(1)-supercomputer).items[1]: "3A99": want an ECCN, "all" or "ccl": invalid ECCN code "3A99": want a category digit, a group letter A-E and three digits, e.g. 3A090 or 3A090.a, or EAR99`},
		{"bad region", edit(t, `"UA-43", "UA-40", "UA-14", "UA-09"`, `"UA-43", "UA-99", "UA-14", "UA-09"`), `x.json: rules[17] (746.6-crimea-dnr-lnr).regions[1]: "UA-99": invalid region code "UA-99": not an ISO 3166-2 subdivision code`},
		{"compliance before effective", edit(t, `"compliance": "2025-05-15",
      "not_enforced_from": "2025-05-13",
      "citation": "15 CFR 742.6(a)(6) as amended`, `"compliance": "2025-01-12",
      "not_enforced_from": "2025-05-13",
      "citation": "15 CFR 742.6(a)(6) as amended`), `x.json: rules[4] (ai-diffusion-worldwide).compliance: "2025-01-12": is before effective 2025-01-13`},
		{"review citation without review", edit(t, `"review": "presumption_of_denial",
      "review_citation": "15 CFR 746.2(b)(1)`, `"review_citation": "15 CFR 746.2(b)(1)`), `x.json: rules[12] (746.2-cuba).review_citation: "15 CFR 746.2(b)(1): general policy of denial (the case-by-case and approval categories of 746.2(b)(2)-(4) are not encoded)": a review citation needs a review policy (review)`},
		{"bad HTS prefix", edit(t, `"hts_prefixes": []`, `"hts_prefixes": ["8471.x"]`), `x.json: rules[19] (746.8-russia-belarus-hts).hts_prefixes[0]: "8471.x": want an HTS chapter, heading or code: 2 to 10 digits`},
		{"HTS codes on another kind", edit(t, `"id": "746.2-cuba",`, `"id": "746.2-cuba", "hts_prefixes": ["8471"],`), `x.json: rules[12] (746.2-cuba).hts_prefixes: only an hts_listed rule takes HTS codes`},
		{"unknown review policy", edit(t, `"review_by": "744.23(d)",`, `"review_by": "744.23(e)",`), `x.json: rules[0] (742.6(a)(6)-destination).review_by: "744.23(e)": no review policy with this id`},
		{"no ic paragraph", []byte(strings.ReplaceAll(string(defaultItemRulesJSON), `"kind": "ic"`, `"kind": "declared"`)), "x.json: paragraphs: no ic paragraph: the file would classify no processor (3A090.a/.b)"},
		{"empty", []byte(""), "x.json: truncated or empty JSON"},
		{"trailing", append(append([]byte{}, defaultItemRulesJSON...), []byte("{}")...), "x.json: trailing data after the JSON object"},
		{"schema", edit(t, `"schema": 1`, `"schema": 2`), `x.json: schema: "2": unsupported schema version (want 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseItemRules("x.json", tt.data)
			var ie *ItemRulesError
			if r != nil || !errors.As(err, &ie) || !errors.Is(err, ErrInvalidItemRules) {
				t.Fatalf("ParseItemRules = %v, %v; want *ItemRulesError", r, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestLoadItemRulesOverride loads an override file in which the AI Diffusion
// rule is enforced again: the same export then needs a license today.
func TestLoadItemRulesOverride(t *testing.T) {
	data := edit(t, `"compliance": "2025-05-15",
      "not_enforced_from": "2025-05-13",
      "citation": "15 CFR 742.6(a)(6) as amended`, `"compliance": "2025-05-15",
      "citation": "15 CFR 742.6(a)(6) as amended`)
	path := filepath.Join(t.TempDir(), "item_rules_override.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := LoadItemRules(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	q := LicenseQuery{Item: Item{Chip: &a100}, Destination: to("IL"), PartyHQ: cc("IL"), Date: mustDay("2026-07-01")}
	base, err := DetermineLicense(nil, nil, q)
	if err != nil {
		t.Fatal(err)
	}
	over, err := DetermineLicense(r, nil, q)
	if err != nil {
		t.Fatal(err)
	}
	if base.License != LicenseNotRequired || over.License != LicenseRequired || over.Reasons[0] != "license required: Framework for AI Diffusion: worldwide license requirement for 3A090.a, 4A090.a and .z items (Tier 1 under License Exception AIA; Tier 3 = Macau and D:5): worldwide requirement, destination IL (15 CFR 742.6(a)(6) as amended by 90 FR 4544 (Jan. 15, 2025), RIN 0694-AJ90)" {
		t.Errorf("default %v; override %v reasons %q", base.License, over.License, over.Reasons)
	}
	if _, err := LoadItemRules(context.Background(), filepath.Join(t.TempDir(), "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
