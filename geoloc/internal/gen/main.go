// Command gen builds the embedded default country database of package geoloc
// (geoloc/data/country.mmdb.gz) from the iptoasn-country IP-range CSV files in
// testdata/ipcountry (ip-location-db, data from iptoasn.com, PDDL-1.0).
//
// Run it with `go generate ./geoloc`. The output is deterministic: the build
// time written into the database metadata is the as-of time of the source
// data (flag -build-time), not the time the generator ran, and the gzip
// header carries no name or modification time.
//
// Each CSV row is "start,end,CC": an inclusive range and an ISO 3166-1
// alpha-2 code as published (the RIR pseudo-code "AP" is kept as published;
// package geoloc reports it as an unknown country). Every range becomes
// records {"country_code": "CC"} in an IPv6 MaxMind DB with IPv4 aliases, so
// the file is readable by any MaxMind DB reader.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
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
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: "exportguard-iptoasn-country",
		Description: map[string]string{
			"en": "IP to country (ISO 3166-1 alpha-2) from iptoasn.com via ip-location-db iptoasn-country, PDDL-1.0",
		},
		BuildEpoch:              bt.Unix(),
		IPVersion:               6,
		RecordSize:              24,
		IncludeReservedNetworks: true,
	})
	if err != nil {
		return err
	}
	values := map[string]mmdbtype.Map{}
	total := 0
	for _, name := range []string{"iptoasn-country-ipv4.csv.gz", "iptoasn-country-ipv6.csv.gz"} {
		n, err := insertFile(tree, filepath.Join(src, name), values)
		if err != nil {
			return err
		}
		total += n
	}

	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	if _, err := tree.WriteTo(bw); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := errors.Join(bw.Flush(), zw.Close(), f.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	log.Printf("wrote %s: %d ranges, %d country codes, build time %s", out, total, len(values), bt.UTC().Format(time.RFC3339))
	return nil
}

func insertFile(tree *mmdbwriter.Tree, path string, values map[string]mmdbtype.Map) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = 3
	r.ReuseRecord = true
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		start, err := netip.ParseAddr(rec[0])
		if err != nil {
			return n, fmt.Errorf("%s:%d: start: %w", path, line, err)
		}
		end, err := netip.ParseAddr(rec[1])
		if err != nil {
			return n, fmt.Errorf("%s:%d: end: %w", path, line, err)
		}
		if start.Is4() != end.Is4() || end.Less(start) {
			return n, fmt.Errorf("%s:%d: bad range %s-%s", path, line, start, end)
		}
		cc := rec[2]
		if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
			return n, fmt.Errorf("%s:%d: country code %q is not two upper-case letters", path, line, cc)
		}
		v, ok := values[cc]
		if !ok {
			v = mmdbtype.Map{"country_code": mmdbtype.String(cc)}
			values[cc] = v
		}
		if err := tree.InsertRange(net.IP(start.AsSlice()), net.IP(end.AsSlice()), v); err != nil {
			return n, fmt.Errorf("%s:%d: insert %s-%s: %w", path, line, start, end, err)
		}
		n++
	}
	return n, nil
}
