package rules

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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
	return p.groups.in(c, g, p.date(date))
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

func parsePolicy(filename string, data []byte, base *policySpec) (*Policy, error) {
	if len(data) > MaxPolicySize {
		return nil, errPolicyTooLarge(filename, int64(len(data)))
	}
	d := &yamlDecoder{file: filename}
	var spec *policySpec
	if base != nil {
		spec = base.clone()
	} else {
		spec = &policySpec{outcomes: defaultOutcomes(), lists: map[string]Outcome{}}
	}
	root := d.document(data)
	if root == nil {
		return nil, d.err()
	}
	spec.root = root
	d.policySpec(root, spec)
	if err := d.err(); err != nil {
		return nil, err
	}
	p := d.build(filename, spec)
	if err := d.err(); err != nil {
		return nil, err
	}
	return p, nil
}

func (d *yamlDecoder) policySpec(root *yaml.Node, spec *policySpec) {
	for _, kv := range d.mapping(root, "") {
		fp := kv.key
		switch kv.key {
		case "version":
			spec.versionSet = true
			if s, ok := d.str(kv.v, fp); ok {
				if n, err := strconv.Atoi(s); err != nil || n != PolicyFormatVersion {
					d.fail(kv.v, fp, s, "unsupported policy format version %q: want %d", s, PolicyFormatVersion)
				} else {
					spec.version = n
				}
			}
		case "name":
			var ok bool
			spec.name, ok = d.str(kv.v, fp)
			spec.nameSet = true
			if ok && strings.TrimSpace(spec.name) == "" {
				d.fail(kv.v, fp, spec.name, "blank policy name %q", spec.name)
			}
		case "description":
			spec.description, _ = d.str(kv.v, fp)
		case "as_of":
			spec.asOf, _ = d.date(kv.v, fp)
			spec.asOfSet = true
		case "country_groups":
			spec.groupAdd, spec.groupRemove = nil, nil
			for _, gkv := range d.mapping(kv.v, fp) {
				gp := joinPath(fp, gkv.key)
				switch gkv.key {
				case "add", "remove":
					for i, e := range d.seq(gkv.v, gp) {
						if o, ok := d.groupOverride(e, indexPath(gp, i)); ok {
							if gkv.key == "add" {
								spec.groupAdd = append(spec.groupAdd, o)
							} else {
								spec.groupRemove = append(spec.groupRemove, o)
							}
						}
					}
				default:
					d.unknownKey(gkv, fp)
				}
			}
		case "profiles":
			for _, pkv := range d.mapping(kv.v, fp) {
				pp := joinPath(fp, pkv.key)
				switch pkv.key {
				case "define":
					spec.defines = nil
					for i, e := range d.seq(pkv.v, pp) {
						if def := d.profileDef(e, indexPath(pp, i)); def != nil {
							spec.defines = append(spec.defines, def)
						}
					}
				case "select":
					spec.selectNames, spec.selectNodes = d.nameList(pkv.v, pp)
					spec.selectPresent = true
				default:
					d.unknownKey(pkv, fp)
				}
			}
		case "embargo_profiles":
			spec.embargoNames, spec.embargoNodes = d.nameList(kv.v, fp)
		case "outcomes":
			for _, okv := range d.mapping(kv.v, fp) {
				op := joinPath(fp, okv.key)
				if !ReasonCode(okv.key).IsValid() {
					d.fail(okv.k, op, okv.key, "unknown reason code %q", okv.key)
					continue
				}
				if o, ok := d.outcome(okv.v, op); ok {
					spec.outcomes[okv.key] = o
				}
			}
		case "lists":
			for _, lkv := range d.mapping(kv.v, fp) {
				lp := joinPath(fp, lkv.key)
				src := lkv.key
				if !ListSource(src).IsValid() {
					d.fail(lkv.k, lp, lkv.key, "unknown list source %q: want one of %s", lkv.key, strings.Join(sourceCodes(), ", "))
					continue
				}
				if o, ok := d.outcome(lkv.v, lp); ok {
					spec.lists[src] = o
				}
			}
		case "thresholds":
			for _, tkv := range d.mapping(kv.v, fp) {
				tp := joinPath(fp, tkv.key)
				switch tkv.key {
				case "match":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 1 {
							d.fail(tkv.v, tp, tkv.v.Value, "match threshold %s out of range: want more than 0 and at most 1", tkv.v.Value)
						} else {
							spec.match = f
						}
					}
				case "confirm":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 1 {
							d.fail(tkv.v, tp, tkv.v.Value, "confirm threshold %s out of range: want more than 0 and at most 1", tkv.v.Value)
						} else {
							spec.confirm = f
						}
					}
				case "minority_stake_percent":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 100 {
							d.fail(tkv.v, tp, tkv.v.Value, "minority stake %s out of range: want more than 0 and at most 100 (percent)", tkv.v.Value)
						} else {
							spec.minority = f
						}
					}
				default:
					d.unknownKey(tkv, fp)
				}
			}
		case "match_strength":
			d.matchStrength(kv.v, fp, spec)
		case "data_freshness":
			for _, fkv := range d.mapping(kv.v, fp) {
				dp := joinPath(fp, fkv.key)
				switch fkv.key {
				case "max_list_age":
					if v, ok := d.duration(fkv.v, dp); ok {
						spec.maxListAge = v
					}
				case "max_geodb_age":
					if v, ok := d.duration(fkv.v, dp); ok {
						spec.maxGeoAge = v
					}
				default:
					d.unknownKey(fkv, fp)
				}
			}
		case "affiliates_rule_after_suspension":
			if s, ok := d.str(kv.v, fp); ok {
				if s != AffiliatesInForce && s != AffiliatesSuspended {
					d.fail(kv.v, fp, s, "unknown Affiliates rule status %q: want in_force or suspended", s)
				} else {
					spec.affiliates = s
				}
			}
		case "item_rules_file":
			if s, ok := d.str(kv.v, fp); ok {
				if strings.TrimSpace(s) == "" || strings.ContainsRune(s, 0) {
					d.fail(kv.v, fp, s, "invalid item rules file name %q", s)
				} else {
					spec.itemRulesFile, spec.itemRulesNode = s, kv.v
				}
			}
		default:
			d.unknownKey(kv, "")
		}
	}
	if !spec.versionSet {
		d.fail(root, "version", "", "missing version: want version: %d", PolicyFormatVersion)
	}
	if !spec.nameSet {
		d.fail(root, "name", "", "missing policy name")
	}
	if !spec.asOfSet {
		d.fail(root, "as_of", "", "missing as_of date")
	}
	for _, src := range sourceCodes() {
		if _, ok := spec.lists[src]; !ok {
			d.fail(root, "lists."+src, "", "no outcome for list source %q", src)
		}
	}
	if spec.match == 0 {
		d.fail(root, "thresholds.match", "", "missing match threshold")
	}
	if spec.minority == 0 {
		d.fail(root, "thresholds.minority_stake_percent", "", "missing minority stake threshold")
	}
	if spec.confirm == 0 {
		d.fail(root, "thresholds.confirm", "", "missing confirm threshold")
	}
	if spec.corroboratedBy == nil || spec.contradictedBy == nil {
		d.fail(root, "match_strength", "", "missing match_strength.corroborated_by or contradicted_by")
	}
	if spec.maxListAge == 0 {
		d.fail(root, "data_freshness.max_list_age", "", "missing max_list_age")
	}
	if spec.maxGeoAge == 0 {
		d.fail(root, "data_freshness.max_geodb_age", "", "missing max_geodb_age")
	}
	if spec.affiliates == "" {
		d.fail(root, "affiliates_rule_after_suspension", "", "missing affiliates_rule_after_suspension")
	}
	if !spec.selectPresent {
		d.fail(root, "profiles.select", "", "missing profiles.select")
	}
}

