package screening

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
)

// CountryClaimRecord is one source's answer for the country of a client IP
// whose geolocation sources disagree (geoloc.Location.CountryClaims).
type CountryClaimRecord struct {
	Source  string `json:"source"`
	Country string `json:"country"`
}

func claimRecords(cs []geoloc.CountryClaim) []CountryClaimRecord {
	if len(cs) == 0 {
		return nil
	}
	out := make([]CountryClaimRecord, len(cs))
	for i, c := range cs {
		out[i] = CountryClaimRecord{Source: c.Source, Country: c.Country}
	}
	return out
}

// locate looks addr up in the databases pinned for this screening, the
// ones the decision names.
func (sc *screening) locate(addr netip.Addr) (geoloc.Location, error) {
	if sc.geo == nil {
		return geoloc.Location{IP: addr}, geoloc.ErrClosed
	}
	return sc.geo.Locate(addr)
}

// ipPlace judges where a located client IP is. d is the place the
// geolocation data gives (a region where a subdivision is an embargoed
// region). Where the data's sources agree it is checked as a place. Where
// they disagree and any answer is a country or region of concern, the
// location is uncertain: ip.location_uncertain with every answer as
// evidence, never a deny on a disputed location.
func (sc *screening) ipPlace(loc geoloc.Location, d rules.Destination, evidence func() map[string]any) {
	if len(loc.CountryClaims) == 0 {
		sc.checkPlace(ipCodes, d, evidence)
		return
	}
	ev := evidence()
	ev["country_claims"] = claimRecords(loc.CountryClaims)
	var concerns []map[string]any
	var why, cites []string
	judge := func(source string, dest rules.Destination) {
		region := dest.Region.IsValid()
		if pr := sc.rulesFor(dest); pr.embargoed {
			e := pr.embargo
			// The same codes as checkPlace gives an undisputed location.
			code, what := rules.ReasonIPEmbargoed, "is embargoed"
			place := e.Destination.Country.String()
			if e.Region {
				code, place = rules.ReasonIPRegionEmbargoed, e.Destination.Region.String()
			}
			if e.Approximate {
				code, what = rules.ReasonIPRegionApproximated, "stands for an embargoed area it only approximates"
			}
			concerns = append(concerns, map[string]any{"place": place, "source": source, "reason": string(code), "program": e.Program})
			why = append(why, fmt.Sprintf("%s %s (%s)", placeName(e.Destination), what, e.Program))
			cites = append(cites, e.Citation)
			return
		}
		if region {
			dest = rules.Destination{Country: dest.Country}
		}
		if ps := sc.rulesFor(dest).concern; len(ps) > 0 {
			concerns = append(concerns, map[string]any{"place": dest.Country.String(), "source": source, "reason": string(rules.ReasonIPCountryOfConcern), "profiles": profileNames(ps)})
			why = append(why, fmt.Sprintf("%s is a country of concern under %s", placeName(dest), strings.Join(profileNames(ps), ", ")))
			for _, p := range ps {
				cites = append(cites, p.Citation)
			}
		}
	}
	for i, c := range loc.CountryClaims {
		dest := d // the answer Country follows, with its region
		if i > 0 || c.Country != d.Country.String() {
			cc, err := rules.ParseCountry(c.Country)
			if err != nil {
				continue
			}
			dest = rules.Destination{Country: cc}
		}
		judge(c.Source, dest)
	}
	if len(concerns) == 0 {
		sc.checkPlace(ipCodes, d, func() map[string]any { return ev })
		return
	}
	var said []string
	for _, c := range loc.CountryClaims {
		said = append(said, fmt.Sprintf("%s by %s", c.Country, c.Source))
	}
	ev["concerns"] = concerns
	sc.add(rules.ReasonIPLocationUncertain,
		fmt.Sprintf("The geolocation sources disagree about the client IP %v: it is placed in %s. %s; the location cannot be relied on either way.",
			ev["ip"], strings.Join(said, ", "), strings.Join(why, "; ")),
		strings.Join(dedupe(append([]string{citeKYC}, cites...)), "; "), ev)
}

// ipMismatch raises ip.country_mismatch when no country the geolocation
// data gives for the IP is a declared country: its country, the country of
// the region it places the IP in (Ukraine for Crimea, which some databases
// file under Russia as RU-CR), or any of the disputed answers. ipAny is ip
// as an evidence value.
func (sc *screening) ipMismatch(ip string, ipAny any, loc geoloc.Location, country, regionCountry rules.Country, declared []rules.Country) {
	if len(declared) == 0 {
		return
	}
	for _, c := range declared {
		if c == country || c == regionCountry || claimed(loc.CountryClaims, c) {
			return
		}
	}
	decl := make([]string, len(declared))
	for j, c := range declared {
		decl[j] = countryText(c)
	}
	ev := map[string]any{"ip": ipAny, "ip_country": countryAny(country), "declared": decl}
	m := sc.msg()
	m.s("The client IP ").s(ip).s(" is located in ").place(rules.Destination{Country: country})
	if len(loc.CountryClaims) > 0 {
		ev["country_claims"] = claimRecords(loc.CountryClaims)
		m.s(" (the sources disagree: ")
		for i, c := range loc.CountryClaims {
			if i > 0 {
				m.s(", ")
			}
			m.s(c.Country).s(" by ").s(c.Source)
		}
		m.s(")")
	}
	m.s(", but the declared countries are ")
	for i, d := range decl {
		if i > 0 {
			m.s(", ")
		}
		m.s(d)
	}
	m.s(".")
	sc.addCited(rules.ReasonIPCountryMismatch, m.done(), ev)
}

// claimed reports whether any of the geolocation sources' answers is c.
func claimed(claims []geoloc.CountryClaim, c rules.Country) bool {
	for _, cl := range claims {
		if cl.Country == c.String() {
			return true
		}
	}
	return false
}
