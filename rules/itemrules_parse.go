package rules

// Decoding an item rules file: the parser that checks the JSON format
// (itemrules_format.go) field by field into ItemRules.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

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
	f, err := decodeItemRules(name, data)
	if err != nil {
		return nil, err
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
		p.sameAs(r, fmt.Sprintf("same_as[%d]", i), s)
	}
	for i, fp := range f.Paragraphs {
		r.paragraphs = append(r.paragraphs, p.paragraph(fmt.Sprintf("paragraphs[%d]", i), fp))
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
		exceptionNames[fe.Name] = true
		r.exceptions = append(r.exceptions, p.exception(fmt.Sprintf("exceptions[%d] (%s)", i, fe.Name), fe))
	}
	for i, fr := range f.ReviewPolicies {
		r.reviews[fr.ID] = p.reviewPolicy(fmt.Sprintf("review_policies[%d] (%s)", i, fr.ID), fr)
	}
	for i, fl := range f.ReviewLanes {
		r.lanes = append(r.lanes, p.reviewLane(r, fmt.Sprintf("review_lanes[%d] (%s)", i, fl.ID), fl))
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
		r.rules = append(r.rules, p.licenseRule(r, exceptionNames, field, fr))
	}
	if p.err != nil {
		return nil, p.err
	}
	r.ruleSet = r.name + " (as of " + r.asOf.Format(time.DateOnly) + ")"
	return r, nil
}

// decodeItemRules decodes the JSON strictly: no unknown fields, nothing
// after the object.
func decodeItemRules(name string, data []byte) (*fileItemRules, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileItemRules
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &ItemRulesError{File: name, Msg: "trailing data after the JSON object"}
	}
	return &f, nil
}

func (p *itemRulesParser) sameAs(r *ItemRules, field string, s fileSameAs) {
	cs := p.countries(field+".country", []string{s.Country})
	as := p.countries(field+".as", []string{s.As})
	d := p.dates(field, s.fileDates)
	p.citation(field, s.Citation)
	if len(cs) == 1 && len(as) == 1 {
		r.sameAs = append(r.sameAs, sameAsRule{cs[0], as[0], d})
	}
}

func (p *itemRulesParser) paragraph(field string, fp fileParagraph) paragraphRule {
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
			pr.anyOf = append(pr.anyOf, p.clause(fmt.Sprintf("%s.any_of[%d]", field, j), c.TPPMin, c.TPPBelow, c.DensityMin, c.DensityBelow))
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
	return pr
}

// clause checks one any_of clause of an ic paragraph.
func (p *itemRulesParser) clause(cf string, tppMin, tppBelow, densityMin, densityBelow float64) paramClause {
	if tppMin <= 0 {
		p.fail(cf+".tpp_min", fmtFloat(tppMin), "must be positive")
	}
	if tppBelow != 0 && tppBelow <= tppMin {
		p.fail(cf+".tpp_below", fmtFloat(tppBelow), "must exceed tpp_min")
	}
	if densityBelow != 0 && densityBelow <= densityMin {
		p.fail(cf+".density_below", fmtFloat(densityBelow), "must exceed density_min")
	}
	return paramClause{tppMin, tppBelow, densityMin, densityBelow}
}

func (p *itemRulesParser) exception(field string, fe fileException) exceptionRule {
	if fe.Name == "" {
		p.fail(field+".name", "", "missing")
	}
	return exceptionRule{
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
	}
}

func (p *itemRulesParser) reviewPolicy(field string, fr fileReviewPolicy) *reviewPolicy {
	if fr.ID == "" {
		p.fail(field+".id", "", "missing")
	}
	return &reviewPolicy{
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

func (p *itemRulesParser) reviewLane(r *ItemRules, field string, fl fileReviewLane) reviewLane {
	if _, ok := r.reviews[fl.AppliesTo]; !ok {
		p.fail(field+".applies_to", fl.AppliesTo, "no review policy with this id")
	}
	if fl.TPPBelow <= 0 {
		p.fail(field+".tpp_below", fmtFloat(fl.TPPBelow), "must be positive")
	}
	if fl.DRAMBandwidthBelow <= 0 {
		p.fail(field+".dram_bandwidth_below", fmtFloat(fl.DRAMBandwidthBelow), "must be positive")
	}
	return reviewLane{
		id: fl.ID, appliesTo: fl.AppliesTo,
		countries:  p.countries(field+".countries", fl.Countries),
		exportFrom: p.countries(field+".export_from", fl.ExportFrom),
		tppBelow:   fl.TPPBelow, dramBelow: fl.DRAMBandwidthBelow,
		hqExcluded:    areaSet{groups: p.groups(field+".hq_groups_excluded", fl.HQGroupsExcluded), countries: p.countries(field+".hq_countries_excluded", fl.HQCountriesExcluded)},
		conditions:    fl.Conditions,
		laneHQAllowed: fl.LaneHQAllowed, laneHQNote: fl.LaneHQNote,
		dated:    p.dates(field, fl.fileDates),
		citation: p.citation(field, fl.Citation),
	}
}

// licenseRule decodes and checks one rule. The checks run in a fixed order,
// since the parser reports the first failure.
func (p *itemRulesParser) licenseRule(r *ItemRules, exceptionNames map[string]bool, field string, fr fileRule) licenseRule {
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
	p.ruleLists(&lr, exceptionNames, field, fr)
	p.ruleApproximation(&lr, field, fr)
	p.ruleReview(r, field, fr)
	p.ruleKindNeeds(&lr, field, fr)
	return lr
}

// ruleLists decodes a rule's models, end uses, exceptions and HTS codes.
func (p *itemRulesParser) ruleLists(lr *licenseRule, exceptionNames map[string]bool, field string, fr fileRule) {
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
}

// ruleApproximation decodes the regions a rule applies to only
// approximately, and checks the HTS codes belong to an hts_listed rule.
func (p *itemRulesParser) ruleApproximation(lr *licenseRule, field string, fr fileRule) {
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
}

// ruleReview checks a rule's license review policy and its references.
func (p *itemRulesParser) ruleReview(r *ItemRules, field string, fr fileRule) {
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
}

// ruleKindNeeds checks a rule has what its kind needs.
func (p *itemRulesParser) ruleKindNeeds(lr *licenseRule, field string, fr fileRule) {
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
