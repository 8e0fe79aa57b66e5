// Package countrydb builds the embedded default country database of
// package geoloc from iptoasn-country IP-range CSV files. Command
// geoloc/internal/gen writes its output to geoloc/data/country.mmdb.gz; the
// geoloc tests rebuild it to check that the committed file is reproducible.
package countrydb

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// DatabaseType is the database_type written into the metadata.
const DatabaseType = "exportguard-iptoasn-country"

// Files are the source files read from the source directory.
var Files = []string{"iptoasn-country-ipv4.csv.gz", "iptoasn-country-ipv6.csv.gz"}

// Stats describes a build.
type Stats struct {
	Ranges, Countries int
}

// Build reads the CSV files from dir and writes the gzip-compressed MaxMind
// DB to w. The output depends only on the input and build: the build time
// goes into the metadata and the gzip header carries no name or time.
//
// Each CSV row is "start,end,CC": an inclusive range and an ISO 3166-1
// alpha-2 code as published (the RIR pseudo-code "AP" is kept as
// published; package geoloc reports it as an unknown country). Every range
// becomes records {"country_code": "CC"} in an IPv6 MaxMind DB with IPv4
// aliases, readable by any MaxMind DB reader.
func Build(dir string, build time.Time, w io.Writer) (Stats, error) {
	var st Stats
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: DatabaseType,
		Description: map[string]string{
			"en": "IP to country (ISO 3166-1 alpha-2) from iptoasn.com via ip-location-db iptoasn-country, PDDL-1.0",
		},
		BuildEpoch:              build.Unix(),
		IPVersion:               6,
		RecordSize:              24,
		IncludeReservedNetworks: true,
	})
	if err != nil {
		return st, err
	}
	values := map[string]mmdbtype.Map{}
	for _, name := range Files {
		n, err := insertFile(tree, filepath.Join(dir, name), values)
		if err != nil {
			return st, err
		}
		st.Ranges += n
	}
	st.Countries = len(values)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return st, err
	}
	bw := bufio.NewWriter(zw)
	if _, err := tree.WriteTo(bw); err != nil {
		return st, err
	}
	return st, errors.Join(bw.Flush(), zw.Close())
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
