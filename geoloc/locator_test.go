package geoloc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// view is the part of a Location the table tests compare.
type view struct {
	Country, Registered, Represented, RepType string
	Subdivisions                              []string
	City                                      string
	Network                                   string // the most specific network over all consulted databases
	Found                                     bool
	NotRoutable                               string
	Anonymizer                                Anonymizer
	Sources                                   map[string]string // field -> database
}

func viewOf(l Location) view {
	v := view{
		Country: l.Country, Registered: l.RegisteredCountry, Represented: l.RepresentedCountry,
		RepType: l.RepresentedType, Subdivisions: l.Subdivisions, City: l.City,
		Found: l.Found, NotRoutable: l.NotRoutable, Anonymizer: l.Anonymizer,
	}
	if l.Network.IsValid() {
		v.Network = l.Network.String()
	}
	if len(l.Sources) > 0 {
		v.Sources = map[string]string{}
		for _, s := range l.Sources {
			v.Sources[s.Field] = s.Database
		}
	}
	return v
}

const (
	ent  = "GeoIP2-Enterprise-Test.mmdb"
	city = "GeoIP2-City-Test.mmdb"
	anon = "GeoIP2-Anonymous-IP-Test.mmdb"
	plus = "GeoIP-Anonymous-Plus-Test.mmdb"
)

// TestLocateMaxMindTestDBs checks the combined answer of MaxMind's
// Enterprise, City, Anonymous IP and Anonymous Plus test databases against
// the values in their source data (maxmind/MaxMind-DB source-data/*.json).
func TestLocateMaxMindTestDBs(t *testing.T) {
	l := mustLocator(t, WithFile(testCity), WithFile(testEnterprise), WithFile(testAnonymousIP), WithFile(testAnonymousPlus))
	checked := Anonymizer{Checked: true}
	tests := []struct {
		ip   string
		want view
	}{
		{"1.231.232.1", view{ // the only Crimea record: Enterprise, UA-43
			Country: "UA", Registered: "UA", Subdivisions: []string{"UA-43"}, City: "Dzhankoy",
			Network: "1.231.232.0/24", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": ent, "registered_country": ent, "subdivisions": ent, "city": ent, "accuracy_radius": ent},
		}},
		{"1.124.213.1", view{ // IR, anonymous VPN and Tor exit in Anonymous IP and Anonymous Plus
			Country: "IR", Registered: "IR", Network: "1.124.213.1/32", Found: true,
			Anonymizer: Anonymizer{Anonymous: true, VPN: true, Tor: true, Checked: true},
			Sources:    map[string]string{"country": ent, "registered_country": ent, "accuracy_radius": ent, "anonymizer": plus},
		}},
		{"81.2.69.142", view{ // GB located, registered US; every anonymizer flag in 81.2.69.0/24
			Country: "GB", Registered: "US", Subdivisions: []string{"GB-ENG"}, City: "London",
			Network: "81.2.69.142/31", Found: true,
			Anonymizer: Anonymizer{Anonymous: true, VPN: true, Tor: true, Hosting: true, PublicProxy: true, ResidentialProxy: true, Checked: true},
			Sources:    map[string]string{"country": city, "registered_country": city, "subdivisions": city, "city": city, "accuracy_radius": city, "anonymizer": plus},
		}},
		{"202.196.224.7", view{ // PH with represented country US (military)
			Country: "PH", Registered: "PH", Represented: "US", RepType: "military",
			Network: "202.196.224.0/20", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": ent, "registered_country": ent, "represented_country": ent, "accuracy_radius": ent},
		}},
		{"175.16.199.1", view{
			Country: "CN", Registered: "CN", Subdivisions: []string{"CN-22"}, City: "Changchun",
			Network: "175.16.199.0/24", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": ent, "registered_country": ent, "subdivisions": ent, "city": ent, "accuracy_radius": ent},
		}},
		{"2001:2e0::1", view{
			Country: "HK", Registered: "HK", Network: "2001:2e0::/32", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": city, "registered_country": city, "accuracy_radius": city},
		}},
		{"2a02:d0c0::1", view{
			Country: "RU", Registered: "RU", Network: "2a02:d0c0::/29", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": city, "registered_country": city, "accuracy_radius": city},
		}},
		{"2.125.160.217", view{ // two subdivisions, largest first
			Country: "GB", Registered: "FR", Subdivisions: []string{"GB-ENG", "GB-WBK"}, City: "Boxford",
			Network: "2.125.160.216/29", Found: true, Anonymizer: checked,
			Sources: map[string]string{"country": ent, "registered_country": ent, "subdivisions": ent, "city": ent, "accuracy_radius": ent},
		}},
		{"214.1.1.0", view{ // anycast: a record, but no country
			Network: "214.1.1.0/24", Found: true, Anonymizer: checked,
		}},
		{"1.2.0.1", view{ // Anonymous Plus confidence and provider
			Found: true, Network: "1.2.0.1/32",
			Anonymizer: Anonymizer{Anonymous: true, VPN: true, Confidence: 30, Provider: "foo", Checked: true},
			Sources:    map[string]string{"anonymizer": plus},
		}},
		{"::ffff:81.2.69.142", view{ // IPv4-mapped: unmapped first
			Country: "GB", Registered: "US", Subdivisions: []string{"GB-ENG"}, City: "London",
			Network: "81.2.69.142/31", Found: true,
			Anonymizer: Anonymizer{Anonymous: true, VPN: true, Tor: true, Hosting: true, PublicProxy: true, ResidentialProxy: true, Checked: true},
			Sources:    map[string]string{"country": city, "registered_country": city, "subdivisions": city, "city": city, "accuracy_radius": city, "anonymizer": plus},
		}},
		{"10.20.30.40", view{NotRoutable: "private"}},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			loc, err := l.Locate(ip(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, viewOf(loc)); diff != "" {
				t.Errorf("Locate(%s) mismatch (-want +got):\n%s", tt.ip, diff)
			}
		})
	}
}

