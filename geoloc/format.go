package geoloc

import (
	"errors"
	"strings"
)

// A format reads the records of one database schema into the parts of a
// Location. Supporting a new schema is one file: a type implementing
// format, listed in formats.
type format interface {
	// name identifies the schema in errors.
	name() string
	// classify reports whether the format reads databases whose metadata
	// database_type is dbType, and the Type* they are.
	classify(dbType string) (typ string, ok bool)
	// geo decodes a geographic record into g (whose offset is set).
	geo(rec record, g *geoResult) error
	// anonymizer decodes an anonymizer record into a.
	anonymizer(rec record, a *anonymizerRecord) error
}

// formats are tried in order; the first that classifies a database reads
// it.
var formats = []format{geoip2Format{}, anonymizerFormat{}, ipLocationDBCityFormat{}, countryCodeFormat{}}

// classify finds the format and Type* of a database from the
// database_type in its metadata.
func classify(dbType string) (format, string, bool) {
	for _, f := range formats {
		if typ, ok := f.classify(dbType); ok {
			return f, typ, true
		}
	}
	return nil, "", false
}

// maxmindProduct reports whether dbType names a MaxMind or DB-IP product.
// Those follow MaxMind's schemas, so a product no format lists (ASN, ISP,
// Domain, ...) is one whose records this package cannot read, whatever
// words its name contains.
func maxmindProduct(dbType string) bool {
	lower := strings.ToLower(dbType)
	return strings.HasPrefix(lower, "geoip") || strings.HasPrefix(lower, "geolite") || strings.HasPrefix(lower, "dbip")
}

var errWrongFormat = errors.New("record of the wrong kind for this database format")

// geoOnly is embedded by geographic formats.
type geoOnly struct{}

func (geoOnly) anonymizer(record, *anonymizerRecord) error { return errWrongFormat }

// geoResult is a decoded geographic record in Location form.
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
