package rules

//go:generate go run ./internal/gen/reasons -doc ../docs/decisions.md

import (
	"slices"
	"strings"
)

// ReasonCode names one kind of finding a screening can report, such as
// "party.listed". Every code the engine emits is a constant below and has an
// entry in the registry (Reasons), which gives its default outcome, its
// citation and its meaning; policy validation and the reason table in
// docs/decisions.md read the same registry. The zero ReasonCode is not a
// registered code.
type ReasonCode string

// The registered reason codes, in the order of the registry.
const (
	ReasonPartyListed                ReasonCode = "party.listed"
	ReasonPartyPotentialMatch        ReasonCode = "party.potential_match"
	ReasonPartyMatchSuppressed       ReasonCode = "party.match_suppressed"
	ReasonPartyParentListed          ReasonCode = "party.parent_listed"
	ReasonPartyHQCountryOfConcern    ReasonCode = "party.hq_country_of_concern"
	ReasonPartyOwnedByListed         ReasonCode = "party.owned_by_listed"
	ReasonPartyMinorityOwnedByListed ReasonCode = "party.minority_owned_by_listed"

	ReasonDestinationEmbargoed          ReasonCode = "destination.embargoed"
	ReasonDestinationRegionEmbargoed    ReasonCode = "destination.region_embargoed"
	ReasonDestinationRegionApproximated ReasonCode = "destination.region_approximated"
	ReasonDestinationCountryOfConcern   ReasonCode = "destination.country_of_concern"
	ReasonIPEmbargoed                   ReasonCode = "ip.embargoed"
	ReasonIPRegionEmbargoed             ReasonCode = "ip.region_embargoed"
	ReasonIPRegionApproximated          ReasonCode = "ip.region_approximated"
	ReasonIPCountryOfConcern            ReasonCode = "ip.country_of_concern"
	ReasonIPAnonymizer                  ReasonCode = "ip.anonymizer"
	ReasonIPCountryMismatch             ReasonCode = "ip.country_mismatch"
	ReasonIPLocationUncertain           ReasonCode = "ip.location_uncertain"
	ReasonIPNotRoutable                 ReasonCode = "ip.not_routable"
	ReasonIPUnknown                     ReasonCode = "ip.unknown"
	ReasonItemLicenseRequired           ReasonCode = "item.license_required"
	ReasonItemGP10                      ReasonCode = "item.gp10"
	ReasonItemUnresolved                ReasonCode = "item.unresolved"
	ReasonItemLocationInconsistent      ReasonCode = "item.location_inconsistent"
	ReasonItemLocationConcernPossible   ReasonCode = "item.location_concern_possible"
	ReasonItemLocationUnverified        ReasonCode = "item.location_unverified"
	ReasonDataStale                     ReasonCode = "data.stale"
	ReasonDataUndated                   ReasonCode = "data.undated"
	ReasonDataMissing                   ReasonCode = "data.missing"
	ReasonDataEvaluationSnapshot        ReasonCode = "data.evaluation_snapshot"
	ReasonInputInvalid                  ReasonCode = "input.invalid"
)

// ReasonInfo is the registry entry of one reason code.
type ReasonInfo struct {
	Code ReasonCode
	// Outcome is the code's outcome when a policy sets none.
	Outcome Outcome
	// OutcomeNote qualifies Outcome where the engine raises it from other
	// data (a list's own outcome, for example); empty otherwise.
	OutcomeNote string
	// Citation is the legal or policy basis a reason with this code cites.
	// Where Fixed is true it is the exact text every such reason carries;
	// otherwise it says where the reason's citation comes from (a list's
	// legal basis, a profile's citation).
	Citation string
	// Fixed says Citation is the reason's exact citation.
	Fixed bool
	// Meaning says in one line when the code is raised (Markdown).
	Meaning string
}

const (
	citeKYCRedFlags = "Supp. No. 3 to 15 CFR Part 732 (know-your-customer red flags)"
	citeFreshness   = "exportguard policy: data freshness (max_list_age, max_geo_db_age)"
	citeLocation    = "Chip Security Act proposals (S. 1705 / H.R. 3447); US AI Action Plan (July 2025) location verification"
	locationDoc     = " (see [location-verification.md](location-verification.md))"
)

