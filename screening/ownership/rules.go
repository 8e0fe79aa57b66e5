package ownership

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// Rule names of findings. The ownership rules themselves (the lists they
// count, their threshold, citation and dates) are rules data
// (rules.OwnershipRules); this package applies them.
const (
	// RuleOFAC50 is OFAC's 50% rule (rules.OwnershipOFAC50).
	RuleOFAC50 = rules.OwnershipOFAC50
	// RuleAffiliates is the BIS Affiliates rule (rules.OwnershipAffiliates).
	RuleAffiliates = rules.OwnershipAffiliates
	// RuleAffiliatesSuspended marks an entity that the Affiliates rule would
	// catch while the rule is suspended: affiliation stays a red flag.
	RuleAffiliatesSuspended = "bis_affiliates_suspended"
	// RuleMinority marks an entity in which listed or blocked parties hold a
	// significant stake (opt.MinorityPercent or more) that no 50% rule in
	// force on the date covers: a red flag (Supp. No. 3 to Part 732).
	RuleMinority = "minority_stake"
)

// Citations of the rules (rules data).
const (
	CiteOFAC50     = rules.CiteOFAC50
	CiteAffiliates = rules.CiteAffiliates
	CiteMinority   = rules.CiteMinority
)

// AffiliatesStatus says whether the Affiliates rule applies on date d:
// "not_effective" before it took effect, "in_force" until its suspension,
// "suspended" during it, and afterSuspension ("in_force" or "suspended",
// set in the policy: what followed the suspension is not confirmed in the
// sources read) after that. The dates are rules data
// (rules.LookupOwnershipRule(rules.OwnershipAffiliates)).
func AffiliatesStatus(d time.Time, afterSuspension string) string {
	return affiliates.Status(d, afterSuspension)
}

// The rules applied, from rules data.
var (
	ofac50, _     = rules.LookupOwnershipRule(rules.OwnershipOFAC50)
	affiliates, _ = rules.LookupOwnershipRule(rules.OwnershipAffiliates)
)

// Listing is a list entry an owner is on.
type Listing struct {
	Key                string  // "SOURCE:ID" (rules.EntryKey)
	Source             string  // a rules.ListSource: "SDN", "EL", ...
	Name               string  // the entry's primary name
	LicenseRequirement string  // Entity List license requirement, if any
	Score              float64 // name-match score (1 for a direct list:SOURCE:ID reference)
	// Potential is true when the owner's name matches the entry but
	// nothing confirms that the owner is the entry. A finding that needs a
	// potential listing to reach its rule's threshold is itself potential
	// (Finding.Potential): a reviewer decides. The zero value, confirmed, is
	// the stricter reading, so a Lister that does not judge strength keeps
	// every finding.
	Potential bool
	// Why says why the match has its strength ("the name is not exactly a
	// listed name; no identifier, date of birth or address country agrees").
	Why string
}

// Lister tells which list entries an owner is.
type Lister interface {
	// ByName returns the entries the name matches (country may be ""),
	// each judged confirmed or potential. An error (a cancelled ctx, a
	// failed search) stops the evaluation: an owner that could not be
	// looked up is never taken as unlisted.
	ByName(ctx context.Context, name, country string) ([]Listing, error)
	// ByKey returns the entry with key "SOURCE:ID". An owner given by key
	// is the entry by construction: the listing is confirmed.
	ByKey(key string) (Listing, bool)
}

// Options of an evaluation.
type Options struct {
	Date time.Time
	// AffiliatesAfterSuspension is the policy's assumption for dates after
	// 2026-11-10: "in_force" (default) or "suspended".
	AffiliatesAfterSuspension string
	// MinorityPercent is the aggregate listed stake, below 50%, that is a
	// red flag (default 25).
	MinorityPercent float64
}

// Stake is one direct stake that counted towards a finding.
type Stake struct {
	Owner   string    `json:"owner"`
	Percent float64   `json:"percent"`
	Line    int       `json:"line,omitempty"`
	Listed  []Listing `json:"listed,omitempty"`
	// Derived is true when the owner is not listed itself but is caught by
	// the same rule through its own owners.
	Derived bool `json:"derived,omitempty"`
}

