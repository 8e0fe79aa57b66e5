package rules

import (
	"slices"
	"time"
)

// This file holds regulation facts the screening engine applies: which
// lists an ownership rule counts, its threshold, citation and dates, and the
// headquarters test of 15 CFR 744.23(a)(3). They are data here, read by the
// engine (screening, screening/ownership), so that a change in the law is a
// change in one place. Sources: docs/export-controls.md §2.1, §3.1, §3.2 of
// the project's references.

// The ownership rules, by the names findings carry.
const (
	// OwnershipOFAC50 is OFAC's 50% rule: an entity owned 50% or more,
	// directly or indirectly, in the aggregate, by blocked persons is
	// blocked.
	OwnershipOFAC50 = "ofac_50_percent"
	// OwnershipAffiliates is the BIS Affiliates rule (15 CFR 744.11 as
	// amended, RIN 0694-AK11): an entity owned 50% or more by Entity List or
	// MEU parties inherits their license requirements, the most restrictive
	// applying.
	OwnershipAffiliates = "bis_affiliates"
)

// Citations of the ownership rules and of the minority-stake red flag.
const (
	CiteOFAC50     = "OFAC, Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are Blocked (Aug. 13, 2014); 31 CFR Chapter V"
	CiteAffiliates = "15 CFR 744.11 and 744.21 as amended by the Affiliates rule, 90 FR (Sept. 29, 2025), RIN 0694-AK11; suspended 2025-11-10 to 2026-11-10"
	CiteMinority   = "Supp. No. 3 to 15 CFR Part 732 (red flags); Affiliates rule guidance on minority ownership"
)

// The states of an ownership rule on a date (OwnershipRule.Status).
const (
	RuleNotEffective = "not_effective"
	RuleInForce      = AffiliatesInForce
	RuleSuspended    = AffiliatesSuspended
)

// OwnershipRule is a rule under which ownership by listed parties catches
// an entity.
type OwnershipRule struct {
	// Name is the rule's name in findings, e.g. "ofac_50_percent".
	Name string
	// Sources are the lists whose entries' stakes count.
	Sources []ListSource
	// Percent is the aggregate stake at or above which the owned entity is
	// caught.
	Percent float64
	// Citation is the rule's legal basis.
	Citation string
	// Effective is the date the rule took effect; zero: long in force.
	Effective time.Time
	// Suspended and SuspensionEnds bound a suspension [Suspended,
	// SuspensionEnds); both zero: never suspended. What follows the
	// suspension is the policy's assumption where the sources do not
	// settle it (Policy.AffiliatesRuleAfterSuspension).
	Suspended, SuspensionEnds time.Time
}

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// ownershipRules is the data. The Affiliates rule's dates: effective
// 2025-09-29, suspended 2025-11-10 for one year ([U] what followed).
var ownershipRules = [...]OwnershipRule{
	{Name: OwnershipOFAC50, Sources: []ListSource{SourceSDN}, Percent: 50, Citation: CiteOFAC50},
	{Name: OwnershipAffiliates, Sources: []ListSource{SourceEL, SourceMEU}, Percent: 50, Citation: CiteAffiliates,
		Effective: utcDay(2025, 9, 29), Suspended: utcDay(2025, 11, 10), SuspensionEnds: utcDay(2026, 11, 10)},
}

// OwnershipRules returns the ownership rules the engine applies, OFAC's
// first. The caller may modify the result.
func OwnershipRules() []OwnershipRule {
	out := slices.Clone(ownershipRules[:])
	for i := range out {
		out[i].Sources = slices.Clone(out[i].Sources)
	}
	return out
}

// LookupOwnershipRule returns the ownership rule called name.
func LookupOwnershipRule(name string) (OwnershipRule, bool) {
	for _, r := range OwnershipRules() {
		if r.Name == name {
			return r, true
		}
	}
	return OwnershipRule{}, false
}

// Status says whether r applies on date d: RuleNotEffective before
// Effective, RuleSuspended during a suspension, afterSuspension
// (RuleInForce or RuleSuspended, from the policy) after it ends, and
// RuleInForce otherwise.
func (r OwnershipRule) Status(d time.Time, afterSuspension string) string {
	switch {
	case d.Before(r.Effective):
		return RuleNotEffective
	case r.Suspended.IsZero() || d.Before(r.Suspended):
		return RuleInForce
	case d.Before(r.SuspensionEnds):
		return RuleSuspended
	case afterSuspension == RuleSuspended:
		return RuleSuspended
	default:
		return RuleInForce
	}
}

// HeadquartersRule is a rule that reaches a party by where it, or its
// ultimate parent, is headquartered, wherever the party itself is.
type HeadquartersRule struct {
	// Profile names the countries-of-concern profile whose members the
	// headquarters test looks for.
	Profile string
	// Effect says what the rule does, as a clause of a sentence.
	Effect string
	// Citation is the rule's legal basis.
	Citation string
}

// AdvancedComputingHQ is the headquarters test of 15 CFR 744.23(a)(3): an
// entity headquartered in, or whose ultimate parent is headquartered in,
// Country Group D:5 or Macau needs a license for advanced-computing items
// wherever it is located.
func AdvancedComputingHQ() HeadquartersRule {
	return HeadquartersRule{
		Profile:  "ear_d5_plus_macau",
		Effect:   "advanced-computing items need a license wherever the party is located",
		Citation: "15 CFR 744.23(a)(3)",
	}
}

// Applies reports whether a party headquartered at d on date at is reached
// by r under policy p (false when p has no profile of r's name).
func (r HeadquartersRule) Applies(p *Policy, d Destination, at time.Time) bool {
	pr, ok := p.Profile(r.Profile)
	return ok && pr.Contains(d, at)
}
