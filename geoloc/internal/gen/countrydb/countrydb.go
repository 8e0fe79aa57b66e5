// Package countrydb builds the embedded default country database of
// package geoloc from two free IP-to-country range sources:
// geo-whois-asn-country (GeoFeed, RIR whois and ASN data; CC BY 4.0,
// attribution to the NRO) and iptoasn-country (ASN registration country
// from iptoasn.com; PDDL-1.0), both as published by ip-location-db.
//
// Where the two sources give different countries for an address the record
// keeps both answers, so that a caller can tell a disputed location from an
// agreed one. Command geoloc/internal/gen writes the output to
// geoloc/data/country.mmdb.gz; the geoloc tests rebuild it to check that the
// committed file is reproducible.
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
	"slices"
	"strings"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// DatabaseType is the database_type written into the metadata.
const DatabaseType = "exportguard-ip-country"

// Source is one IP-to-country range data set.
type Source struct {
	// Name is the name recorded in country_claims.
	Name string
	// IPv4 and IPv6 are the gzip-compressed CSV files in the source
	// directory.
	IPv4, IPv6 string
}

// Sources are the data sets merged, in order of preference: where both
// name a country and they differ, country_code is the first one's answer.
// geo-whois-asn-country comes first because it follows where a network
// says it is (GeoFeed, then the RIR whois country), iptoasn only the
// country its AS is registered in.
var Sources = []Source{
	{Name: "geo-whois-asn-country", IPv4: "geo-whois-asn-country-ipv4.csv.gz", IPv6: "geo-whois-asn-country-ipv6.csv.gz"},
	{Name: "iptoasn-country", IPv4: "iptoasn-country-ipv4.csv.gz", IPv6: "iptoasn-country-ipv6.csv.gz"},
}

// Range is one CSV row: an inclusive address range and its country code.
type Range struct {
	Start, End netip.Addr
	CC         string
}

// Merged is a maximal range over which every source gives the same answer.
type Merged struct {
	Start, End netip.Addr
	// Claims holds each source's country code, in the order of Sources;
	// "" where that source has no record.
	Claims [2]string
}

// Country returns the code recorded as the range's country_code: the first
// claim that names a country, else the first non-empty claim (a pseudo-code
// such as "AP" is kept as published), else "".
func (m Merged) Country() string {
	for _, c := range m.Claims {
		if IsCountry(c) {
			return c
		}
	}
	for _, c := range m.Claims {
		if c != "" {
			return c
		}
	}
	return ""
}

// Disputed reports whether both sources name a country and the countries
// differ.
func (m Merged) Disputed() bool {
	return IsCountry(m.Claims[0]) && IsCountry(m.Claims[1]) && m.Claims[0] != m.Claims[1]
}

// IsCountry reports whether code names a country rather than one of the
// registries' pseudo-codes for "no single country" ("AP", "EU", "ZZ", "XX",
// "--", "A1", "A2", "O1"). Package geoloc treats the same codes as unknown.
func IsCountry(code string) bool {
	switch code {
	case "", "AP", "EU", "ZZ", "XX", "--", "A1", "A2", "O1":
		return false
	}
	return true
}

// BuildStats describes a build.
type BuildStats struct {
	// Rows counts the CSV rows read, per source.
	Rows [2]int
	// Ranges counts the merged ranges written; Disputed those whose
	// sources disagree.
	Ranges, Disputed int
	// Values counts the distinct records.
	Values int
	// Aliased counts IPv6 ranges left out because they lie in a network
	// the database aliases to the IPv4 tree (see aliasedNetworks).
	Aliased int
}

// aliasedNetworks are the IPv6 networks whose addresses embed an IPv4
// address and which the database aliases to its IPv4 tree, as MaxMind DBs
// do: IPv4-mapped, Teredo and 6to4. A source row inside one (one row in
// geo-whois-asn-country, 2002:5a0:3602::/112) cannot be written; a lookup
// there answers for the embedded IPv4 address instead.
var aliasedNetworks = []netip.Prefix{
	netip.MustParsePrefix("::ffff:0:0/96"),
	netip.MustParsePrefix("2001::/32"),
	netip.MustParsePrefix("2002::/16"),
}

