package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// destinationRule applies a rule that requires a license by destination.
func (ev *evaluation) destinationRule(lr *licenseRule, match bool) {
	outside := ev.dest != countryUS
	if !match {
		return
	}
	if !lr.inForce(ev.t) {
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