// Finding is one entity caught by an ownership rule.
type Finding struct {
	Rule    string  `json:"rule"`
	Entity  string  `json:"entity"`
	Country string  `json:"country,omitempty"`
	Percent float64 `json:"percent"` // aggregate stake of listed/caught owners
	Stakes  []Stake `json:"stakes"`
	// Chain explains the finding one stake per line, down to the listed
	// owners: "BANCO NACIONAL DE CUBA [SDN:306] owns 30% of X (file.csv:4)".
	Chain []string `json:"chain"`
	// Entries are the keys of the listed owners at the roots of the chain.
	Entries []string `json:"entries"`
	// LicenseRequirement is the most restrictive Entity List requirement
	// passed down (Affiliates rule).
	LicenseRequirement string `json:"license_requirement,omitempty"`
	Citation           string `json:"citation"`
	// Status is the Affiliates rule's status on the date ("in_force",
	// "suspended"); empty for other rules.
	Status string `json:"status,omitempty"`
	// Potential holds the root listings that are only potential name
	// matches when the finding needs them: without them the rule would not
	// catch the entity. Empty for a finding that rests on confirmed
	// listings alone.
	Potential []Listing `json:"potential,omitempty"`
}

// Result holds the findings of one evaluation, by entity.
type Result struct {
	findings map[string][]Finding
}

// Findings returns what the rules found about the entity with this name
// (matched on the normalised name, see Key), most severe first.
func (r *Result) Findings(name string) []Finding {
	if r == nil {
		return nil
	}
	return r.findings[Key(name)]
}

// All returns every finding, ordered by entity.
func (r *Result) All() []Finding {
	var keys []string
	for k := range r.findings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Finding
	for _, k := range keys {
		out = append(out, r.findings[k]...)
	}
	return out
}

// caught records why a node is caught by a rule: listed directly, or through
// stakes of caught owners.
type caught struct {
	listed  []Listing
	stakes  []Stake
	percent float64
}

// Evaluate applies the ownership rules on opt.Date. When some owner is
// only a potential match (Listing.Potential), each rule is applied twice:
// on the confirmed listings, and on all of them. An entity the first catches
// gets a finding as before; one that only the second catches gets a finding
// with Potential set, since it rests on a name match nobody confirmed. It
// fails with the Lister's error, or ctx's, and then gives no result.
func (g *Graph) Evaluate(ctx context.Context, l Lister, opt Options) (*Result, error) {
	if opt.MinorityPercent == 0 {
		opt.MinorityPercent = 25
	}
	listings, err := g.listings(ctx, l)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(g.nodes))
	for k := range g.nodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	anyPotential := false
	for _, ls := range listings {
		anyPotential = anyPotential || slices.ContainsFunc(ls, func(x Listing) bool { return x.Potential })
	}
	ev := &evaluation{
		g: g, opt: opt, listings: listings,
		ofac:   g.ruleSets(keys, listings, onSources(ofac50.Sources), ofac50.Percent, opt.Date, anyPotential),
		bis:    g.ruleSets(keys, listings, onSources(affiliates.Sources), affiliates.Percent, opt.Date, anyPotential),
		status: AffiliatesStatus(opt.Date, opt.AffiliatesAfterSuspension),
		res:    &Result{findings: map[string][]Finding{}},
	}
	for _, k := range keys {
		ev.applyRules(k)
		if len(ev.res.findings[k]) == 0 {
			ev.minority(k)
		}
	}
	return ev.res, nil
}

// onSources returns a filter keeping the listings on the given sources.
func onSources(sources []rules.ListSource) func([]Listing) []Listing {
	return func(ls []Listing) []Listing {
		var out []Listing
		for _, x := range ls {
			for _, s := range sources {
				if x.Source == string(s) {
					out = append(out, x)
				}
			}
		}
		return out
	}
}

