package rules

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed default_policy.yaml
var defaultPolicyYAML []byte

// PolicyFormatVersion is the only policy file format version this package reads.
const PolicyFormatVersion = 1

// ErrInvalidPolicy is wrapped by every *PolicyError, so a caller can test any
// error from ParsePolicy or LoadPolicyFile with errors.Is.
var ErrInvalidPolicy = errors.New("invalid policy")

// A PolicyError reports one problem in a policy file: where it is, which
// field, the offending value and what is wrong. ParsePolicy returns all of
// them joined with errors.Join; use errors.As to get the first, or
// interface{ Unwrap() []error } to walk them all.
type PolicyError struct {
	File   string // the file name given to ParsePolicy
	Line   int    // 1-based; 0 if unknown
	Column int    // 1-based; 0 if unknown
	Field  string // dotted path of the key, e.g. "profiles.define[0].countries[2]"
	Value  string // the offending value as written ("" for a missing value)
	Msg    string // what is wrong, quoting the value
}

// Error formats the error as "file:line:column: message".
func (e *PolicyError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap lets errors.Is(err, ErrInvalidPolicy) succeed.
func (e *PolicyError) Unwrap() error { return ErrInvalidPolicy }

// ReasonCodes returns the reason codes a policy maps to outcomes (the
// registry, see Reasons), sorted.
func ReasonCodes() []ReasonCode {
	codes := make([]ReasonCode, len(reasons))
	for i, r := range reasons {
		codes[i] = r.Code
	}
	slices.Sort(codes)
	return codes
}

// Values of AffiliatesRuleAfterSuspension.
const (
	AffiliatesInForce   = "in_force"
	AffiliatesSuspended = "suspended"
)

// Policy is a complete, validated screening policy: country-group overrides,
// the countries-of-concern profiles, the embargoes, the outcome of each reason
// code and list, and the screening thresholds. A Policy is immutable and safe
// for concurrent use; load a new one to change it.
type Policy struct {
	name, description string
	asOf              time.Time
	groups            *policyGroups
	profiles          map[string]*Profile
	selected          []*Profile
	embargo           []*Profile
	outcomes          map[string]Outcome
	lists             map[string]Outcome
	match, minority   float64
	maxListAge        time.Duration
	maxGeoDBAge       time.Duration
	affiliates        string
	itemRules         string // resolved path, or ""
	canonical         []byte
	version           string
	spec              *policySpec
	// memos answer InGroup for the days asked about (see groupmemo.go).
	memos groupMemos
}

// Default returns the embedded default policy (rules/default_policy.yaml).
// It is built once and shared; it is never nil.
func Default() *Policy { return defaultPolicy() }

var defaultPolicy = sync.OnceValue(func() *Policy {
	p, err := parsePolicy("default_policy.yaml", defaultPolicyYAML, nil)
	if err != nil {
		panic("rules: embedded default policy: " + err.Error())
	}
	return p
})

// ParsePolicy parses a policy file (YAML, or JSON, which is YAML). Settings
// the file leaves out take their values from Default(). filename is used in
// error messages and to resolve item_rules_file. On any error it returns a
// nil *Policy and every problem found, each a *PolicyError, joined with
// errors.Join: a policy is applied whole or not at all.
func ParsePolicy(filename string, data []byte) (*Policy, error) {
	return parsePolicy(filename, data, Default().spec)
}

// LoadPolicyFile reads and parses the policy file at path. It also checks
// that the item rules file the policy names, if any, exists. A file over
// MaxPolicySize is refused without being read. ctx is checked before each
// file is touched.
func LoadPolicyFile(ctx context.Context, path string) (*Policy, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := readPolicyFile(path)
	if err != nil {
		return nil, err
	}
	p, err := ParsePolicy(path, data)
	if err != nil {
		return nil, err
	}
	if p.itemRules != "" {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if _, err := os.Stat(p.itemRules); err != nil {
			n := p.spec.itemRulesNode
			return nil, &PolicyError{File: path, Line: n.Line, Column: n.Column, Field: "item_rules_file", Value: p.spec.itemRulesFile,
				Msg: fmt.Sprintf("item rules file %q: %v", p.spec.itemRulesFile, errors.Unwrap(err))}
		}
	}
	return p, nil
}

// Version identifies the policy's content: "sha256:" and the hex SHA-256 of
// its canonical form together with the embedded data it is built on. Two
// files that differ only in layout, comments or key order have the same
// Version.
func (p *Policy) Version() string { return p.version }

// Name returns the policy's name.
func (p *Policy) Name() string { return p.name }

// Description returns the policy's description, or "".
func (p *Policy) Description() string { return p.description }

// AsOf returns the date the policy states it is current as of. Methods given
// a zero date use it.
func (p *Policy) AsOf() time.Time { return p.asOf }

// Canonical returns the policy in canonical form: JSON with every setting
// resolved, sorted, and no comments. It is itself a valid policy file with
// the same Version.
func (p *Policy) Canonical() []byte { return bytes.Clone(p.canonical) }

func (p *Policy) date(d time.Time) time.Time {
	if d.IsZero() {
		return p.asOf
	}
	return day(d)
}

// Groups returns the EAR country groups c is in on date: the embedded data
// with the policy's additions and removals (for example a supplied Group B),
// sorted. A zero date means AsOf.
func (p *Policy) Groups(c Country, date time.Time) []Group {
	return p.groups.groups(c, p.date(date))
}

// InGroup reports whether c is in group g on date under this policy.
func (p *Policy) InGroup(c Country, g Group, date time.Time) bool {
	return p.memos.memo(p, date).in(p.groups, c, g)
}

// Profiles returns the profiles the policy selects as "countries of concern",
// sorted by name.
func (p *Policy) Profiles() []*Profile { return slices.Clone(p.selected) }

// Profile returns any profile the policy knows, built in or defined in the
// policy, selected or not.
func (p *Policy) Profile(name string) (*Profile, bool) {
	pr, ok := p.profiles[name]
	return pr, ok
}

// ProfileNames returns the names of every profile the policy knows, sorted.
func (p *Policy) ProfileNames() []string {
	var names []string
	for n := range p.profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ConcernProfiles returns the selected profiles that contain d on date, in
// the order of Profiles. A zero date means AsOf.
func (p *Policy) ConcernProfiles(d Destination, date time.Time) []*Profile {
	t := p.date(date)
	var out []*Profile
	for _, pr := range p.selected {
		if pr.Contains(d, t) {
			out = append(out, pr)
		}
	}
	return out
}

// Embargo describes a comprehensive embargo on a destination.
type Embargo struct {
	// Destination is what is embargoed: the country, or the region when
	// Region is true.
	Destination Destination
	// Region is true when the embargo covers a region, not the whole country
	// (Crimea, the so-called DNR and LNR).
	Region bool
	// Program is the name of the policy profile that holds the embargo, e.g.
	// "ear_embargo_e1_e2" or "ear_region_embargo_746_6".
	Program string
	// Citation is the regulation, e.g. "15 CFR 746.6(a)(1); E.O. 13685 ...".
	Citation string
	// Since is when the embargo on this destination began, or zero when it
	// began before the data's recorded history.
	Since time.Time
	// Approximate is true when the region stands for a smaller covered area
	// with no boundary of its own (the whole Donetsk and Luhansk oblasts for
	// the so-called DNR and LNR); Note says so. A caller should have a
	// person check the place rather than deny (reason
	// destination.region_approximated, default review).
	Approximate bool
	Note        string
}

// Embargo reports whether d is under a comprehensive embargo on date: the
// E:1/E:2 countries (15 CFR Part 746) and the sanctioned regions of Ukraine
// (Crimea UA-43 and Sevastopol UA-40, the so-called DNR UA-14 and LNR UA-09;
// 15 CFR 746.6), as held by the policy's embargo profiles. Russia and
// Belarus are not comprehensively embargoed (15 CFR 746.8 is a rule for
// listed items); they are in the profile "ear_russia_belarus_746_8". A zero
// date means AsOf.
func (p *Policy) Embargo(d Destination, date time.Time) (Embargo, bool) {
	if !d.Country.IsValid() {
		return Embargo{}, false
	}
	t := p.date(date)
	var regional Embargo
	for _, pr := range p.embargo {
		m, ok := pr.match(d, t, 0)
		if !ok {
			continue
		}
		since := m.s.from
		if m.group.IsValid() {
			since = p.groups.since(d.Country, m.group, t)
		}
		e := Embargo{Destination: Destination{Country: d.Country}, Program: pr.Name, Citation: pr.citationFor(d, m), Since: since}
		if !m.region {
			return e, true // a whole-country embargo is reported before a regional one
		}
		if regional.Program == "" {
			e.Destination.Region, e.Region = d.Region, true
			e.Approximate, e.Note = m.approximate, m.note
			regional = e
		}
	}
	return regional, regional.Program != ""
}

// OutcomeFor returns the outcome the policy gives reason code (the
// registry's default where the policy file sets none); an unregistered code
// gives OutcomeReview (fail closed).
func (p *Policy) OutcomeFor(code ReasonCode) Outcome {
	if o, ok := p.outcomes[string(code)]; ok {
		return o
	}
	return OutcomeReview
}

// ListOutcome returns what a hit on restricted-party list source means:
// by default SDN, DPL, FSE and INTERNAL deny; EL and MEU require a license;
// UVL, ISN, SSI, CMIC, PLC, CAP, MBS, UN and DTC go to review
// (export-controls.md §3.1). "NS-" prefixes and "CAPTA" are accepted. An
// unknown source gives OutcomeReview.
func (p *Policy) ListOutcome(source string) Outcome {
	if o, ok := p.lists[canonicalSource(source)]; ok {
		return o
	}
	return OutcomeReview
}

// MatchThreshold returns the name-match score (0..1] at or above which a
// candidate list entry counts as a hit.
func (p *Policy) MatchThreshold() float64 { return p.match }

// MaxListAge returns the age beyond which a restricted-party list snapshot
// is stale (reason data.stale).
func (p *Policy) MaxListAge() time.Duration { return p.maxListAge }

// MaxGeoDBAge returns the age beyond which an IP geolocation database is
// stale (reason data.stale).
func (p *Policy) MaxGeoDBAge() time.Duration { return p.maxGeoDBAge }

// MinorityStakeThreshold returns the ownership percentage (0..100] at or
// above which a listed party's minority stake is a red flag
// (party.minority_owned_by_listed).
func (p *Policy) MinorityStakeThreshold() float64 { return p.minority }

// AffiliatesRuleAfterSuspension returns AffiliatesInForce or
// AffiliatesSuspended: how to treat the BIS Affiliates (50 %) rule after its
// suspension ended on 2026-11-10. The default, AffiliatesInForce, is an
// assumption (no later source was found); see docs/policy.md.
func (p *Policy) AffiliatesRuleAfterSuspension() string { return p.affiliates }

// ItemRulesFile returns the item-rules data file that replaces the embedded
// AI-chip rule data, resolved relative to the policy file's directory, or ""
// for the embedded data.
func (p *Policy) ItemRulesFile() string { return p.itemRules }

// ---- dated groups with policy overrides ----

// policyGroups is the embedded group data with a policy's additions and
// removals. A removal wins over an addition and over the data.
type policyGroups struct {
	base        *groupTable
	add, remove map[Country][]groupSpan
}

func (pg *policyGroups) self(c Country, d time.Time) (Country, Country) {
	return c, pg.base.effective(c, d)
}

func overridden(m map[Country][]groupSpan, c, e Country, g Group, d time.Time) (span, bool) {
	for _, x := range []Country{c, e} {
		for _, gs := range m[x] {
			if gs.g == g && gs.s.contains(d) {
				return gs.s, true
			}
		}
	}
	return span{}, false
}

func (pg *policyGroups) in(c Country, g Group, d time.Time) bool {
	c, e := pg.self(c, d)
	if _, ok := overridden(pg.remove, c, e, g, d); ok {
		return false
	}
	if _, ok := overridden(pg.add, c, e, g, d); ok {
		return true
	}
	return pg.base.in(c, g, d)
}

func (pg *policyGroups) groups(c Country, d time.Time) []Group {
	c, e := pg.self(c, d)
	out := pg.base.own(e, d)
	for _, x := range []Country{c, e} {
		for _, gs := range pg.add[x] {
			if gs.s.contains(d) {
				out = append(out, gs.g)
			}
		}
	}
	out = slices.DeleteFunc(out, func(g Group) bool {
		_, rm := overridden(pg.remove, c, e, g, d)
		return rm
	})
	slices.SortFunc(out, groupCompare)
	return slices.Compact(out)
}

// since returns when c's membership of g that includes d began, or zero if
// it began before the recorded history.
func (pg *policyGroups) since(c Country, g Group, d time.Time) time.Time {
	c, e := pg.self(c, d)
	var from time.Time
	if s, ok := overridden(pg.add, c, e, g, d); ok {
		from = s.from
	} else {
		for _, gs := range pg.base.spans[e] {
			if gs.g == g && gs.s.contains(d) {
				from = gs.s.from
			}
		}
	}
	if e != c {
		if f := pg.base.follows[c]; f.since.After(from) {
			from = f.since
		}
	}
	return from
}

// ---- the policy file ----

// groupOverride is one entry of country_groups.add or .remove.
type groupOverride struct {
	c      Country
	groups []Group
	s      span
	note   string
	node   *yaml.Node
	path   string
}

// policySpec is a policy file's settings merged over its base.
type policySpec struct {
	version                int
	name, description      string
	asOf                   time.Time
	groupAdd, groupRemove  []groupOverride
	defines                []*profileDef
	selectNames            []string
	selectNodes            []*yaml.Node
	embargoNames           []string
	embargoNodes           []*yaml.Node
	outcomes               map[string]Outcome
	lists                  map[string]Outcome
	match, minority        float64
	confirm                float64 // thresholds.confirm (match_strength)
	exactName              bool
	corroboratedBy         []string
	contradictedBy         []string
	maxListAge, maxGeoAge  time.Duration
	affiliates             string
	itemRulesFile          string
	itemRulesNode          *yaml.Node
	root                   *yaml.Node
	versionSet, nameSet    bool
	asOfSet, selectPresent bool
}

func (s *policySpec) clone() *policySpec {
	c := *s
	c.outcomes = maps(s.outcomes)
	c.lists = maps(s.lists)
	c.version, c.name, c.description, c.asOf = 0, "", "", time.Time{}
	c.versionSet, c.nameSet, c.asOfSet = false, false, false
	return &c
}

// defaultOutcomes returns the registry's default outcome of every reason
// code, which a policy file's outcomes: override.
func defaultOutcomes() map[string]Outcome {
	m := make(map[string]Outcome, len(reasons))
	for _, r := range reasons {
		m[string(r.Code)] = r.Outcome
	}
	return m
}

func maps(m map[string]Outcome) map[string]Outcome {
	c := make(map[string]Outcome, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
