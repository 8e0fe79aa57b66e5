// Command gen builds the embedded default country database of package geoloc
// (geoloc/data/country.mmdb.gz) from the iptoasn-country IP-range CSV files in
// testdata/ipcountry (ip-location-db, data from iptoasn.com, PDDL-1.0).
//
// Run it with `go generate ./geoloc`. The output is deterministic: the build
// time written into the database metadata is the as-of time of the source
// data (flag -build-time), not the time the generator ran. See package
// countrydb for the format.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/exportguard/exportguard/geoloc/internal/gen/countrydb"
)

func main() {
	src := flag.String("src", "../testdata/ipcountry", "directory holding iptoasn-country-ipv4.csv.gz and iptoasn-country-ipv6.csv.gz")
	out := flag.String("out", "data/country.mmdb.gz", "output file (gzip-compressed MaxMind DB)")
	build := flag.String("build-time", "", "as-of time of the source data, RFC 3339 (required)")
	flag.Parse()
	if err := run(*src, *out, *build); err != nil {
		log.Fatal(err)
	}
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
	log.Printf("wrote %s: %d ranges, %d country codes, build time %s", out, st.Ranges, st.Countries, bt.UTC().Format(time.RFC3339))
	return nil
}
