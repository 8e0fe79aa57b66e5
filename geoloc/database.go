package geoloc

import (
	"fmt"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/oschwald/maxminddb-golang/v2"
)

// database is one opened MaxMind DB.
type database struct {
	info   DBInfo
	reader *maxminddb.Reader
	idx    uint64 // 1 + position in its snapshot, for FieldSource keys

	// Decoded records by data-section offset. Records are deduplicated in
	// a MaxMind DB, so a few hundred offsets cover most lookups; a slot
	// holds one record and is overwritten on collision.
	geoCache  [cacheSlots]atomic.Pointer[geoResult]
	anonCache [cacheSlots]atomic.Pointer[anonResult]
}

const cacheSlots = 1024

func cacheSlot(off uintptr) uintptr {
	return uintptr(uint64(off)*0x9E3779B97F4A7C15>>54) & (cacheSlots - 1)
}

// geoResult is a decoded City/Country/Enterprise/country-code record in
// Location form.
type geoResult struct {
	off          uintptr
	country      string
	registered   string
	represented  string
	repType      string
	claims       []CountryClaim // shared, read-only; nil unless disputed
	subdivisions []string       // shared, read-only
	city         string
	accuracy     int
}

type anonResult struct {
	off uintptr
	anonymizerRecord
}

func (d *database) lookupError(addr netip.Addr, err error) error {
	return &DatabaseError{Name: d.info.Name, Path: d.info.Path, Op: "lookup", Err: fmt.Errorf("%s: %w", addr, err)}
}

// geo returns the decoded geographic record of a found lookup.
func (d *database) geo(res maxminddb.Result) (*geoResult, error) {
	off := res.Offset()
	slot := &d.geoCache[cacheSlot(off)]
	if g := slot.Load(); g != nil && g.off == off {
		return g, nil
	}
	g := &geoResult{off: off}
	if d.info.Type == TypeCountryCode {
		var r countryCodeRecord
		if err := res.Decode(&r); err != nil {
			return nil, err
		}
		g.country = countryCode(r.CountryCode)
		g.claims = disputedClaims(g.country, r.CountryClaims)
	} else {
		var r geoRecord
		if err := res.Decode(&r); err != nil {
			return nil, err
		}
		g.country = countryCode(r.Country.ISOCode)
		g.registered = countryCode(r.RegisteredCountry.ISOCode)
		g.represented = countryCode(r.RepresentedCountry.ISOCode)
		if g.represented != "" {
			g.repType = r.RepresentedCountry.Type
		}
		g.city = r.City.Names.EN
		g.accuracy = int(r.Location.AccuracyRadius)
		if g.country != "" {
			for _, sd := range r.Subdivisions {
				if sd.ISOCode != "" {
					g.subdivisions = append(g.subdivisions, g.country+"-"+sd.ISOCode)
				}
			}
			g.subdivisions = slices.Clip(g.subdivisions)
		}
	}
	slot.Store(g)
	return g, nil
}

// anonymizer returns the decoded anonymizer record of a found lookup.
func (d *database) anonymizer(res maxminddb.Result) (*anonResult, error) {
	off := res.Offset()
	slot := &d.anonCache[cacheSlot(off)]
	if a := slot.Load(); a != nil && a.off == off {
		return a, nil
	}
	a := &anonResult{off: off}
	if err := res.Decode(&a.anonymizerRecord); err != nil {
		return nil, err
	}
	slot.Store(a)
	return a, nil
}

// source is a database to open: a file or bytes.
type source struct {
	name     string
	path     string
	bytes    []byte
	embedded bool
}

func (s source) String() string {
	if s.path != "" {
		return s.path
	}
	return s.name
}

// open opens, classifies and (unless skipVerify) verifies a database.
func (s source) open(skipVerify bool) (*database, error) {
	var (
		r   *maxminddb.Reader
		err error
	)
	name := s.name
	if s.path != "" {
		if name == "" {
			name = filepath.Base(s.path)
		}
		r, err = maxminddb.Open(s.path)
	} else {
		r, err = maxminddb.OpenBytes(s.bytes)
	}
	if err != nil {
		return nil, &DatabaseError{Name: name, Path: s.path, Op: "open", Err: fmt.Errorf("%w: %w", ErrInvalidDatabase, err)}
	}
	typ, ok := classify(r.Metadata.DatabaseType)
	if !ok {
		_ = r.Close()
		return nil, &DatabaseError{Name: name, Path: s.path, Op: "open",
			Err: fmt.Errorf("%w %q", ErrUnknownDatabaseType, r.Metadata.DatabaseType)}
	}
	if !skipVerify {
		// The verifier insists on a non-empty description, which
		// third-party country-code databases (ip-location-db) omit. It
		// is informational only, so stand one in for the check.
		desc := r.Metadata.Description
		if len(desc) == 0 {
			r.Metadata.Description = map[string]string{"en": "(no description)"}
		}
		err := r.Verify()
		r.Metadata.Description = desc
		if err != nil {
			_ = r.Close()
			return nil, &DatabaseError{Name: name, Path: s.path, Op: "verify", Err: fmt.Errorf("%w: %w", ErrInvalidDatabase, err)}
		}
	}
	return &database{
		info: DBInfo{
			Name:         name,
			Type:         typ,
			DatabaseType: r.Metadata.DatabaseType,
			Path:         s.path,
			BuildTime:    r.Metadata.BuildTime().UTC(),
			Embedded:     s.embedded,
		},
		reader: r,
	}, nil
}

