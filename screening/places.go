package screening

import (
	"fmt"
	"strings"

	"github.com/exportguard/exportguard/rules"
)

// Places: the destination step, and the checks of a place (a destination
// or a client IP's location) against the policy's embargoes and countries
// of concern.

// placeRules is what the policy says of one place on the screening date.
type placeRules struct {
	d         rules.Destination
	set       bool
	concern   []*rules.Profile
	embargo   rules.Embargo
	embargoed bool
}

// rulesFor returns the concern profiles and embargo of d on the screening
// date: from the call's last answer for consecutive checks of the same
// place, otherwise from the world's cache.
func (sc *screening) rulesFor(d rules.Destination) *placeRules {
	if !sc.place.set || sc.place.d != d {
		sc.place = sc.w.places.get(sc.w.policy, d, sc.date)
	}
	return &sc.place
}

// destination is the destination step: it reads the request's
// destination and checks it for embargoes and countries of concern. It
// returns the destination, the zero Destination if none is given or it
// cannot be read.
func (sc *screening) destination() rules.Destination {
	if strings.TrimSpace(sc.req.Destination) == "" {
		return rules.Destination{}
	}
	d, ok := sc.resolve("destination", sc.req.Destination)
	if !ok {
		return rules.Destination{}
	}
	sc.checkPlace(destinationCodes, d, func() map[string]any {
		return map[string]any{"destination": d.String(), "as_given": sc.req.Destination}
	})
	return d
}

// placeCodes are the reason codes checkPlace raises for one kind of place.
type placeCodes struct {
	ip                         bool // the place is where a client IP is
	embargoed, regionEmbargoed rules.ReasonCode
	regionApproximated         rules.ReasonCode
	countryOfConcern           rules.ReasonCode
}

var (
	destinationCodes = placeCodes{
		embargoed:          rules.ReasonDestinationEmbargoed,
		regionEmbargoed:    rules.ReasonDestinationRegionEmbargoed,
		regionApproximated: rules.ReasonDestinationRegionApproximated,
		countryOfConcern:   rules.ReasonDestinationCountryOfConcern,
	}
	ipCodes = placeCodes{
		ip:                 true,
		embargoed:          rules.ReasonIPEmbargoed,
		regionEmbargoed:    rules.ReasonIPRegionEmbargoed,
		regionApproximated: rules.ReasonIPRegionApproximated,
		countryOfConcern:   rules.ReasonIPCountryOfConcern,
	}
)

// checkPlace raises embargo and country-of-concern reasons for a place, a
// destination or a client IP's location as codes says. evidence makes the
// reason's evidence; most places raise nothing, and it is then not made.
func (sc *screening) checkPlace(codes placeCodes, d rules.Destination, evidence func() map[string]any) {
	pr := sc.rulesFor(d)
	if pr.embargoed {
		sc.embargoedPlace(codes, pr.embargo, pr.concern, evidence())
		return
	}
	concern := pr.concern
	if len(concern) == 0 {
		return
	}
	ev := evidence()
	names := profileNames(concern)
	ev = withEvidence(ev, "profiles", names)
	m := sc.msg()
	if codes.ip {
		m.s("The client IP ").s(evidenceText(ev["ip"])).s(" is located in ").place(d).s(", which")
	} else {
		m.s("The destination ").place(d)
	}
	m.s(" is a country of concern under ")
	for i, n := range names {
		if i > 0 {
			m.s(", ")
		}
		m.s(n)
	}
	m.s(".")
	sc.add(codes.countryOfConcern, m.done(), profileCitations(concern), ev)
}

// embargoedPlace raises the embargo reason for a place under embargo e,
// also a country of concern under the profiles concern.
func (sc *screening) embargoedPlace(codes placeCodes, e rules.Embargo, concern []*rules.Profile, ev map[string]any) {
	ev = withEvidence(ev, "program", sc.interned(e.Program))
	if len(concern) > 0 {
		ev = withEvidence(ev, "profiles", profileNames(concern))
	}
	m := sc.msg()
	if codes.ip {
		m.s("The client IP ").s(evidenceText(ev["ip"])).s(" is located in ")
	} else {
		m.s("The destination is ")
	}
	code := codes.embargoed
	switch {
	case e.Approximate:
		// The oblast stands for the so-called DNR/LNR, which has no
		// boundary of its own: a person checks the place.
		code = codes.regionApproximated
		m.s("region ").place(e.Destination).s(", which stands for an embargoed area it only approximates (").s(e.Note).s("); check whether the place is inside it")
	case e.Region:
		code = codes.regionEmbargoed
		m.s("the embargoed region ").place(e.Destination)
	default:
		m.s("the embargoed destination ").place(e.Destination)
	}
	m.s(" (").s(e.Program).s(").")
	sc.add(code, m.done(), e.Citation, ev)
}

// profileCitations joins the citations of ps, each once.
func profileCitations(ps []*rules.Profile) string {
	if len(ps) == 1 {
		return ps[0].Citation
	}
	cites := make([]string, len(ps))
	for i, pr := range ps {
		cites[i] = pr.Citation
	}
	return strings.Join(dedupe(cites), "; ")
}

// evidenceText is an evidence value as %v prints it: the client IP, which
// the evidence holds as a string.
func evidenceText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// profileNames returns the names of ps.
func profileNames(ps []*rules.Profile) []string {
	names := make([]string, len(ps))
	for i, pr := range ps {
		names[i] = pr.Name
	}
	return names
}

func placeName(d rules.Destination) string {
	if d.Region.IsValid() {
		return fmt.Sprintf("%s (%s)", d.Region.Name(), d.Region)
	}
	return fmt.Sprintf("%s (%s)", d.Country.Name(), d.Country)
}
