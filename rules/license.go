package rules

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// GroupLookup answers country-group membership on a date. *Policy and the
// package-level default implement it.
type GroupLookup interface {
	InGroup(c Country, g Group, date time.Time) bool
}

// EndUse is what the items will be used for, as far as the exporter knows.
// The zero EndUse (EndUseNone) means no end use of concern is known.
type EndUse string

// End uses the advanced-computing rules name.
const (
	EndUseNone           EndUse = ""
	EndUseSupercomputer  EndUse = "supercomputer"   // 15 CFR 744.23(a)(1)
	EndUseAdvancedIC     EndUse = "advanced_ic"     // advanced-node IC production, 744.23(a)(2)
	EndUseSMEDevelopment EndUse = "sme_development" // front-end SME development or production, 744.23(a)(4)
	EndUseAITraining     EndUse = "ai_training"     // AI-model training, BIS policy statement 2025-05-13
	EndUseMilitary       EndUse = "military"        // military or military-intelligence, 744.21, 744.22
)

var endUses = []EndUse{EndUseSupercomputer, EndUseAdvancedIC, EndUseSMEDevelopment, EndUseAITraining, EndUseMilitary}

// ParseEndUse parses an end use name such as "ai_training" (case and the
// choice of '-' or '_' do not matter; "" and "none" give EndUseNone).
func ParseEndUse(s string) (EndUse, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	if t == "" || t == "none" {
		return EndUseNone, nil
	}
	for _, u := range endUses {
		if string(u) == t {
			return u, nil
		}
	}
	return EndUseNone, &CodeError{"end use", s, "want one of none, supercomputer, advanced_ic, sme_development, ai_training, military"}
}

// String returns the end use name, or "none".
func (u EndUse) String() string {
	if u == EndUseNone {
		return "none"
	}
	return string(u)
}

