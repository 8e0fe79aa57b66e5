package screening

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
)

// ips is the client-IP step: it locates each client IP and checks where it
// is against the policy (embargoes, countries of concern), against the
// declared countries (the destination's and the parties'), and for
// anonymizers.
func (sc *screening) ips(declared []rules.Country) {
	sc.locations = slices.Grow(sc.locations, len(sc.req.IPs))
	for i, text := range sc.req.IPs {
		sc.ip(i, text, declared)
	}
}

// ip checks the client IP text, the request's ips[i].
func (sc *screening) ip(i int, text string, declared []rules.Country) {
	addr, err := geoloc.ParseIP(text)
	if err != nil {
		sc.invalid("ips["+strconv.Itoa(i)+"]", text, "not an IP address")
		return
	}
	ip := ipText(addr, text)
	if sc.w.geo == nil {
		sc.addCited(rules.ReasonDataMissing, fmt.Sprintf("No geolocation database is configured, so the client IP %s could not be located.", ip),
			map[string]any{"ip": ip, "missing": "geolocation database"})
		return
	}
	loc, err := sc.locate(addr)
	if err != nil {
		sc.addCited(rules.ReasonDataMissing, fmt.Sprintf("The client IP %s could not be located: %v.", ip, err),
			map[string]any{"ip": ip, "error": err.Error()})
		return
	}
	rec := locationRecord(loc, addr, ip)
	sc.locations = append(sc.locations, rec)
	// The evidence is made only for a reason: most IPs raise none.
	var ipAny any = ip
	evidence := func() map[string]any {
		ev := map[string]any{"ip": ipAny}
		if rec.Network != "" {
			ev["network"] = rec.Network
		}
		if len(rec.Databases) > 0 {
			ev["databases"] = rec.Databases
		}
		return ev
	}
	if loc.NotRoutable != "" {
		ev := evidence()
		ev["not_routable"] = loc.NotRoutable
		sc.addCited(rules.ReasonIPNotRoutable, fmt.Sprintf("The client IP %s is not on the public internet (%s); it says nothing about location.", ip, loc.NotRoutable),
			ev)
		return
	}
	country, cerr := rules.ParseCountry(loc.Country)
	if !loc.Found || cerr != nil {
		sc.addCited(rules.ReasonIPUnknown, fmt.Sprintf("The client IP %s has no country in the geolocation data.", ip), evidence())
	} else {
		d, subdivision := sc.ipDestination(country, loc.Subdivisions)
		sc.ipPlace(loc, d, func() map[string]any {
			ev := evidence()
			ev["country"] = countryAny(country)
			if subdivision != "" {
				ev["subdivision"] = subdivision
			}
			return ev
		})
		sc.ipMismatch(ip, ipAny, loc, country, d.Country, declared)
	}
	if a := loc.Anonymizer; a.Anonymous || a.VPN || a.Tor || a.Hosting || a.PublicProxy || a.ResidentialProxy {
		sc.addCited(rules.ReasonIPAnonymizer, fmt.Sprintf("The client IP %s belongs to %s; its location cannot be trusted.", ip, anonymizerKinds(a)),
			map[string]any{"ip": ip, "signals": anonymizerList(a), "provider": a.Provider})
	}
}

// ipDestination is the place a client IP located in country is checked
// as: the first of its subdivisions that is an embargoed region (Crimea,
// wherever a database files it), with that subdivision as given, or else
// the country.
func (sc *screening) ipDestination(country rules.Country, subdivisions []string) (rules.Destination, string) {
	for _, sub := range subdivisions {
		if r, ok := rules.NormalizeRegionCode(sub); ok {
			d := rules.Destination{Country: r.Country(), Region: r}
			if pr := sc.rulesFor(d); pr.embargoed && pr.embargo.Region {
				return d, sub
			}
		}
	}
	return rules.Destination{Country: country}, ""
}

func anonymizerList(a geoloc.Anonymizer) []string {
	var out []string
	for _, f := range []struct {
		on   bool
		name string
	}{{a.VPN, "vpn"}, {a.Tor, "tor_exit"}, {a.Hosting, "hosting"}, {a.PublicProxy, "public_proxy"}, {a.ResidentialProxy, "residential_proxy"}, {a.Anonymous, "anonymous"}} {
		if f.on {
			out = append(out, f.name)
		}
	}
	return out
}

func anonymizerKinds(a geoloc.Anonymizer) string {
	names := map[string]string{"vpn": "a VPN", "tor_exit": "a Tor exit node", "hosting": "a hosting provider",
		"public_proxy": "a public proxy", "residential_proxy": "a residential proxy", "anonymous": "an anonymizing network"}
	var parts []string
	for _, k := range anonymizerList(a) {
		parts = append(parts, names[k])
	}
	return strings.Join(parts, ", ")
}

// locationRecord is the decision's record of loc; ip is addr as text, used
// when loc is addr's location (it nearly always is).
func locationRecord(loc geoloc.Location, addr netip.Addr, ip string) LocationRecord {
	rec := LocationRecord{
		IP: ip, Country: loc.Country, CountryClaims: claimRecords(loc.CountryClaims), RegisteredCountry: loc.RegisteredCountry,
		RepresentedCountry: loc.RepresentedCountry, Subdivisions: loc.Subdivisions, City: loc.City,
		NotRoutable: loc.NotRoutable, Found: loc.Found,
		Anonymizer: AnonymizerFlags{
			Checked: loc.Anonymizer.Checked, Anonymous: loc.Anonymizer.Anonymous, VPN: loc.Anonymizer.VPN, Tor: loc.Anonymizer.Tor,
			Hosting: loc.Anonymizer.Hosting, PublicProxy: loc.Anonymizer.PublicProxy, ResidentialProxy: loc.Anonymizer.ResidentialProxy,
			Confidence: loc.Anonymizer.Confidence, Provider: loc.Anonymizer.Provider,
		},
	}
	if loc.IP != addr {
		rec.IP = loc.IP.String()
	}
	if rec.Subdivisions == nil {
		rec.Subdivisions = []string{}
	}
	if loc.Network.IsValid() {
		var buf [64]byte
		rec.Network = string(loc.Network.AppendTo(buf[:0]))
	}
	for _, s := range loc.Sources {
		if !slices.Contains(rec.Databases, s.Database) {
			rec.Databases = append(rec.Databases, s.Database)
		}
	}
	return rec
}

// ipText is addr as text: text itself when it is already addr's canonical
// form, as it nearly always is, so that no new string is made.
func ipText(addr netip.Addr, text string) string {
	var buf [64]byte
	if b := addr.AppendTo(buf[:0]); string(b) == text {
		return text
	}
	return addr.String()
}
