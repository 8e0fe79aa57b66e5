package rules

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
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
	// ruleSet names the rules and their as-of date for every
	// Determination (Determination.RuleSet).
	ruleSet string
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

// inForce reports whether the rule is in force on day t: status without
// the reason, which most callers do not use.
func (d dated) inForce(t time.Time) bool {
	switch {
	case !d.effective.IsZero() && t.Before(d.effective),
		!d.until.IsZero() && !t.Before(d.until),
		!d.notEnforcedFrom.IsZero() && !t.Before(d.notEnforcedFrom),
		!d.compliance.IsZero() && t.Before(d.compliance):
		return false
	}
	return d.suspendedFrom.IsZero() || t.Before(d.suspendedFrom) || !d.suspendedUntil.IsZero() && !t.Before(d.suspendedUntil)
}

// status reports whether the rule is in force on day t and, if not, why.
func (d dated) status(t time.Time) (bool, string) {
	if d.inForce(t) {
		return true, ""
	}
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
func LoadItemRules(ctx context.Context, path string) (*ItemRules, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
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
			if s.inForce(t) {
				return s.as
			}
		}
	}
	return c
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
