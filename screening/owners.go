package screening

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/ownership"
)

// WithOwnership sets the ownership graph used for the OFAC 50% rule and the
// BIS Affiliates rule. Owners are matched to list entries with the same
// engine and threshold as parties, and each owner-name match is judged
// confirmed or potential by the policy's match-strength rules, as a
// party's own hit is: a finding that needs a potential match gives
// party.potential_match (via "owner"), not party.owned_by_listed. An owner
// given as "list:SOURCE:ID" is confirmed.
func WithOwnership(g *ownership.Graph) Option { return func(c *config) { c.owners = g } }

// ownershipCache holds one evaluation of the ownership graph per as-of date
// for one world.
type ownershipCache struct {
	mu sync.Mutex
	by map[time.Time]*ownership.Result
}

// worldLister resolves owners to list entries in one world, as of a date.
type worldLister struct {
	w    *world
	date time.Time
}

// ByName matches an owner's name to list entries and judges each match
// with judge, as screenName does a party's: an exact strong name, or a name
// score at or above the confirm threshold with an agreeing detail, confirms
// it. An owner gives a name and at most a country, so the country is the
// only detail that can agree. Entries listed after the date, and hits
// that fall below the threshold once a vessel or aircraft entry is
// discounted, are left out, as for parties.
func (l worldLister) ByName(ctx context.Context, name, country string) ([]ownership.Listing, error) {
	var c rules.Country
	if country != "" {
		if d, err := rules.ResolveDestination(country); err == nil {
			c = d.Country
		}
	}
	q := match.Query{Name: name, Country: c, Threshold: l.w.threshold}
	ms, err := l.w.index.Search(ctx, q)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	normName := match.Normalize(name)
	out := make([]ownership.Listing, 0, len(ms))
	for _, m := range ms {
		e := m.Entry
		if !hitApplies(&m, "", l.date, q.Threshold, "an owner") {
			continue
		}
		st := judge(l.w.band.MatchStrength, exactName(normName, m), m, false)
		x := ownership.Listing{Key: e.Key(), Source: string(e.Source), Name: e.Name,
			LicenseRequirement: e.LicenseRequirement, Score: round4(m.Score), Potential: st.level == StrengthPotential}
		x.Why = st.explain(l.w.band, m, map[string]any{})
		out = append(out, x)
	}
	return out, nil
}

func (l worldLister) ByKey(key string) (ownership.Listing, bool) {
	e, ok := l.w.lists.Get(key)
	if !ok || !e.ListedOn.IsZero() && e.ListedOn.After(l.date) {
		return ownership.Listing{}, false
	}
	return ownership.Listing{Key: e.Key(), Source: string(e.Source), Name: e.Name, LicenseRequirement: e.LicenseRequirement, Score: 1}, true
}

// ownershipResult evaluates the graph for the as-of date, once per world
// and date. A failed evaluation (ctx cancelled) is not cached.
func (w *world) ownershipResult(ctx context.Context, date time.Time) (*ownership.Result, error) {
	if w.owners == nil {
		return nil, nil
	}
	w.ownCache.mu.Lock()
	defer w.ownCache.mu.Unlock()
	if r, ok := w.ownCache.by[date]; ok {
		return r, nil
	}
	r, err := w.owners.Evaluate(ctx, worldLister{w: w, date: date}, ownership.Options{
		Date: date, AffiliatesAfterSuspension: w.policy.AffiliatesRuleAfterSuspension(),
		MinorityPercent: w.policy.MinorityStakeThreshold(),
	})
	if err != nil {
		return nil, err
	}
	if len(w.ownCache.by) > 64 {
		clear(w.ownCache.by)
	}
	w.ownCache.by[date] = r
	return r, nil
}