func (d *yamlDecoder) nameList(n *yaml.Node, path string) ([]string, []*yaml.Node) {
	names := []string{}
	var nodes []*yaml.Node
	for i, e := range d.seq(n, path) {
		if s, ok := d.str(e, indexPath(path, i)); ok {
			if j := slices.Index(names, s); j >= 0 {
				d.fail(e, indexPath(path, i), s, "profile %q listed twice (first at line %d)", s, nodes[j].Line)
				continue
			}
			names = append(names, s)
			nodes = append(nodes, e)
		}
	}
	return names, nodes
}

// groupOverride decodes {country: UA, groups: [B], from:, until:, note:}.
func (d *yamlDecoder) groupOverride(n *yaml.Node, path string) (groupOverride, bool) {
	o := groupOverride{node: n, path: path}
	ok := true
	var haveC, haveG bool
	for _, kv := range d.mapping(n, path) {
		fp := joinPath(path, kv.key)
		switch kv.key {
		case "country":
			var good bool
			o.c, good = d.country(kv.v, fp)
			haveC, ok = true, ok && good
		case "groups":
			before := len(d.errs)
			o.groups = d.groupList(kv.v, fp)
			haveG, ok = true, ok && len(d.errs) == before
		case "from":
			o.s.from, _ = d.date(kv.v, fp)
		case "until":
			o.s.until, _ = d.date(kv.v, fp)
		case "note":
			o.note, _ = d.str(kv.v, fp)
		default:
			d.unknownKey(kv, path)
		}
	}
	if n.Kind != yaml.MappingNode {
		return o, false
	}
	if !haveC {
		d.fail(n, joinPath(path, "country"), "", "entry has no country")
		ok = false
	}
	if !haveG || (ok && len(o.groups) == 0) {
		d.fail(n, joinPath(path, "groups"), "", "entry has no groups")
		ok = false
	}
	return o, ok && d.checkSpan(n, path, o.s)
}

