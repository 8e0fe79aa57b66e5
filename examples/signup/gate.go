package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
)

// gate returns the decide callback of geoloc.Middleware: it blocks clients
// located in a country or region under a comprehensive embargo
// (Policy.Embargo) or in a country of concern (Policy.ConcernProfiles) on
// the day of the request, with an explanation for the 451 page. Clients
// the data cannot place (not routable, no country) or places only in
// dispute (its sources disagree) pass: the screening that follows gives
// them a reason of its own (ip.not_routable, ip.unknown,
// ip.location_uncertain) and the policy's outcome for it.
//
// Every refusal is logged with the address, where it was placed and why,
// as the record of the refusal.
func gate(policy func() *rules.Policy, now func() time.Time, logger *slog.Logger) func(*http.Request, geoloc.Location) (bool, string) {
	return func(r *http.Request, loc geoloc.Location) (bool, string) {
		why, blocked := blockReason(policy(), loc, now())
		if blocked {
			logger.LogAttrs(r.Context(), slog.LevelInfo, "signup refused by location",
				slog.String("ip", loc.IP.String()), slog.String("ip_country", loc.Country),
				slog.Any("subdivisions", loc.Subdivisions), slog.String("why", why))
		}
		return blocked, why
	}
}

// blockReason says why a client at loc may not sign up on date, or
// reports false.
func blockReason(p *rules.Policy, loc geoloc.Location, date time.Time) (string, bool) {
	if !loc.Routable() || !loc.Found {
		return "", false
	}
	// A location whose sources disagree (loc.CountryClaims) is not a
	// finding to refuse on: the screening that follows gives it
	// ip.location_uncertain with every answer, for review.
	if len(loc.CountryClaims) > 0 {
		return "", false
	}
	// A sanctioned region first: MaxMind writes Crimea as UA-43, other data
	// as RU-CR; NormalizeRegionCode gives the ISO region for both.
	for _, sub := range loc.Subdivisions {
		r, ok := rules.NormalizeRegionCode(sub)
		if !ok {
			continue
		}
		d := rules.Destination{Country: r.Country(), Region: r}
		if e, ok := p.Embargo(d, date); ok {
			return explain(loc, d, fmt.Sprintf("under a comprehensive embargo (%s; %s)", e.Program, e.Citation)), true
		}
	}
	c, err := rules.ParseCountry(loc.Country)
	if err != nil {
		return "", false
	}
	d := rules.Destination{Country: c}
	if e, ok := p.Embargo(d, date); ok {
		return explain(loc, d, fmt.Sprintf("under a comprehensive embargo (%s; %s)", e.Program, e.Citation)), true
	}
	if prs := p.ConcernProfiles(d, date); len(prs) > 0 {
		names := make([]string, len(prs))
		var cites []string
		for i, pr := range prs {
			names[i] = pr.Name
			if pr.Citation != "" && !contains(cites, pr.Citation) {
				cites = append(cites, pr.Citation)
			}
		}
		return explain(loc, d, fmt.Sprintf("a country of concern under this service's export-control policy (%s; %s)",
			strings.Join(names, ", "), strings.Join(cites, "; "))), true
	}
	return "", false
}

func explain(loc geoloc.Location, d rules.Destination, what string) string {
	place := fmt.Sprintf("%s (%s)", d.Country.Name(), d.Country)
	if d.Region.IsValid() {
		place = fmt.Sprintf("%s (%s)", d.Region.Name(), d.Region)
	}
	return fmt.Sprintf("sign-ups are not accepted from %s, which is %s. "+
		"Your network address %s is located there by the geolocation data%s. "+
		"If you believe this is wrong, contact support.",
		place, what, loc.IP, databases(loc))
}

func databases(loc geoloc.Location) string {
	if s, ok := loc.Source(geoloc.FieldCountry); ok {
		return fmt.Sprintf(" (%s, built %s)", s.Database, s.BuildTime.UTC().Format(time.DateOnly))
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// parsePrefixes reads trusted proxy networks: CIDR prefixes ("10.0.0.0/8",
// "2001:db8::/32") or single addresses ("203.0.113.7"), separated by
// commas or spaces. A prefix with host bits set is refused: "10.0.0.1/8"
// is most likely a typing error for 10.0.0.1/32 or 10.0.0.0/8.
func parsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", f, err)
			}
			if p != p.Masked() {
				return nil, fmt.Errorf("trusted proxy %q: host bits set (did you mean %s?)", f, p.Masked())
			}
			if p.Addr().Zone() != "" {
				return nil, fmt.Errorf("trusted proxy %q: zones are not allowed", f)
			}
			if p.Addr().Is4In6() {
				// Peers are compared as plain IPv4 addresses.
				if p.Bits() < 96 {
					return nil, fmt.Errorf("trusted proxy %q: an IPv4-mapped prefix needs at least 96 bits", f)
				}
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			out = append(out, p)
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want a CIDR prefix or an IP address: %w", f, err)
		}
		if a.Zone() != "" {
			return nil, fmt.Errorf("trusted proxy %q: zones are not allowed", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