func aliased(m Merged) bool {
	for _, p := range aliasedNetworks {
		if p.Contains(m.Start) || p.Contains(m.End) {
			return true
		}
	}
	return false
}

// Build reads the CSV files of Sources from dir and writes the
// gzip-compressed MaxMind DB to w. The output depends only on the input and
// build: the build time goes into the metadata and the gzip header carries
// no name or time.
//
// Records are {"country_code": "CC"}; where the sources disagree they also
// carry "country_claims": [{"source": NAME, "country_code": CC}, ...], one
// entry per source in the order of Sources. The database is an IPv6
// MaxMind DB with IPv4 aliases, readable by any MaxMind DB reader.
func Build(dir string, build time.Time, w io.Writer) (BuildStats, error) {
	var st BuildStats
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: DatabaseType,
		Description: map[string]string{
			"en": "IP to country (ISO 3166-1 alpha-2) from ip-location-db geo-whois-asn-country " +
				"(CC BY 4.0, data from the NRO, nro.net) and iptoasn-country (iptoasn.com, PDDL-1.0)",
		},
		BuildEpoch:              build.Unix(),
		IPVersion:               6,
		RecordSize:              24,
		IncludeReservedNetworks: true,
	})
	if err != nil {
		return st, err
	}
	values := map[[2]string]mmdbtype.Map{}
	for _, v6 := range []bool{false, true} {
		ms, rows, err := ReadMerged(dir, v6)
		if err != nil {
			return st, err
		}
		st.Rows[0] += rows[0]
		st.Rows[1] += rows[1]
		for _, m := range ms {
			if aliased(m) {
				st.Aliased++
				continue
			}
			v, key := value(m, values)
			values[key] = v
			if err := tree.InsertRange(net.IP(m.Start.AsSlice()), net.IP(m.End.AsSlice()), v); err != nil {
				return st, fmt.Errorf("insert %s-%s: %w", m.Start, m.End, err)
			}
			st.Ranges++
			if m.Disputed() {
				st.Disputed++
			}
		}
	}
	st.Values = len(values)
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

// value returns the (shared) record for m and its key.
func value(m Merged, values map[[2]string]mmdbtype.Map) (mmdbtype.Map, [2]string) {
	key := [2]string{m.Country()}
	if m.Disputed() {
		key = m.Claims
	}
	if v, ok := values[key]; ok {
		return v, key
	}
	v := mmdbtype.Map{"country_code": mmdbtype.String(key[0])}
	if m.Disputed() {
		claims := make(mmdbtype.Slice, len(Sources))
		for i, s := range Sources {
			claims[i] = mmdbtype.Map{"source": mmdbtype.String(s.Name), "country_code": mmdbtype.String(m.Claims[i])}
		}
		v["country_claims"] = claims
	}
	return v, key
}

// ReadMerged reads both sources' IPv4 (or IPv6) files from dir and merges
// them. It also returns the number of rows read from each.
func ReadMerged(dir string, v6 bool) ([]Merged, [2]int, error) {
	var rows [2]int
	var rs [2][]Range
	for i, s := range Sources {
		name := s.IPv4
		if v6 {
			name = s.IPv6
		}
		r, err := ReadFile(filepath.Join(dir, name), v6)
		if err != nil {
			return nil, rows, err
		}
		rs[i], rows[i] = r, len(r)
	}
	return Merge(rs[0], rs[1]), rows, nil
}

// ReadFile reads a gzip-compressed "start,end,CC" CSV file of inclusive
// ranges, all IPv4 (or all IPv6 if v6); see ParseCSV.
func ReadFile(path string, v6 bool) ([]Range, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ParseCSV(zr, path, v6)
}

