package rules

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func countryStrings(cs []Country) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

func dest(s string) Destination {
	d, err := parseCode(s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustProfile(t *testing.T, p *Policy, name string) *Profile {
	t.Helper()
	pr, ok := p.Profile(name)
	if !ok {
		t.Fatalf("no profile %q", name)
	}
	return pr
}

// upstreamProfile is an entry of data/countries_of_concern.json.
type upstreamProfile struct {
	Name         string   `json:"name"`
	Countries    []string `json:"countries"`
	Regions      []string `json:"regions"`
	Citation     string   `json:"citation"`
	AsOf         string   `json:"as_of"`
	AlsoConsider []string `json:"also_consider"`
	Status       string   `json:"status"`
}

// TestProfilesMatchUpstream checks every embedded profile against the
// reference file it was derived from, on the reference's as-of date
// (2026-07-08). Profiles computed from country groups must give the same
// members as the lists written there; "also_consider" countries are kept as
// unconfirmed members.
func TestProfilesMatchUpstream(t *testing.T) {
	b, err := os.ReadFile("data/countries_of_concern.json")
	if err != nil {
		t.Fatal(err)
	}
	var up []upstreamProfile
	if err := json.Unmarshal(b, &up); err != nil {
		t.Fatal(err)
	}
	p := Default()
	if len(up) != len(builtinProfileDefs()) {
		t.Errorf("%d upstream profiles, %d embedded", len(up), len(builtinProfileDefs()))
	}
	on := date("2026-07-08")
	for _, u := range up {
		pr, ok := p.Profile(u.Name)
		if !ok {
			t.Errorf("profile %q missing", u.Name)
			continue
		}
		want := slices.Concat(u.Countries, u.AlsoConsider)
		slices.Sort(want)
		if diff := cmp.Diff(want, countryStrings(pr.Countries(on)), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s countries on %s (-upstream +embedded):\n%s", u.Name, on.Format(time.DateOnly), diff)
		}
		wantR := slices.Sorted(slices.Values(u.Regions))
		var gotR []string
		for _, r := range pr.Regions() {
			gotR = append(gotR, r.String())
		}
		if diff := cmp.Diff(wantR, gotR, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s regions (-upstream +embedded):\n%s", u.Name, diff)
		}
		if pr.Citation == "" || pr.AsOf.IsZero() {
			t.Errorf("%s: no citation or as-of", u.Name)
		}
		if u.Status != "" && pr.Status != u.Status {
			t.Errorf("%s: status %q, upstream %q", u.Name, pr.Status, u.Status)
		}
		for _, c := range u.AlsoConsider {
			if settled[u.Name+" "+c] {
				continue
			}
			if !slices.Contains(pr.Unconfirmed(), c) {
				t.Errorf("%s: %s not marked unconfirmed", u.Name, c)
			}
		}
	}
}

// TestProfilesAcrossDates checks profile membership on both sides of each
// recorded change, with the reason.
func TestProfilesAcrossDates(t *testing.T) {
	p := Default()
	tests := []struct {
		profile, dest, date string
		want                bool
		why                 string
	}{
		{"ear_d5_plus_macau", "KH", "2026-02-02", true, "Cambodia still D:5 (RIN 0694-AK41 effective 2026-02-03)"},
		{"ear_d5_plus_macau", "KH", "2026-02-03", false, "Cambodia left D:5"},
		{"ear_d5_plus_macau", "KH", "2021-12-08", false, "before 86 FR 70015"},
		{"ear_d5_plus_macau", "HK", "2020-12-22", false, "Hong Kong separate, A:6"},
		{"ear_d5_plus_macau", "HK", "2020-12-23", true, "Hong Kong is China (D:5)"},
		{"ear_d5_plus_macau", "MO", "2019-01-01", true, "Macau named in 744.23"},
		{"ear_d5_plus_macau", "CY", "2022-09-30", true, "Cyprus under ITAR 126.1"},
		{"ear_d5_plus_macau", "CY", "2022-10-01", false, "126.1 lifted"},
		{"ear_d5_plus_macau", "CN-BJ", "2026-07-08", true, "a country entry matches its regions"},
		{"ear_d5_plus_macau", "AE", "2026-07-08", false, "UAE is D:3/D:4 only"},
		{"ear_advanced_computing_destination_scope", "AE", "2026-07-08", true, "UAE: D:4, not A:5/A:6"},
		{"ear_advanced_computing_destination_scope", "SA", "2026-07-08", true, "Saudi Arabia: D:4"},
		{"ear_advanced_computing_destination_scope", "IL", "2026-07-08", false, "Israel: D:4 but A:6"},
		{"ear_advanced_computing_destination_scope", "TW", "2026-07-08", false, "Taiwan: A:6, and D:3 is not in scope"},
		{"ear_advanced_computing_destination_scope", "KH", "2026-07-08", true, "Cambodia: still D:1"},
		{"ear_advanced_computing_destination_scope", "HK", "2020-12-22", false, "Hong Kong A:6 before 85 FR 83765"},
		{"ear_advanced_computing_destination_scope", "HK", "2020-12-23", true, "Hong Kong as China"},
		{"ear_advanced_computing_destination_scope", "MO", "2026-07-08", true, "Macau"},
		{"ear_advanced_computing_destination_scope", "UA", "2020-12-27", true, "Ukraine D:1 before 85 FR 84211"},
		{"ear_advanced_computing_destination_scope", "UA", "2020-12-28", false, "Ukraine moved to B"},
		{"ear_advanced_computing_destination_scope", "MX", "2026-07-08", false, "Mexico A:1/A:6"},
		{"ear_advanced_computing_destination_scope", "CY", "2022-09-30", false, "Cyprus D:5 but A:6 since 2020-12-28"},
		{"ear_advanced_computing_destination_scope", "CY", "2020-12-27", true, "Cyprus D:5 and not yet A:6"},
		{"ear_embargo_e1_e2", "SY", "2025-09-02", true, "Syria still E:1 after the easing rule"},
		{"ear_embargo_e1_e2", "CU", "2026-07-08", true, "Cuba E:2"},
		{"ear_embargo_e1_e2", "RU", "2026-07-08", false, "Russia: 746.8, not E"},
		{"ear_region_embargo_746_6", "UA-43", "2026-07-08", true, "Crimea"},
		{"ear_region_embargo_746_6", "UA-40", "2026-07-08", true, "Sevastopol"},
		{"ear_region_embargo_746_6", "UA-14", "2022-02-20", false, "before E.O. 14065"},
		{"ear_region_embargo_746_6", "UA-14", "2022-02-21", true, "E.O. 14065"},
		{"ear_region_embargo_746_6", "UA-09", "2026-07-08", true, "so-called LNR"},
		{"ear_region_embargo_746_6", "UA-23", "2026-07-08", false, "Zaporizhzhia not covered"},
		{"ear_region_embargo_746_6", "UA", "2026-07-08", false, "Ukraine itself is not embargoed"},
		{"ofac_comprehensive_embargo_2026", "SY", "2025-08-25", true, "31 CFR 542 in force"},
		{"ofac_comprehensive_embargo_2026", "SY", "2025-08-26", false, "31 CFR 542 removed"},
		{"chips_act_foreign_country_of_concern", "CN", "2026-07-08", true, "covered nation"},
		{"chips_act_foreign_country_of_concern", "HK", "2026-07-08", true, "[U] kept to fail closed"},
		{"chips_act_foreign_country_of_concern", "VE", "2026-07-08", false, "not a covered nation"},
		{"icts_foreign_adversaries_15_cfr_791_4", "MO", "2026-07-08", true, "Macau SAR named"},
		{"icts_foreign_adversaries_15_cfr_791_4", "VE", "2026-07-08", true, "Maduro regime (approximation)"},
		{"icts_foreign_adversaries_15_cfr_791_4", "BY", "2026-07-08", false, "not a foreign adversary"},
		{"doj_data_security_28_cfr_202_601", "VE", "2025-04-07", false, "before the rule's effective date"},
		{"doj_data_security_28_cfr_202_601", "VE", "2025-04-08", true, "effective 2025-04-08"},
		{"doj_data_security_28_cfr_202_601", "BY", "2026-07-08", false, "not named"},
		{"ear_russia_belarus_746_8", "BY", "2026-07-08", true, "746.8"},
		{"iaas_cip_nprm_2024", "HK", "2026-07-08", true, "extends the ICTS list"},
		{"ear_military_intelligence_744_22", "KH", "2021-12-09", true, "86 FR 70015"},
		{"ear_military_intelligence_744_22", "KH", "2021-12-08", false, "before 86 FR 70015"},
	}
	for _, tt := range tests {
		pr := mustProfile(t, p, tt.profile)
		if got := pr.Contains(dest(tt.dest), date(tt.date)); got != tt.want {
			t.Errorf("%s.Contains(%s, %s) = %v, want %v (%s)", tt.profile, tt.dest, tt.date, got, tt.want, tt.why)
		}
		if !strings.Contains(tt.dest, "-") {
			if got := slices.Contains(pr.Countries(date(tt.date)), MustParseCountry(tt.dest)); got != tt.want {
				t.Errorf("%s.Countries(%s) has %s = %v, want %v", tt.profile, tt.date, tt.dest, got, tt.want)
			}
		}
	}
}

func TestAdvancedComputingScopeComputed(t *testing.T) {
	// The scope is computed from groups, never copied: on every date it is
	// (D:1 ∪ D:4 ∪ D:5 ∪ {MO}) \ (A:5 ∪ A:6).
	p := Default()
	pr := mustProfile(t, p, "ear_advanced_computing_destination_scope")
	for _, ds := range []string{"2019-06-01", "2020-12-23", "2021-12-09", "2022-10-01", "2026-02-03", "2026-07-08"} {
		on := date(ds)
		var want []string
		for _, c := range isoCountries {
			cc := MustParseCountry(c.alpha2)
			in := cc.String() == "MO"
			for _, g := range []string{"D:1", "D:4", "D:5"} {
				in = in || InGroup(cc, MustParseGroup(g), on)
			}
			if in && !InGroup(cc, MustParseGroup("A:5"), on) && !InGroup(cc, MustParseGroup("A:6"), on) {
				want = append(want, c.alpha2)
			}
		}
		if diff := cmp.Diff(want, countryStrings(pr.Countries(on))); diff != "" {
			t.Errorf("%s: (-computed +profile)\n%s", ds, diff)
		}
	}
	if g := groupStrings(pr.ExcludedGroups()); g != "A:5 A:6" {
		t.Errorf("ExcludedGroups = %q", g)
	}
}

func TestProfileMetadata(t *testing.T) {
	p := Default()
	tests := []struct{ name, citation, asOf, status string }{
		{"ear_d5_plus_macau", "15 CFR Part 740 Supp. No. 1 (D:5); 15 CFR 744.23; 15 CFR 742.6(a)(6)(iii)(A)", "2026-07-08", StatusInForce},
		{"ear_advanced_computing_destination_scope", "15 CFR 742.6(a)(6); 15 CFR 744.23(a)(3)(i)", "2026-07-08", StatusInForce},
		{"ear_embargo_e1_e2", "15 CFR Part 740 Supp. No. 1 (E:1, E:2); 15 CFR Part 746", "2026-07-08", StatusInForce},
		{"ear_region_embargo_746_6", "15 CFR 746.6; E.O. 13685 (Crimea); E.O. 14065 (DNR/LNR)", "2026-07-01", StatusInForce},
		{"chips_act_foreign_country_of_concern", "15 U.S.C. 4651(7); 15 CFR 231.102 (final rule 88 FR 65600, Sept. 25, 2023 [U]: the reference notes cite 88 FR 61614); 10 U.S.C. 4872(d)(2)", "2026-04-05", StatusInForce},
		{"icts_foreign_adversaries_15_cfr_791_4", "15 CFR 791.4 (list as of July 18, 2024)", "2024-07-18", StatusInForce},
		{"doj_data_security_28_cfr_202_601", "28 CFR 202.601 (90 FR 1636, Jan. 8, 2025)", "2026-04-05", StatusInForce},
		{"iaas_cip_nprm_2024", "89 FR 5698 (Jan. 29, 2024), RIN 0694-AJ35; E.O. 13984; E.O. 14110", "2024-01-29", StatusProposed},
		{"ai_diffusion_tier1_historical", "90 FR 4544 (Jan. 15, 2025)", "2025-01-15", StatusNotEnforced},
	}
	for _, tt := range tests {
		pr := mustProfile(t, p, tt.name)
		if pr.Name != tt.name || pr.Citation != tt.citation || pr.AsOf.Format(time.DateOnly) != tt.asOf || pr.Status != tt.status || pr.Description == "" {
			t.Errorf("%s: got %q %q %s %q", tt.name, pr.Name, pr.Citation, pr.AsOf.Format(time.DateOnly), pr.Status)
		}
	}
	if got := mustProfile(t, p, "iaas_cip_nprm_2024").Extends(); !slices.Equal(got, []string{"icts_foreign_adversaries_15_cfr_791_4"}) {
		t.Errorf("Extends = %v", got)
	}
	if got := groupStrings(mustProfile(t, p, "ear_embargo_e1_e2").Groups()); got != "E:1 E:2" {
		t.Errorf("Groups = %q", got)
	}
}

func TestProfileZeroDateAndInvalid(t *testing.T) {
	p := Default()
	pr := mustProfile(t, p, "ear_d5_plus_macau")
	if !slices.Equal(pr.Countries(time.Time{}), pr.Countries(p.AsOf())) {
		t.Error("zero date is not the policy's as-of")
	}
	if pr.Contains(Destination{}, p.AsOf()) {
		t.Error("zero destination contained")
	}
}

func BenchmarkProfileContains(b *testing.B) {
	pr, _ := Default().Profile("ear_advanced_computing_destination_scope")
	d := Destination{Country: MustParseCountry("AE")}
	on := date("2026-07-08")
	for b.Loop() {
		pr.Contains(d, on)
	}
}

func BenchmarkConcernProfiles(b *testing.B) {
	p := Default()
	d := Destination{Country: MustParseCountry("HK")}
	on := date("2026-07-08")
	for b.Loop() {
		p.ConcernProfiles(d, on)
	}
}

func TestProfilesFileErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01}\n  - {name: a, citation: c, as_of: 2026-01-01}\n", `profiles.yaml:3:12: profile "a" defined twice`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, extends: [b]}\n", `profiles.yaml:2:57: unknown profile "b"`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, groups: [D:5], exclude_groups: [D:5]}\n", `profiles.yaml:2:5: group "D:5" both included and excluded`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, status: repealed}\n", `profiles.yaml:2:55: unknown profile status "repealed"`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, countries: [{country: SY, until: 2025-08-26, until: 2025-08-27}]}\n", `profiles.yaml:2:92: duplicate key "until"`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, countries: [{from: 2025-08-26}]}\n", `profiles.yaml:2:59: entry has no country`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, countries: [CN, CN]}\n", `profiles.yaml:2:63: country "CN" listed twice in profile (first at line 2)`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, citations: {ZZ: x}}\n", `profiles.yaml:2:59: unknown country or region "ZZ"`},
		{"profiles:\n  - {name: a, citation: c, as_of: 2026-01-01, countries: [{country: CN, unconfirmed: yes}]}\n", `profiles.yaml:2:86: invalid boolean "yes": want true or false`},
		{"other: 1\n", `profiles.yaml:1:1: unknown key "other" in the policy`},
	}
	for _, tt := range tests {
		d := &yamlDecoder{file: "profiles.yaml"}
		d.checkProfileRefs(d.decodeProfilesFile([]byte(tt.data)))
		err := d.err()
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.data, err, tt.want)
		}
	}
}

