package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

//go:embed data/item_rules.json
var defaultItemRulesJSON []byte

// ItemRules is an immutable set of dated advanced-computing item rules: the
// 3A090/4A090 parameters, the license requirements, review policies and
// license exceptions, each with its effective date and, where relevant, the
// date it stopped being enforced or was superseded. Build one with
// ParseItemRules or take DefaultItemRules; it is safe for concurrent use.
type ItemRules struct {
	name       string
	asOf       time.Time
	horizon    time.Time
	sameAs     []sameAsRule
	paragraphs []paragraphRule
	note2      note2Rule
	z          zRule
	rules      []licenseRule
	reviews    map[string]*reviewPolicy
	lanes      []reviewLane
	exceptions []exceptionRule
}

// dated holds the dates a rule applies.
type dated struct {
	effective time.Time // zero with predates: in force before the horizon
	predates  bool
	// compliance is the date compliance with a rule became required, when
	// later than its effective date. A rule binds nobody before it: the
	// Framework for AI Diffusion (90 FR 4544) took effect 2025-01-13 with a
	// compliance date of 2025-05-15 and stopped being enforced on
	// 2025-05-13, so its new requirements never bound anyone.
	compliance      time.Time
	notEnforcedFrom time.Time
	until           time.Time // superseded on this date
	suspendedFrom   time.Time
	suspendedUntil  time.Time
}

// status reports whether the rule is in force on day t and, if not, why.
func (d dated) status(t time.Time) (bool, string) {
	switch {
	case !d.effective.IsZero() && t.Before(d.effective):
		return false, "not yet in effect (effective " + ymd(d.effective) + ")"
	case !d.until.IsZero() && !t.Before(d.until):
		return false, "superseded on " + ymd(d.until)
	case !d.notEnforcedFrom.IsZero() && !t.Before(d.notEnforcedFrom):
		return false, "not enforced since " + ymd(d.notEnforcedFrom)
	case !d.compliance.IsZero() && t.Before(d.compliance):
		return false, "in effect since " + ymd(d.effective) + " but compliance not required before " + ymd(d.compliance)
	case !d.suspendedFrom.IsZero() && !t.Before(d.suspendedFrom) && (d.suspendedUntil.IsZero() || t.Before(d.suspendedUntil)):
		if d.suspendedUntil.IsZero() {
			return false, "suspended since " + ymd(d.suspendedFrom)
		}
		return false, "suspended from " + ymd(d.suspendedFrom) + " to " + ymd(d.suspendedUntil)
	}
	return true, ""
}

func ymd(t time.Time) string { return t.Format(time.DateOnly) }

type sameAsRule struct {
	country, as Country
	dated
}

type paragraphRule struct {
	eccn     ECCN
	kind     string // "ic", "hbm", "computer", "declared"
	anyOf    []paramClause
	hbmAbove float64
	contains ECCN
	dated
	citation string
}

type paramClause struct {
	tppMin, tppBelow, densityMin, densityBelow float64
}

type note2Rule struct {
	tppBelow float64
	dated
	citation string
}

type zRule struct {
	eccns []ECCN
	dated
	citation string
}

type itemSet struct {
	sel      []string // "all", "ccl", "EAR99", ECCN with paragraph, or base ECCN
	eccns    []ECCN   // sel parsed; zero for "all" and "ccl"
	includeZ bool
}

type areaSet struct {
	groups    []Group
	countries []Country
	regions   []Region
}

func (a areaSet) empty() bool {
	return len(a.groups) == 0 && len(a.countries) == 0 && len(a.regions) == 0
}

type licenseRule struct {
	id, kind, title string
	items           itemSet
	area            areaSet // destination scope
	exclude         areaSet // destinations excluded
	worldwide       bool
	hq              areaSet // party headquarters scope
	endUses         []EndUse
	designers       []Country
	models          []string
	modelKeys       []string // models folded by normModel
	exceptions      []string
	htsPrefixes     []string // hts_listed: HTS codes (digits) or their leading digits
	htsComplete     bool     // hts_listed: htsPrefixes is the whole of the listed codes
	approxRegions   []Region // regions that only approximate the covered area
	approximation   string   // what the approximation is
	review          string   // fixed review policy, if any
	reviewCitation  string   // where the fixed review policy is stated
	reviewBy        string   // id of a review policy
	dated
	citation string
}