// build resolves a merged spec into a Policy, reporting contradictions and
// unknown references.
func (d *yamlDecoder) build(filename string, spec *policySpec) *Policy {
	p := &Policy{
		name: spec.name, description: spec.description, asOf: day(spec.asOf),
		outcomes: spec.outcomes, lists: spec.lists, match: spec.match, minority: spec.minority,
		maxListAge: spec.maxListAge, maxGeoDBAge: spec.maxGeoAge, affiliates: spec.affiliates, spec: spec,
	}
	if spec.itemRulesFile != "" {
		p.itemRules = spec.itemRulesFile
		if !filepath.IsAbs(p.itemRules) {
			p.itemRules = filepath.Join(filepath.Dir(filename), p.itemRules)
		}
	}

	// Country-group overrides: an addition and a removal of the same country
	// and group on overlapping dates contradict each other, as do two
	// overlapping additions (or removals).
	pg := &policyGroups{base: defaultGroups(), add: map[Country][]groupSpan{}, remove: map[Country][]groupSpan{}}
	type seenOverride struct {
		s    span
		add  bool
		line int
	}
	seen := map[Country]map[Group][]seenOverride{}
	check := func(list []groupOverride, add bool, into map[Country][]groupSpan) {
		for _, o := range list {
			for _, g := range o.groups {
				if seen[o.c] == nil {
					seen[o.c] = map[Group][]seenOverride{}
				}
				for _, prev := range seen[o.c][g] {
					if prev.s.overlaps(o.s) {
						what := "both added to and removed from"
						if prev.add == add {
							what = "overridden twice for overlapping dates in"
						}
						d.fail(o.node, o.path, o.c.String(), "country %q %s group %q (see line %d)", o.c, what, g, prev.line)
					}
				}
				seen[o.c][g] = append(seen[o.c][g], seenOverride{s: o.s, add: add, line: o.node.Line})
				into[o.c] = append(into[o.c], groupSpan{g: g, s: o.s})
			}
		}
	}
	check(spec.groupAdd, true, pg.add)
	check(spec.groupRemove, false, pg.remove)
	p.groups = pg

	// Profiles: the built-in ones, then the policy's own.
	defs := map[string]*profileDef{}
	for _, def := range builtinProfileDefs() {
		defs[def.name] = def
	}
	for _, def := range spec.defines {
		if _, dup := defs[def.name]; dup {
			if slices.ContainsFunc(builtinProfileDefs(), func(b *profileDef) bool { return b.name == def.name }) {
				d.fail(def.nameNode, "profiles.define", def.name, "profile %q is built in: define a new name and extend it", def.name)
			} else {
				d.fail(def.nameNode, "profiles.define", def.name, "profile %q defined twice", def.name)
			}
			continue
		}
		defs[def.name] = def
	}
	for _, def := range spec.defines {
		for i, x := range def.extends {
			if _, ok := defs[x]; !ok {
				d.fail(def.extendNodes[i], "profiles.define", x, "unknown profile %q", x)
			}
		}
	}
	// Reject cycles of extends.
	state := map[string]int{}
	var visit func(name string, via *yaml.Node) bool
	visit = func(name string, via *yaml.Node) bool {
		switch state[name] {
		case 1:
			d.fail(via, "profiles.define", name, "profile %q extends itself", name)
			return false
		case 2:
			return true
		}
		state[name] = 1
		def := defs[name]
		for i, x := range def.extends {
			if _, ok := defs[x]; ok {
				var n *yaml.Node
				if i < len(def.extendNodes) {
					n = def.extendNodes[i]
				}
				if !visit(x, n) {
					return false
				}
			}
		}
		state[name] = 2
		return true
	}
	for _, def := range spec.defines {
		if state[def.name] == 0 {
			visit(def.name, def.nameNode)
		}
	}
	if len(d.errs) > 0 {
		return nil
	}
	p.profiles = map[string]*Profile{}
	for name, def := range defs {
		p.profiles[name] = &Profile{Name: def.name, Description: def.description, Citation: def.citation,
			AsOf: def.asOf, Status: def.status, Notes: def.notes, def: def, groups: pg, asOf: p.asOf}
	}
	for _, pr := range p.profiles {
		for _, x := range pr.def.extends {
			pr.extends = append(pr.extends, p.profiles[x])
		}
	}
	pick := func(names []string, nodes []*yaml.Node, field string) []*Profile {
		var out []*Profile
		for i, n := range names {
			pr, ok := p.profiles[n]
			if !ok {
				d.fail(nodes[i], field, n, "unknown profile %q", n)
				continue
			}
			out = append(out, pr)
		}
		slices.SortFunc(out, func(a, b *Profile) int { return strings.Compare(a.Name, b.Name) })
		return out
	}
	p.selected = pick(spec.selectNames, spec.selectNodes, "profiles.select")
	p.embargo = pick(spec.embargoNames, spec.embargoNodes, "embargo_profiles")
	if len(d.errs) > 0 {
		return nil
	}

	p.canonical = spec.canonical()
	h := sha256.New()
	h.Write(p.canonical)
	h.Write([]byte{0})
	h.Write(embeddedDataDigest())
	p.version = "sha256:" + hex.EncodeToString(h.Sum(nil))
	return p
}