// ownershipChecks raises party.owned_by_listed and
// party.minority_owned_by_listed for a party the ownership rules catch.
func (sc *screening) ownershipChecks(ctx context.Context, p Party, role Role) {
	res, err := sc.w.ownershipResult(ctx, sc.date)
	if err != nil && ctx.Err() == nil {
		// Fail closed: the ownership rules could not be applied.
		sc.addCited(rules.ReasonDataMissing, fmt.Sprintf("The ownership data (%s) could not be evaluated (%v), so the ownership rules were not applied.", sc.w.owners.Source(), err),
			map[string]any{"missing": "ownership", "ownership_file": sc.w.owners.Source()})
		return
	}
	if res == nil || strings.TrimSpace(p.Name) == "" {
		return
	}
	for _, f := range res.Findings(p.Name) {
		ev := map[string]any{"party": p.Name, "role": string(role), "rule": f.Rule, "percent": round4(f.Percent),
			"chain": f.Chain, "entries": f.Entries, "ownership_file": sc.w.owners.Source()}
		if f.LicenseRequirement != "" {
			ev["license_requirement"] = f.LicenseRequirement
		}
		if f.Status != "" {
			ev["affiliates_rule"] = f.Status
		}
		if len(f.Potential) > 0 {
			sc.potentialOwner(p, f, ev)
			continue
		}
		pol := sc.w.policy
		switch f.Rule {
		case ownership.RuleOFAC50:
			o := pol.OutcomeFor(rules.ReasonPartyOwnedByListed).Max(pol.ListOutcome("SDN"))
			sc.addOutcome(o, rules.ReasonPartyOwnedByListed,
				fmt.Sprintf("%q is owned %.4g%% in aggregate by blocked persons (%s), so it is blocked too.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		case ownership.RuleAffiliates:
			o := pol.OutcomeFor(rules.ReasonPartyOwnedByListed).Max(pol.ListOutcome("EL"))
			sc.addOutcome(o, rules.ReasonPartyOwnedByListed,
				fmt.Sprintf("%q is owned %.4g%% in aggregate by Entity List or MEU parties (%s) and inherits their license requirement.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		case ownership.RuleAffiliatesSuspended:
			sc.add(rules.ReasonPartyMinorityOwnedByListed,
				fmt.Sprintf("%q is owned %.4g%% by Entity List or MEU parties (%s); the Affiliates rule is suspended on this date, but the affiliation is a red flag.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		default:
			sc.add(rules.ReasonPartyMinorityOwnedByListed,
				fmt.Sprintf("Listed or blocked parties (%s) hold %.4g%% of %q: a red flag to resolve.", strings.Join(f.Entries, ", "), f.Percent, f.Entity),
				f.Citation, ev)
		}
	}
}

// ruleNames names the ownership rules in sentences.
var ruleNames = map[string]string{
	ownership.RuleOFAC50:              "the OFAC 50% rule",
	ownership.RuleAffiliates:          "the BIS Affiliates rule",
	ownership.RuleAffiliatesSuspended: "the BIS Affiliates rule (suspended on this date)",
	ownership.RuleMinority:            "the minority-stake red flag",
}

// potentialOwner raises party.potential_match (via "owner") for a finding
// that needs an owner-name match nothing confirms: the rule's outcome
// would rest on a name that may not be the listed party, so a reviewer
// decides, as for a party's own potential hit. The evidence holds the
// finding's chain and each potential owner listing with why it is not
// confirmed.
func (sc *screening) potentialOwner(p Party, f ownership.Finding, ev map[string]any) {
	ev["via"] = "owner"
	ev["strength"] = StrengthPotential
	ev["confirm_threshold"] = sc.w.band.confirm
	cands := make([]map[string]any, len(f.Potential))
	names := make([]string, len(f.Potential))
	for i, x := range f.Potential {
		cands[i] = map[string]any{"entry": x.Key, "list": x.Source, "entry_name": x.Name, "score": x.Score, "why": x.Why}
		names[i] = fmt.Sprintf("%s %q (score %.2f: %s)", x.Key, x.Name, x.Score, x.Why)
	}
	ev["potential_owners"] = cands
	rule := ruleNames[f.Rule]
	if rule == "" {
		rule = f.Rule
	}
	sc.add(rules.ReasonPartyPotentialMatch,
		fmt.Sprintf("%q would be caught by %s (%.4g%% held through %s), but only through owner names that may not be the listed parties: %s. A reviewer decides; an owner that is the entry can be given as list:SOURCE:ID in %s.",
			f.Entity, rule, f.Percent, strings.Join(f.Entries, ", "), strings.Join(names, "; "), sc.w.owners.Source()),
		f.Citation, ev)
}