// settled are the reference file's [U] entries ("also consider") that the
// primary text since settled: 28 CFR 202.601(a)(1) names China "along with"
// the Hong Kong and Macau SARs.
var settled = map[string]bool{
	"doj_data_security_28_cfr_202_601 HK": true,
	"doj_data_security_28_cfr_202_601 MO": true,
}

// TestProfileReview pins the profile facts the regulation review checked:
// 791.4(a)(1) names Hong Kong, not Macau; 28 CFR 202.601 includes both SARs
// in China; France is a Tier 1 destination of Supp. No. 5(a) to Part 740.
func TestProfileReview(t *testing.T) {
	p := Default()
	tests := []struct {
		profile, country string
		unconfirmed      bool
	}{
		{"icts_foreign_adversaries_15_cfr_791_4", "HK", false},
		{"icts_foreign_adversaries_15_cfr_791_4", "MO", true},
		{"doj_data_security_28_cfr_202_601", "HK", false},
		{"doj_data_security_28_cfr_202_601", "MO", false},
		{"ai_diffusion_tier1_historical", "FR", false},
	}
	for _, tt := range tests {
		pr := mustProfile(t, p, tt.profile)
		if got := slices.Contains(pr.Unconfirmed(), tt.country); got != tt.unconfirmed {
			t.Errorf("%s %s: unconfirmed %v, want %v", tt.profile, tt.country, got, tt.unconfirmed)
		}
	}
}
