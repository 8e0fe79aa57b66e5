package geoloc

import (
	"net/netip"
	"time"
)

// Location is what the configured databases say about one IP address.
//
// The zero value means "nothing known". A Location is a plain value; the
// Sources and Subdivisions slices may be shared between Locations returned
// by the same Locator and must not be modified.
type Location struct {
	// IP is the address that was looked up, after unmapping IPv4-mapped
	// IPv6 addresses and dropping any zone.
	IP netip.Addr
	// Network is the most specific network containing IP that every
	// consulted database treats as one block: the whole Location holds for
	// every address in it. It is invalid for not-routable addresses.
	Network netip.Prefix

	// Country is the ISO 3166-1 alpha-2 code of the country where the
	// address is located, "" if unknown.
	Country string
	// CountryClaims is non-nil when the database that answered Country
	// records that its own sources disagree about the country: one claim
	// per source, the one Country follows first. The embedded default
	// database does this where geo-whois-asn-country and iptoasn-country
	// differ. A disputed Country is a best guess, not a finding. The slice
	// is shared with other Locations and must not be modified.
	CountryClaims []CountryClaim
	// RegisteredCountry is the ISO 3166-1 alpha-2 code of the country in
	// which the ISP registered the network, "" if unknown.
	RegisteredCountry string
	// RepresentedCountry is the ISO 3166-1 alpha-2 code of the country
	// represented by users of the address (for example a military base
	// abroad), "" if none.
	RepresentedCountry string
	// RepresentedType is the kind of representation, such as "military".
	RepresentedType string

	// Subdivisions are ISO 3166-2 codes, largest first, formed as the
	// country code, "-", and the subdivision code from the database
	// ("UA-43"). They are passed through as the database has them. The
	// slice is shared with other Locations: copy it before changing it.
	Subdivisions []string
	// City is the English city name, "" if unknown.
	City string
	// AccuracyRadiusKM is the database's accuracy radius in kilometres, 0
	// if the database gives none.
	AccuracyRadiusKM int

	// Anonymizer holds the anonymizer signals.
	Anonymizer Anonymizer

	// NotRoutable is "" for addresses on the public internet, otherwise the
	// reason the address was not looked up: "unspecified", "loopback",
	// "private", "cgnat", "link-local", "documentation", "benchmarking",
	// "multicast", "broadcast" or "reserved".
	NotRoutable string
	// Found reports whether any database had a record for the address.
	Found bool
	// Sources names, for every field that has a value, the database that
	// supplied it.
	Sources []FieldSource
}

// Routable reports whether the address is on the public internet.
func (l Location) Routable() bool { return l.NotRoutable == "" }

// Source returns the source of the named field (see the Field* constants)
// and whether that field has one.
func (l Location) Source(field string) (FieldSource, bool) {
	for _, s := range l.Sources {
		if s.Field == field {
			return s, true
		}
	}
	return FieldSource{}, false
}

// Anonymizer holds the anonymizer signals from the GeoIP2 Anonymous IP and
// GeoIP Anonymous Plus databases.
type Anonymizer struct {
	// Anonymous is true if any anonymizer signal applies.
	Anonymous bool
	// VPN marks a known anonymous VPN provider.
	VPN bool
	// Tor marks a Tor exit node.
	Tor bool
	// Hosting marks a hosting or VPN provider network.
	Hosting bool
	// PublicProxy marks a public proxy.
	PublicProxy bool
	// ResidentialProxy marks a residential proxy.
	ResidentialProxy bool
	// Confidence is the Anonymous Plus anonymizer confidence (1-99), 0 if
	// not given.
	Confidence int
	// Provider is the Anonymous Plus provider name, "" if not given.
	Provider string
	// Checked reports that an anonymizer database was consulted, so that
	// all-false flags mean "not known to be an anonymizer" rather than
	// "not checked".
	Checked bool
}

// CountryClaim is one source's answer for the country of an address.
type CountryClaim struct {
	// Source names the data set, such as "geo-whois-asn-country".
	Source string
	// Country is its ISO 3166-1 alpha-2 code.
	Country string
}

// Field names used in FieldSource.Field.
const (
	FieldCountry            = "country"
	FieldRegisteredCountry  = "registered_country"
	FieldRepresentedCountry = "represented_country"
	FieldSubdivisions       = "subdivisions"
	FieldCity               = "city"
	FieldAccuracyRadius     = "accuracy_radius"
	FieldAnonymizer         = "anonymizer"
)

// FieldSource names the database that answered one field of a Location.
type FieldSource struct {
	// Field is one of the Field* constants.
	Field string
	// Database is the DBInfo.Name of the database.
	Database string
	// BuildTime is the build time from the database metadata.
	BuildTime time.Time
}

// Database types reported in DBInfo.Type.
const (
	TypeCity          = "city"
	TypeCountry       = "country"
	TypeEnterprise    = "enterprise"
	TypeAnonymousIP   = "anonymous-ip"
	TypeAnonymousPlus = "anonymous-plus"
	TypeCountryCode   = "country-code"
)

// DBInfo describes one database of a Locator.
type DBInfo struct {
	// Name identifies the database in FieldSource: the file's base name,
	// the name given to WithBytes, or EmbeddedName.
	Name string
	// Type is one of the Type* constants.
	Type string
	// DatabaseType is the database_type string from the file's metadata.
	DatabaseType string
	// Path is the file path, "" for databases given as bytes.
	Path string
	// BuildTime is the build time from the database metadata.
	BuildTime time.Time
	// Embedded marks the embedded default database.
	Embedded bool
}
