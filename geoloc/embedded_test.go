package geoloc

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/internal/gen/countrydb"
)

// sourceCSVDir finds the CSV files the embedded database was generated
// from: testdata/ipcountry in the repository, else the shared data
// directory beside the checkout (../shared/data relative to the module
// root).
func sourceCSVDir(t *testing.T) string {
	for _, dir := range []string{"../testdata/ipcountry", "../../shared/data/ipcountry"} {
		ok := true
		for _, s := range countrydb.Sources {
			for _, f := range []string{s.IPv4, s.IPv6} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					ok = false
				}
			}
		}
		if ok {
			return dir
		}
	}
	t.Skip("source CSV files not found in ../testdata/ipcountry or ../../shared/data/ipcountry; cannot check the embedded database against its source")
	return ""
}

func readMerged(t *testing.T, dir string, v6 bool) []countrydb.Merged {
	t.Helper()
	ms, _, err := countrydb.ReadMerged(dir, v6)
	if err != nil {
		t.Fatal(err)
	}
	return ms
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

// lookupMerged finds addr in sorted, non-overlapping merged ranges.
func lookupMerged(ranges []countrydb.Merged, addr netip.Addr) (countrydb.Merged, bool) {
	i, found := slices.BinarySearchFunc(ranges, addr, func(r countrydb.Merged, a netip.Addr) int { return r.Start.Compare(a) })
	if found {
		return ranges[i], true
	}
	if i > 0 && addr.Compare(ranges[i-1].End) <= 0 {
		return ranges[i-1], true
	}
	return countrydb.Merged{}, false
}

// wantClaims is what Location.CountryClaims must be for a merged range.
func wantClaims(m countrydb.Merged) []CountryClaim {
	if !m.Disputed() {
		return nil
	}
	return []CountryClaim{{countrydb.Sources[0].Name, m.Claims[0]}, {countrydb.Sources[1].Name, m.Claims[1]}}
}

// TestEmbeddedMatchesSource samples addresses from the source ranges of the
// embedded database (and uniformly from the whole IPv4 space, to cover the
// gaps) and requires the embedded database to give, for every one, the
// answer the two source files give: the preferred source's country, and
// both claims where they disagree. The merge itself is checked against a
// direct reading of the files in package countrydb.
func TestEmbeddedMatchesSource(t *testing.T) {
	dir := sourceCSVDir(t)
	v4 := readMerged(t, dir, false)
	v6 := readMerged(t, dir, true)
	l := mustLocator(t)
	rng := rand.New(rand.NewPCG(20260617, 1951))
	type sample struct {
		addr   netip.Addr
		ranges []countrydb.Merged
	}
	var samples []sample
	for range 8000 {
		r := v4[rng.IntN(len(v4))]
		samples = append(samples, sample{randomIn(rng, r.Start, r.End), v4})
	}
	for range 4000 {
		r := v6[rng.IntN(len(v6))]
		samples = append(samples, sample{randomIn(rng, r.Start, r.End), v6})
	}
	for range 4000 {
		samples = append(samples, sample{netip.AddrFrom4([4]byte(binary.BigEndian.AppendUint32(nil, rng.Uint32()))), v4})
	}
	checked, mismatches, notRoutable, disputed := 0, 0, 0, 0
	for _, s := range samples {
		loc, err := l.Locate(s.addr)
		if err != nil {
			t.Fatalf("Locate(%s): %v", s.addr, err)
		}
		if loc.NotRoutable != "" {
			notRoutable++
			continue
		}
		m, inSource := lookupMerged(s.ranges, s.addr)
		checked++
		if m.Disputed() {
			disputed++
		}
		if loc.Found != inSource || loc.Country != countryCode(m.Country()) || !slices.Equal(loc.CountryClaims, wantClaims(m)) {
			mismatches++
			if mismatches <= 20 {
				t.Errorf("%s: embedded says country %q claims %v found %v; sources say %v found %v", s.addr, loc.Country, loc.CountryClaims, loc.Found, m.Claims, inSource)
			}
		}
	}
	t.Logf("checked %d addresses against %s (%d skipped as not routable, %d disputed): %d mismatches", checked, dir, notRoutable, disputed, mismatches)
	if checked < 10000 || disputed < 1000 {
		t.Errorf("only %d addresses checked (%d disputed), want at least 10000 (1000)", checked, disputed)
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
		Name: EmbeddedName, Type: TypeCountryCode, DatabaseType: "exportguard-ip-country",
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

// TestEmbeddedSpotChecks: addresses spot-checked in the data notes
// (../shared/data/SOURCES.md), with the country both sources agree on.
func TestEmbeddedSpotChecks(t *testing.T) {
	l := mustLocator(t)
	for _, tt := range []struct{ ip, cc string }{
		{"8.8.8.8", "US"},
		{"175.45.176.1", "KP"},
		{"5.160.0.1", "IR"},
		{"152.206.0.1", "CU"},
		{"82.137.200.1", "SY"},
		{"::ffff:8.8.8.8", "US"},
	} {
		loc, err := l.Locate(ip(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := loc.Source(FieldCountry)
		if loc.Country != tt.cc || src.Database != EmbeddedName || loc.CountryClaims != nil {
			t.Errorf("%s: country %q from %q claims %v, want %q from %q, undisputed", tt.ip, loc.Country, src.Database, loc.CountryClaims, tt.cc, EmbeddedName)
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
