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
// engine and threshold as parties.
func WithOwnership(g *ownership.Graph) Option { return func(c *config) { c.owners = g } }

// ownershipCache holds one evaluation of the ownership graph per as-of date
// for one world.
type ownershipCache struct {
	mu sync.Mutex
	by map[time.Time]*ownership.Result
}

// worldLister resolves owners to list entries in one world.
type worldLister struct{ w *world }

func (l worldLister) ByName(name, country string) []ownership.Listing {
	var c rules.Country
	if country != "" {
		if d, err := rules.ResolveDestination(country); err == nil {
			c = d.Country
		}
	}
	ms, err := l.w.index.Search(context.Background(), match.Query{Name: name, Country: c, Threshold: l.w.threshold})
	if err != nil {
		return nil
	}
	out := make([]ownership.Listing, 0, len(ms))
	for _, m := range ms {
		out = append(out, ownership.Listing{Key: m.Entry.Key(), Source: string(m.Entry.Source), Name: m.Entry.Name,
			LicenseRequirement: m.Entry.LicenseRequirement, Score: round4(m.Score)})
	}
	return out
}

func (l worldLister) ByKey(key string) (ownership.Listing, bool) {
	e, ok := l.w.lists.Get(key)
	if !ok {
		return ownership.Listing{}, false
	}
	return ownership.Listing{Key: e.Key(), Source: string(e.Source), Name: e.Name, LicenseRequirement: e.LicenseRequirement, Score: 1}, true
}

// ownershipResult evaluates the graph for the as-of date, once per world
// and date.
func (w *world) ownershipResult(date time.Time) *ownership.Result {
	if w.owners == nil {
		return nil
	}
	w.ownCache.mu.Lock()
	defer w.ownCache.mu.Unlock()
	if r, ok := w.ownCache.by[date]; ok {
		return r
	}
	r := w.owners.Evaluate(worldLister{w}, ownership.Options{
		Date: date, AffiliatesAfterSuspension: w.policy.AffiliatesRuleAfterSuspension(),
		MinorityPercent: w.policy.MinorityStakeThreshold(),
	})
	if len(w.ownCache.by) > 64 {
		clear(w.ownCache.by)
	}
	w.ownCache.by[date] = r
	return r
}

// ownershipChecks raises party.owned_by_listed and
// party.minority_owned_by_listed for a party the ownership rules catch.
func (sc *screening) ownershipChecks(p Party, role Role) {
	res := sc.w.ownershipResult(sc.date)
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
		pol := sc.w.policy
		switch f.Rule {
		case ownership.RuleOFAC50:
			o := pol.OutcomeFor("party.owned_by_listed").Max(pol.ListOutcome("SDN"))
			sc.addOutcome(o, "party.owned_by_listed",
				fmt.Sprintf("%q is owned %.4g%% in aggregate by blocked persons (%s), so it is blocked too.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		case ownership.RuleAffiliates:
			o := pol.OutcomeFor("party.owned_by_listed").Max(pol.ListOutcome("EL"))
			sc.addOutcome(o, "party.owned_by_listed",
				fmt.Sprintf("%q is owned %.4g%% in aggregate by Entity List or MEU parties (%s) and inherits their license requirement.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		case ownership.RuleAffiliatesSuspended:
			sc.add("party.minority_owned_by_listed",
				fmt.Sprintf("%q is owned %.4g%% by Entity List or MEU parties (%s); the Affiliates rule is suspended on this date, but the affiliation is a red flag.", f.Entity, f.Percent, strings.Join(f.Entries, ", ")),
				f.Citation, ev)
		default:
			sc.add("party.minority_owned_by_listed",
				fmt.Sprintf("Listed or blocked parties (%s) hold %.4g%% of %q: a red flag to resolve.", strings.Join(f.Entries, ", "), f.Percent, f.Entity),
				f.Citation, ev)
		}
	}
}
