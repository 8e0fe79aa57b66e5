package geoloc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/internal/gen/countrydb"
)

// ipRange is one row of an iptoasn-country CSV file.
type ipRange struct {
	start, end netip.Addr
	cc         string
}

// sourceCSVDir finds the iptoasn-country CSV files the embedded database
// was generated from: testdata/ipcountry in the repository, else the shared
// data directory beside the checkout (../shared/data relative to the module
// root).
func sourceCSVDir(t *testing.T) string {
	for _, dir := range []string{"../testdata/ipcountry", "../../shared/data/ipcountry"} {
		if _, err := os.Stat(filepath.Join(dir, "iptoasn-country-ipv4.csv.gz")); err == nil {
			return dir
		}
	}
	t.Skip("iptoasn-country CSV files not found in ../testdata/ipcountry or ../../shared/data/ipcountry; cannot check the embedded database against its source")
	return ""
}

func readRanges(t *testing.T, path string) []ipRange {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = 3
	var out []ipRange
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, ipRange{netip.MustParseAddr(rec[0]), netip.MustParseAddr(rec[1]), rec[2]})
	}
	return out
}

// randomIn returns a uniformly random address in [start, end].
func randomIn(rng *rand.Rand, start, end netip.Addr) netip.Addr {
	s16, e16 := start.As16(), end.As16()
	sh, sl := binary.BigEndian.Uint64(s16[:8]), binary.BigEndian.Uint64(s16[8:])
	eh, el := binary.BigEndian.Uint64(e16[:8]), binary.BigEndian.Uint64(e16[8:])
	// diff = end - start
	dl := el - sl
	dh := eh - sh
	if el < sl {
		dh--
	}
	var oh, ol uint64
	for {
		if dh == 0 {
			if dl == ^uint64(0) {
				ol = rng.Uint64()
			} else {
				ol = rng.Uint64N(dl + 1)
			}
			oh = 0
			break
		}
		oh = rng.Uint64N(dh + 1)
		ol = rng.Uint64()
		if oh < dh || ol <= dl {
			break
		}
	}
	rl := sl + ol
	rh := sh + oh
	if rl < sl {
		rh++
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], rh)
	binary.BigEndian.PutUint64(b[8:], rl)
	a := netip.AddrFrom16(b)
	if start.Is4() {
		return a.Unmap()
	}
	return a
}

// lookupRanges finds addr in sorted, non-overlapping ranges.
func lookupRanges(ranges []ipRange, addr netip.Addr) (string, bool) {
	i, _ := slices.BinarySearchFunc(ranges, addr, func(r ipRange, a netip.Addr) int { return r.start.Compare(a) })
	// ranges[i-1] is the last range starting at or before addr, unless
	// ranges[i] starts exactly at addr.
	if i < len(ranges) && ranges[i].start == addr {
		return ranges[i].cc, true
	}
	if i > 0 && addr.Compare(ranges[i-1].end) <= 0 {
		return ranges[i-1].cc, true
	}
	return "", false
}