// classify maps a database_type from MaxMind DB metadata to a Type*
// constant. GeoIP2, GeoLite2 and DB-IP names follow the schemas MaxMind
// documents; any other type containing "country" is read as a plain
// {"country_code": "XX"} database (the ip-location-db and embedded format).
func classify(dbType string) (string, bool) {
	switch dbType {
	case "GeoIP2-Anonymous-IP":
		return TypeAnonymousIP, true
	case "GeoIP-Anonymous-Plus":
		return TypeAnonymousPlus, true
	case "GeoIP2-Country", "GeoLite2-Country", "DBIP-Country-Lite", "DBIP-Country":
		return TypeCountry, true
	case "GeoIP2-City", "GeoLite2-City", "GeoIP2-Precision-City", "GeoIP-City-Redacted-US",
		"GeoIP2-City-Africa", "GeoIP2-City-Asia-Pacific", "GeoIP2-City-Europe",
		"GeoIP2-City-North-America", "GeoIP2-City-South-America",
		"DBIP-City-Lite", "DBIP-Location (compat=City)":
		return TypeCity, true
	case "GeoIP2-Enterprise", "GeoIP2-Precision-Enterprise", "GeoIP-Enterprise-Redacted-US",
		"DBIP-ISP (compat=Enterprise)", "DBIP-Location-ISP (compat=Enterprise)":
		return TypeEnterprise, true
	}
	lower := strings.ToLower(dbType)
	if strings.HasPrefix(lower, "geoip") || strings.HasPrefix(lower, "geolite") || strings.HasPrefix(lower, "dbip") {
		// A MaxMind or DB-IP product this package does not read (ASN,
		// ISP, Domain, ...): its records have no country_code.
		return "", false
	}
	if strings.Contains(lower, "country") {
		return TypeCountryCode, true
	}
	return "", false
}

// rank orders geographic databases: the most detailed answers first.
func rank(typ string) int {
	switch typ {
	case TypeEnterprise:
		return 0
	case TypeCity:
		return 1
	case TypeCountry:
		return 2
	case TypeCountryCode:
		return 3
	case TypeAnonymousPlus:
		return 10
	case TypeAnonymousIP:
		return 11
	}
	return 100
}

func isAnonymizerType(typ string) bool {
	return typ == TypeAnonymousIP || typ == TypeAnonymousPlus
}

// Record layouts: only the fields a Location needs are decoded.

type isoRecord struct {
	ISOCode string `maxminddb:"iso_code"`
}

type geoRecord struct {
	City struct {
		Names struct {
			EN string `maxminddb:"en"`
		} `maxminddb:"names"`
	} `maxminddb:"city"`
	Country            isoRecord `maxminddb:"country"`
	RegisteredCountry  isoRecord `maxminddb:"registered_country"`
	RepresentedCountry struct {
		ISOCode string `maxminddb:"iso_code"`
		Type    string `maxminddb:"type"`
	} `maxminddb:"represented_country"`
	Subdivisions []isoRecord `maxminddb:"subdivisions"`
	Location     struct {
		AccuracyRadius uint16 `maxminddb:"accuracy_radius"`
	} `maxminddb:"location"`
}

type countryCodeRecord struct {
	CountryCode   string        `maxminddb:"country_code"`
	CountryClaims []claimRecord `maxminddb:"country_claims"`
}

// claimRecord is one entry of country_claims: a source of a merged
// country-code database and its answer (see geoloc/internal/gen/countrydb).
type claimRecord struct {
	Source      string `maxminddb:"source"`
	CountryCode string `maxminddb:"country_code"`
}

// disputedClaims returns the claims of a record whose country is country,
// that country's claim first, when at least two of them name different
// countries; otherwise nil.
func disputedClaims(country string, rs []claimRecord) []CountryClaim {
	var out []CountryClaim
	disputed := false
	for _, r := range rs {
		cc := countryCode(r.CountryCode)
		if cc == "" {
			continue
		}
		if len(out) > 0 && cc != out[0].Country {
			disputed = true
		}
		out = append(out, CountryClaim{Source: r.Source, Country: cc})
	}
	if !disputed || country == "" {
		return nil
	}
	slices.SortStableFunc(out, func(a, b CountryClaim) int {
		switch {
		case a.Country == country && b.Country != country:
			return -1
		case b.Country == country && a.Country != country:
			return 1
		}
		return 0
	})
	return slices.Clip(out)
}

func (r *anonymizerRecord) signal() bool {
	return r.IsAnonymous || r.IsAnonymousVPN || r.IsTorExitNode || r.IsHostingProvider ||
		r.IsPublicProxy || r.IsResidentialProxy || r.AnonymizerConfidence != 0 || r.ProviderName != ""
}

type anonymizerRecord struct {
	ProviderName         string `maxminddb:"provider_name"`
	AnonymizerConfidence uint16 `maxminddb:"anonymizer_confidence"`
	IsAnonymous          bool   `maxminddb:"is_anonymous"`
	IsAnonymousVPN       bool   `maxminddb:"is_anonymous_vpn"`
	IsHostingProvider    bool   `maxminddb:"is_hosting_provider"`
	IsPublicProxy        bool   `maxminddb:"is_public_proxy"`
	IsResidentialProxy   bool   `maxminddb:"is_residential_proxy"`
	IsTorExitNode        bool   `maxminddb:"is_tor_exit_node"`
}

// countryCode returns code if it names a country, "" for the pseudo-codes
// some registries and data sets use for "no single country": "AP"
// (Asia/Pacific region), "EU" (Europe), "ZZ", "XX", "--" and the old GeoIP
// "A1", "A2", "O1".
func countryCode(code string) string {
	switch code {
	case "AP", "EU", "ZZ", "XX", "--", "A1", "A2", "O1":
		return ""
	}
	return code
}
