package geoloc

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/oschwald/maxminddb-golang/v2"
)

// database is one opened MaxMind DB.
type database struct {
	info   DBInfo
	reader *maxminddb.Reader
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
		if err := r.Verify(); err != nil {
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
	CountryCode string `maxminddb:"country_code"`
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
