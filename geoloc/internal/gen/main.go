// Command gen builds the embedded default country database of package geoloc
// (geoloc/data/country.mmdb.gz) from the IP-range CSV files in
// testdata/ipcountry: geo-whois-asn-country (ip-location-db; CC BY 4.0, data
// from the NRO) and iptoasn-country (ip-location-db, data from iptoasn.com;
// PDDL-1.0). See package countrydb for the format.
//
// Run it with `go generate ./geoloc`. The output is deterministic: the build
// time written into the database metadata is the as-of time of the source
// data (flag -build-time), not the time the generator ran.
//
// With -stats it writes no database but measures where the two sources
// disagree over the IPv4 space (the tables in docs/geoloc.md).
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/exportguard/exportguard/geoloc/internal/gen/countrydb"
)

func main() {
	src := flag.String("src", "../testdata/ipcountry", "directory holding the geo-whois-asn-country and iptoasn-country CSV files")
	out := flag.String("out", "data/country.mmdb.gz", "output file (gzip-compressed MaxMind DB)")
	build := flag.String("build-time", "", "as-of time of the source data, RFC 3339 (required unless -stats)")
	stats := flag.Bool("stats", false, "print the IPv4 agreement of the sources as Markdown instead of building")
	countries := flag.String("countries", "CN,HK,MO,RU,BY,IR,KP,SY,CU,VE,UA,US,SG,DE", "countries listed by -stats")
	flag.Parse()
	var err error
	if *stats {
		err = printStats(*src, strings.Split(*countries, ","))
	} else {
		err = run(*src, *out, *build)
	}
	if err != nil {
		log.Fatal(err)
	}
}

func printStats(src string, countries []string) error {
	ms, _, err := countrydb.ReadMerged(src, false)
	if err != nil {
		return err
	}
	countrydb.Measure(ms).Report(os.Stdout, countries, 15)
	return nil
}

func run(src, out, build string) error {
	bt, err := time.Parse(time.RFC3339, build)
	if err != nil {
		return fmt.Errorf("-build-time %q: %w", build, err)
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	st, err := countrydb.Build(src, bt, f)
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	log.Printf("wrote %s: %d + %d source rows, %d ranges (%d disputed), %d distinct records, %d in IPv4-aliased IPv6 networks left out, build time %s",
		out, st.Rows[0], st.Rows[1], st.Ranges, st.Disputed, st.Values, st.Aliased, bt.UTC().Format(time.RFC3339))
	return nil
}