// reasons is the registry. Adding a code means adding a constant above, an
// entry here and the emitter that raises it; the tests fail until the code
// is emitted and the generated table in docs/decisions.md is refreshed
// (go generate ./rules).
var reasons = [...]ReasonInfo{
	{ReasonPartyListed, OutcomeReview, "not used: the list's own outcome (`lists:`) applies, by default SDN/DPL/FSE/INTERNAL deny, EL/MEU license_required, others review", "the list's legal basis", false,
		"a party's name matches a list entry and the match is **confirmed** (below)"},
	{ReasonPartyPotentialMatch, OutcomeReview, "", "the list's legal basis (for owners, the ownership rule's)", false,
		"a party's (or its ultimate parent's) name matches a list entry but nothing confirms it, or an ownership rule would catch the party only through owner names nothing confirms (`via: \"owner\"`, [below](#owner-names-potential-and-confirmed)): a reviewer decides; the evidence names the candidate entry and why it is not confirmed"},
	{ReasonPartyMatchSuppressed, OutcomeAllow, "", "the list's legal basis", false,
		"a reviewer cleared this hit for this unchanged entry"},
	{ReasonPartyParentListed, OutcomeLicenseRequired, "", "the list's legal basis", false,
		"the party's ultimate parent matches a list entry, confirmed"},
	{ReasonPartyHQCountryOfConcern, OutcomeReview, "", "15 CFR 744.23(a)(3); 15 CFR 742.6(a)(6)", true,
		"headquarters or ultimate parent in a country of concern"},
	{ReasonPartyOwnedByListed, OutcomeLicenseRequired, "at least the list's", "OFAC 2014 guidance; 744.11 as amended", false,
		"OFAC 50% rule (deny, as SDN) or BIS Affiliates rule (license_required)"},
	{ReasonPartyMinorityOwnedByListed, OutcomeReview, "", "the ownership rule's citation (Supp. No. 3 to Part 732; the Affiliates rule's while it is suspended)", false,
		"listed owners hold a significant stake, or the Affiliates rule is suspended"},
	{ReasonDestinationEmbargoed, OutcomeDeny, "", "Part 746 section of the country", false,
		"E:1/E:2 comprehensive embargo"},
	{ReasonDestinationRegionEmbargoed, OutcomeDeny, "", "15 CFR 746.6", false,
		"Crimea, Sevastopol"},
	{ReasonDestinationRegionApproximated, OutcomeReview, "", "15 CFR 746.6(a)(2)", false,
		"Donetsk or Luhansk oblast (UA-14, UA-09), which stand for the so-called DNR/LNR without their boundary: a person checks the place"},
	{ReasonDestinationCountryOfConcern, OutcomeReview, "", "the profiles' citations", false,
		"in a selected countries-of-concern profile"},
	{ReasonIPEmbargoed, OutcomeDeny, "", "Part 746 section of the country", false,
		"client IP located in an embargoed country"},
	{ReasonIPRegionEmbargoed, OutcomeDeny, "", "15 CFR 746.6", false,
		"client IP located in an embargoed region (Crimea, Sevastopol)"},
	{ReasonIPRegionApproximated, OutcomeReview, "", "15 CFR 746.6(a)(2)", false,
		"client IP located in Donetsk or Luhansk oblast, which stand for the so-called DNR/LNR without their boundary: a person checks the place"},
	{ReasonIPCountryOfConcern, OutcomeReview, "", "the profiles' citations", false,
		"client IP in a country of concern"},
	{ReasonIPAnonymizer, OutcomeReview, "", citeKYCRedFlags, true,
		"VPN, Tor exit, hosting, public or residential proxy"},
	{ReasonIPCountryMismatch, OutcomeReview, "", citeKYCRedFlags, true,
		"IP country (and every disputed answer) differs from every declared country (a BIS red flag)"},
	{ReasonIPLocationUncertain, OutcomeReview, "", citeKYCRedFlags + ", plus the concerned places' citations", false,
		"the geolocation data's sources disagree about the IP's country and one answer is an embargoed or concern country or region; both answers are evidence; never deny"},
	{ReasonIPNotRoutable, OutcomeAllow, "", "exportguard: address not on the public internet", true,
		"private, loopback, CGNAT, documentation..."},
	{ReasonIPUnknown, OutcomeReview, "", citeKYCRedFlags, true,
		"no country in the geolocation data"},
	{ReasonItemLicenseRequired, OutcomeLicenseRequired, "", "the rule steps' citations", false,
		"the item needs a license for this destination, HQ, end use and date"},
	{ReasonItemGP10, OutcomeReview, "", "15 CFR 736.2(b)(10); BIS guidance of 13 May 2025", true,
		"PRC-designed advanced-computing chip"},
	{ReasonItemUnresolved, OutcomeReview, "", "the rule steps' citations", false,
		"the rule data or the request cannot decide (for example, a 3A090 item and no party headquarters given)"},
	{ReasonItemLocationInconsistent, OutcomeReview, "", citeLocation, true,
		"the location evidence contradicts the declared location" + locationDoc},
	{ReasonItemLocationConcernPossible, OutcomeReview, "", citeLocation, true,
		"the location evidence cannot exclude a place of concern" + locationDoc},
	{ReasonItemLocationUnverified, OutcomeReview, "", citeLocation, true,
		"the location evidence does not verify where the item is" + locationDoc},
	{ReasonDataStale, OutcomeReview, "", citeFreshness, true,
		"a list or geo DB older than the policy allows"},
	{ReasonDataUndated, OutcomeReview, "", citeFreshness, true,
		"a list whose file states no date, that no user dated (`FILE.asof`, `Snapshot.WithAsOf`) and no updater fetched: its age is unknown"},
	{ReasonDataMissing, OutcomeReview, "", citeFreshness, true,
		"no lists, or an IP and no geolocation database (or one that cannot locate it)"},
	{ReasonDataEvaluationSnapshot, OutcomeAllow, "policy may raise it", "exportguard: embedded evaluation data", true,
		"the embedded evaluation data was used (names each source and date)"},
	{ReasonInputInvalid, OutcomeReview, "", "exportguard: request validation", true,
		"a request field could not be read; a party has no name; the request names no party, destination, IP or item (`field: \"request\"`). Evidence `{field, value, problem}` (`problem: \"missing\"` for what is absent)"},
}