// embeddedDataDigest is the SHA-256 of the embedded data a policy is built
// on, so that the same file over different data has a different Version.
var embeddedDataDigest = sync.OnceValue(func() []byte {
	h := sha256.New()
	for _, name := range []string{"data/country_groups.csv", "data/country_group_changes.csv"} {
		b, _ := groupFS.ReadFile(name)
		h.Write(b)
		h.Write([]byte{0})
	}
	h.Write(builtinProfilesYAML)
	return h.Sum(nil)
})

// ---- canonical form ----

type canonPolicy struct {
	Version         int                `json:"version"`
	Name            string             `json:"name"`
	AsOf            string             `json:"as_of"`
	Description     string             `json:"description,omitempty"`
	CountryGroups   canonGroups        `json:"country_groups"`
	Profiles        canonProfiles      `json:"profiles"`
	EmbargoProfiles []string           `json:"embargo_profiles"`
	Outcomes        map[string]string  `json:"outcomes"`
	Lists           map[string]string  `json:"lists"`
	Thresholds      canonThresholds    `json:"thresholds"`
	MatchStrength   canonMatchStrength `json:"match_strength"`
	DataFreshness   canonFreshness     `json:"data_freshness"`
	Affiliates      string             `json:"affiliates_rule_after_suspension"`
	ItemRulesFile   string             `json:"item_rules_file,omitempty"`
}

