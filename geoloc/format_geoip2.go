package geoloc

import "slices"

// geoip2Format reads the GeoIP2 / GeoLite2 Country, City and Enterprise
// schemas, which DB-IP's MaxMind-format databases share.
type geoip2Format struct{ geoOnly }

func (geoip2Format) name() string { return "GeoIP2" }

func (geoip2Format) classify(dbType string) (string, bool) {
	switch dbType {
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
	return "", false
}

// geoRecord holds the fields of a GeoIP2 record a Location needs.
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

type isoRecord struct {
	ISOCode string `maxminddb:"iso_code"`
}

func (geoip2Format) geo(rec record, g *geoResult) error {
	var r geoRecord
	if err := rec.decode(&r); err != nil {
		return err
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
	return nil
}