// evaluation is one Evaluate call: what each rule catches, and the
// findings so far.
type evaluation struct {
	g         *Graph
	opt       Options
	listings  map[string][]Listing
	ofac, bis ruleSets
	status    string // the Affiliates rule's, on opt.Date
	res       *Result
	// Both rules' caught sets, for minority chains; built on first use.
	mergedConf, mergedAll *caughtSet
}

// applyRules adds the findings of the OFAC 50% rule and the Affiliates rule on k.
func (ev *evaluation) applyRules(k string) {
	g := ev.g
	if set, c, ok := ev.ofac.catches(k); ok {
		ev.res.add(k, g.finding(RuleOFAC50, k, c, set, ofac50.Citation, ""))
	}
	if set, c, ok := ev.bis.catches(k); ok && ev.status != rules.RuleNotEffective {
		rule := RuleAffiliates
		if ev.status == rules.RuleSuspended {
			rule = RuleAffiliatesSuspended
		}
		f := g.finding(rule, k, c, set, affiliates.Citation, ev.status)
		f.LicenseRequirement = mostRestrictive(g.rootListings(k, set.by, set.roots))
		ev.res.add(k, f)
	}
}

// minority adds the minority-stake red flag on k: listed or caught owners
// below 50% in aggregate, counted on confirmed listings first, then on all
// of them.
func (ev *evaluation) minority(k string) {
	g, ofac, bis := ev.g, ev.ofac, ev.bis
	var stakes, confStakes []Stake
	total, confTotal := 0.0, 0.0
	for _, i := range g.byOwned[k] {
		e := &g.edges[i]
		if !e.active(ev.opt.Date) {
			continue
		}
		ok := Key(e.Owner)
		ls := ev.listings[ok]
		if len(ls) == 0 && !ofac.all.has(ok) && !bis.all.has(ok) {
			continue
		}
		total += e.Percent
		stakes = append(stakes, Stake{Owner: e.Owner, Percent: e.Percent, Line: e.Line, Listed: ls, Derived: len(ls) == 0})
		if cls := confirmedOnly(ls); len(cls) > 0 || ofac.conf.has(ok) || bis.conf.has(ok) {
			confTotal += e.Percent
			confStakes = append(confStakes, Stake{Owner: e.Owner, Percent: e.Percent, Line: e.Line, Listed: cls, Derived: len(cls) == 0})
		}
	}
	switch {
	case len(confStakes) > 0 && confTotal >= ev.opt.MinorityPercent:
		if ev.mergedConf == nil {
			ev.mergedConf = merge(ofac.conf, bis.conf)
		}
		ev.res.add(k, g.finding(RuleMinority, k, &caught{stakes: confStakes, percent: confTotal}, ev.mergedConf, CiteMinority, ""))
	case len(stakes) > 0 && total >= ev.opt.MinorityPercent:
		if ev.mergedAll == nil {
			ev.mergedAll = merge(ofac.all, bis.all)
		}
		ev.res.add(k, g.finding(RuleMinority, k, &caught{stakes: stakes, percent: total}, ev.mergedAll, CiteMinority, ""))
	}
}

// caughtSet is what one 50% rule catches, with the root listings of each
// caught node once walked (see rootListings).
type caughtSet struct {
	by    map[string]*caught
	roots map[string][]Listing
}

func (s *caughtSet) has(k string) bool { _, ok := s.by[k]; return ok }

// merge joins two caught sets (a's derivation first where both catch a
// node).
func merge(a, b *caughtSet) *caughtSet {
	m := &caughtSet{by: maps.Clone(a.by), roots: map[string][]Listing{}}
	for k, v := range b.by {
		if _, dup := m.by[k]; !dup {
			m.by[k] = v
		}
	}
	return m
}

// ruleSets holds what a 50% rule catches on the confirmed listings (conf)
// and on all listings (all): one set when no listing is potential.
type ruleSets struct{ conf, all *caughtSet }