// ParseCSV parses "start,end,CC" rows from r (name is used in errors): each
// an inclusive IPv4 (or, if v6, IPv6) range and two upper-case letters,
// rows sorted by start. A row overlapping earlier ones overrides them for
// the addresses it covers (see overlay). The result is sorted and disjoint.
func ParseCSV(r io.Reader, name string, v6 bool) ([]Range, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	cr.ReuseRecord = true
	var out []Range
	var prevStart netip.Addr
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		start, err := netip.ParseAddr(rec[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: start: %w", name, line, err)
		}
		end, err := netip.ParseAddr(rec[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: end: %w", name, line, err)
		}
		if start.Zone() != "" || end.Zone() != "" || start.Is4In6() || end.Is4In6() {
			return nil, fmt.Errorf("%s:%d: range %s-%s: zoned or IPv4-mapped address", name, line, rec[0], rec[1])
		}
		if start.Is4() == v6 || end.Is4() == v6 {
			want := "IPv4"
			if v6 {
				want = "IPv6"
			}
			return nil, fmt.Errorf("%s:%d: range %s-%s: want %s addresses", name, line, start, end, want)
		}
		if end.Less(start) {
			return nil, fmt.Errorf("%s:%d: range %s-%s ends before it starts", name, line, start, end)
		}
		if start.Less(prevStart) {
			return nil, fmt.Errorf("%s:%d: range %s-%s starts before the previous row's %s: rows must be sorted by start", name, line, start, end, prevStart)
		}
		prevStart = start
		cc := rec[2]
		if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
			return nil, fmt.Errorf("%s:%d: country code %q is not two upper-case letters", name, line, cc)
		}
		out = overlay(out, Range{start, end, strings.Clone(cc)})
	}
}

// overlay appends r to the sorted, disjoint ranges out, where r starts at
// or after every range in out. Over the addresses r covers it replaces what
// out had: geo-whois-asn-country lists a network's GeoFeed or whois
// exceptions after the covering range (2.58.196.0-2.58.197.255 DE, then
// 2.58.197.15 BE), and its own MaxMind DB gives the later row's answer.
func overlay(out []Range, r Range) []Range {
	k := len(out)
	for k > 0 && !out[k-1].End.Less(r.Start) {
		k--
	}
	if k == len(out) {
		return append(out, r)
	}
	tail := slices.Clone(out[k:])
	out = out[:k]
	for _, t := range tail {
		if t.Start.Less(r.Start) {
			out = append(out, Range{t.Start, r.Start.Prev(), t.CC})
		}
	}
	out = append(out, r)
	for _, t := range tail {
		if r.End.Less(t.End) {
			s := t.Start
			if s.Compare(r.End) <= 0 {
				s = r.End.Next()
			}
			out = append(out, Range{s, t.End, t.CC})
		}
	}
	return out
}

// Merge splits the union of two sorted, non-overlapping range lists into
// maximal ranges over which both answers are constant.
func Merge(a, b []Range) []Merged {
	a, b = append([]Range(nil), a...), append([]Range(nil), b...)
	var out []Merged
	emit := func(m Merged) {
		if n := len(out); n > 0 && out[n-1].Claims == m.Claims && out[n-1].End.Next() == m.Start {
			out[n-1].End = m.End
			return
		}
		out = append(out, m)
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var start netip.Addr
		switch {
		case j >= len(b) || (i < len(a) && a[i].Start.Less(b[j].Start)):
			start = a[i].Start
		default:
			start = b[j].Start
		}
		inA := i < len(a) && a[i].Start == start
		inB := j < len(b) && b[j].Start == start
		var end netip.Addr
		var m Merged
		lower := func(x netip.Addr) {
			if !end.IsValid() || x.Less(end) {
				end = x
			}
		}
		if inA {
			lower(a[i].End)
			m.Claims[0] = a[i].CC
		} else if i < len(a) {
			lower(a[i].Start.Prev())
		}
		if inB {
			lower(b[j].End)
			m.Claims[1] = b[j].CC
		} else if j < len(b) {
			lower(b[j].Start.Prev())
		}
		m.Start, m.End = start, end
		emit(m)
		if inA {
			if a[i].End == end {
				i++
			} else {
				a[i].Start = end.Next()
			}
		}
		if inB {
			if b[j].End == end {
				j++
			} else {
				b[j].Start = end.Next()
			}
		}
	}
	return out
}