// MarshalText implements encoding.TextMarshaler.
func (u EndUse) MarshalText() ([]byte, error) { return []byte(u), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEndUse's rules.
func (u *EndUse) UnmarshalText(b []byte) error {
	v, err := ParseEndUse(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// DefaultGroupLookup returns the GroupLookup that answers group membership
// from the embedded country-group data (the package-level InGroup). It is a
// function, not a variable, so no caller can swap the answer for every other
// caller in the process.
func DefaultGroupLookup() GroupLookup { return embeddedGroupLookup{} }

type embeddedGroupLookup struct{}

func (embeddedGroupLookup) InGroup(c Country, g Group, date time.Time) bool {
	return InGroup(c, g, date)
}

// LicenseQuery asks whether exporting an item needs a license under the
// advanced-computing rules and the Part 746 embargoes, on a date.
type LicenseQuery struct {
	Item        Item
	Destination Destination
	// PartyHQ lists the headquarters countries of the parties (purchaser,
	// consignees, end user) and of their ultimate parents. Empty means
	// unknown: the headquarters rule then cannot be checked and is reported
	// as unresolved.
	PartyHQ []Country
	// OnBehalfOfHQ lists the headquarters countries of parties for or on
	// behalf of whom the end use is performed (for example the lab whose
	// models a university trains), when they are not parties themselves.
	OnBehalfOfHQ []Country
	EndUse       EndUse
	// Date is the day the determination is made as of; it is required.
	Date time.Time
	// ExportFrom is the country shipped from; the zero Country means the
	// United States.
	ExportFrom Country
}

// ExceptionCheck reports whether a license exception is available.
type ExceptionCheck struct {
	Name     string `json:"name"`
	Eligible bool   `json:"eligible"`
	Why      string `json:"why"`
	Citation string `json:"citation"`
}

// Step is one rule checked during a determination, with its finding.
type Step struct {
	Rule     string `json:"rule"`
	Applies  bool   `json:"applies"`
	Finding  string `json:"finding"`
	Citation string `json:"citation"`
}

// Determination is the answer to a LicenseQuery.
type Determination struct {
	Classification Classification `json:"classification"`
	// License is the answer: LicenseRequired when any rule requires a
	// license (or, for GP10, BIS authorization), LicenseUnresolved when no
	// rule requires one but a rule could not be checked, LicenseNotRequired
	// otherwise. An eligible entry in Exceptions means a required export may
	// go under that exception instead, on its conditions.
	//
	// It replaces the boolean LicenseRequired of earlier versions, which
	// read false when a rule could not be checked: test
	// d.License == LicenseRequired where that field was read, and treat
	// LicenseUnresolved as not cleared.
	License LicenseAnswer `json:"license"`
	// Needs names the facts that would decide what is unresolved, such as
	// "the headquarters country of each party and of its ultimate parent"
	// or "the item's HTS code"; set whenever Unresolved is.
	Needs []string `json:"needs,omitempty"`
	// ReviewPolicy is the most restrictive review policy of the rules that
	// apply: ReviewDenial, ReviewCaseByCase, ReviewApproval, or "".
	ReviewPolicy string           `json:"review_policy,omitempty"`
	Exceptions   []ExceptionCheck `json:"exceptions,omitempty"`
	Steps        []Step           `json:"steps"`
	// GP10 warns that the item is a PRC-designed chip meeting 3A090 (General
	// Prohibition 10 guidance of 2025-05-13): no license exception applies.
	GP10 bool `json:"gp10,omitempty"`
	// Reasons are one sentence per rule that requires a license.
	Reasons []string `json:"reasons,omitempty"`
	// Unresolved lists what the rule data or the query could not decide; a
	// caller must send such a determination to review (fail closed).
	Unresolved []string `json:"unresolved,omitempty"`
	// RuleSet names the item rules used and their as-of date.
	RuleSet string `json:"rule_set"`
}

// ErrInvalidQuery is wrapped by every *QueryError.
var ErrInvalidQuery = errors.New("invalid license query")

// A QueryError reports an invalid LicenseQuery field.
type QueryError struct {
	Field, Value, Msg string
}

func (e *QueryError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("license query: %s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("license query: %s = %q: %s", e.Field, e.Value, e.Msg)
}

// Unwrap lets errors.Is(err, ErrInvalidQuery) succeed.
func (e *QueryError) Unwrap() error { return ErrInvalidQuery }

var countryUS = MustParseCountry("US")

// DetermineLicense decides, as of q.Date, whether exporting q.Item to
// q.Destination needs a license under the advanced-computing rules
// (742.6(a)(6), 744.23, the AI Diffusion rule in its window, the 2025 GP10 and
// AI-training guidance, the 2026 China/Macau review lane) and the Part 746
// embargoes; which review policy applies; and which license exceptions are
// available, with a cited step for every rule checked.
//
// A nil rules uses DefaultItemRules; a nil groups uses DefaultGroupLookup.
// Invalid items give an *ItemError, invalid queries a *QueryError, dates
// before the rule data's horizon ErrBeforeHorizon.
func DetermineLicense(rules *ItemRules, groups GroupLookup, q LicenseQuery) (Determination, error) {
	if rules == nil {
		rules = DefaultItemRules()
	}
	if groups == nil {
		groups = DefaultGroupLookup()
	}
	if q.Date.IsZero() {
		return Determination{}, &QueryError{"Date", "", "required: a determination is always as of a date"}
	}
	t, err := rules.checkDate(q.Date)
	if err != nil {
		return Determination{}, err
	}
	if !q.Destination.IsValid() {
		return Determination{}, &QueryError{"Destination", q.Destination.String(), "no destination country"}
	}
	if q.Destination.Region.IsValid() && q.Destination.Region.Country() != q.Destination.Country {
		return Determination{}, &QueryError{"Destination.Region", q.Destination.Region.String(), "not in destination country " + q.Destination.Country.String()}
	}
	for i, c := range q.PartyHQ {
		if !c.IsValid() {
			return Determination{}, &QueryError{fmt.Sprintf("PartyHQ[%d]", i), "", "zero Country"}
		}
	}
	for i, c := range q.OnBehalfOfHQ {
		if !c.IsValid() {
			return Determination{}, &QueryError{fmt.Sprintf("OnBehalfOfHQ[%d]", i), "", "zero Country"}
		}
	}
	if q.EndUse != EndUseNone && !slices.Contains(endUses, q.EndUse) {
		return Determination{}, &QueryError{"EndUse", string(q.EndUse), "unknown end use"}
	}
	cls, err := rules.Classify(q.Item, t)
	if err != nil {
		return Determination{}, err
	}
	var hts string
	if q.Item.HTSCode != "" {
		if hts, err = htsDigits(q.Item); err != nil {
			return Determination{}, err
		}
	}
	ev := evaluations.Get().(*evaluation)
	buf := ev.buf
	*ev = evaluation{r: rules, g: groups, q: q, t: t, c: cls, hts: hts, buf: buf}
	ev.run()
	d := ev.d
	*ev = evaluation{buf: ev.buf[:0]}
	if cap(ev.buf) > 4<<10 {
		ev.buf = nil
	}
	evaluations.Put(ev)
	return d, nil
}

// evaluation holds the state of one DetermineLicense call.
type evaluation struct {
	r         *ItemRules
	g         GroupLookup
	q         LicenseQuery
	t         time.Time
	c         Classification
	dest      Country
	region    Region
	from      Country
	hq        []Country // canonical PartyHQ
	behalf    []Country // canonical PartyHQ and OnBehalfOfHQ
	triggered []*licenseRule
	hts       string // the item's HTS code, digits only
	d         Determination

	// Scratch kept across the calls that reuse this evaluation: hqBuf
	// backs hq and behalf, buf the finding being built.
	hqBuf [8]Country
	buf   []byte
}

// evaluations recycles evaluation values and their scratch.
var evaluations = sync.Pool{New: func() any { return new(evaluation) }}

func (ev *evaluation) step(rule string, applies bool, finding, citation string) {
	ev.d.Steps = append(ev.d.Steps, Step{Rule: rule, Applies: applies, Finding: finding, Citation: citation})
}

func (ev *evaluation) run() {
	r, t := ev.r, ev.t
	b := r.asOf.AppendFormat(ev.finding(r.name, " (as of "), time.DateOnly)
	ev.d = Determination{Classification: ev.c, RuleSet: ev.text(append(b, ')')), Steps: make([]Step, 0, 8)}
	ev.dest = r.canonical(ev.q.Destination.Country, t)
	ev.region = ev.q.Destination.Region
	ev.from = countryUS
	if ev.q.ExportFrom.IsValid() {
		ev.from = r.canonical(ev.q.ExportFrom, t)
	}
	ev.hq = ev.hqBuf[: 0 : len(ev.hqBuf)/2]
	for _, c := range ev.q.PartyHQ {
		ev.hq = append(ev.hq, r.canonical(c, t))
	}
	ev.behalf = append(ev.hqBuf[len(ev.hq):len(ev.hq)], ev.hq...)
	for _, c := range ev.q.OnBehalfOfHQ {
		ev.behalf = append(ev.behalf, r.canonical(c, t))
	}

	ev.classificationStep()
	if ev.dest == countryUS && ev.from == countryUS {
		ev.step("destination", false, "destination is the United States: not an export", "15 CFR 734.13")
	}
	for i := range r.rules {
		ev.rule(&r.rules[i])
	}
	switch {
	case len(ev.triggered) > 0:
		ev.d.License = LicenseRequired
		ev.review()
		ev.exceptions()
	case len(ev.d.Unresolved) > 0:
		ev.d.License = LicenseUnresolved
	default:
		ev.d.License = LicenseNotRequired
	}
}

// unresolved records that a rule could not be checked: msg says which and
// why, need names the fact that would decide it.
func (ev *evaluation) unresolved(rule, citation, msg, need string) {
	ev.d.Unresolved = append(ev.d.Unresolved, msg)
	if !slices.Contains(ev.d.Needs, need) {
		ev.d.Needs = append(ev.d.Needs, need)
	}
	ev.step(rule, false, "unresolved: "+msg, citation)
}

// Facts an unresolved determination can need.
const (
	needHQ   = "the headquarters country of each party and of its ultimate parent"
	needECCN = "the item's ECCN (or EAR99)"
	needHTS  = "the item's HTS code"
)

func (ev *evaluation) classificationStep() {
	c := ev.c
	b := ev.finding()
	switch {
	case c.AdvancedComputing() && c.ECCN != c.Meets:
		b = append(b, c.ECCN.String()...)
		b = append(b, " (meets the "...)
		b = append(b, c.Meets.String()...)
		b = append(b, " parameters)"...)
	case c.AdvancedComputing():
		b = append(b, c.ECCN.String()...)
	case c.ECCN.IsValid():
		b = append(b, c.ECCN.String()...)
		b = append(b, " (not an advanced-computing item)"...)
	default:
		b = append(b, "not an advanced-computing item; no ECCN declared, so other entries of the Commerce Control List were not checked"...)
	}
	if c.TPP > 0 {
		b = appendFloat(append(b, "; TPP "...), c.TPP)
		if c.PerformanceDensity > 0 {
			b = appendFloat(append(b, ", performance density "...), c.PerformanceDensity)
		}
	}
	if c.MemoryBandwidthDensity > 0 {
		b = appendFloat(append(b, "; memory bandwidth density "...), c.MemoryBandwidthDensity)
		b = append(b, " GB/s/mm²"...)
	}
	if c.AdvancedComputing() && !strings.HasPrefix(c.Meets.String(), "3A090.c") {
		switch {
		case c.Datacenter == nil:
			b = append(b, "; datacenter design/marketing unknown (treated as datacenter)"...)
		case *c.Datacenter:
			b = append(b, "; designed or marketed for datacenters"...)
		default:
			b = append(b, "; not designed or marketed for datacenters"...)
		}
	}
	cite := ""
	if len(c.Citations) == 1 {
		cite = c.Citations[0]
	} else {
		cite = strings.Join(c.Citations, "; ")
	}
	ev.step("classification", c.AdvancedComputing(), ev.text(b), cite)
}

// appendFloat appends v to b as fmtFloat writes it.
func appendFloat(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'g', -1, 64) }

// matchItems reports whether the classification is selected by s; unknown is
// true when the item's ECCN is needed to decide and is missing.
func matchItems(s itemSet, c Classification) (match, unknown bool) {
	for i, sel := range s.sel {
		switch sel {
		case "all":
			return true, false
		case "ccl":
			if !c.ECCN.IsValid() {
				unknown = true
				continue
			}
			if !c.ECCN.IsEAR99() {
				return true, false
			}
			continue
		}
		e := s.eccns[i]
		switch {
		case c.ECCN == e:
			return true, false
		case c.Meets.IsValid() && c.Meets == e && (!c.ECCN.IsZ() || s.includeZ):
			return true, false
		case e.Paragraph() == "" && c.ECCN.IsValid() && c.ECCN.Base() == e:
			return true, false
		}
	}
	return false, unknown
}

// where describes which parts of area a contain the destination, e.g.
// "CN is in D:1, D:4, D:5".
func (ev *evaluation) where(a areaSet, c Country, reg Region) string {
	return string(ev.appendWhere(nil, a, c, reg))
}

// appendWhere appends where's description to b.
func (ev *evaluation) appendWhere(b []byte, a areaSet, c Country, reg Region) []byte {
	n := len(b)
	sep := func() {
		if len(b) > n {
			b = append(b, ", "...)
		}
	}
	if reg.IsValid() && slices.Contains(a.regions, reg) {
		b = append(b, "region "...)
		b = append(b, reg.String()...)
	}
	if slices.Contains(a.countries, c) {
		sep()
		b = c.appendCode(b)
	}
	for _, g := range a.groups {
		if ev.g.InGroup(c, g, ev.t) {
			sep()
			b = g.appendCode(b)
		}
	}
	return b
}

func (ev *evaluation) in(a areaSet, c Country, reg Region) bool {
	return inArea(a, c, reg, ev.g, ev.t)
}

// hqIn returns the first of hqs in a, with a description.
func (ev *evaluation) hqIn(a areaSet, hqs []Country) (string, bool) {
	for _, c := range hqs {
		if ev.in(a, c, Region{}) {
			return fmt.Sprintf("%s (%s)", c, ev.where(a, c, Region{})), true
		}
	}
	return "", false
}

func (ev *evaluation) rule(lr *licenseRule) {
	match, unknown := matchItems(lr.items, ev.c)
	// The rule's in-force status (with its reason text) and the
	// destination's label are worked out only once the rule concerns the
	// item or destination: most rules stop before that.
	switch lr.kind {
	case "gp10":
		ev.gp10(lr, match)
	case "destination":
		ev.destinationRule(lr, match)
	case "headquarters":
		ev.headquartersRule(lr, match)
	case "end_use", "review_flag":
		ev.endUseRule(lr, match, unknown)
	case "embargo":
		ev.embargoRule(lr, match, unknown)
	case "hts_listed":
		ev.htsRule(lr, match, unknown)
	}
}

// destinationRule applies a rule that requires a license by destination.
func (ev *evaluation) destinationRule(lr *licenseRule, match bool) {
	outside := ev.dest != countryUS
	if !match {
		return
	}
	if ok, _ := lr.status(ev.t); !ok {
		b := ev.finding("not in force on ")
		b = ev.t.AppendFormat(b, time.DateOnly)
		b = append(b, ": "...)
		ev.step(lr.id, false, ev.text(lr.dated.appendWindow(b)), lr.citation)
		return
	}
	switch {
	case lr.worldwide && outside:
		ev.apply(lr, fmt.Sprintf("%s: worldwide requirement, destination %s", lr.title, ev.destLabel()))
	case lr.worldwide:
		ev.step(lr.id, false, "destination is the United States", lr.citation)
	case ev.in(lr.area, ev.dest, ev.region) && ev.in(lr.exclude, ev.dest, ev.region):
		ev.step(lr.id, false, fmt.Sprintf("destination %s is in %s but excluded as also in %s", ev.destLabel(), ev.where(lr.area, ev.dest, ev.region), ev.where(lr.exclude, ev.dest, ev.region)), lr.citation)
	case ev.in(lr.area, ev.dest, ev.region):
		b := ev.appendLabel(ev.finding(lr.title, ": destination "))
		b = ev.appendWhere(append(b, " is in "...), lr.area, ev.dest, ev.region)
		ev.apply(lr, ev.text(b))
	default:
		b := ev.appendLabel(ev.finding("destination "))
		ev.step(lr.id, false, ev.text(append(b, " is outside the rule's scope"...)), lr.citation)
	}
}

// headquartersRule applies a rule that requires a license by where the
// parties are headquartered (744.23(a)(3)).
func (ev *evaluation) headquartersRule(lr *licenseRule, match bool) {
	outside := ev.dest != countryUS
	if !match {
		return
	}
	if ok, why := lr.status(ev.t); !ok {
		ev.step(lr.id, false, "not applied: "+why, lr.citation)
		return
	}
	if !outside {
		ev.step(lr.id, false, "destination is the United States", lr.citation)
		return
	}
	if hit, yes := ev.hqIn(lr.hq, ev.hq); yes {
		ev.apply(lr, fmt.Sprintf("%s: a party is headquartered in %s; destination %s", lr.title, hit, ev.destLabel()))
		return
	}
	if len(ev.hq) == 0 {
		ev.unresolved(lr.id, lr.citation, "party headquarters not given: "+lr.id+" ("+lr.citation+") cannot be checked", needHQ)
		return
	}
	b := appendCountryList(ev.finding("no party headquartered in Macau or D:5 (parties: "), ev.hq)
	ev.step(lr.id, false, ev.text(append(b, ')')), lr.citation)
}

// endUseRule applies a rule, or a review flag, that an end use triggers.
func (ev *evaluation) endUseRule(lr *licenseRule, match, unknown bool) {
	if ev.q.EndUse == EndUseNone || !slices.Contains(lr.endUses, ev.q.EndUse) {
		return
	}
	if ok, why := lr.status(ev.t); !ok {
		ev.step(lr.id, false, "not applied: "+why, lr.citation)
		return
	}
	if !match && !unknown {
		ev.step(lr.id, false, fmt.Sprintf("end use %s, but %s is outside the rule's items", ev.q.EndUse, ev.c.ECCN), lr.citation)
		return
	}
	if unknown {
		ev.unresolved(lr.id, lr.citation, fmt.Sprintf("end use %s: the item's ECCN is needed to decide %s (%s)", ev.q.EndUse, lr.id, lr.citation), needECCN)
		return
	}
	if lr.kind == "review_flag" {
		ev.unresolved(lr.id, lr.citation, fmt.Sprintf("%s (%s)", lr.title, lr.citation), "a determination under "+lr.citation+" for this end use and destination")
		return
	}
	var scope []string
	if !lr.area.empty() && ev.in(lr.area, ev.dest, ev.region) {
		scope = append(scope, fmt.Sprintf("destination %s is in %s", ev.destLabel(), ev.where(lr.area, ev.dest, ev.region)))
	}
	if hit, yes := ev.hqIn(lr.hq, ev.behalf); yes && !lr.hq.empty() {
		scope = append(scope, "a party (or the party the end use serves) is headquartered in "+hit)
	}
	if len(scope) == 0 && (!lr.area.empty() || !lr.hq.empty()) {
		ev.step(lr.id, false, fmt.Sprintf("end use %s, but neither the destination nor any party's headquarters is in the rule's scope", ev.q.EndUse), lr.citation)
		return
	}
	ev.apply(lr, fmt.Sprintf("%s: end use %s; %s", lr.title, ev.q.EndUse, strings.Join(scope, "; ")))
}

// embargoRule applies a Part 746 embargo of a destination.
func (ev *evaluation) embargoRule(lr *licenseRule, match, unknown bool) {
	if !ev.in(lr.area, ev.dest, ev.region) {
		return
	}
	if ok, why := lr.status(ev.t); !ok {
		ev.step(lr.id, false, "not applied: "+why, lr.citation)
		return
	}
	if unknown {
		ev.unresolved(lr.id, lr.citation, fmt.Sprintf("%s: the item's ECCN is needed to decide (%s)", lr.title, lr.citation), needECCN)
		return
	}
	if ev.region.IsValid() && slices.Contains(lr.approxRegions, ev.region) && match {
		// The oblast stands for a covered area with no boundary of its
		// own: whether this place is inside it decides.
		ev.unresolved(lr.id, lr.citation, fmt.Sprintf("%s: destination %s only approximates the covered area (%s) (%s)", lr.title, ev.destLabel(), lr.approximation, lr.citation),
			"whether the place in "+ev.region.String()+" is inside the area "+lr.id+" covers ("+lr.approximation+")")
		return
	}
	if !match {
		ev.step(lr.id, false, fmt.Sprintf("destination %s is embargoed, but %s is outside the rule's items", ev.destLabel(), ev.c.ECCN), lr.citation)
		return
	}
	ev.apply(lr, fmt.Sprintf("%s: destination %s", lr.title, ev.destLabel()))
}

// htsRule applies a rule that lists items by HTS code, once the item is
// within the rule's items.
func (ev *evaluation) htsRule(lr *licenseRule, match, unknown bool) {
	if !ev.in(lr.area, ev.dest, ev.region) || unknown {
		return // an unclassified item is unresolved under the CCL rule
	}
	if ok, why := lr.status(ev.t); !ok {
		ev.step(lr.id, false, "not applied: "+why, lr.citation)
		return
	}
	if !match {
		ev.step(lr.id, false, fmt.Sprintf("destination %s: %s is outside the rule's items", ev.destLabel(), ev.c.ECCN), lr.citation)
		return
	}
	ev.htsListed(lr)
}

// htsListed applies a rule that lists items by HTS code (15 CFR 746.8(a)
// and 746.10 for Russia and Belarus): the code decides, and without it, or
// with a code the rule data does not hold the whole list for, the rule is
// unresolved.
func (ev *evaluation) htsListed(lr *licenseRule) {
	code := ev.hts
	if code == "" {
		ev.unresolved(lr.id, lr.citation, fmt.Sprintf("%s to %s: the item's HTS code is needed to decide %s (%s)", ev.c.ECCN, ev.destLabel(), lr.id, lr.citation), needHTS)
		return
	}
	for _, p := range lr.htsPrefixes {
		if strings.HasPrefix(code, p) {
			ev.apply(lr, fmt.Sprintf("%s: HTS code %s is listed (as %s); destination %s", lr.title, ev.q.Item.HTSCode, p, ev.destLabel()))
			return
		}
	}
	if lr.htsComplete {
		ev.step(lr.id, false, fmt.Sprintf("HTS code %s is not listed", ev.q.Item.HTSCode), lr.citation)
		return
	}
	ev.unresolved(lr.id, lr.citation, fmt.Sprintf("HTS code %s: the rule data does not hold the complete lists of %s (%s)", ev.q.Item.HTSCode, lr.id, lr.citation),
		"whether HTS code "+ev.q.Item.HTSCode+" is listed in "+lr.citation)
}

// appendWindow appends the dates of d for a step finding to b, e.g.
// "effective 2025-01-13".
func (d dated) appendWindow(b []byte) []byte {
	if d.predates {
		b = append(b, "in force before the rule data's horizon"...)
	} else {
		b = d.effective.AppendFormat(append(b, "effective "...), time.DateOnly)
	}
	if !d.compliance.IsZero() {
		b = d.compliance.AppendFormat(append(b, "; compliance date "...), time.DateOnly)
	}
	if !d.notEnforcedFrom.IsZero() {
		b = d.notEnforcedFrom.AppendFormat(append(b, "; not enforced since "...), time.DateOnly)
	}
	if !d.until.IsZero() {
		b = d.until.AppendFormat(append(b, "; superseded "...), time.DateOnly)
	}
	return b
}

// destLabel names the destination for findings: "UA-43", "CN", or
// "HK (as CN)" when the EAR treat it as another country.
func (ev *evaluation) destLabel() string {
	switch {
	case ev.region.IsValid():
		return ev.region.String()
	case ev.q.Destination.Country != ev.dest:
		return ev.q.Destination.Country.String() + " (as " + ev.dest.String() + ")"
	}
	return ev.dest.String()
}

func countryList(cs []Country) string {
	return string(appendCountryList(nil, cs))
}

// appendCountryList appends the codes of cs, comma-separated, to b.
func appendCountryList(b []byte, cs []Country) []byte {
	for i, c := range cs {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = c.appendCode(b)
	}
	return b
}

// appendCode appends c's alpha-2 code to b, as String gives it.
func (c Country) appendCode(b []byte) []byte {
	if !c.IsValid() {
		return b
	}
	return append(b, c.c[:]...)
}

// appendCode appends g to b as String gives it.
func (g Group) appendCode(b []byte) []byte {
	switch {
	case !g.IsValid():
		return b
	case g.num == 0:
		return append(b, g.letter)
	}
	return append(b, g.letter, ':', '0'+g.num)
}

// appendLabel appends destLabel's text to b.
func (ev *evaluation) appendLabel(b []byte) []byte {
	switch {
	case ev.region.IsValid():
		return append(b, ev.region.String()...)
	case ev.q.Destination.Country != ev.dest:
		b = ev.q.Destination.Country.appendCode(b)
		b = append(b, " (as "...)
		b = ev.dest.appendCode(b)
		return append(b, ')')
	}
	return ev.dest.appendCode(b)
}

// finding starts a step's finding in the evaluation's scratch buffer. The
// findings of most steps are built there and turned into a string once,
// where fmt.Sprintf would box each argument.
func (ev *evaluation) finding(parts ...string) []byte {
	b := ev.buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// text ends a finding begun with finding and returns it; the buffer is
// kept for the next.
func (ev *evaluation) text(b []byte) string {
	ev.buf = b
	return string(b)
}

func (ev *evaluation) apply(lr *licenseRule, finding string) {
	ev.triggered = append(ev.triggered, lr)
	b := append(ev.finding("license required: ", finding, " ("), lr.citation...)
	ev.d.Reasons = append(ev.d.Reasons, ev.text(append(b, ')')))
	ev.step(lr.id, true, finding, lr.citation)
}

// gp10 applies the General Prohibition 10 guidance for PRC-designed chips.
func (ev *evaluation) gp10(lr *licenseRule, match bool) {
	chip := ev.q.Item.Chip
	designer, model := Country{}, ""
	if chip != nil {
		designer, model = ev.r.canonical(chip.DesignerCountry, ev.t), chip.Model
	}
	named := ""
	if model != "" {
		nm := normModel(model)
		for i, m := range lr.models {
			if strings.Contains(nm, lr.modelKeys[i]) {
				named = m
			}
		}
	}
	byDesigner := match && designer.IsValid() && slices.Contains(lr.designers, designer)
	if !byDesigner && named == "" {
		return
	}
	if ok, why := lr.status(ev.t); !ok {
		ev.step(lr.id, false, "not applied: "+why, lr.citation)
		return
	}
	var f string
	switch {
	case named != "":
		f = fmt.Sprintf("%s is named in BIS's GP10 guidance (%s)", model, named)
	default:
		f = fmt.Sprintf("designed by a company headquartered in %s and meets %s", designer, ev.c.Meets)
	}
	ev.d.GP10 = true
	ev.triggered = append(ev.triggered, lr)
	ev.d.Reasons = append(ev.d.Reasons, "BIS authorization required: "+lr.title+": "+f+"; no license exception overcomes GP10 ("+lr.citation+")")
	ev.step(lr.id, true, f+"; dealing in it without BIS authorization risks violating General Prohibition 10", lr.citation)
}

// normModel folds a model name for matching: lower case, letters and digits only.
func normModel(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var reviewOrder = map[string]int{ReviewApproval: 1, ReviewCaseByCase: 2, ReviewDenial: 3}

// reviewLabel names a review policy in step findings.
var reviewLabel = map[string]string{ReviewApproval: "presumption of approval", ReviewCaseByCase: "case-by-case review", ReviewDenial: "presumption of denial"}

// review sets the most restrictive review policy of the triggered rules.
func (ev *evaluation) review() {
	done := map[string]string{}
	for _, lr := range ev.triggered {
		p := lr.review
		if lr.reviewBy != "" {
			var seen bool
			if p, seen = done[lr.reviewBy]; !seen {
				p = ev.reviewPolicy(ev.r.reviews[lr.reviewBy])
				done[lr.reviewBy] = p
			}
		}
		if lr.reviewCitation != "" {
			ev.step(lr.id+" review", true, fmt.Sprintf("%s for %s under %s", reviewLabel[p], ev.destLabel(), lr.id), lr.reviewCitation)
		}
		if p == "" {
			if lr.kind != "gp10" {
				ev.step(lr.id+" review", false, "the rule data states no review policy for "+lr.id, lr.citation)
			}
			continue
		}
		if reviewOrder[p] > reviewOrder[ev.d.ReviewPolicy] {
			ev.d.ReviewPolicy = p
		}
	}
}

// reviewPolicy evaluates a 744.23(d)-style review policy and the lanes that
// modify it.
func (ev *evaluation) reviewPolicy(rp *reviewPolicy) string {
	if ok, why := rp.status(ev.t); !ok {
		ev.step(rp.id, false, "not applied: "+why, rp.citation)
		return ""
	}
	hqHit, hqD5 := ev.hqIn(rp.denialHQ, ev.hq)
	approval := len(ev.hq) > 0 && !hqD5
	for _, c := range ev.hq {
		if !ev.in(rp.approvalHQ, c, Region{}) {
			approval = false
		}
	}
	if approval && ev.in(rp.denial, ev.dest, ev.region) && !rp.approvalOverDestination {
		approval = false
		ev.step(rp.id+" approval", false, fmt.Sprintf("every party is headquartered in the US, A:5 or A:6 (%s), but the rule data gives the destination's denial precedence", countryList(ev.hq)), rp.citation)
	}
	if approval {
		f := fmt.Sprintf("presumption of approval: every party is headquartered in the US, A:5 or A:6 (%s)", countryList(ev.hq))
		if ev.in(rp.denial, ev.dest, ev.region) && rp.approvalNote != "" {
			f += fmt.Sprintf("; it takes precedence over the denial for destination %s: %s", ev.destLabel(), rp.approvalNote)
		}
		ev.step(rp.id, true, f, rp.citation)
		return ReviewApproval
	}
	dcA := ev.c.datacenter() && slices.Contains(rp.caseByCaseExceptDCMeets, ev.c.Meets)
	if !dcA {
		ev.step(rp.id, true, fmt.Sprintf("case-by-case: %s is not a datacenter item meeting 3A090.a", ev.c.ECCN), rp.citation)
		return ReviewCaseByCase
	}
	var denial []string
	if ev.in(rp.denial, ev.dest, ev.region) {
		b := ev.appendLabel(ev.finding("destination "))
		denial = append(denial, ev.text(ev.appendWhere(append(b, " is in "...), rp.denial, ev.dest, ev.region)))
	}
	if hqD5 {
		denial = append(denial, "a party is headquartered in "+hqHit)
	}
	if len(denial) == 0 {
		ev.step(rp.id, true, "case-by-case: all other applications", rp.citation)
		return ReviewCaseByCase
	}
	ev.step(rp.id, true, "presumption of denial: "+strings.Join(denial, "; ")+"; datacenter item meeting "+ev.c.Meets.String(), rp.citation)
	for i := range ev.r.lanes {
		if l := &ev.r.lanes[i]; l.appliesTo == rp.id {
			if ev.lane(l) {
				return ReviewCaseByCase
			}
		}
	}
	return ReviewDenial
}

// lane reports whether a review lane moves denial to case-by-case.
func (ev *evaluation) lane(l *reviewLane) bool {
	if !slices.Contains(l.countries, ev.dest) {
		return false
	}
	if ok, why := l.status(ev.t); !ok {
		ev.step(l.id, false, "not applied: "+why, l.citation)
		return false
	}
	chip := ev.q.Item.Chip
	var no string
	switch {
	case !slices.Contains(l.exportFrom, ev.from):
		no = fmt.Sprintf("export from %s, not from %s (reexports and transfers stay presumption of denial)", ev.from, countryList(l.exportFrom))
	case ev.c.TPP == 0:
		no = "TPP not known"
	case ev.c.TPP >= l.tppBelow:
		no = fmt.Sprintf("TPP %s is not below %s", fmtFloat(ev.c.TPP), fmtFloat(l.tppBelow))
	case chip == nil || chip.DRAMBandwidthGBps == 0:
		no = "DRAM bandwidth not given (Chip.DRAMBandwidthGBps)"
	case round6(chip.DRAMBandwidthGBps) >= l.dramBelow:
		no = fmt.Sprintf("DRAM bandwidth %s GB/s is not below %s", fmtFloat(chip.DRAMBandwidthGBps), fmtFloat(l.dramBelow))
	case len(ev.hq) == 0:
		no = "party headquarters not given"
	}
	if no == "" {
		hqs := ev.hq
		if l.laneHQAllowed {
			// Parties headquartered in the lane's own countries stay in it.
			hqs = slices.DeleteFunc(slices.Clone(ev.hq), func(c Country) bool { return slices.Contains(l.countries, c) })
		}
		if hit, yes := ev.hqIn(l.hqExcluded, hqs); yes {
			no = "a party is headquartered in " + hit
		}
	}
	if no != "" {
		ev.step(l.id, false, "not applied: "+no, l.citation)
		return false
	}
	hqText := "no party headquartered in D:5 or Macau"
	if l.laneHQAllowed {
		hqText = "no party headquartered in D:5 or Macau outside " + countryList(l.countries) + " (parties headquartered there stay in the lane: hq_in_lane_countries_allowed [U])"
	}
	ev.step(l.id, true, fmt.Sprintf("case-by-case instead of denial: export from %s to %s, TPP %s < %s, DRAM bandwidth %s < %s GB/s, %s; conditions: %s",
		ev.from, ev.dest, fmtFloat(ev.c.TPP), fmtFloat(l.tppBelow), fmtFloat(chip.DRAMBandwidthGBps), fmtFloat(l.dramBelow), hqText, l.conditions), l.citation)
	return true
}

// exceptions checks every license exception a triggered rule names.
func (ev *evaluation) exceptions() {
	var names []string
	for _, lr := range ev.triggered {
		for _, n := range lr.exceptions {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		ev.d.Exceptions = append(ev.d.Exceptions, ev.exception(n))
	}
}

func (ev *evaluation) exception(name string) ExceptionCheck {
	var ex *exceptionRule
	var why string
	for i := range ev.r.exceptions {
		e := &ev.r.exceptions[i]
		if e.name != name {
			continue
		}
		ok, w := e.status(ev.t)
		if ok {
			ex = e
			break
		}
		if why == "" || !e.effective.After(ev.t) {
			why, ex = w, e
		}
	}
	no := func(msg string) ExceptionCheck {
		return ExceptionCheck{Name: name, Why: msg, Citation: ex.citation}
	}
	if ok, _ := ex.status(ev.t); !ok {
		return no("not available: " + why)
	}
	if m, _ := matchItems(ex.items, ev.c); !m {
		got := ev.c.ECCN.String()
		if got == "" {
			got = "an unclassified item"
		}
		return no(fmt.Sprintf("not available for %s", got))
	}
	dest := ev.destLabel()
	if ev.in(ex.exclude, ev.dest, ev.region) {
		b := append(ev.finding("not available to ", dest), " ("...)
		return no(ev.text(append(ev.appendWhere(b, ex.exclude, ev.dest, ev.region), ')')))
	}
	if !ex.area.empty() || !ex.hq.empty() {
		inDest := ev.in(ex.area, ev.dest, ev.region)
		_, inHQ := ev.hqIn(ex.hq, ev.hq)
		if !inDest && !inHQ {
			return no(fmt.Sprintf("destination %s and the parties' headquarters are outside the exception's scope", dest))
		}
	}
	if slices.Contains(ex.notForDatacenter, ev.c.Meets) && ev.c.datacenter() {
		if ev.c.Datacenter == nil {
			return no("not available for datacenter items meeting " + ev.c.Meets.String() + "; datacenter design/marketing unknown, treated as datacenter")
		}
		return no("not available for items designed or marketed for datacenters that meet " + ev.c.Meets.String())
	}
	if ex.hbmDensityBelow > 0 {
		d := ev.c.MemoryBandwidthDensity
		if d == 0 {
			return no("memory bandwidth density not known")
		}
		if d >= ex.hbmDensityBelow {
			return no(fmt.Sprintf("memory bandwidth density %s GB/s/mm² is not below %s", fmtFloat(d), fmtFloat(ex.hbmDensityBelow)))
		}
	}
	if ex.requires != "" {
		return no("needs " + ex.requires + ", which the query does not carry")
	}
	for _, lr := range ev.triggered {
		if !slices.Contains(lr.exceptions, name) {
			return no("does not overcome " + lr.id + " (" + lr.citation + ")")
		}
	}
	return ExceptionCheck{Name: name, Eligible: true, Why: "eligible: " + ex.condition, Citation: ex.citation}
}