type canonGroups struct {
	Add    []canonGroupEntry `json:"add,omitempty"`
	Remove []canonGroupEntry `json:"remove,omitempty"`
}

type canonGroupEntry struct {
	Country string   `json:"country"`
	Groups  []string `json:"groups"`
	From    string   `json:"from,omitempty"`
	Until   string   `json:"until,omitempty"`
	Note    string   `json:"note,omitempty"`
}

type canonProfiles struct {
	Select []string       `json:"select"`
	Define []canonProfile `json:"define,omitempty"`
}

type canonThresholds struct {
	Match                float64 `json:"match"`
	Confirm              float64 `json:"confirm"`
	MinorityStakePercent float64 `json:"minority_stake_percent"`
}

type canonFreshness struct {
	MaxListAge  string `json:"max_list_age"`
	MaxGeoDBAge string `json:"max_geodb_age"`
}

func canonGroupList(list []groupOverride) []canonGroupEntry {
	var out []canonGroupEntry
	for _, o := range list {
		out = append(out, canonGroupEntry{Country: o.c.String(), Groups: groupStringsSorted(o.groups), From: dateString(o.s.from), Until: dateString(o.s.until), Note: o.note})
	}
	slices.SortStableFunc(out, func(a, b canonGroupEntry) int {
		if n := strings.Compare(a.Country, b.Country); n != 0 {
			return n
		}
		if n := strings.Compare(a.From, b.From); n != 0 {
			return n
		}
		return strings.Compare(strings.Join(a.Groups, ","), strings.Join(b.Groups, ","))
	})
	return out
}

func (s *policySpec) canonical() []byte {
	c := canonPolicy{
		Version: PolicyFormatVersion, Name: s.name, AsOf: s.asOf.Format(time.DateOnly), Description: s.description,
		CountryGroups:   canonGroups{Add: canonGroupList(s.groupAdd), Remove: canonGroupList(s.groupRemove)},
		Profiles:        canonProfiles{Select: slices.Sorted(slices.Values(s.selectNames))},
		EmbargoProfiles: slices.Sorted(slices.Values(s.embargoNames)),
		Outcomes:        map[string]string{}, Lists: map[string]string{},
		Thresholds:    canonThresholds{Match: s.match, Confirm: s.confirm, MinorityStakePercent: s.minority},
		MatchStrength: s.canonMatchStrength(),
		DataFreshness: canonFreshness{MaxListAge: s.maxListAge.String(), MaxGeoDBAge: s.maxGeoAge.String()},
		Affiliates:    s.affiliates, ItemRulesFile: s.itemRulesFile,
	}
	if c.Profiles.Select == nil {
		c.Profiles.Select = []string{}
	}
	if c.EmbargoProfiles == nil {
		c.EmbargoProfiles = []string{}
	}
	for _, def := range s.defines {
		c.Profiles.Define = append(c.Profiles.Define, def.canonical())
	}
	slices.SortFunc(c.Profiles.Define, func(a, b canonProfile) int { return strings.Compare(a.Name, b.Name) })
	for k, v := range s.outcomes {
		c.Outcomes[k] = v.String()
	}
	for k, v := range s.lists {
		c.Lists[k] = v.String()
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(err) // only strings, numbers and maps of strings
	}
	return append(b, '\n')
}