type reviewPolicy struct {
	id                      string
	denial, denialHQ        areaSet
	approvalHQ              areaSet
	caseByCaseExceptDCMeets []ECCN
	// approvalOverDestination: the approval paragraph (every party
	// headquartered in the US, A:5 or A:6) wins over the denial for a
	// Macau or D:5 destination; approvalNote says why.
	approvalOverDestination bool
	approvalNote            string
	dated
	citation string
}

type reviewLane struct {
	id, appliesTo       string
	countries           []Country
	exportFrom          []Country
	tppBelow, dramBelow float64
	hqExcluded          areaSet
	// laneHQAllowed: a party headquartered in one of the lane's own
	// countries (China, Macau) does not take the export out of the lane;
	// laneHQNote says on what reading.
	laneHQAllowed bool
	laneHQNote    string
	conditions    string
	dated
	citation string
}

type exceptionRule struct {
	name              string
	items             itemSet
	area, exclude, hq areaSet
	notForDatacenter  []ECCN
	hbmDensityBelow   float64
	requires          string
	condition         string
	dated
	citation string
}

// Review policies a Determination can report.
const (
	ReviewDenial     = "presumption_of_denial"
	ReviewCaseByCase = "case_by_case"
	ReviewApproval   = "approval"
)

// ErrInvalidItemRules is wrapped by every *ItemRulesError.
var ErrInvalidItemRules = errors.New("invalid item rules")

// An ItemRulesError reports a problem in an item rules file: which file,
// where (line for syntax errors, field path such as rules[3].effective for
// content errors), the offending value and what is wrong with it.
type ItemRulesError struct {
	File  string
	Line  int    // 1-based, 0 if unknown
	Field string // JSON path such as `rules[12] (746.2-cuba).citation`
	Value string
	Msg   string
}

func (e *ItemRulesError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, ": %q", e.Value)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Unwrap lets errors.Is(err, ErrInvalidItemRules) succeed.
func (e *ItemRulesError) Unwrap() error { return ErrInvalidItemRules }

var (
	defaultItemRulesOnce sync.Once
	defaultItemRules     *ItemRules
)

// DefaultItemRules returns the rule set embedded in the library
// (rules/data/item_rules.json; see ITEM_RULES_PROVENANCE.md there).
func DefaultItemRules() *ItemRules {
	defaultItemRulesOnce.Do(func() {
		r, err := ParseItemRules("rules/data/item_rules.json", defaultItemRulesJSON)
		if err != nil {
			panic("exportguard: embedded item rules: " + err.Error())
		}
		defaultItemRules = r
	})
	return defaultItemRules
}

// LoadItemRules reads and parses an item rules file, for example an override
// named by a policy file.
func LoadItemRules(path string) (*ItemRules, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load item rules: %w", err)
	}
	return ParseItemRules(path, b)
}

// Name returns the rule set's name.
func (r *ItemRules) Name() string { return r.name }

// AsOf returns the date the rule data was last checked against its sources.
// ClassifyItem classifies as of this date.
func (r *ItemRules) AsOf() time.Time { return r.asOf }

// Horizon returns the earliest date the rule data covers; determinations for
// earlier dates fail with ErrBeforeHorizon.
func (r *ItemRules) Horizon() time.Time { return r.horizon }

// ErrBeforeHorizon is returned for dates earlier than the rule data covers.
var ErrBeforeHorizon = errors.New("date before the rule data's horizon")

