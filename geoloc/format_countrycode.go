package geoloc

import (
	"slices"
	"strings"
)

// countryCodeFormat reads plain {"country_code": "XX"} databases: the
// ip-location-db country builds and the embedded default database, whose
// records may also carry "country_claims" where its sources disagree. Any
// database_type containing "country" that is not a MaxMind or DB-IP
// product is read this way.
type countryCodeFormat struct{ geoOnly }

func (countryCodeFormat) name() string { return "country-code" }

func (countryCodeFormat) classify(dbType string) (string, bool) {
	if !maxmindProduct(dbType) && strings.Contains(strings.ToLower(dbType), "country") {
		return TypeCountryCode, true
	}
	return "", false
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

func (countryCodeFormat) geo(rec record, g *geoResult) error {
	var r countryCodeRecord
	if err := rec.decode(&r); err != nil {
		return err
	}
	g.country = countryCode(r.CountryCode)
	g.claims = disputedClaims(g.country, r.CountryClaims)
	return nil
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