// ---- YAML decoding with positions ----

// yamlDecoder walks a yaml.Node tree, collecting a *PolicyError for every
// problem so that one run reports them all.
type yamlDecoder struct {
	file string
	errs []error
}

type keyValue struct {
	key  string
	k, v *yaml.Node
}

func (d *yamlDecoder) fail(n *yaml.Node, field, value, format string, args ...any) {
	if len(d.errs) >= maxPolicyErrors {
		if len(d.errs) == maxPolicyErrors {
			d.errs = append(d.errs, &PolicyError{File: d.file, Msg: fmt.Sprintf("more than %d problems; the rest are not listed", maxPolicyErrors)})
		}
		return
	}
	e := &PolicyError{File: d.file, Field: clipQuote(field), Value: clipQuote(value), Msg: fmt.Sprintf(format, clipArgs(args)...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// err returns all errors found, or nil.
func (d *yamlDecoder) err() error { return errors.Join(d.errs...) }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document parses data as exactly one YAML document whose root is a mapping,
// without anchors or aliases.
func (d *yamlDecoder) document(data []byte) (root *yaml.Node) {
	defer func() {
		if r := recover(); r != nil {
			d.fail(nil, "", "", "invalid YAML: %v", r)
			root = nil
		}
	}()
	if !utf8.Valid(data) {
		d.fail(nil, "", "", "invalid YAML: not UTF-8")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.fail(nil, "", "", "empty policy file")
		} else {
			d.syntax(err)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			d.syntax(err)
		} else {
			d.fail(&extra, "", "", "more than one YAML document")
		}
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		d.fail(&doc, "", "", "empty policy file")
		return nil
	}
	root = doc.Content[0]
	if !d.plain(root, "") {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.fail(root, "", root.Value, "policy must be a mapping of keys to values")
		return nil
	}
	return root
}

func (d *yamlDecoder) syntax(err error) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		d.errs = append(d.errs, &PolicyError{File: d.file, Line: line, Msg: "invalid YAML: " + m[2]})
		return
	}
	d.errs = append(d.errs, &PolicyError{File: d.file, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")})
}

// plain rejects anchors, aliases and custom tags anywhere in the tree.
func (d *yamlDecoder) plain(n *yaml.Node, path string) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.fail(n, path, n.Value, "anchors and aliases are not allowed in a policy file")
		return false
	}
	if n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") {
		d.fail(n, path, n.Tag, "custom tag %q not allowed", n.Tag)
		return false
	}
	for _, c := range n.Content {
		if !d.plain(c, path) {
			return false
		}
	}
	return true
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mapping returns the key/value pairs of a mapping node, reporting
// non-mappings, non-scalar keys and duplicate keys. A null node is empty.
func (d *yamlDecoder) mapping(n *yaml.Node, path string) []keyValue {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, n.Value, "%s must be a mapping of keys to values", describe(path))
		return nil
	}
	var out []keyValue
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "", "%s: keys must be plain strings", describe(path))
			continue
		}
		if line, dup := first[k.Value]; dup {
			d.fail(k, joinPath(path, k.Value), k.Value, "duplicate key %q (first at line %d)", k.Value, line)
			continue
		}
		first[k.Value] = k.Line
		out = append(out, keyValue{key: k.Value, k: k, v: v})
	}
	return out
}

func describe(path string) string {
	if path == "" {
		return "the policy"
	}
	return path
}

func (d *yamlDecoder) unknownKey(kv keyValue, path string) {
	d.fail(kv.k, joinPath(path, kv.key), kv.key, "unknown key %q in %s", kv.key, describe(path))
}

// seq returns the items of a sequence node; a null node is empty.
func (d *yamlDecoder) seq(n *yaml.Node, path string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, n.Value, "%s must be a list", path)
		return nil
	}
	return n.Content
}

