package geoloc_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"

	"github.com/exportguard/exportguard/geoloc"
)

// The default Locator answers from the embedded country database and says
// how old its data is.
func Example() {
	l, err := geoloc.Default()
	if err != nil {
		panic(err)
	}
	defer l.Close()
	for _, s := range []string{"175.45.176.1", "10.1.2.3", "::ffff:5.160.0.1", "77.88.8.8"} {
		addr, err := geoloc.ParseIP(s)
		if err != nil {
			panic(err)
		}
		loc, err := l.Locate(addr)
		if err != nil {
			panic(err)
		}
		if !loc.Routable() {
			fmt.Printf("%s: not routable (%s)\n", loc.IP, loc.NotRoutable)
			continue
		}
		src, _ := loc.Source(geoloc.FieldCountry)
		fmt.Printf("%s: %s in %s, from %s as of %s\n", loc.IP, loc.Country, loc.Network, src.Database, src.BuildTime.Format("2006-01-02"))
		// The embedded database's two sources disagree about some
		// networks; the Location then carries both answers.
		for _, c := range loc.CountryClaims {
			fmt.Printf("  disputed: %s says %s\n", c.Source, c.Country)
		}
	}
	// Output:
	// 175.45.176.1: KP in 175.45.176.0/22, from embedded:ip-country as of 2026-06-17
	// 10.1.2.3: not routable (private)
	// 5.160.0.1: IR in 5.160.0.0/20, from embedded:ip-country as of 2026-06-17
	// 77.88.8.8: RU in 77.88.8.0/21, from embedded:ip-country as of 2026-06-17
	//   disputed: geo-whois-asn-country says RU
	//   disputed: iptoasn-country says RS
}

// Several MaxMind databases combine into one Location: here MaxMind's
// Enterprise and Anonymous IP test databases.
func ExampleNew() {
	l, err := geoloc.New(
		geoloc.WithFile("../testdata/mmdb/GeoIP2-Enterprise-Test.mmdb"),
		geoloc.WithFile("../testdata/mmdb/GeoIP2-Anonymous-IP-Test.mmdb"),
	)
	if err != nil {
		panic(err)
	}
	defer l.Close()
	for _, s := range []string{"1.231.232.1", "1.124.213.1"} {
		loc, err := l.Locate(netip.MustParseAddr(s))
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: country %s subdivisions %v VPN %v Tor %v\n", s, loc.Country, loc.Subdivisions, loc.Anonymizer.VPN, loc.Anonymizer.Tor)
	}
	// Output:
	// 1.231.232.1: country UA subdivisions [UA-43] VPN false Tor false
	// 1.124.213.1: country IR subdivisions [] VPN true Tor true
}

func ExampleParseIP() {
	_, err := geoloc.ParseIP("203.0.113")
	fmt.Println(err)
	// Output:
	// geoloc: invalid IP address "203.0.113": ParseAddr("203.0.113"): IPv4 address too short
}

// Reload verifies new databases before swapping them in; a broken file is
// rejected and the old databases stay in use.
func ExampleLocator_Reload() {
	l, err := geoloc.New(geoloc.WithFile("../testdata/mmdb/GeoIP2-City-Test.mmdb"),
		geoloc.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		panic(err)
	}
	defer l.Close()
	err = l.Reload(geoloc.WithFile("../testdata/mmdb/GeoIP2-City-Test-Invalid-Node-Count.mmdb"))
	fmt.Println("rejected:", errors.Is(err, geoloc.ErrInvalidDatabase))
	for _, db := range l.Databases() {
		fmt.Println("in use:", db.Name, db.Type, db.BuildTime.Format("2006-01-02"))
	}
	// Output:
	// rejected: true
	// in use: GeoIP2-City-Test.mmdb city 2026-02-04
}

// A View pins the current databases: its locations and its list of
// databases stay consistent while Reload swaps in new files, so a report
// can name the database each answer came from.
func ExampleLocator_View() {
	l, err := geoloc.New(geoloc.WithFile("../testdata/mmdb/GeoIP2-City-Test.mmdb"))
	if err != nil {
		panic(err)
	}
	defer l.Close()
	v, err := l.View()
	if err != nil {
		panic(err)
	}
	defer v.Close()
	if err := l.Reload(geoloc.WithFile("../testdata/mmdb/GeoIP2-Country-Test.mmdb")); err != nil {
		panic(err)
	}
	loc, _ := v.Locate(netip.MustParseAddr("81.2.69.142"))
	src, _ := loc.Source(geoloc.FieldCountry)
	fmt.Printf("generation %d: %s from %s\n", v.Generation(), loc.Country, src.Database)
	now, _ := l.View()
	defer now.Close()
	fmt.Printf("generation %d: %s\n", now.Generation(), now.Databases()[0].Name)
	// Output:
	// generation 1: GB from GeoIP2-City-Test.mmdb
	// generation 2: GeoIP2-Country-Test.mmdb
}