// TestLocateSingleDatabases checks each MaxMind test database on its own.
func TestLocateSingleDatabases(t *testing.T) {
	tests := []struct {
		db, ip                       string
		country, registered, network string
		subdivisions                 []string
		found                        bool
	}{
		{testEnterprise, "1.231.232.1", "UA", "UA", "1.231.232.0/24", []string{"UA-43"}, true},
		{testCity, "1.231.232.1", "", "", "1.0.0.0/8", nil, false}, // Crimea is in no City test DB
		{testCity, "81.2.69.142", "GB", "US", "81.2.69.142/31", []string{"GB-ENG"}, true},
		{testCity, "1.1.1.1", "", "", "1.0.0.0/8", nil, false},
		{testCity, "8.8.8.8", "", "", "8.0.0.0/7", nil, false},
		{testCountry, "217.65.48.1", "GI", "GI", "217.65.48.0/29", nil, true},
		{testCountry, "111.235.160.1", "CN", "CN", "111.235.160.0/22", nil, true},
		{testCountry, "1.1.1.1", "", "", "1.0.0.0/8", nil, false},
		{testLiteCity, "175.16.199.1", "CN", "CN", "175.16.199.0/24", []string{"CN-22"}, true},
		{testLiteCountry, "2a02:d0c0::1", "RU", "RU", "2a02:d0c0::/29", nil, true},
		{testEnterprise, "2.20.32.110", "TR", "TR", "2.20.32.110/31", []string{"TR-23"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.db[len("../testdata/mmdb/"):]+"/"+tt.ip, func(t *testing.T) {
			l := mustLocator(t, WithFile(tt.db))
			loc, err := l.Locate(ip(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			got := []any{loc.Country, loc.RegisteredCountry, loc.Network.String(), loc.Subdivisions, loc.Found, loc.Anonymizer.Checked}
			want := []any{tt.country, tt.registered, tt.network, tt.subdivisions, tt.found, false}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestLocateCustomCityDB covers places MaxMind's test databases lack, with
// a City-schema database built by mmdbwriter. Codes are passed through as
// the database holds them, including Russian-style codes for Crimea and
// Sevastopol.
func TestLocateCustomCityDB(t *testing.T) {
	build := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	db := buildCityDB(t, "GeoIP2-City", build, []cityRec{
		{network: "175.45.176.0/22", country: "KP", registered: "KP", city: "Pyongyang"},
		{network: "152.206.0.0/15", country: "CU", registered: "CU", subdivs: []string{"03"}, city: "Havana"},
		{network: "82.137.192.0/18", country: "SY", registered: "SY", subdivs: []string{"DI"}, city: "Damascus"},
		{network: "60.246.0.0/16", country: "MO", registered: "MO", city: "Macau"},
		{network: "176.104.32.0/20", country: "UA", registered: "UA", subdivs: []string{"43"}, city: "Simferopol"},
		{network: "176.104.48.0/20", country: "UA", registered: "UA", subdivs: []string{"40"}, city: "Sevastopol"},
		{network: "95.47.0.0/20", country: "UA", registered: "UA", subdivs: []string{"14"}, city: "Donetsk"},
		{network: "95.47.16.0/20", country: "UA", registered: "UA", subdivs: []string{"09"}, city: "Luhansk"},
		{network: "91.207.56.0/22", country: "RU", registered: "RU", subdivs: []string{"CR"}, city: "Simferopol"},
		{network: "91.207.60.0/22", country: "RU", registered: "RU", subdivs: []string{"SEV"}, city: "Sevastopol"},
		{network: "5.62.60.0/24", country: "DE", registered: "IR", subdivs: []string{"HE"}, city: "Frankfurt am Main"},
		{network: "2a0c:9a40::/29", country: "IR", registered: "IR"},
	})
	l := mustLocator(t, WithBytes("custom-city.mmdb", db))
	tests := []struct {
		ip, country, registered string
		subdivisions            []string
		city                    string
	}{
		{"175.45.176.1", "KP", "KP", nil, "Pyongyang"},
		{"152.207.1.1", "CU", "CU", []string{"CU-03"}, "Havana"},
		{"82.137.200.1", "SY", "SY", []string{"SY-DI"}, "Damascus"},
		{"60.246.1.1", "MO", "MO", nil, "Macau"},
		{"176.104.33.1", "UA", "UA", []string{"UA-43"}, "Simferopol"},
		{"176.104.50.1", "UA", "UA", []string{"UA-40"}, "Sevastopol"},
		{"95.47.1.1", "UA", "UA", []string{"UA-14"}, "Donetsk"},
		{"95.47.17.1", "UA", "UA", []string{"UA-09"}, "Luhansk"},
		{"91.207.57.1", "RU", "RU", []string{"RU-CR"}, "Simferopol"},
		{"91.207.61.1", "RU", "RU", []string{"RU-SEV"}, "Sevastopol"},
		{"5.62.60.9", "DE", "IR", []string{"DE-HE"}, "Frankfurt am Main"},
		{"2a0c:9a40::1", "IR", "IR", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			loc, err := l.Locate(ip(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			got := []any{loc.Country, loc.RegisteredCountry, loc.Subdivisions, loc.City, loc.Found}
			want := []any{tt.country, tt.registered, tt.subdivisions, tt.city, true}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			src, ok := loc.Source(FieldCountry)
			if !ok || src.Database != "custom-city.mmdb" || !src.BuildTime.Equal(build) {
				t.Errorf("country source = %+v, %v; want custom-city.mmdb built %s", src, ok, build)
			}
		})
	}
}

// TestLocatePriority: a City database answers before a country-code
// database, and place details never come from a record for another country.
func TestLocatePriority(t *testing.T) {
	build := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	cityDB := buildCityDB(t, "GeoIP2-City", build, []cityRec{
		{network: "91.207.56.0/22", country: "RU", subdivs: []string{"CR"}, city: "Simferopol"},
	})
	ccDB := buildCountryCodeDB(t, build, map[string]string{"91.207.56.0/21": "UA", "91.207.64.0/21": "AP"})
	entDB := buildCityDB(t, "GeoIP2-Enterprise", build, []cityRec{
		{network: "91.207.56.0/23", country: "UA", subdivs: []string{"43"}},
	})
	// Configuration order does not matter: Enterprise > City > country-code.
	l := mustLocator(t, WithBytes("cc", ccDB), WithBytes("city", cityDB), WithBytes("ent", entDB))
	tests := []struct {
		ip      string
		want    view
		comment string
	}{
		{"91.207.56.1", view{Country: "UA", Subdivisions: []string{"UA-43"}, Network: "91.207.56.0/23", Found: true,
			Sources: map[string]string{"country": "ent", "subdivisions": "ent"}}, "Enterprise wins over City"},
		{"91.207.58.1", view{Country: "RU", Subdivisions: []string{"RU-CR"}, City: "Simferopol", Network: "91.207.58.0/23", Found: true,
			Sources: map[string]string{"country": "city", "subdivisions": "city", "city": "city"}}, "City wins over country-code"},
		{"91.207.62.1", view{Country: "UA", Network: "91.207.60.0/22", Found: true,
			Sources: map[string]string{"country": "cc"}}, "country-code only"},
		{"91.207.65.1", view{Network: "91.207.64.0/21", Found: true}, "pseudo-code AP is no country"},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			loc, err := l.Locate(ip(tt.ip))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, viewOf(loc)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.comment, diff)
			}
		})
	}
	// A region of another country is not attached to the chosen country.
	mixed := mustLocator(t, WithBytes("ent", buildCityDB(t, "GeoIP2-Enterprise", build, []cityRec{{network: "91.207.56.0/22", country: "UA"}})),
		WithBytes("city", cityDB))
	loc, err := mixed.Locate(ip("91.207.57.1"))
	if err != nil {
		t.Fatal(err)
	}
	if loc.Country != "UA" || loc.Subdivisions != nil || loc.City != "" {
		t.Errorf("mixed record: got country %q subdivisions %v city %q, want UA with no region or city", loc.Country, loc.Subdivisions, loc.City)
	}
}

func TestNewErrors(t *testing.T) {
	build := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	asn := buildCityDB(t, "GeoLite2-ASN", build, nil)
	other := buildCityDB(t, "My-Custom-Thing", build, nil)
	tests := []struct {
		name string
		opts []Option
		is   error
		op   string
	}{
		{"broken double format", []Option{WithFile(testBrokenDouble)}, ErrInvalidDatabase, "verify"},
		{"invalid node count", []Option{WithFile(testBadNodeCount)}, ErrInvalidDatabase, "open"},
		{"missing file", []Option{WithFile("../testdata/mmdb/does-not-exist.mmdb")}, ErrInvalidDatabase, "open"},
		{"not a database", []Option{WithBytes("garbage", []byte("not a MaxMind DB"))}, ErrInvalidDatabase, "open"},
		{"ASN database", []Option{WithBytes("asn", asn)}, ErrUnknownDatabaseType, "open"},
		{"unknown type", []Option{WithBytes("other", other)}, ErrUnknownDatabaseType, "open"},
		{"good then broken", []Option{WithFile(testCity), WithFile(testBrokenDouble)}, ErrInvalidDatabase, "verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := New(tt.opts...)
			if err == nil {
				l.Close()
				t.Fatal("New succeeded, want error")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v does not match %v", err, tt.is)
			}
			var de *DatabaseError
			if !errors.As(err, &de) || de.Op != tt.op {
				t.Errorf("error %v: want *DatabaseError with Op %q", err, tt.op)
			}
		})
	}
	if _, err := New(WithoutEmbedded()); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("New(WithoutEmbedded()) error = %v, want ErrNoDatabase", err)
	}
}

func TestLocateInvalidAndClosed(t *testing.T) {
	l, err := New(WithFile(testCity))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Locate(netip.Addr{}); !errors.Is(err, ErrInvalidAddress) || err.Error() != `geoloc: invalid IP address "": the zero netip.Addr` {
		t.Errorf("Locate(zero Addr) error = %v, want ErrInvalidAddress naming the zero Addr", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Locate(ip("81.2.69.142")); !errors.Is(err, ErrClosed) {
		t.Errorf("Locate after Close error = %v, want ErrClosed", err)
	}
	if err := l.Reload(); !errors.Is(err, ErrClosed) {
		t.Errorf("Reload after Close error = %v, want ErrClosed", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestDatabases(t *testing.T) {
	l := mustLocator(t, WithFile(testAnonymousIP), WithFile(testCity))
	got := l.Databases()
	want := []DBInfo{
		{Name: "GeoIP2-City-Test.mmdb", Type: TypeCity, DatabaseType: "GeoIP2-City", Path: testCity, BuildTime: time.Date(2026, 2, 4, 22, 49, 29, 0, time.UTC)},
		{Name: "GeoIP2-Anonymous-IP-Test.mmdb", Type: TypeAnonymousIP, DatabaseType: "GeoIP2-Anonymous-IP", Path: testAnonymousIP, BuildTime: time.Date(2026, 2, 4, 22, 49, 29, 0, time.UTC)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Databases (-want +got):\n%s", diff)
	}
	// Only an anonymizer database: the embedded country database is added.
	l2 := mustLocator(t, WithFile(testAnonymousIP))
	dbs := l2.Databases()
	if len(dbs) != 2 || !dbs[0].Embedded || dbs[0].Name != EmbeddedName || dbs[1].Type != TypeAnonymousIP {
		t.Errorf("Databases with anonymizer only = %+v, want embedded country DB then anonymous-ip", dbs)
	}
	loc, err := l2.Locate(ip("81.2.69.142"))
	if err != nil {
		t.Fatal(err)
	}
	if loc.Country != "GB" || !loc.Anonymizer.Tor {
		t.Errorf("81.2.69.142 with embedded + Anonymous IP: country %q tor %v, want GB true", loc.Country, loc.Anonymizer.Tor)
	}
}

// TestSharedCountryCodeDB opens the geo-whois-asn-country MaxMind DB from
// the shared data directory (a {"country_code"} database with type
// "country ipvAll"), when it is there.
func TestSharedCountryCodeDB(t *testing.T) {
	gz, err := os.ReadFile("../../shared/data/ipcountry/geo-whois-asn-country.mmdb.gz")
	if err != nil {
		t.Skip("../../shared/data/ipcountry/geo-whois-asn-country.mmdb.gz not present:", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLocator(t, WithBytes("geo-whois-asn-country.mmdb", b))
	dbs := l.Databases()
	if len(dbs) != 1 || dbs[0].Type != TypeCountryCode || dbs[0].DatabaseType != "country ipvAll" {
		t.Fatalf("Databases() = %+v, want one country-code database", dbs)
	}
	// Spot checks listed with the data (SOURCES.md section 4).
	for _, tt := range []struct{ ip, cc string }{
		{"8.8.8.8", "US"}, {"77.88.8.8", "RU"}, {"175.45.176.1", "KP"}, {"5.160.0.1", "IR"},
		{"152.206.0.1", "CU"}, {"82.137.200.1", "SY"}, {"2a02:6b8::1", "RU"},
	} {
		loc, err := l.Locate(ip(tt.ip))
		if err != nil || loc.Country != tt.cc {
			t.Errorf("%s: country %q, %v; want %s", tt.ip, loc.Country, err, tt.cc)
		}
	}
}

// TestWithoutVerify: skipping verification lets a file whose only damage is
// in fields Locate does not read (latitude) open; a file with broken
// metadata is still refused.
func TestWithoutVerify(t *testing.T) {
	l := mustLocator(t, WithFile(testBrokenDouble), WithoutVerify())
	loc, err := l.Locate(ip("81.2.69.142"))
	if err != nil || loc.Country != "GB" {
		t.Errorf("Locate = %q, %v; want GB", loc.Country, err)
	}
	if _, err := New(WithFile(testBadNodeCount), WithoutVerify()); !errors.Is(err, ErrInvalidDatabase) {
		t.Errorf("invalid node count with WithoutVerify: error %v, want ErrInvalidDatabase", err)
	}
}

// TestManyDatabasesSources checks that Sources names the right database when
// the one that answers comes last of many, and that a set too large for the
// source index is refused rather than attributed wrongly.
func TestManyDatabasesSources(t *testing.T) {
	build := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	other := buildCityDB(t, "GeoIP2-City", build, []cityRec{{network: "1.0.0.0/24", country: "AU"}})
	opts := func(n int) []Option {
		var o []Option
		for i := range n {
			o = append(o, WithBytes(fmt.Sprintf("city-%02d", i), other))
		}
		return append(o, WithFile(testCountry), WithoutVerify())
	}
	l := mustLocator(t, opts(maxDatabases-1)...)
	loc, err := l.Locate(ip("81.2.69.142"))
	if err != nil {
		t.Fatal(err)
	}
	src, ok := loc.Source(FieldCountry)
	if loc.Country != "GB" || !ok || src.Database != "GeoIP2-Country-Test.mmdb" {
		t.Errorf("Locate with %d databases: country %q, sources %+v; want GB from GeoIP2-Country-Test.mmdb", maxDatabases, loc.Country, loc.Sources)
	}
	for _, s := range loc.Sources {
		if s.Database != "GeoIP2-Country-Test.mmdb" {
			t.Errorf("Locate with %d databases: source %+v, want every field from GeoIP2-Country-Test.mmdb", maxDatabases, s)
		}
	}
	_, err = New(opts(maxDatabases)...)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprint(maxDatabases+1, " databases")) {
		t.Errorf("New with %d databases: error %v, want one naming the count", maxDatabases+1, err)
	}
}
