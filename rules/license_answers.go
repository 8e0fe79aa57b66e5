package rules

import (
	"fmt"
	"slices"
	"strings"
)

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
	if !ex.inForce(ev.t) {
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