func (g *Graph) ruleSets(keys []string, listings map[string][]Listing, filter func([]Listing) []Listing, pct float64, d time.Time, anyPotential bool) ruleSets {
	conf := &caughtSet{by: g.fixpoint(keys, listings, func(ls []Listing) []Listing { return confirmedOnly(filter(ls)) }, pct, d), roots: map[string][]Listing{}}
	if !anyPotential {
		return ruleSets{conf, conf}
	}
	return ruleSets{conf, &caughtSet{by: g.fixpoint(keys, listings, filter, pct, d), roots: map[string][]Listing{}}}
}

// catches returns the set a finding on k rests on: the confirmed one when
// it catches k through stakes, else the one with potential listings. ok is
// false when neither catches k through stakes (a listed node is screened
// by its own name, not by its owners).
func (r ruleSets) catches(k string) (*caughtSet, *caught, bool) {
	for _, s := range []*caughtSet{r.conf, r.all} {
		if c, ok := s.by[k]; ok && len(c.stakes) > 0 {
			return s, c, true
		}
	}
	return nil, nil, false
}

// confirmedOnly returns the listings of ls that are not potential, in a new
// slice.
func confirmedOnly(ls []Listing) []Listing {
	var out []Listing
	for _, x := range ls {
		if !x.Potential {
			out = append(out, x)
		}
	}
	return out
}

func (r *Result) add(k string, f Finding) { r.findings[k] = append(r.findings[k], f) }