// TestEmbeddedMatchesSource samples addresses from the source ranges of the
// embedded database (and uniformly from the whole IPv4 space, to cover the
// gaps) and requires the embedded database to give the source's answer for
// every one.
func TestEmbeddedMatchesSource(t *testing.T) {
	dir := sourceCSVDir(t)
	v4 := readRanges(t, filepath.Join(dir, "iptoasn-country-ipv4.csv.gz"))
	v6 := readRanges(t, filepath.Join(dir, "iptoasn-country-ipv6.csv.gz"))
	for _, rs := range [][]ipRange{v4, v6} {
		if !slices.IsSortedFunc(rs, func(a, b ipRange) int { return a.start.Compare(b.start) }) {
			t.Fatal("source ranges are not sorted")
		}
	}
	l := mustLocator(t)
	rng := rand.New(rand.NewPCG(20260617, 1951))
	type sample struct {
		addr   netip.Addr
		ranges []ipRange
	}
	var samples []sample
	for range 8000 {
		r := v4[rng.IntN(len(v4))]
		samples = append(samples, sample{randomIn(rng, r.start, r.end), v4})
	}
	for range 4000 {
		r := v6[rng.IntN(len(v6))]
		samples = append(samples, sample{randomIn(rng, r.start, r.end), v6})
	}
	for range 4000 {
		samples = append(samples, sample{netip.AddrFrom4([4]byte(binary.BigEndian.AppendUint32(nil, rng.Uint32()))), v4})
	}
	checked, mismatches, notRoutable := 0, 0, 0
	for _, s := range samples {
		loc, err := l.Locate(s.addr)
		if err != nil {
			t.Fatalf("Locate(%s): %v", s.addr, err)
		}
		if loc.NotRoutable != "" {
			notRoutable++
			continue
		}
		cc, inSource := lookupRanges(s.ranges, s.addr)
		checked++
		if loc.Found != inSource || loc.Country != countryCode(cc) {
			mismatches++
			if mismatches <= 20 {
				t.Errorf("%s: embedded says country %q found %v; source says %q found %v", s.addr, loc.Country, loc.Found, cc, inSource)
			}
		}
	}
	t.Logf("checked %d addresses against %s (%d skipped as not routable): %d mismatches", checked, dir, notRoutable, mismatches)
	if checked < 10000 {
		t.Errorf("only %d addresses checked, want at least 10000", checked)
	}
	if mismatches != 0 {
		t.Errorf("%d mismatches", mismatches)
	}
}

func TestEmbeddedInfo(t *testing.T) {
	info, err := EmbeddedInfo()
	if err != nil {
		t.Fatal(err)
	}
	want := DBInfo{
		Name: EmbeddedName, Type: TypeCountryCode, DatabaseType: "exportguard-iptoasn-country",
		BuildTime: time.Date(2026, 6, 17, 19, 51, 0, 0, time.UTC), Embedded: true,
	}
	if info != want {
		t.Errorf("EmbeddedInfo() = %+v, want %+v", info, want)
	}
	if !EmbeddedBuildTime().Equal(want.BuildTime) {
		t.Errorf("EmbeddedBuildTime() = %s", EmbeddedBuildTime())
	}
	l := mustLocator(t)
	if dbs := l.Databases(); len(dbs) != 1 || dbs[0] != want {
		t.Errorf("Default Databases() = %+v, want [%+v]", dbs, want)
	}
}

// TestEmbeddedVerifies runs the MaxMind DB verifier over the embedded file,
// which New skips for speed.
func TestEmbeddedVerifies(t *testing.T) {
	b, err := embeddedBytes()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (source{name: EmbeddedName, bytes: b}).open(false); err != nil {
		t.Fatal(err)
	}
}

// TestEmbeddedSpotChecks: addresses spot-checked in the data notes, with the
// country the iptoasn-country source gives. Yandex's 77.88.8.8 is an
// example of the coarser ASN-registration data: the source says RS.
func TestEmbeddedSpotChecks(t *testing.T) {
	l := mustLocator(t)
	for _, tt := range []struct{ ip, cc string }{
		{"8.8.8.8", "US"},
		{"175.45.176.1", "KP"},
		{"5.160.0.1", "IR"},
		{"152.206.0.1", "CU"},
		{"82.137.200.1", "SY"},
		{"77.88.8.8", "RS"},
		{"::ffff:8.8.8.8", "US"},
	} {
		loc, err := l.Locate(ip(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := loc.Source(FieldCountry)
		if loc.Country != tt.cc || src.Database != EmbeddedName {
			t.Errorf("%s: country %q from %q, want %q from %q", tt.ip, loc.Country, src.Database, tt.cc, EmbeddedName)
		}
	}
}

// TestEmbeddedReproducible rebuilds the embedded database from its source
// files and requires the committed file byte for byte (go generate ./geoloc
// would change nothing).
func TestEmbeddedReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilding the embedded database takes several seconds; run without -short")
	}
	dir := sourceCSVDir(t)
	var buf bytes.Buffer
	st, err := countrydb.Build(dir, time.Date(2026, 6, 17, 19, 51, 0, 0, time.UTC), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedGzip) {
		t.Fatalf("rebuilt database (%d bytes gzip, %d ranges) differs from geoloc/data/country.mmdb.gz (%d bytes); run go generate ./geoloc",
			buf.Len(), st.Ranges, len(embeddedGzip))
	}
}
