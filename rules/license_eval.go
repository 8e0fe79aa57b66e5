package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

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
	ev.d = Determination{Classification: ev.c, RuleSet: r.ruleSet, Steps: make([]Step, 0, 8)}
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

func (ev *evaluation) apply(lr *licenseRule, finding string) {
	ev.triggered = append(ev.triggered, lr)
	b := append(ev.finding("license required: ", finding, " ("), lr.citation...)
	ev.d.Reasons = append(ev.d.Reasons, ev.text(append(b, ')')))
	ev.step(lr.id, true, finding, lr.citation)
}