// listings resolves every owner to its list entries, once.
func (g *Graph) listings(ctx context.Context, l Lister) (map[string][]Listing, error) {
	out := map[string][]Listing{}
	seen := map[string]bool{}
	for _, e := range g.edges {
		k := Key(e.Owner)
		if seen[k] {
			continue
		}
		seen[k] = true
		if ref, ok := e.ListRef(); ok {
			if x, ok := l.ByKey(ref); ok {
				// The owner is the entry by construction: nothing to judge.
				x.Potential, x.Why = false, ""
				out[k] = []Listing{x}
			}
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ls, err := l.ByName(ctx, e.Owner, e.OwnerCountry)
		if err != nil {
			return nil, fmt.Errorf("ownership %s:%d: looking up owner %q: %w", g.source, e.Line, e.Owner, err)
		}
		if len(ls) > 0 {
			out[k] = ls
		}
	}
	return out, nil
}

// fixpoint computes the nodes caught by a 50% rule: those listed on the
// given sources, then, until nothing changes, every entity in which caught
// owners hold pct percent (50) or more in aggregate. It terminates on cycles because the
// caught set only grows.
func (g *Graph) fixpoint(keys []string, listings map[string][]Listing, filter func([]Listing) []Listing, pct float64, d time.Time) map[string]*caught {
	c := map[string]*caught{}
	for _, k := range keys {
		if ls := filter(listings[k]); len(ls) > 0 {
			c[k] = &caught{listed: ls}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, k := range keys {
			if _, done := c[k]; done {
				continue
			}
			total := 0.0
			var stakes []Stake
			for _, i := range g.byOwned[k] {
				e := &g.edges[i]
				oc, ok := c[Key(e.Owner)]
				if !ok || !e.active(d) {
					continue
				}
				total += e.Percent
				stakes = append(stakes, Stake{Owner: e.Owner, Percent: e.Percent, Line: e.Line, Listed: oc.listed, Derived: len(oc.listed) == 0})
			}
			if total >= pct {
				c[k] = &caught{stakes: stakes, percent: total}
				changed = true
			}
		}
	}
	return c
}

func (g *Graph) finding(rule, k string, c *caught, set *caughtSet, cite, status string) Finding {
	all, roots := set.by, set.roots
	n := g.nodes[k]
	f := Finding{Rule: rule, Entity: n.name, Country: n.country, Percent: c.percent, Stakes: c.stakes, Citation: cite, Status: status}
	g.explain(k, all, map[string]bool{}, &f, 0)
	var listed []Listing
	if rule == RuleMinority {
		// k is not caught itself: its roots are those of its stakes.
		for _, s := range c.stakes {
			listed = append(listed, s.Listed...)
			if s.Derived {
				listed = append(listed, g.rootListings(Key(s.Owner), all, roots)...)
			}
		}
	} else {
		listed = g.rootListings(k, all, roots)
	}
	seen, confirmed := map[string]bool{}, map[string]bool{}
	for _, x := range listed {
		confirmed[x.Key] = confirmed[x.Key] || !x.Potential
	}
	for _, x := range listed {
		if !seen[x.Key] {
			seen[x.Key] = true
			f.Entries = append(f.Entries, x.Key)
			if !confirmed[x.Key] {
				f.Potential = append(f.Potential, x)
			}
		}
	}
	sort.Strings(f.Entries)
	sort.Slice(f.Potential, func(i, j int) bool { return f.Potential[i].Key < f.Potential[j].Key })
	return f
}

// explain writes one chain line per stake, recursing into owners that are
// caught through their own owners.
func (g *Graph) explain(k string, all map[string]*caught, seen map[string]bool, f *Finding, depth int) {
	if seen[k] || depth > 32 {
		return
	}
	seen[k] = true
	// The finding's own stakes first: a minority finding's entity is in no
	// caught set, but its stakes still explain it.
	stakes := f.Stakes
	if depth > 0 {
		c := all[k]
		if c == nil {
			return
		}
		stakes = c.stakes
	}
	owned := g.nodes[k].name
	for _, s := range stakes {
		who := s.Owner
		if len(s.Listed) > 0 {
			var tags []string
			for _, x := range s.Listed {
				tag := fmt.Sprintf("%s %q", x.Key, x.Name)
				if x.Potential {
					tag += fmt.Sprintf(" (potential match, score %.2f)", x.Score)
				}
				tags = append(tags, tag)
			}
			who += " [listed: " + strings.Join(tags, "; ") + "]"
		} else if s.Derived {
			who += " [caught through its own owners]"
		}
		line := fmt.Sprintf("%s%s owns %.4g%% of %s", strings.Repeat("  ", depth), who, s.Percent, owned)
		if s.Line > 0 {
			line += fmt.Sprintf(" (%s:%d)", g.source, s.Line)
		}
		f.Chain = append(f.Chain, line)
		if s.Derived {
			g.explain(Key(s.Owner), all, seen, f, depth+1)
		}
	}
}

// rootListings returns the listed entries at the roots of k's derivation in
// all, each entry once, in the order a depth-first walk meets them. memo
// holds the answer for each node of all already walked, so that the
// findings of one evaluation walk each chain once, not once per entity
// along it (a chain of n entities would otherwise cost n²).
func (g *Graph) rootListings(k string, all map[string]*caught, memo map[string][]Listing) []Listing {
	if ls, ok := memo[k]; ok {
		return ls
	}
	c := all[k]
	if c == nil {
		return nil
	}
	memo[k] = nil // a node met again on its own walk adds nothing
	var out []Listing
	seen := map[string]bool{}
	add := func(ls []Listing) {
		for _, x := range ls {
			if !seen[x.Key] {
				seen[x.Key] = true
				out = append(out, x)
			}
		}
	}
	add(c.listed)
	for _, s := range c.stakes {
		add(g.rootListings(Key(s.Owner), all, memo))
	}
	memo[k] = out
	return out
}

// mostRestrictive picks the broadest Entity List license requirement among
// the listed owners: "all items subject to the EAR" over narrower ones, then
// the longest text (it names the most items).
func mostRestrictive(ls []Listing) string {
	best := ""
	score := func(s string) int {
		if strings.Contains(strings.ToLower(s), "all items subject to the ear") {
			return 1<<20 + len(s)
		}
		return len(s)
	}
	for _, x := range ls {
		if x.LicenseRequirement != "" && score(x.LicenseRequirement) > score(best) {
			best = x.LicenseRequirement
		}
	}
	return best
}
