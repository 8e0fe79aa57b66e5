// Package geoloc maps IP addresses to locations for export-control screening.
//
// A [Locator] reads MaxMind DB files: GeoIP2/GeoLite2 City, Country and
// Enterprise databases, the GeoIP2 Anonymous IP and GeoIP Anonymous Plus
// databases, the free ip-location-db city databases (country_code, state1,
// state2, city; the regions of Ukraine under Russian occupation are
// recognised by name), and plain country-code databases whose records are
// {"country_code": "XX"}. Each record schema is a format of its own file. One [Locator.Locate] call combines them into a
// [Location]: country, registered and represented country, ISO 3166-2
// subdivisions, city, accuracy radius, the network the answer holds for,
// anonymizer signals (VPN, Tor exit, hosting, public and residential proxy)
// and, for each field, the database and build date it came from.
//
// Without configured databases the Locator uses an embedded country-level
// database generated from two free sources, geo-whois-asn-country (CC BY
// 4.0, data from the NRO) and iptoasn-country (public domain), see
// [EmbeddedBuildTime], so callers can always get an answer and can say how
// old it is. Where the two sources disagree the Location says so
// ([Location.CountryClaims]).
//
// Addresses that are not on the public internet (private, loopback,
// link-local, CGNAT, documentation, multicast, ...) are not looked up: their
// Location carries the reason in NotRoutable. IPv4-mapped IPv6 addresses are
// unmapped first.
//
// The package speaks ISO codes as plain strings and imports nothing of the
// policy or screening packages. Codes are passed through exactly as the
// database has them (for example a Russian-style subdivision code for
// Crimea); normalising them is the caller's job.
//
// [Locator.View] pins the current databases, so that a caller can name
// the databases its answers came from while [Locator.Reload] swaps in new
// ones.
//
// For HTTP services, [ClientIP] finds the client address behind trusted
// proxies and [Middleware] locates every request, stores the Location in the
// request context ([FromContext]) and can refuse a request with status 451.
package geoloc