func (r *ItemRules) checkDate(t time.Time) (time.Time, error) {
	if t.IsZero() {
		return time.Time{}, errors.New("no date given: a determination is always as of a date")
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if d.Before(r.horizon) {
		return time.Time{}, fmt.Errorf("%w: %s is before %s (%s)", ErrBeforeHorizon, ymd(d), ymd(r.horizon), r.name)
	}
	return d, nil
}

// canonical maps a country to the destination the EAR treat it as on day t
// (Hong Kong as China).
func (r *ItemRules) canonical(c Country, t time.Time) Country {
	for _, s := range r.sameAs {
		if s.country == c {
			if ok, _ := s.status(t); ok {
				return s.as
			}
		}
	}
	return c
}

// ---- file format ----

type fileDates struct {
	Effective       string `json:"effective"`
	PredatesHorizon bool   `json:"predates_horizon"`
	Compliance      string `json:"compliance"`
	NotEnforcedFrom string `json:"not_enforced_from"`
	Until           string `json:"until"`
	SuspendedFrom   string `json:"suspended_from"`
	SuspendedUntil  string `json:"suspended_until"`
}

type fileItems struct {
	Items    []string `json:"items"`
	IncludeZ bool     `json:"include_z"`
}

type fileArea struct {
	Groups    []string `json:"groups"`
	Countries []string `json:"countries"`
	Regions   []string `json:"regions"`
}

type fileItemRules struct {
	Schema      int    `json:"schema"`
	Name        string `json:"name"`
	AsOf        string `json:"as_of"`
	Horizon     string `json:"horizon"`
	HorizonNote string `json:"horizon_note"`
	SameAs      []struct {
		Country string `json:"country"`
		As      string `json:"as"`
		fileDates
		Citation string `json:"citation"`
	} `json:"same_as"`
	Paragraphs []struct {
		ECCN  string `json:"eccn"`
		Kind  string `json:"kind"`
		AnyOf []struct {
			TPPMin       float64 `json:"tpp_min"`
			TPPBelow     float64 `json:"tpp_below"`
			DensityMin   float64 `json:"density_min"`
			DensityBelow float64 `json:"density_below"`
		} `json:"any_of"`
		HBMDensityAbove float64 `json:"hbm_density_above"`
		Contains        string  `json:"contains"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"paragraphs"`
	Note2 struct {
		NonDatacenterTPPBelow float64 `json:"non_datacenter_tpp_below"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"note2"`
	Z struct {
		ECCNs []string `json:"eccns"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"z"`
	Rules []struct {
		ID    string `json:"id"`
		Kind  string `json:"kind"`
		Title string `json:"title"`
		fileItems
		fileArea
		ExcludeGroups      []string `json:"exclude_groups"`
		ExcludeCountries   []string `json:"exclude_countries"`
		Worldwide          bool     `json:"worldwide"`
		HQGroups           []string `json:"hq_groups"`
		HQCountries        []string `json:"hq_countries"`
		EndUses            []string `json:"end_uses"`
		DesignerCountries  []string `json:"designer_countries"`
		Models             []string `json:"models"`
		Exceptions         []string `json:"exceptions"`
		HTSPrefixes        []string `json:"hts_prefixes"`
		HTSListsComplete   bool     `json:"hts_lists_complete"`
		ApproximateRegions []string `json:"approximate_regions"`
		Approximation      string   `json:"approximation"`
		Review             string   `json:"review"`
		ReviewCitation     string   `json:"review_citation"`
		ReviewBy           string   `json:"review_by"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"rules"`
	ReviewPolicies []struct {
		ID                         string   `json:"id"`
		DenialGroups               []string `json:"denial_groups"`
		DenialCountries            []string `json:"denial_countries"`
		DenialHQGroups             []string `json:"denial_hq_groups"`
		DenialHQCountries          []string `json:"denial_hq_countries"`
		ApprovalHQGroups           []string `json:"approval_hq_groups"`
		ApprovalHQCountries        []string `json:"approval_hq_countries"`
		CaseByCaseExceptDatacenter []string `json:"case_by_case_except_datacenter"`
		ApprovalOverDestination    bool     `json:"approval_over_destination_denial"`
		ApprovalNote               string   `json:"approval_note"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"review_policies"`
	ReviewLanes []struct {
		ID                  string   `json:"id"`
		AppliesTo           string   `json:"applies_to"`
		Countries           []string `json:"countries"`
		ExportFrom          []string `json:"export_from"`
		TPPBelow            float64  `json:"tpp_below"`
		DRAMBandwidthBelow  float64  `json:"dram_bandwidth_below"`
		HQGroupsExcluded    []string `json:"hq_groups_excluded"`
		HQCountriesExcluded []string `json:"hq_countries_excluded"`
		LaneHQAllowed       bool     `json:"hq_in_lane_countries_allowed"`
		LaneHQNote          string   `json:"hq_in_lane_countries_note"`
		Conditions          string   `json:"conditions"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"review_lanes"`
	Exceptions []struct {
		Name string `json:"name"`
		fileItems
		fileArea
		ExcludeGroups    []string `json:"exclude_groups"`
		ExcludeCountries []string `json:"exclude_countries"`
		HQGroups         []string `json:"hq_groups"`
		HQCountries      []string `json:"hq_countries"`
		NotForDatacenter []string `json:"not_for_datacenter"`
		HBMDensityBelow  float64  `json:"hbm_density_below"`
		Requires         string   `json:"requires"`
		Condition        string   `json:"condition"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"exceptions"`
}

// itemRulesParser collects the first error with its field path.
type itemRulesParser struct {
	file string
	err  error
}

func (p *itemRulesParser) fail(field, value, msg string) {
	if p.err == nil {
		p.err = &ItemRulesError{File: p.file, Field: field, Value: value, Msg: msg}
	}
}

func (p *itemRulesParser) date(field, s string, required bool) time.Time {
	if s == "" {
		if required {
			p.fail(field, "", "missing date (YYYY-MM-DD)")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.fail(field, s, "want a date YYYY-MM-DD")
	}
	return t
}

func (p *itemRulesParser) dates(field string, f fileDates) dated {
	d := dated{predates: f.PredatesHorizon}
	if f.PredatesHorizon && f.Effective != "" {
		p.fail(field+".predates_horizon", "", "give either effective or predates_horizon, not both")
	}
	d.effective = p.date(field+".effective", f.Effective, !f.PredatesHorizon)
	d.compliance = p.date(field+".compliance", f.Compliance, false)
	d.notEnforcedFrom = p.date(field+".not_enforced_from", f.NotEnforcedFrom, false)
	d.until = p.date(field+".until", f.Until, false)
	d.suspendedFrom = p.date(field+".suspended_from", f.SuspendedFrom, false)
	d.suspendedUntil = p.date(field+".suspended_until", f.SuspendedUntil, false)
	for _, later := range []struct {
		name string
		t    time.Time
		raw  string
	}{
		{"compliance", d.compliance, f.Compliance},
		{"not_enforced_from", d.notEnforcedFrom, f.NotEnforcedFrom},
		{"until", d.until, f.Until},
		{"suspended_from", d.suspendedFrom, f.SuspendedFrom},
	} {
		if !later.t.IsZero() && !d.effective.IsZero() && later.t.Before(d.effective) {
			p.fail(field+"."+later.name, later.raw, "is before effective "+f.Effective)
		}
	}
	if !d.suspendedUntil.IsZero() && (d.suspendedFrom.IsZero() || !d.suspendedUntil.After(d.suspendedFrom)) {
		p.fail(field+".suspended_until", f.SuspendedUntil, "needs an earlier suspended_from")
	}
	return d
}

func (p *itemRulesParser) countries(field string, ss []string) []Country {
	return parseAll(p, field, ss, ParseCountry)
}

func (p *itemRulesParser) groups(field string, ss []string) []Group {
	return parseAll(p, field, ss, ParseGroup)
}

func (p *itemRulesParser) regions(field string, ss []string) []Region {
	return parseAll(p, field, ss, ParseRegion)
}

func (p *itemRulesParser) eccns(field string, ss []string) []ECCN {
	return parseAll(p, field, ss, ParseECCN)
}

// parseAll parses each of ss with parse, reporting one that does not parse
// as field[i] and leaving it out.
func parseAll[T any](p *itemRulesParser, field string, ss []string, parse func(string) (T, error)) []T {
	var out []T
	for i, s := range ss {
		v, err := parse(s)
		if err != nil {
			p.fail(fmt.Sprintf("%s[%d]", field, i), s, err.Error())
			continue
		}
		out = append(out, v)
	}
	return out
}

func (p *itemRulesParser) items(field string, f fileItems) itemSet {
	if len(f.Items) == 0 {
		p.fail(field+".items", "", "missing: list ECCNs, \"all\", \"ccl\" or \"EAR99\"")
	}
	set := itemSet{sel: f.Items, eccns: make([]ECCN, len(f.Items)), includeZ: f.IncludeZ}
	for i, s := range f.Items {
		switch s {
		case "all", "ccl":
			continue
		}
		e, err := ParseECCN(s)
		if err != nil {
			p.fail(fmt.Sprintf("%s.items[%d]", field, i), s, "want an ECCN, \"all\" or \"ccl\": "+err.Error())
		}
		set.eccns[i] = e
	}
	return set
}

func (p *itemRulesParser) citation(field, c string) string {
	if strings.TrimSpace(c) == "" {
		p.fail(field+".citation", "", "missing: every rule cites its source")
	}
	return c
}

var ruleKinds = []string{"destination", "headquarters", "end_use", "embargo", "hts_listed", "gp10", "review_flag"}

// ParseItemRules parses an item rules file (the format of
// rules/data/item_rules.json). name is used in error messages. Unknown fields,
// bad dates, unknown country groups, countries, regions, ECCNs, end uses,
// rule kinds, and references to undefined exceptions or review policies are
// errors (*ItemRulesError).
func ParseItemRules(name string, data []byte) (*ItemRules, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileItemRules
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &ItemRulesError{File: name, Msg: "trailing data after the JSON object"}
	}
	p := &itemRulesParser{file: name}
	r := &ItemRules{name: f.Name, reviews: map[string]*reviewPolicy{}}
	if f.Schema != 1 {
		p.fail("schema", fmt.Sprint(f.Schema), "unsupported schema version (want 1)")
	}
	if f.Name == "" {
		p.fail("name", "", "missing")
	}
	r.asOf = p.date("as_of", f.AsOf, true)
	r.horizon = p.date("horizon", f.Horizon, true)

	for i, s := range f.SameAs {
		field := fmt.Sprintf("same_as[%d]", i)
		cs := p.countries(field+".country", []string{s.Country})
		as := p.countries(field+".as", []string{s.As})
		d := p.dates(field, s.fileDates)
		p.citation(field, s.Citation)
		if len(cs) == 1 && len(as) == 1 {
			r.sameAs = append(r.sameAs, sameAsRule{cs[0], as[0], d})
		}
	}

	for i, fp := range f.Paragraphs {
		field := fmt.Sprintf("paragraphs[%d]", i)
		pr := paragraphRule{kind: fp.Kind, hbmAbove: fp.HBMDensityAbove}
		if e, err := ParseECCN(fp.ECCN); err != nil {
			p.fail(field+".eccn", fp.ECCN, err.Error())
		} else {
			pr.eccn = e
		}
		switch fp.Kind {
		case "ic":
			if len(fp.AnyOf) == 0 {
				p.fail(field+".any_of", "", "an ic paragraph needs at least one clause")
			}
			for j, c := range fp.AnyOf {
				cf := fmt.Sprintf("%s.any_of[%d]", field, j)
				if c.TPPMin <= 0 {
					p.fail(cf+".tpp_min", fmtFloat(c.TPPMin), "must be positive")
				}
				if c.TPPBelow != 0 && c.TPPBelow <= c.TPPMin {
					p.fail(cf+".tpp_below", fmtFloat(c.TPPBelow), "must exceed tpp_min")
				}
				if c.DensityBelow != 0 && c.DensityBelow <= c.DensityMin {
					p.fail(cf+".density_below", fmtFloat(c.DensityBelow), "must exceed density_min")
				}
				pr.anyOf = append(pr.anyOf, paramClause{c.TPPMin, c.TPPBelow, c.DensityMin, c.DensityBelow})
			}
		case "hbm":
			if fp.HBMDensityAbove <= 0 {
				p.fail(field+".hbm_density_above", fmtFloat(fp.HBMDensityAbove), "must be positive")
			}
		case "computer":
			if e, err := ParseECCN(fp.Contains); err != nil {
				p.fail(field+".contains", fp.Contains, err.Error())
			} else {
				pr.contains = e
			}
		case "declared":
		default:
			p.fail(field+".kind", fp.Kind, "want ic, hbm, computer or declared")
		}
		pr.dated = p.dates(field, fp.fileDates)
		pr.citation = p.citation(field, fp.Citation)
		r.paragraphs = append(r.paragraphs, pr)
	}

	if !slices.ContainsFunc(r.paragraphs, func(p paragraphRule) bool { return p.kind == "ic" }) {
		p.fail("paragraphs", "", "no ic paragraph: the file would classify no processor (3A090.a/.b)")
	}
	if f.Note2.NonDatacenterTPPBelow <= 0 {
		p.fail("note2.non_datacenter_tpp_below", fmtFloat(f.Note2.NonDatacenterTPPBelow), "must be positive")
	}
	r.note2 = note2Rule{f.Note2.NonDatacenterTPPBelow, p.dates("note2", f.Note2.fileDates), p.citation("note2", f.Note2.Citation)}
	r.z = zRule{p.eccns("z.eccns", f.Z.ECCNs), p.dates("z", f.Z.fileDates), p.citation("z", f.Z.Citation)}

	exceptionNames := map[string]bool{}
	for i, fe := range f.Exceptions {
		field := fmt.Sprintf("exceptions[%d] (%s)", i, fe.Name)
		if fe.Name == "" {
			p.fail(field+".name", "", "missing")
		}
		exceptionNames[fe.Name] = true
		r.exceptions = append(r.exceptions, exceptionRule{
			name:             fe.Name,
			items:            p.items(field, fe.fileItems),
			area:             areaSet{p.groups(field+".groups", fe.Groups), p.countries(field+".countries", fe.Countries), p.regions(field+".regions", fe.Regions)},
			exclude:          areaSet{groups: p.groups(field+".exclude_groups", fe.ExcludeGroups), countries: p.countries(field+".exclude_countries", fe.ExcludeCountries)},
			hq:               areaSet{groups: p.groups(field+".hq_groups", fe.HQGroups), countries: p.countries(field+".hq_countries", fe.HQCountries)},
			notForDatacenter: p.eccns(field+".not_for_datacenter", fe.NotForDatacenter),
			hbmDensityBelow:  fe.HBMDensityBelow,
			requires:         fe.Requires,
			condition:        fe.Condition,
			dated:            p.dates(field, fe.fileDates),
			citation:         p.citation(field, fe.Citation),
		})
	}

	for i, fr := range f.ReviewPolicies {
		field := fmt.Sprintf("review_policies[%d] (%s)", i, fr.ID)
		if fr.ID == "" {
			p.fail(field+".id", "", "missing")
		}
		r.reviews[fr.ID] = &reviewPolicy{
			id:                      fr.ID,
			denial:                  areaSet{groups: p.groups(field+".denial_groups", fr.DenialGroups), countries: p.countries(field+".denial_countries", fr.DenialCountries)},
			denialHQ:                areaSet{groups: p.groups(field+".denial_hq_groups", fr.DenialHQGroups), countries: p.countries(field+".denial_hq_countries", fr.DenialHQCountries)},
			approvalHQ:              areaSet{groups: p.groups(field+".approval_hq_groups", fr.ApprovalHQGroups), countries: p.countries(field+".approval_hq_countries", fr.ApprovalHQCountries)},
			caseByCaseExceptDCMeets: p.eccns(field+".case_by_case_except_datacenter", fr.CaseByCaseExceptDatacenter),
			approvalOverDestination: fr.ApprovalOverDestination,
			approvalNote:            fr.ApprovalNote,
			dated:                   p.dates(field, fr.fileDates),
			citation:                p.citation(field, fr.Citation),
		}
	}

	for i, fl := range f.ReviewLanes {
		field := fmt.Sprintf("review_lanes[%d] (%s)", i, fl.ID)
		if _, ok := r.reviews[fl.AppliesTo]; !ok {
			p.fail(field+".applies_to", fl.AppliesTo, "no review policy with this id")
		}
		if fl.TPPBelow <= 0 {
			p.fail(field+".tpp_below", fmtFloat(fl.TPPBelow), "must be positive")
		}
		if fl.DRAMBandwidthBelow <= 0 {
			p.fail(field+".dram_bandwidth_below", fmtFloat(fl.DRAMBandwidthBelow), "must be positive")
		}
		r.lanes = append(r.lanes, reviewLane{
			id: fl.ID, appliesTo: fl.AppliesTo,
			countries:  p.countries(field+".countries", fl.Countries),
			exportFrom: p.countries(field+".export_from", fl.ExportFrom),
			tppBelow:   fl.TPPBelow, dramBelow: fl.DRAMBandwidthBelow,
			hqExcluded:    areaSet{groups: p.groups(field+".hq_groups_excluded", fl.HQGroupsExcluded), countries: p.countries(field+".hq_countries_excluded", fl.HQCountriesExcluded)},
			conditions:    fl.Conditions,
			laneHQAllowed: fl.LaneHQAllowed, laneHQNote: fl.LaneHQNote,
			dated:    p.dates(field, fl.fileDates),
			citation: p.citation(field, fl.Citation),
		})
	}

	ids := map[string]bool{}
	for i, fr := range f.Rules {
		field := fmt.Sprintf("rules[%d] (%s)", i, fr.ID)
		if fr.ID == "" {
			p.fail(fmt.Sprintf("rules[%d].id", i), "", "missing")
		}
		if ids[fr.ID] {
			p.fail(field+".id", fr.ID, "duplicate rule id")
		}
		ids[fr.ID] = true
		if !slices.Contains(ruleKinds, fr.Kind) {
			p.fail(field+".kind", fr.Kind, "want one of "+strings.Join(ruleKinds, ", "))
		}
		lr := licenseRule{
			id: fr.ID, kind: fr.Kind, title: fr.Title,
			items:          p.items(field, fr.fileItems),
			area:           areaSet{p.groups(field+".groups", fr.Groups), p.countries(field+".countries", fr.Countries), p.regions(field+".regions", fr.Regions)},
			exclude:        areaSet{groups: p.groups(field+".exclude_groups", fr.ExcludeGroups), countries: p.countries(field+".exclude_countries", fr.ExcludeCountries)},
			worldwide:      fr.Worldwide,
			hq:             areaSet{groups: p.groups(field+".hq_groups", fr.HQGroups), countries: p.countries(field+".hq_countries", fr.HQCountries)},
			designers:      p.countries(field+".designer_countries", fr.DesignerCountries),
			models:         fr.Models,
			review:         fr.Review,
			reviewCitation: fr.ReviewCitation,
			reviewBy:       fr.ReviewBy,
			dated:          p.dates(field, fr.fileDates),
			citation:       p.citation(field, fr.Citation),
		}
		for j, m := range fr.Models {
			k := normModel(m)
			if k == "" {
				p.fail(fmt.Sprintf("%s.models[%d]", field, j), m, "a model name needs letters or digits")
			}
			lr.modelKeys = append(lr.modelKeys, k)
		}
		for j, s := range fr.EndUses {
			u, err := ParseEndUse(s)
			if err != nil || u == EndUseNone {
				p.fail(fmt.Sprintf("%s.end_uses[%d]", field, j), s, "unknown end use")
			}
			lr.endUses = append(lr.endUses, u)
		}
		for j, x := range fr.Exceptions {
			if !exceptionNames[x] {
				p.fail(fmt.Sprintf("%s.exceptions[%d]", field, j), x, "no exception with this name in exceptions")
			}
		}
		lr.exceptions = fr.Exceptions
		for j, h := range fr.HTSPrefixes {
			d, ok := htsPrefix(h)
			if !ok {
				p.fail(fmt.Sprintf("%s.hts_prefixes[%d]", field, j), h, "want an HTS chapter, heading or code: 2 to 10 digits")
				continue
			}
			lr.htsPrefixes = append(lr.htsPrefixes, d)
		}
		lr.htsComplete = fr.HTSListsComplete
		lr.approxRegions = p.regions(field+".approximate_regions", fr.ApproximateRegions)
		lr.approximation = fr.Approximation
		for j, reg := range lr.approxRegions {
			if !slices.Contains(lr.area.regions, reg) {
				p.fail(fmt.Sprintf("%s.approximate_regions[%d]", field, j), reg.String(), "not among the rule's regions")
			}
		}
		if len(lr.approxRegions) > 0 && strings.TrimSpace(fr.Approximation) == "" {
			p.fail(field+".approximation", "", "say what the approximate regions stand for")
		}
		if fr.Kind != "hts_listed" && (len(fr.HTSPrefixes) > 0 || fr.HTSListsComplete) {
			p.fail(field+".hts_prefixes", "", "only an hts_listed rule takes HTS codes")
		}
		switch fr.Review {
		case "", ReviewDenial, ReviewCaseByCase, ReviewApproval:
		default:
			p.fail(field+".review", fr.Review, "want presumption_of_denial, case_by_case or approval")
		}
		if fr.ReviewCitation != "" && fr.Review == "" {
			p.fail(field+".review_citation", fr.ReviewCitation, "a review citation needs a review policy (review)")
		}
		if fr.ReviewBy != "" {
			if _, ok := r.reviews[fr.ReviewBy]; !ok {
				p.fail(field+".review_by", fr.ReviewBy, "no review policy with this id")
			}
		}
		switch fr.Kind {
		case "destination", "embargo", "hts_listed":
			if !fr.Worldwide && lr.area.empty() {
				p.fail(field, "", "a "+fr.Kind+" rule needs groups, countries, regions or worldwide")
			}
		case "headquarters":
			if lr.hq.empty() {
				p.fail(field, "", "a headquarters rule needs hq_groups or hq_countries")
			}
		case "end_use", "review_flag":
			if len(fr.EndUses) == 0 {
				p.fail(field+".end_uses", "", "missing")
			}
		case "gp10":
			if len(fr.DesignerCountries) == 0 && len(fr.Models) == 0 {
				p.fail(field, "", "a gp10 rule needs designer_countries or models")
			}
		}
		r.rules = append(r.rules, lr)
	}
	if p.err != nil {
		return nil, p.err
	}
	return r, nil
}

// jsonError turns a decoding error into an *ItemRulesError with a line number.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return &ItemRulesError{File: name, Line: lineAt(data, syn.Offset), Msg: syn.Error()}
	case errors.As(err, &typ):
		return &ItemRulesError{File: name, Line: lineAt(data, typ.Offset), Field: typ.Field, Value: typ.Value, Msg: "want " + typ.Type.String()}
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		line := 0
		if i := bytes.Index(data, []byte(field)); i >= 0 {
			line = lineAt(data, int64(i))
		}
		return &ItemRulesError{File: name, Line: line, Value: strings.Trim(field, `"`), Msg: "unknown field"}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return &ItemRulesError{File: name, Msg: "truncated or empty JSON"}
	}
	return &ItemRulesError{File: name, Msg: err.Error()}
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// inArea reports whether destination country c (already canonical) or region
// reg is in a, on day t.
func inArea(a areaSet, c Country, reg Region, groups GroupLookup, t time.Time) bool {
	if reg.IsValid() && slices.Contains(a.regions, reg) {
		return true
	}
	if !c.IsValid() {
		return false
	}
	if slices.Contains(a.countries, c) {
		return true
	}
	for _, g := range a.groups {
		if groups.InGroup(c, g, t) {
			return true
		}
	}
	return false
}