// str returns a scalar's text. Null, lists and mappings are errors.
func (d *yamlDecoder) str(n *yaml.Node, path string) (string, bool) {
	switch {
	case isNull(n):
		d.fail(n, path, "", "%s has no value", path)
		return "", false
	case n.Kind != yaml.ScalarNode:
		d.fail(n, path, "", "%s must be a single value, not a list or mapping", path)
		return "", false
	case !utf8.ValidString(n.Value):
		d.fail(n, path, n.Value, "%s is not valid UTF-8", path)
		return "", false
	}
	return n.Value, true
}

// scalar decodes the single value at path with parse; when parse fails it
// reports the value with message, a format with one %q verb for the value.
func scalar[T any](d *yamlDecoder, n *yaml.Node, path string, parse func(string) (T, error), message string) (T, bool) {
	var zero T
	s, ok := d.str(n, path)
	if !ok {
		return zero, false
	}
	v, err := parse(s)
	if err != nil {
		d.fail(n, path, s, message, s)
		return zero, false
	}
	return v, true
}

func (d *yamlDecoder) boolean(n *yaml.Node, path string) (bool, bool) {
	return scalar(d, n, path, parseBool, "invalid boolean %q: want true or false")
}

// parseBool accepts only "true" and "false" (not strconv.ParseBool's 1, t, T...).
func parseBool(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errors.New("not a boolean")
}

func (d *yamlDecoder) date(n *yaml.Node, path string) (time.Time, bool) {
	return scalar(d, n, path, parseFileDate, "invalid date %q: want YYYY-MM-DD")
}

// parseFileDate parses a policy date, YYYY-MM-DD in the years 1900 to 2999.
func parseFileDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err == nil && (t.Year() < 1900 || t.Year() > 2999) {
		err = errors.New("year out of range")
	}
	return t, err
}

func (d *yamlDecoder) country(n *yaml.Node, path string) (Country, bool) {
	return scalar(d, n, path, ParseCountry, "unknown country %q: want an ISO 3166-1 alpha-2 code")
}

func (d *yamlDecoder) region(n *yaml.Node, path string) (Region, bool) {
	return scalar(d, n, path, ParseRegion, "unknown region %q: want an ISO 3166-2 code such as UA-43")
}

func (d *yamlDecoder) groupList(n *yaml.Node, path string) []Group {
	var out []Group
	for i, e := range d.seq(n, path) {
		ip := indexPath(path, i)
		s, ok := d.str(e, ip)
		if !ok {
			continue
		}
		g, err := ParseGroup(s)
		if err != nil {
			d.fail(e, ip, s, "unknown country group %q", s)
			continue
		}
		if slices.Contains(out, g) {
			d.fail(e, ip, s, "country group %q listed twice", s)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (d *yamlDecoder) outcome(n *yaml.Node, path string) (Outcome, bool) {
	return scalar(d, n, path, ParseOutcome, "unknown outcome %q: want allow, review, license_required or deny")
}

func (d *yamlDecoder) float(n *yaml.Node, path string) (float64, bool) {
	s, ok := d.str(n, path)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || n.Tag != "!!int" && n.Tag != "!!float" {
		d.fail(n, path, s, "invalid number %q", s)
		return 0, false
	}
	return f, true
}

// maxAge bounds data_freshness durations.
const maxAge = 366 * 24 * time.Hour

// duration parses "7d", "36h", "90m" or any time.ParseDuration text; it must
// be positive and at most 366 days.
func (d *yamlDecoder) duration(n *yaml.Node, path string) (time.Duration, bool) {
	s, ok := d.str(n, path)
	if !ok {
		return 0, false
	}
	v, err := parseAge(s)
	if err != nil {
		d.fail(n, path, s, "invalid duration %q: want a number of days such as 7d, or hours such as 36h", s)
		return 0, false
	}
	if v <= 0 || v > maxAge {
		d.fail(n, path, s, "duration %q out of range: want more than 0 and at most 366d", s)
		return 0, false
	}
	return v, true
}

func parseAge(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100000 {
			return 0, fmt.Errorf("bad days %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
