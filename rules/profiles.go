package rules

import (
	_ "embed"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed data/profiles.yaml
var builtinProfilesYAML []byte

// Profile statuses.
const (
	StatusInForce     = "in_force"     // the rule applies
	StatusProposed    = "proposed"     // a proposed rule, informational
	StatusNotEnforced = "not_enforced" // kept for history; not enforced
)

// A Profile is a named set of destinations of concern under one regulation,
// such as "ear_d5_plus_macau" (15 CFR 744.23) or
// "doj_data_security_28_cfr_202_601". Membership is dated: a profile names
// country groups (whose members change over time), countries and ISO 3166-2
// regions, each optionally limited to dates. A Profile belongs to the Policy
// that produced it and is immutable.
type Profile struct {
	// Name is the profile's stable identifier, e.g. "ear_d5_plus_macau".
	Name string
	// Description says what the profile is, in a sentence or two.
	Description string
	// Citation is the regulation that defines the set.
	Citation string
	// AsOf is the date the definition was last checked against its source.
	AsOf time.Time
	// Status is StatusInForce, StatusProposed or StatusNotEnforced.
	Status string
	// Notes records caveats about the data (approximations, gaps).
	Notes string

	def     *profileDef
	extends []*Profile
	groups  *policyGroups
	asOf    time.Time // the owning policy's as-of date, used for a zero date
}

// entryTerms are the terms a profile's country or region entry is listed
// on: in force during s, with its own citation and note, and unconfirmed when
// the source does not settle it.
type entryTerms struct {
	s           span
	citation    string
	note        string
	unconfirmed bool
	// approximate marks a region entry that stands for a smaller area with
	// no boundary of its own: the Donetsk and Luhansk oblasts (UA-14,
	// UA-09) for the so-called DNR and LNR of 15 CFR 746.6(a)(2).
	approximate bool
}

// countryEntry is one country of a profile.
type countryEntry struct {
	c Country
	entryTerms
}

// regionEntry is one region of a profile.
type regionEntry struct {
	r Region
	entryTerms
}

// profileDef is a profile as written in a file.
type profileDef struct {
	name, description, citation, status, notes string
	asOf                                       time.Time
	groups, excludeGroups                      []Group
	countries                                  []countryEntry
	regions                                    []regionEntry
	removeCountries                            []Country
	removeRegions                              []Region
	extends                                    []string
	citations                                  map[string]string
	sources                                    []string

	nameNode    *yaml.Node
	extendNodes []*yaml.Node
}

func (p *Profile) date(d time.Time) time.Time {
	if d.IsZero() {
		return p.asOf
	}
	return day(d)
}

// Contains reports whether destination d is in the profile on date. A
// country entry (direct, or through a country group) matches the whole
// country including its regions; a region entry matches only that region. A
// zero date means the policy's as-of date.
func (p *Profile) Contains(d Destination, date time.Time) bool {
	if !d.Country.IsValid() {
		return false
	}
	_, ok := p.match(d, p.date(date), 0)
	return ok
}

// match reports whether d is in the profile on date t and the entry that put
// it there (a country or region entry; empty for group membership).
func (p *Profile) match(d Destination, t time.Time, depth int) (matchedEntry, bool) {
	if depth > maxExtendsDepth {
		return matchedEntry{}, false
	}
	if slices.Contains(p.def.removeCountries, d.Country) {
		return matchedEntry{}, false
	}
	if d.Region.IsValid() {
		if slices.Contains(p.def.removeRegions, d.Region) {
			return matchedEntry{}, false
		}
		for _, e := range p.def.regions {
			if e.r == d.Region && e.s.contains(t) {
				return matchedEntry{region: true, s: e.s, citation: e.citation, approximate: e.approximate, note: e.note}, true
			}
		}
	}
	if p.excluded(d.Country, t) {
		return matchedEntry{}, false
	}
	for _, e := range p.def.countries {
		if e.c == d.Country && e.s.contains(t) {
			return matchedEntry{s: e.s, citation: e.citation}, true
		}
	}
	for _, g := range p.def.groups {
		if p.groups.in(d.Country, g, t) {
			return matchedEntry{group: g}, true
		}
	}
	for _, x := range p.extends {
		if m, ok := x.match(d, t, depth+1); ok {
			return m, true
		}
	}
	return matchedEntry{}, false
}

func (p *Profile) excluded(c Country, t time.Time) bool {
	for _, g := range p.def.excludeGroups {
		if p.groups.in(c, g, t) {
			return true
		}
	}
	return false
}

// matchedEntry describes why a destination is in a profile: a country or
// region entry (its span and citation), or membership of group. For group
// membership s is zero; only Embargo needs when it began, and works it out
// (policyGroups.since) so that Contains does not.
type matchedEntry struct {
	region      bool
	group       Group
	s           span
	citation    string
	approximate bool
	note        string
}

// maxExtendsDepth bounds profile extension chains (cycles are rejected when
// a policy is parsed; this is a second guard).
const maxExtendsDepth = 32

// Countries returns the countries in the profile on date, sorted by code. A
// zero date means the policy's as-of date.
func (p *Profile) Countries(date time.Time) []Country {
	t := p.date(date)
	var out []Country
	for i := range isoCountries {
		c := Country{[2]byte{isoCountries[i].alpha2[0], isoCountries[i].alpha2[1]}}
		if _, ok := p.match(Destination{Country: c}, t, 0); ok {
			out = append(out, c)
		}
	}
	return out
}

// Regions returns every ISO 3166-2 region the profile names (directly or
// through the profiles it extends), whatever its dates, sorted by code.
func (p *Profile) Regions() []Region {
	var out []Region
	p.collectRegions(&out, 0)
	slices.SortFunc(out, func(a, b Region) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(out)
}

func (p *Profile) collectRegions(out *[]Region, depth int) {
	if depth > maxExtendsDepth {
		return
	}
	for _, e := range p.def.regions {
		if !slices.Contains(p.def.removeRegions, e.r) {
			*out = append(*out, e.r)
		}
	}
	for _, x := range p.extends {
		var sub []Region
		x.collectRegions(&sub, depth+1)
		for _, r := range sub {
			if !slices.Contains(p.def.removeRegions, r) {
				*out = append(*out, r)
			}
		}
	}
}

// Groups returns the country groups whose members the profile includes
// (not counting the profiles it extends).
func (p *Profile) Groups() []Group { return slices.Clone(p.def.groups) }

// ExcludedGroups returns the country groups whose members the profile
// excludes (for example A:5 and A:6 for the advanced-computing scope).
func (p *Profile) ExcludedGroups() []Group { return slices.Clone(p.def.excludeGroups) }

// Extends returns the names of the profiles this profile includes.
func (p *Profile) Extends() []string { return slices.Clone(p.def.extends) }

// Unconfirmed returns the countries and regions the profile holds as
// unconfirmed facts ([U] in docs/policy.md), kept so that screening fails
// closed. A policy can drop them with a profile that extends this one and
// removes them.
func (p *Profile) Unconfirmed() []string {
	var out []string
	for _, e := range p.def.countries {
		if e.unconfirmed {
			out = append(out, e.c.String())
		}
	}
	for _, e := range p.def.regions {
		if e.unconfirmed {
			out = append(out, e.r.String())
		}
	}
	return out
}

// citationFor returns the citation specific to destination d (an entry's
// citation, or the profile's per-destination citations), or the profile's.
func (p *Profile) citationFor(d Destination, m matchedEntry) string {
	if m.citation != "" {
		return m.citation
	}
	if c, ok := p.def.citations[d.String()]; ok {
		return c
	}
	if c, ok := p.def.citations[d.Country.String()]; ok {
		return c
	}
	return p.Citation
}

// canonical returns the definition in the canonical policy form.
func (def *profileDef) canonical() canonProfile {
	cp := canonProfile{
		Name: def.name, Description: def.description, Citation: def.citation,
		AsOf: def.asOf.Format(time.DateOnly), Status: def.status, Notes: def.notes,
		Groups: groupStringsSorted(def.groups), ExcludeGroups: groupStringsSorted(def.excludeGroups),
		Extends: slices.Sorted(slices.Values(def.extends)), Sources: def.sources,
	}
	for _, e := range def.countries {
		cp.Countries = append(cp.Countries, e.canonical(canonEntry{Country: e.c.String()}))
	}
	slices.SortFunc(cp.Countries, func(a, b canonEntry) int { return strings.Compare(a.Country, b.Country) })
	for _, e := range def.regions {
		cp.Regions = append(cp.Regions, e.canonical(canonEntry{Region: e.r.String()}))
	}
	slices.SortFunc(cp.Regions, func(a, b canonEntry) int { return strings.Compare(a.Region, b.Region) })
	for _, c := range def.removeCountries {
		cp.RemoveCountries = append(cp.RemoveCountries, c.String())
	}
	slices.Sort(cp.RemoveCountries)
	for _, r := range def.removeRegions {
		cp.RemoveRegions = append(cp.RemoveRegions, r.String())
	}
	slices.Sort(cp.RemoveRegions)
	if len(def.citations) > 0 {
		cp.Citations = def.citations
	}
	return cp
}

type canonProfile struct {
	Name            string            `json:"name"`
	Description     string            `json:"description,omitempty"`
	Citation        string            `json:"citation"`
	AsOf            string            `json:"as_of"`
	Status          string            `json:"status"`
	Notes           string            `json:"notes,omitempty"`
	Groups          []string          `json:"groups,omitempty"`
	ExcludeGroups   []string          `json:"exclude_groups,omitempty"`
	Countries       []canonEntry      `json:"countries,omitempty"`
	Regions         []canonEntry      `json:"regions,omitempty"`
	RemoveCountries []string          `json:"remove_countries,omitempty"`
	RemoveRegions   []string          `json:"remove_regions,omitempty"`
	Extends         []string          `json:"extends,omitempty"`
	Citations       map[string]string `json:"citations,omitempty"`
	Sources         []string          `json:"sources,omitempty"`
}

type canonEntry struct {
	Country     string `json:"country,omitempty"`
	Region      string `json:"region,omitempty"`
	From        string `json:"from,omitempty"`
	Until       string `json:"until,omitempty"`
	Citation    string `json:"citation,omitempty"`
	Note        string `json:"note,omitempty"`
	Unconfirmed bool   `json:"unconfirmed,omitempty"`
	Approximate bool   `json:"approximate,omitempty"`
}

// canonical returns ce with the terms filled in.
func (t entryTerms) canonical(ce canonEntry) canonEntry {
	ce.From, ce.Until = dateString(t.s.from), dateString(t.s.until)
	ce.Citation, ce.Note, ce.Unconfirmed, ce.Approximate = t.citation, t.note, t.unconfirmed, t.approximate
	return ce
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func groupStringsSorted(gs []Group) []string {
	s := slices.Clone(gs)
	slices.SortFunc(s, groupCompare)
	var out []string
	for _, g := range s {
		out = append(out, g.String())
	}
	return out
}