// reasonIndex maps a code to its position in reasons.
var reasonIndex = func() map[ReasonCode]int {
	m := make(map[ReasonCode]int, len(reasons))
	for i, r := range reasons {
		if _, dup := m[r.Code]; dup {
			panic("rules: reason code registered twice: " + string(r.Code))
		}
		m[r.Code] = i
	}
	return m
}()

// Reasons returns the registry: every reason code with its default
// outcome, citation and meaning, in the registry's order (by subject).
func Reasons() []ReasonInfo { return slices.Clone(reasons[:]) }

// LookupReason returns the registry entry of code.
func LookupReason(code ReasonCode) (ReasonInfo, bool) {
	i, ok := reasonIndex[code]
	if !ok {
		return ReasonInfo{}, false
	}
	return reasons[i], true
}

// ParseReasonCode returns the registered code s names (exactly, as it
// appears in decisions and policy files), or an error that quotes s.
func ParseReasonCode(s string) (ReasonCode, error) {
	c := ReasonCode(s)
	if _, ok := reasonIndex[c]; ok {
		return c, nil
	}
	why := "not a registered reason code"
	if t := ReasonCode(strings.ToLower(strings.TrimSpace(s))); t != c {
		if _, ok := reasonIndex[t]; ok {
			why += "; did you mean " + string(t) + "?"
		}
	}
	return "", &CodeError{Kind: "reason", Input: s, Why: why}
}

// IsValid reports whether c is a registered code.
func (c ReasonCode) IsValid() bool { _, ok := reasonIndex[c]; return ok }

// String returns the code as it appears in decisions, e.g. "party.listed".
func (c ReasonCode) String() string { return string(c) }

// Info returns c's registry entry; the zero ReasonInfo if c is not
// registered.
func (c ReasonCode) Info() ReasonInfo { r, _ := LookupReason(c); return r }

// MarshalText implements encoding.TextMarshaler; an unregistered code is an
// error.
func (c ReasonCode) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, &CodeError{Kind: "reason", Input: string(c), Why: "not a registered reason code"}
	}
	return []byte(c), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseReasonCode.
func (c *ReasonCode) UnmarshalText(b []byte) error {
	p, err := ParseReasonCode(string(b))
	if err != nil {
		return err
	}
	*c = p
	return nil
}
