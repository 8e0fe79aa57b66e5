package screening

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
)

// screening is one Screen call: its fixed inputs, and what its steps
// found. The steps are methods that read the inputs and record reasons and
// records; whatever one step learns that a later one needs (the
// destination, the declared countries, the headquarters) is a return
// value passed on by run, never a field, so run is the whole contract.
type screening struct {
	s   *Screener
	w   *world
	geo *geoloc.View // w.geo's databases, pinned for this screening; nil if none
	req Request
	now time.Time
	// date is the as-of date whose rules apply: the first step sets it and
	// every later step reads it.
	date time.Time

	findings

	// place is the policy's answer for the last place checked: an order's
	// client IP is most often in its destination country, and a second
	// check of the same place on the same date is then free.
	place placeRules

	// m is scratch for building messages (see msg).
	m message
	// day and dayText are the last as-of date formatted, kept across the
	// calls that reuse this value: a batch screens on one date.
	day     time.Time
	dayText string
	// boxed holds strings boxed for evidence (see interned).
	boxed map[string]any
	// countries backs the country lists the steps pass on, which no
	// decision keeps.
	countries struct{ parties, hqs, behalf, declared [8]rules.Country }
}

// screenings recycles screening values and their scratch: reasons,
// records and message buffers are reused by the next call, which copies
// what it returns into the Decision.
var screenings = sync.Pool{New: func() any { return new(screening) }}

// newScreening returns a screening of req for s, in world w, with the
// geolocation databases of view, at now. Release it when its decision is
// made.
func newScreening(s *Screener, w *world, view *geoloc.View, req *Request, now time.Time) *screening {
	sc := screenings.Get().(*screening)
	sc.s, sc.w, sc.geo, sc.req, sc.now = s, w, view, *req, now
	return sc
}

// release clears what sc refers to and returns it to the pool.
func (sc *screening) release() {
	f := &sc.findings
	clear(f.reasons)
	clear(f.matches)
	clear(f.locations)
	clear(f.items)
	*f = findings{reasons: f.reasons[:0], outcomes: f.outcomes[:0], matches: f.matches[:0], locations: f.locations[:0], items: f.items[:0]}
	if cap(f.reasons) > maxKept || cap(f.matches) > maxKept || cap(f.locations) > maxKept || cap(f.items) > maxKept {
		*f = findings{} // an outsized request's scratch is not kept
	}
	sc.s, sc.w, sc.geo, sc.req, sc.place = nil, nil, nil, Request{}, placeRules{}
	sc.date, sc.now = time.Time{}, time.Time{}
	if cap(sc.m.b) > 64<<10 {
		sc.m.b = nil
	}
	screenings.Put(sc)
}

// maxKept bounds the records a pooled screening keeps room for.
const maxKept = 256

// findings are what the steps of one screening found, in the order found.
// The reasons are scratch, copied into the decision in rank order; the
// records are handed over to it (see handOver).
type findings struct {
	reasons   []Reason
	outcomes  []rules.Outcome // parallel to reasons
	matches   []MatchRecord
	locations []LocationRecord
	items     []ItemRecord
}

// run screens the request, step by step. Each step records what it finds;
// the values passed between steps are the steps' inputs and outputs.
func (sc *screening) run(ctx context.Context) {
	sc.date = sc.asOfDate()  // request_checks.go
	sc.somethingToScreen()   // request_checks.go
	dest := sc.destination() // places.go
	pf := sc.parties(ctx)    // parties.go, names.go, owners.go
	if ctx.Err() != nil {
		return
	}
	declared := declaredCountries(sc.countries.declared[:0], dest, pf.countries)
	sc.ips(declared)                       // ips.go, iplocation.go
	sc.itemChecks(dest, pf.hqs, pf.behalf) // items.go
	sc.locationEvidence(ctx)               // location.go, location_attested.go
	sc.dataChecks()                        // datachecks.go
}

// add records a reason whose outcome comes from the policy's mapping.
func (sc *screening) add(code rules.ReasonCode, msg, citation string, ev map[string]any) {
	sc.addOutcome(sc.w.policy.OutcomeFor(code), code, msg, citation, ev)
}

// addCited records a reason whose citation is its code's fixed one in the
// registry (rules.ReasonInfo.Fixed).
func (sc *screening) addCited(code rules.ReasonCode, msg string, ev map[string]any) {
	sc.add(code, msg, code.Info().Citation, ev)
}

func (sc *screening) addOutcome(o rules.Outcome, code rules.ReasonCode, msg, citation string, ev map[string]any) {
	sc.reasons = append(sc.reasons, Reason{Code: string(code), Outcome: o.String(), Message: msg, Citation: citation, Evidence: ev})
	sc.outcomes = append(sc.outcomes, o)
}

func (sc *screening) invalid(field, value, msg string) {
	sc.addCited(rules.ReasonInputInvalid, fmt.Sprintf("The request field %s could not be read (%s: %q); it was not screened and needs review.", field, msg, value),
		map[string]any{"field": field, "value": value, "problem": msg})
}

// missing records a field the request needs and left empty.
func (sc *screening) missing(field, msg string) {
	sc.addCited(rules.ReasonInputInvalid, msg, map[string]any{"field": field, "value": "", "problem": "missing"})
}

func withEvidence(ev map[string]any, k string, v any) map[string]any {
	if ev == nil {
		ev = map[string]any{}
	}
	ev[k] = v
	return ev
}

func appendCountry(cs []rules.Country, c rules.Country) []rules.Country {
	if c.IsValid() && !slices.Contains(cs, c) {
		cs = append(cs, c)
	}
	return cs
}

// dedupeOwn is dedupe for a slice the caller owns and no longer needs: it
// filters ss in place.
func dedupeOwn(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func dedupe(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// declaredCountries appends to declared the countries the request
// declares: the destination's, then the parties', each once.
func declaredCountries(declared []rules.Country, dest rules.Destination, parties []rules.Country) []rules.Country {
	declared = appendCountry(declared, dest.Country)
	for _, c := range parties {
		declared = appendCountry(declared, c)
	}
	return declared
}

// decision assembles the Decision: reasons ranked by outcome (most severe
// first, otherwise in the order found), the overall outcome the most severe.
func (sc *screening) decision() Decision {
	var buf [32]int
	idx := buf[:0]
	for i := range sc.reasons {
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(sc.outcomes[b], sc.outcomes[a]) })
	reasons := make([]Reason, len(idx))
	top := rules.OutcomeAllow
	for i, j := range idx {
		reasons[i] = sc.reasons[j]
		top = max(top, sc.outcomes[j])
	}
	if sc.dayText == "" || !sc.day.Equal(sc.date) {
		sc.day, sc.dayText = sc.date, sc.date.Format(time.DateOnly)
	}
	d := Decision{
		ID: sc.req.ID, Outcome: top.String(), Reasons: reasons,
		Matches: handOver(&sc.matches), Locations: handOver(&sc.locations), Items: handOver(&sc.items),
		Versions: sc.w.versions, AsOf: sc.dayText,
	}
	return d
}

// handOver returns the records *s for the decision to keep, and leaves *s
// nil: the steps size these slices for the request, so a decision takes
// them as they are rather than a copy, and the next screening starts its
// own. None is an empty, non-nil slice (JSON []).
func handOver[T any](s *[]T) []T {
	out := *s
	*s = nil
	if len(out) == 0 {
		return []T{}
	}
	return out
}
