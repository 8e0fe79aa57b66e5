package geoloc

import (
	"bytes"
	"log/slog"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// MaxMind's official test databases, copied from maxmind/MaxMind-DB
// test-data (see testdata/mmdb/PROVENANCE.md).
const (
	testCity          = "../testdata/mmdb/GeoIP2-City-Test.mmdb"
	testCountry       = "../testdata/mmdb/GeoIP2-Country-Test.mmdb"
	testEnterprise    = "../testdata/mmdb/GeoIP2-Enterprise-Test.mmdb"
	testAnonymousIP   = "../testdata/mmdb/GeoIP2-Anonymous-IP-Test.mmdb"
	testAnonymousPlus = "../testdata/mmdb/GeoIP-Anonymous-Plus-Test.mmdb"
	testLiteCity      = "../testdata/mmdb/GeoLite2-City-Test.mmdb"
	testLiteCountry   = "../testdata/mmdb/GeoLite2-Country-Test.mmdb"
	testBrokenDouble  = "../testdata/mmdb/GeoIP2-City-Test-Broken-Double-Format.mmdb"
	testBadNodeCount  = "../testdata/mmdb/GeoIP2-City-Test-Invalid-Node-Count.mmdb"
)

// cityRec is one record of a GeoIP2-City-schema database built in a test.
type cityRec struct {
	network     string
	country     string
	registered  string
	subdivs     []string // subdivision iso_code values, as the database would hold them
	city        string
	represented string
	repType     string
}

// buildCityDB writes a database in the GeoIP2 City schema with mmdbwriter,
// for places MaxMind's test databases do not cover.
func buildCityDB(t testing.TB, dbType string, build time.Time, recs []cityRec) []byte {
	t.Helper()
	var out []testRecord
	for _, r := range recs {
		m := mmdbtype.Map{}
		if r.country != "" {
			m["country"] = mmdbtype.Map{"iso_code": mmdbtype.String(r.country)}
		}
		if r.registered != "" {
			m["registered_country"] = mmdbtype.Map{"iso_code": mmdbtype.String(r.registered)}
		}
		if r.represented != "" {
			m["represented_country"] = mmdbtype.Map{"iso_code": mmdbtype.String(r.represented), "type": mmdbtype.String(r.repType)}
		}
		if len(r.subdivs) > 0 {
			var s mmdbtype.Slice
			for _, c := range r.subdivs {
				s = append(s, mmdbtype.Map{"iso_code": mmdbtype.String(c)})
			}
			m["subdivisions"] = s
		}
		if r.city != "" {
			m["city"] = mmdbtype.Map{"names": mmdbtype.Map{"en": mmdbtype.String(r.city)}}
		}
		out = append(out, testRecord{r.network, m})
	}
	return writeTestDB(t, dbType, build, []string{"en"}, out)
}

// buildCountryCodeDB writes a {"country_code": "XX"} database.
func buildCountryCodeDB(t testing.TB, build time.Time, recs map[string]string) []byte {
	t.Helper()
	var out []testRecord
	for network, cc := range recs {
		out = append(out, testRecord{network, mmdbtype.Map{"country_code": mmdbtype.String(cc)}})
	}
	return writeTestDB(t, "test-country", build, nil, out)
}

func mustLocator(t testing.TB, opts ...Option) *Locator {
	t.Helper()
	l, err := New(append([]Option{WithLogger(slog.New(slog.DiscardHandler))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

// anonRec is one record of an Anonymous IP database built in a test.
type anonRec struct {
	network string
	vpn     bool
	tor     bool
}

func buildAnonDB(t testing.TB, build time.Time, recs []anonRec) []byte {
	t.Helper()
	var out []testRecord
	for _, r := range recs {
		m := mmdbtype.Map{"is_anonymous": mmdbtype.Bool(true)}
		if r.vpn {
			m["is_anonymous_vpn"] = mmdbtype.Bool(true)
		}
		if r.tor {
			m["is_tor_exit_node"] = mmdbtype.Bool(true)
		}
		out = append(out, testRecord{r.network, m})
	}
	return writeTestDB(t, "GeoIP2-Anonymous-IP", build, nil, out)
}

// testRecord is the data of one network in a database built in a test.
type testRecord struct {
	network string
	data    mmdbtype.Map
}

// writeTestDB writes a MaxMind DB of type dbType, built at build, holding
// recs, with mmdbwriter.
func writeTestDB(t testing.TB, dbType string, build time.Time, languages []string, recs []testRecord) []byte {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: dbType,
		BuildEpoch:   build.Unix(),
		RecordSize:   24,
		Languages:    languages,
		Description:  map[string]string{"en": "geoloc test database"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		_, n, err := net.ParseCIDR(r.network)
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Insert(n, r.data); err != nil {
			t.Fatalf("insert %s: %v", r.network, err)
		}
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
