package rules

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// policyErrors returns every *PolicyError inside err (errors.Join trees).
func policyErrors(t *testing.T, err error) []*PolicyError {
	t.Helper()
	var out []*PolicyError
	var walk func(error)
	walk = func(e error) {
		if pe, ok := e.(*PolicyError); ok {
			out = append(out, pe)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		t.Errorf("error %T %v is not a *PolicyError", e, e)
	}
	walk(err)
	return out
}

func TestDefaultPolicy(t *testing.T) {
	p := Default()
	if p == nil || p != Default() {
		t.Fatal("Default is nil or not cached")
	}
	if p.Name() != "exportguard-default" || !p.AsOf().Equal(date("2026-11-28")) {
		t.Errorf("name %q as-of %v", p.Name(), p.AsOf())
	}
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(p.Version()) {
		t.Errorf("Version %q", p.Version())
	}
	if p.MatchThreshold() != 0.80 || p.MinorityStakeThreshold() != 25 ||
		p.MaxListAge() != 7*24*time.Hour || p.MaxGeoDBAge() != 45*24*time.Hour ||
		p.AffiliatesRuleAfterSuspension() != AffiliatesInForce || p.ItemRulesFile() != "" {
		t.Errorf("settings: %v %v %v %v %q %q", p.MatchThreshold(), p.MinorityStakeThreshold(), p.MaxListAge(), p.MaxGeoDBAge(), p.AffiliatesRuleAfterSuspension(), p.ItemRulesFile())
	}
	var names []string
	for _, pr := range p.Profiles() {
		names = append(names, pr.Name)
	}
	want := []string{"chips_act_foreign_country_of_concern", "doj_data_security_28_cfr_202_601", "ear_d5_plus_macau",
		"ear_embargo_e1_e2", "ear_region_embargo_746_6", "icts_foreign_adversaries_15_cfr_791_4"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("selected profiles (-want +got):\n%s", diff)
	}
	if _, ok := p.Profile("ai_diffusion_tier1_historical"); !ok {
		t.Error("unselected built-in profile not known")
	}
	if _, ok := p.Profile("nope"); ok {
		t.Error("unknown profile known")
	}
	if n := len(p.ProfileNames()); n != 15 {
		t.Errorf("%d profiles known, want 15", n)
	}
}

// TestDefaultOutcomes checks every default mapping named in the design
// (reason codes) and export-controls.md §3.1 (list sources).
func TestDefaultOutcomes(t *testing.T) {
	p := Default()
	codes := map[ReasonCode]Outcome{
		"party.listed": OutcomeReview, "party.hq_country_of_concern": OutcomeReview,
		"party.match_suppressed": OutcomeAllow, "party.potential_match": OutcomeReview,
		"party.parent_listed": OutcomeLicenseRequired, "party.owned_by_listed": OutcomeLicenseRequired,
		"party.minority_owned_by_listed": OutcomeReview, "destination.embargoed": OutcomeDeny,
		"destination.region_embargoed": OutcomeDeny, "destination.country_of_concern": OutcomeReview,
		"destination.region_approximated": OutcomeReview, "ip.region_approximated": OutcomeReview,
		"ip.country_of_concern": OutcomeReview, "ip.region_embargoed": OutcomeDeny, "ip.embargoed": OutcomeDeny,
		"ip.anonymizer": OutcomeReview, "ip.country_mismatch": OutcomeReview, "ip.location_uncertain": OutcomeReview, "ip.not_routable": OutcomeAllow,
		"ip.unknown": OutcomeReview, "item.license_required": OutcomeLicenseRequired, "item.gp10": OutcomeReview, "item.unresolved": OutcomeReview,
		"item.location_inconsistent": OutcomeReview, "item.location_concern_possible": OutcomeReview,
		"item.location_unverified": OutcomeReview, "data.stale": OutcomeReview, "data.missing": OutcomeReview, "data.undated": OutcomeReview,
		"data.evaluation_snapshot": OutcomeAllow, "input.invalid": OutcomeReview,
		// Unknown codes fail closed.
		"party.something_new": OutcomeReview, "": OutcomeReview,
	}
	for code, want := range codes {
		if got := p.OutcomeFor(code); got != want {
			t.Errorf("OutcomeFor(%q) = %v, want %v", code, got, want)
		}
	}
	// Completeness (every registered code has a default, the embedded
	// policy equals the registry) is rules/reasons_test.go's: a new code
	// is added in the registry alone.
	lists := map[string]Outcome{
		"SDN": OutcomeDeny, "DPL": OutcomeDeny, "FSE": OutcomeDeny, "INTERNAL": OutcomeDeny,
		"EL": OutcomeLicenseRequired, "MEU": OutcomeLicenseRequired,
		"UVL": OutcomeReview, "ISN": OutcomeReview, "SSI": OutcomeReview, "CMIC": OutcomeReview, "PLC": OutcomeReview,
		"CAP": OutcomeReview, "MBS": OutcomeReview, "UN": OutcomeReview, "DTC": OutcomeReview,
		// Spellings used in the CSL and OFAC files.
		"NS-MBS": OutcomeReview, "ns-cmic": OutcomeReview, "CAPTA": OutcomeReview, " sdn ": OutcomeDeny,
		// Unknown sources fail closed.
		"EU": OutcomeReview, "": OutcomeReview,
	}
	for src, want := range lists {
		if got := p.ListOutcome(src); got != want {
			t.Errorf("ListOutcome(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestEmbargo(t *testing.T) {
	p := Default()
	tests := []struct {
		dest, date string
		want       bool
		embargo    Embargo
	}{
		{"CU", "2026-07-08", true, Embargo{Destination: dest("CU"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.2 (Cuba)"}},
		{"CU-03", "2026-07-08", true, Embargo{Destination: dest("CU"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.2 (Cuba)"}},
		{"IR", "2026-07-08", true, Embargo{Destination: dest("IR"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.7 (Iran)"}},
		{"KP", "2026-07-08", true, Embargo{Destination: dest("KP"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.4 (North Korea)"}},
		{"SY", "2025-09-01", true, Embargo{Destination: dest("SY"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.9 (Syria)"}},
		{"SY", "2025-09-02", true, Embargo{Destination: dest("SY"), Program: "ear_embargo_e1_e2", Citation: "15 CFR 746.9 (Syria)"}},
		{"UA-43", "2026-07-08", true, Embargo{Destination: dest("UA-43"), Region: true, Program: "ear_region_embargo_746_6",
			Citation: "15 CFR 746.6(a)(1); E.O. 13685 of 2014-12-19 (Crimea region)", Since: date("2014-12-19")}},
		{"UA-40", "2026-07-08", true, Embargo{Destination: dest("UA-40"), Region: true, Program: "ear_region_embargo_746_6",
			Citation: "15 CFR 746.6(a)(1); E.O. 13685 of 2014-12-19 (Crimea region, Sevastopol)", Since: date("2014-12-19")}},
		{"UA-14", "2022-02-21", true, Embargo{Destination: dest("UA-14"), Region: true, Program: "ear_region_embargo_746_6",
			Citation: "15 CFR 746.6(a)(2); E.O. 14065 of 2022-02-21 (so-called DNR)", Since: date("2022-02-21"),
			Approximate: true, Note: "whole Donetsk oblast: over-approximates the so-called DNR"}},
		{"UA-09", "2026-07-08", true, Embargo{Destination: dest("UA-09"), Region: true, Program: "ear_region_embargo_746_6",
			Citation: "15 CFR 746.6(a)(2); E.O. 14065 of 2022-02-21 (so-called LNR)", Since: date("2022-02-21"),
			Approximate: true, Note: "whole Luhansk oblast: over-approximates the so-called LNR"}},
		{"UA-14", "2022-02-20", false, Embargo{}},
		{"UA-43", "2014-12-18", false, Embargo{}},
		{"UA", "2026-07-08", false, Embargo{}},
		{"UA-30", "2026-07-08", false, Embargo{}}, // Kyiv
		{"RU", "2026-07-08", false, Embargo{}},    // 746.8: listed items, not comprehensive
		{"BY", "2026-07-08", false, Embargo{}},
		{"CN", "2026-07-08", false, Embargo{}},
		{"HK", "2026-07-08", false, Embargo{}},
		{"VE", "2026-07-08", false, Embargo{}},
	}
	for _, tt := range tests {
		got, ok := p.Embargo(dest(tt.dest), date(tt.date))
		if ok != tt.want {
			t.Errorf("Embargo(%s, %s) = %v, want %v", tt.dest, tt.date, ok, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.embargo, got, cmpopts.EquateComparable(Country{}, Region{})); diff != "" {
			t.Errorf("Embargo(%s, %s) (-want +got):\n%s", tt.dest, tt.date, diff)
		}
	}
	if _, ok := p.Embargo(Destination{}, date("2026-07-08")); ok {
		t.Error("zero destination embargoed")
	}
	// Russia and Belarus are exposed through their own profile.
	rb := mustProfile(t, p, "ear_russia_belarus_746_8")
	if got := countryStrings(rb.Countries(date("2026-07-08"))); !slices.Equal(got, []string{"BY", "RU"}) || rb.Citation != "15 CFR 746.8; 15 CFR 734.9(f),(g); Supp. No. 3 to Part 746" {
		t.Errorf("Russia/Belarus profile: %v %q", got, rb.Citation)
	}
}

func TestConcernProfiles(t *testing.T) {
	p := Default()
	names := func(ps []*Profile) string {
		var s []string
		for _, pr := range ps {
			s = append(s, pr.Name)
		}
		return strings.Join(s, " ")
	}
	tests := []struct{ dest, date, want string }{
		{"CN", "2026-07-08", "chips_act_foreign_country_of_concern doj_data_security_28_cfr_202_601 ear_d5_plus_macau icts_foreign_adversaries_15_cfr_791_4"},
		{"HK", "2020-12-22", "chips_act_foreign_country_of_concern icts_foreign_adversaries_15_cfr_791_4"},
		{"HK", "2026-07-08", "chips_act_foreign_country_of_concern doj_data_security_28_cfr_202_601 ear_d5_plus_macau icts_foreign_adversaries_15_cfr_791_4"},
		{"CU", "2026-07-08", "doj_data_security_28_cfr_202_601 ear_d5_plus_macau ear_embargo_e1_e2 icts_foreign_adversaries_15_cfr_791_4"},
		{"KH", "2026-01-15", "ear_d5_plus_macau"},
		{"KH", "2026-03-01", ""},
		{"UA-43", "2026-07-08", "ear_region_embargo_746_6"},
		{"UA", "2026-07-08", ""},
		{"AE", "2026-07-08", ""},
		{"DE", "2026-07-08", ""},
	}
	for _, tt := range tests {
		if got := names(p.ConcernProfiles(dest(tt.dest), date(tt.date))); got != tt.want {
			t.Errorf("ConcernProfiles(%s, %s) = %q, want %q", tt.dest, tt.date, got, tt.want)
		}
	}
}

func TestExamplePolicyFile(t *testing.T) {
	p, err := LoadPolicyFile(context.Background(), "../testdata/policy/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "acme-ai-chips" || !p.AsOf().Equal(date("2026-11-01")) || !strings.HasPrefix(p.Description(), "Policy for an AI accelerator seller") {
		t.Errorf("name %q as-of %v", p.Name(), p.AsOf())
	}
	ua, hk, kh, cn := MustParseCountry("UA"), MustParseCountry("HK"), MustParseCountry("KH"), MustParseCountry("CN")
	b, d5 := MustParseGroup("B"), MustParseGroup("D:5")
	groups := []struct {
		c    Country
		date string
		want string
	}{
		{ua, "2020-12-27", "A:2 A:3 A:4 D:1"},
		{ua, "2020-12-28", "A:2 A:3 A:4 B"}, // Group B supplied by the policy
		{hk, "2020-12-22", "A:6 B"},
		{hk, "2020-12-23", "D:1 D:3 D:4 D:5"},
		{kh, "2025-11-06", "D:1 D:5"},
		{kh, "2025-11-07", "D:1"}, // the policy dates the exit from ITAR 126.1
		{kh, "2026-03-01", "D:1"},
		{cn, "2026-07-08", "D:1 D:3 D:4 D:5"},
	}
	for _, g := range groups {
		if got := groupStrings(p.Groups(g.c, date(g.date))); got != g.want {
			t.Errorf("Groups(%s, %s) = %q, want %q", g.c, g.date, got, g.want)
		}
	}
	if p.InGroup(ua, b, date("2020-12-27")) || !p.InGroup(ua, b, date("2021-01-01")) || p.InGroup(kh, d5, date("2025-12-01")) {
		t.Error("InGroup disagrees with Groups")
	}
	// The default policy is unaffected.
	if !Default().InGroup(kh, d5, date("2025-12-01")) || Default().InGroup(ua, b, date("2021-01-01")) {
		t.Error("policy overrides leaked into Default")
	}

	var names []string
	for _, pr := range p.Profiles() {
		names = append(names, pr.Name)
	}
	if want := []string{"acme_datacenter_concern", "doj_data_security_28_cfr_202_601", "ear_embargo_e1_e2", "ear_region_embargo_746_6"}; !slices.Equal(names, want) {
		t.Errorf("Profiles = %v, want %v", names, want)
	}
	acme := mustProfile(t, p, "acme_datacenter_concern")
	if acme.Citation != "Acme export compliance manual §4.2; 15 CFR 744.23; 15 U.S.C. 4651(7)" || !acme.AsOf.Equal(date("2026-11-01")) {
		t.Errorf("acme profile: %q %v", acme.Citation, acme.AsOf)
	}
	members := []struct {
		dest, date string
		want       bool
	}{
		{"BY", "2026-07-08", true},  // own entry
		{"AZ", "2025-12-31", false}, // dated entry not yet in force
		{"AZ", "2026-01-01", true},
		{"CN", "2026-07-08", true},  // via ear_d5_plus_macau
		{"MO", "2026-07-08", true},  // via ear_d5_plus_macau
		{"IR", "2026-07-08", true},  // E:1 group
		{"KH", "2026-01-01", false}, // D:5 removed by this policy on 2025-11-07
		{"KH", "2025-11-06", true},
		{"TW", "2026-07-08", false}, // removed
		{"UA-23", "2026-07-08", true},
		{"UA-65", "2026-07-08", true},
		{"UA-14", "2026-07-08", false}, // region removed
		{"UA", "2026-07-08", false},
		{"DE", "2026-07-08", false},
	}
	for _, m := range members {
		if got := acme.Contains(dest(m.dest), date(m.date)); got != m.want {
			t.Errorf("acme.Contains(%s, %s) = %v, want %v", m.dest, m.date, got, m.want)
		}
	}
	if got := regionStrings(acme.Regions()); got != "UA-23 UA-65" {
		t.Errorf("acme.Regions = %q", got)
	}
	noU := mustProfile(t, p, "acme_no_unconfirmed_chips")
	if got := countryStrings(noU.Countries(date("2026-07-08"))); !slices.Equal(got, []string{"CN", "IR", "KP", "RU"}) {
		t.Errorf("acme_no_unconfirmed_chips = %v", got)
	}

	// Syria's OFAC embargo (added to embargo_profiles here) ended on 2025-08-26, but the EAR E:1 one did not.
	if e, ok := p.Embargo(dest("SY"), date("2025-09-02")); !ok || e.Program != "ear_embargo_e1_e2" {
		t.Errorf("Embargo(SY) = %+v, %v", e, ok)
	}

	if p.OutcomeFor("ip.anonymizer") != OutcomeDeny || p.OutcomeFor("data.evaluation_snapshot") != OutcomeReview ||
		p.OutcomeFor("party.minority_owned_by_listed") != OutcomeLicenseRequired || p.OutcomeFor("ip.not_routable") != OutcomeAllow {
		t.Error("outcomes not applied")
	}
	if p.ListOutcome("UVL") != OutcomeLicenseRequired || p.ListOutcome("UN") != OutcomeDeny || p.ListOutcome("SDN") != OutcomeDeny {
		t.Error("list outcomes not applied")
	}
	if p.MatchThreshold() != 0.92 || p.MinorityStakeThreshold() != 10 || p.MaxListAge() != 48*time.Hour ||
		p.MaxGeoDBAge() != 30*24*time.Hour || p.AffiliatesRuleAfterSuspension() != AffiliatesSuspended {
		t.Error("thresholds not applied")
	}
	if want := filepath.Join("..", "testdata", "policy", "example_item_rules.json"); p.ItemRulesFile() != want {
		t.Errorf("ItemRulesFile = %q, want %q", p.ItemRulesFile(), want)
	}
	if p.Version() == Default().Version() {
		t.Error("example has the default's Version")
	}
	if _, err := LoadItemRules(context.Background(), p.ItemRulesFile()); err != nil {
		t.Errorf("item rules the example names: %v", err)
	}
}

func regionStrings(rs []Region) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	return strings.Join(s, " ")
}

// TestBadPolicies checks that each kind of bad policy file is rejected as a
// whole, with the exact position, field and value of each problem.
func TestBadPolicies(t *testing.T) {
	type want struct {
		line, col    int
		field, value string
		msg          string
	}
	tests := []struct {
		file string
		errs []want
	}{
		{"unknown_group.yaml", []want{{7, 19, "country_groups.add[0].groups[1]", "D:9", `unknown country group "D:9"`}}},
		{"unknown_key.yaml", []want{{6, 3, "thresholds.fuzzy", "fuzzy", `unknown key "fuzzy" in thresholds`}}},
		{"unknown_country.yaml", []want{{9, 23, "profiles.define[0].countries[1]", "ZZ", `unknown country "ZZ": want an ISO 3166-1 alpha-2 code`}}},
		{"unknown_region.yaml", []want{{11, 20, "profiles.define[0].regions[1].region", "UA-99", `unknown region "UA-99": want an ISO 3166-2 code such as UA-43`}}},
		{"unknown_profile.yaml", []want{{7, 7, "profiles.select", "ear_d9_plus_atlantis", `unknown profile "ear_d9_plus_atlantis"`}}},
		{"unknown_extends.yaml", []want{{9, 55, "profiles.define", "chips_act", `unknown profile "chips_act"`}}},
		{"unknown_outcome.yaml", []want{{5, 18, "outcomes.ip.anonymizer", "block", `unknown outcome "block": want allow, review, license_required or deny`}}},
		{"unknown_reason_code.yaml", []want{{5, 3, "outcomes.party.entity_list", "party.entity_list", `unknown reason code "party.entity_list"`}}},
		{"unknown_list.yaml", []want{{6, 3, "lists.OFAC", "OFAC", `unknown list source "OFAC": want one of SDN, DPL, FSE, EL, MEU, UVL, ISN, SSI, CMIC, PLC, CAP, MBS, UN, DTC, INTERNAL`}}},
		{"bad_duration.yaml", []want{{5, 17, "data_freshness.max_list_age", "7 days", `invalid duration "7 days": want a number of days such as 7d, or hours such as 36h`}}},
		{"duration_out_of_range.yaml", []want{{5, 18, "data_freshness.max_geodb_age", "400d", `duration "400d" out of range: want more than 0 and at most 366d`}}},
		{"match_out_of_range.yaml", []want{{5, 10, "thresholds.match", "1.5", `match threshold 1.5 out of range: want more than 0 and at most 1`}}},
		{"minority_out_of_range.yaml", []want{{5, 27, "thresholds.minority_stake_percent", "-5", `minority stake -5 out of range: want more than 0 and at most 100 (percent)`}}},
		{"profile_contradiction.yaml", []want{{10, 26, "profiles.define[0].remove_countries[0]", "CN", `country "CN" both added to and removed from profile`}}},
		{"group_contradiction.yaml", []want{{8, 7, "country_groups.remove[0]", "UA", `country "UA" both added to and removed from group "B" (see line 6)`}}},
		{"until_before_from.yaml", []want{{6, 7, "country_groups.add[0].until", "2019-01-01", `until 2019-01-01 is not after from 2020-12-23`}}},
		{"duplicate_key.yaml", []want{{6, 3, "outcomes.ip.anonymizer", "ip.anonymizer", `duplicate key "ip.anonymizer" (first at line 5)`}}},
		{"bad_version.yaml", []want{{1, 10, "version", "2", `unsupported policy format version "2": want 1`}}},
		{"missing_version.yaml", []want{{1, 1, "version", "", `missing version: want version: 1`}}},
		{"bad_date.yaml", []want{{3, 8, "as_of", "2026-02-30", `invalid date "2026-02-30": want YYYY-MM-DD`}}},
		{"builtin_redefined.yaml", []want{{6, 13, "profiles.define", "ear_d5_plus_macau", `profile "ear_d5_plus_macau" is built in: define a new name and extend it`}}},
		{"extends_cycle.yaml", []want{{13, 17, "profiles.define", "alpha", `profile "alpha" extends itself`}}},
		{"alias.yaml", []want{{5, 8, "", "deny", `anchors and aliases are not allowed in a policy file`}}},
		{"affiliates.yaml", []want{{4, 35, "affiliates_rule_after_suspension", "maybe", `unknown Affiliates rule status "maybe": want in_force or suspended`}}},
		{"not_a_list.yaml", []want{{4, 19, "embargo_profiles", "ear_embargo_e1_e2", `embargo_profiles must be a list`}}},
		{"syntax.yaml", []want{{5, 0, "", "", `invalid YAML: did not find expected key`}}},
		{"bad_outcome.json", []want{{2, 19, "lists.SDN", "block", `unknown outcome "block": want allow, review, license_required or deny`}}},
		{"many_errors.yaml", []want{
			{5, 18, "outcomes.ip.anonymizer", "block", `unknown outcome "block": want allow, review, license_required or deny`},
			{7, 10, "thresholds.match", "0", `match threshold 0 out of range: want more than 0 and at most 1`},
			{10, 17, "country_groups.add[0].country", "ZZ", `unknown country "ZZ": want an ISO 3166-1 alpha-2 code`},
		}},
	}
	files, _ := filepath.Glob("../testdata/policy/bad/*")
	if len(files) != len(tests) {
		t.Errorf("%d bad files, %d cases", len(files), len(tests))
	}
	for _, tt := range tests {
		path := "../testdata/policy/bad/" + tt.file
		p, err := LoadPolicyFile(context.Background(), path)
		if p != nil || err == nil {
			t.Errorf("%s: got a policy (err %v)", tt.file, err)
			continue
		}
		if !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("%s: not ErrInvalidPolicy: %v", tt.file, err)
		}
		var first *PolicyError
		if !errors.As(err, &first) {
			t.Errorf("%s: no *PolicyError", tt.file)
		}
		got := policyErrors(t, err)
		var gotW []want
		for _, e := range got {
			if e.File != path {
				t.Errorf("%s: File %q", tt.file, e.File)
			}
			gotW = append(gotW, want{e.Line, e.Column, e.Field, e.Value, e.Msg})
		}
		if diff := cmp.Diff(tt.errs, gotW, cmp.AllowUnexported(want{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.file, diff)
		}
		if e := tt.errs[0]; e.col > 0 {
			wantText := path + ":" + itoa(e.line) + ":" + itoa(e.col) + ": " + e.msg
			if got[0].Error() != wantText {
				t.Errorf("%s: Error() = %q, want %q", tt.file, got[0].Error(), wantText)
			}
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestParsePolicyEmptyAndWrongShape(t *testing.T) {
	tests := []struct{ data, want string }{
		{"", "p.yaml: empty policy file"},
		{"# only a comment\n", "p.yaml: empty policy file"},
		{"- a\n- b\n", `p.yaml:1:1: policy must be a mapping of keys to values`},
		{"version: 1\nname: x\nas_of: 2026-01-01\n---\nversion: 1\n", "p.yaml:4:1: more than one YAML document"},
		{"version: 1\nname: '  '\nas_of: 2026-01-01\n", `p.yaml:2:7: blank policy name "  "`},
		{"version: 1\nname: x\nas_of: 2026-01-01\ncountry_groups: {add: [{country: UA}]}\n", "p.yaml:4:24: entry has no groups"},
		{"version: 1\nname: x\nas_of: 2026-01-01\nthresholds: {match: high}\n", `p.yaml:4:21: invalid number "high"`},
		{"version: 1\nname: x\nas_of: 2026-01-01\nprofiles: {define: [{name: Bad-Name, citation: c, as_of: 2026-01-01}]}\n", `p.yaml:4:28: invalid profile name "Bad-Name": want lower-case letters, digits and _`},
		{"version: 1\nname: x\nas_of: 2026-01-01\nprofiles: {define: [{name: a, as_of: 2026-01-01}]}\n", `p.yaml:4:21: profile "a" has no citation`},
		{"version: 1\nname: x\nas_of: 2026-01-01\nprofiles: {select: [ear_d5_plus_macau, ear_d5_plus_macau]}\n", `p.yaml:4:40: profile "ear_d5_plus_macau" listed twice (first at line 4)`},
		{"version: 1\nname: x\nas_of: 2026-01-01\nitem_rules_file: !custom x\n", `p.yaml:4:18: custom tag "!custom" not allowed`},
		{"version: 1\nname: x\nas_of: 2026-01-01\nlists: {NS-MBS: deny}\n", `p.yaml:4:9: unknown list source "NS-MBS"`},
	}
	for _, tt := range tests {
		p, err := ParsePolicy("p.yaml", []byte(tt.data))
		if p != nil || err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParsePolicy(%q) = %v, %v; want error %q", tt.data, p != nil, err, tt.want)
		}
	}
}

// TestMinimalPolicyInheritsDefault checks that a file with only the
// required keys gets every default setting.
func TestMinimalPolicyInheritsDefault(t *testing.T) {
	p, err := ParsePolicy("min.yaml", []byte("version: 1\nname: minimal\nas_of: 2026-11-01\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	for _, code := range ReasonCodes() {
		if p.OutcomeFor(code) != d.OutcomeFor(code) {
			t.Errorf("%s: %v vs default %v", code, p.OutcomeFor(code), d.OutcomeFor(code))
		}
	}
	for _, src := range ListSources() {
		if p.ListOutcome(src) != d.ListOutcome(src) {
			t.Errorf("%s differs", src)
		}
	}
	if p.MatchThreshold() != d.MatchThreshold() || len(p.Profiles()) != len(d.Profiles()) || p.Description() != "" {
		t.Error("settings not inherited")
	}
	// One override changes one value.
	q, err := ParsePolicy("one.yaml", []byte("version: 1\nname: minimal\nas_of: 2026-11-01\noutcomes: {ip.anonymizer: deny}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if q.OutcomeFor("ip.anonymizer") != OutcomeDeny || q.OutcomeFor("ip.unknown") != OutcomeReview {
		t.Error("override")
	}
	if q.Version() == p.Version() {
		t.Error("different content, same Version")
	}
}

// TestHongKongFollowsChinaOverrides checks that a policy override for China
// reaches Hong Kong from 2020-12-23 on.
func TestHongKongFollowsChinaOverrides(t *testing.T) {
	p, err := ParsePolicy("hk.yaml", []byte("version: 1\nname: hk\nas_of: 2026-11-01\ncountry_groups:\n  remove:\n    - {country: CN, groups: [D:3]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	hk := MustParseCountry("HK")
	if got := groupStrings(p.Groups(hk, date("2021-01-01"))); got != "D:1 D:4 D:5" {
		t.Errorf("HK after 2020-12-23: %q", got)
	}
	if got := groupStrings(p.Groups(hk, date("2020-01-01"))); got != "A:6" {
		t.Errorf("HK before: %q", got)
	}
}

// TestVersionIsContent checks that Version depends on content only: the
// canonical form (JSON), a reordered file and the original agree.
func TestVersionIsContent(t *testing.T) {
	p, err := LoadPolicyFile(context.Background(), "../testdata/policy/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParsePolicy("../testdata/policy/canonical.json", p.Canonical())
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() != p.Version() || !bytes.Equal(c.Canonical(), p.Canonical()) {
		t.Errorf("canonical re-parse: %s vs %s", c.Version(), p.Version())
	}
	d, err := ParsePolicy("d.yaml", Default().Canonical())
	if err != nil || d.Version() != Default().Version() {
		t.Errorf("default canonical re-parse: %v", err)
	}
	a, _ := ParsePolicy("a.yaml", []byte("version: 1\nname: x\nas_of: 2026-11-01\nprofiles: {select: [ear_d5_plus_macau, ear_embargo_e1_e2]}\n"))
	b, _ := ParsePolicy("b.yaml", []byte("# reordered\nas_of: 2026-11-01\nprofiles:\n  select:\n    - ear_embargo_e1_e2\n    - ear_d5_plus_macau\nname: \"x\"\nversion: 1\n"))
	if a == nil || b == nil || a.Version() != b.Version() {
		t.Error("layout changed the Version")
	}
	// Canonical returns a copy.
	cc := p.Canonical()
	cc[0] = 'X'
	if p.Canonical()[0] == 'X' {
		t.Error("Canonical exposes internal state")
	}
}

func TestPolicyImmutable(t *testing.T) {
	p := Default()
	ps := p.Profiles()
	ps[0] = nil
	if p.Profiles()[0] == nil {
		t.Error("Profiles exposes internal slice")
	}
	pr := mustProfile(t, p, "ear_embargo_e1_e2")
	g := pr.Groups()
	g[0] = MustParseGroup("A:1")
	if pr.Groups()[0] != MustParseGroup("E:1") {
		t.Error("Groups exposes internal slice")
	}
}

func TestLoadPolicyFileErrors(t *testing.T) {
	if _, err := LoadPolicyFile(context.Background(), "../testdata/policy/does-not-exist.yaml"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nname: x\nas_of: 2026-11-01\nitem_rules_file: rules/missing.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPolicyFile(context.Background(), path)
	var pe *PolicyError
	if p != nil || !errors.As(err, &pe) || pe.Line != 4 || pe.Column != 18 || pe.Value != "rules/missing.json" || pe.Field != "item_rules_file" {
		t.Fatalf("missing item rules: %v %#v", err, pe)
	}
	if err := os.MkdirAll(filepath.Join(dir, "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rules", "missing.json"), []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = LoadPolicyFile(context.Background(), path)
	if err != nil || p.ItemRulesFile() != filepath.Join(dir, "rules", "missing.json") {
		t.Fatalf("item rules: %v %q", err, p.ItemRulesFile())
	}
}

func TestPolicyZeroDate(t *testing.T) {
	p := Default()
	hk := Destination{Country: MustParseCountry("HK")}
	if got, want := len(p.ConcernProfiles(hk, time.Time{})), len(p.ConcernProfiles(hk, p.AsOf())); got != want {
		t.Errorf("zero date: %d profiles, as-of: %d", got, want)
	}
	if !slices.Equal(p.Groups(MustParseCountry("KH"), time.Time{}), p.Groups(MustParseCountry("KH"), p.AsOf())) {
		t.Error("zero date groups")
	}
}

func BenchmarkEmbargo(b *testing.B) {
	p := Default()
	d := Destination{Country: MustParseCountry("UA"), Region: MustParseRegion("UA-43")}
	on := date("2026-07-08")
	for b.Loop() {
		p.Embargo(d, on)
	}
}

func BenchmarkParsePolicy(b *testing.B) {
	data, err := os.ReadFile("../testdata/policy/example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ParsePolicy("example.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
