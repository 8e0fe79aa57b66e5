package rules

import (
	"testing"
	"time"
)

func TestAffiliatesRuleStatus(t *testing.T) {
	r, ok := LookupOwnershipRule(OwnershipAffiliates)
	if !ok || r.Percent != 50 || len(r.Sources) != 2 || r.Sources[0] != SourceEL || r.Sources[1] != SourceMEU {
		t.Fatalf("Affiliates rule = %+v, %v", r, ok)
	}
	at := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		date, after, want string
	}{
		{"2025-09-28", RuleInForce, RuleNotEffective},
		{"2025-09-29", RuleInForce, RuleInForce},
		{"2025-11-09", RuleSuspended, RuleInForce},
		{"2025-11-10", RuleInForce, RuleSuspended},
		{"2026-11-09", RuleInForce, RuleSuspended},
		{"2026-11-10", RuleInForce, RuleInForce},
		{"2026-11-10", RuleSuspended, RuleSuspended},
	} {
		if got := r.Status(at(c.date), c.after); got != c.want {
			t.Errorf("Status(%s, after suspension %s) = %s, want %s", c.date, c.after, got, c.want)
		}
	}
	o, ok := LookupOwnershipRule(OwnershipOFAC50)
	if !ok || o.Status(at("1990-01-01"), RuleSuspended) != RuleInForce || o.Sources[0] != SourceSDN || o.Citation != CiteOFAC50 {
		t.Errorf("OFAC 50%% rule = %+v", o)
	}
	if _, ok := LookupOwnershipRule("nope"); ok {
		t.Error("LookupOwnershipRule(nope) found a rule")
	}
	// The data is immutable: changing a returned copy changes nothing.
	OwnershipRules()[1].Sources[0] = SourceUN
	if r2, _ := LookupOwnershipRule(OwnershipAffiliates); r2.Sources[0] != SourceEL {
		t.Error("OwnershipRules returned shared data")
	}
}

func TestAdvancedComputingHQ(t *testing.T) {
	hr := AdvancedComputingHQ()
	p := Default()
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for c, want := range map[string]bool{"CN": true, "MO": true, "HK": true, "IR": true, "DE": false, "UA": false} {
		if got := hr.Applies(p, Destination{Country: MustParseCountry(c)}, at); got != want {
			t.Errorf("%s: Applies = %v, want %v", c, got, want)
		}
	}
	if hr.Citation != "15 CFR 744.23(a)(3)" || hr.Profile != "ear_d5_plus_macau" {
		t.Errorf("rule = %+v", hr)
	}
}
