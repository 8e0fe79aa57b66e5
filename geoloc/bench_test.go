package geoloc

import (
	"encoding/binary"
	"math/rand/v2"
	"net/netip"
	"runtime"
	"testing"
	"time"

	"github.com/oschwald/geoip2-golang/v2"
	"github.com/oschwald/maxminddb-golang/v2"
)

// benchAddrs returns n random routable IPv4 addresses (fixed seed).
func benchAddrs(n int) []netip.Addr {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]netip.Addr, 0, n)
	for len(out) < n {
		a := netip.AddrFrom4([4]byte(binary.BigEndian.AppendUint32(nil, rng.Uint32())))
		if NotRoutableReason(a) == "" {
			out = append(out, a)
		}
	}
	return out
}

// openEmbeddedBare opens the embedded country database with
// maxminddb-golang alone, the baseline the Locate benchmarks compare with.
func openEmbeddedBare(b *testing.B) *maxminddb.Reader {
	data, err := embeddedBytes()
	if err != nil {
		b.Fatal(err)
	}
	r, err := maxminddb.OpenBytes(data)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	return r
}

// bareLookup is the baseline lookup: find addr and decode its country_code.
func bareLookup(r *maxminddb.Reader, addr netip.Addr) error {
	var rec countryCodeRecord
	return r.Lookup(addr).Decode(&rec)
}

// BenchmarkLocateEmbedded: Locate on the embedded country database.
func BenchmarkLocateEmbedded(b *testing.B) {
	l := mustLocator(b)
	addrs := benchAddrs(4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := l.Locate(addrs[i&4095]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareMaxMindEmbedded: the same lookups with maxminddb-golang
// alone (open once, Lookup, decode country_code) — the baseline for
// BenchmarkLocateEmbedded.
func BenchmarkBareMaxMindEmbedded(b *testing.B) {
	r := openEmbeddedBare(b)
	addrs := benchAddrs(4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := bareLookup(r, addrs[i&4095]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLocateEmbeddedParallel: Locate from all Ps at once (shared
// reference count).
func BenchmarkLocateEmbeddedParallel(b *testing.B) {
	l := mustLocator(b)
	addrs := benchAddrs(4096)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := l.Locate(addrs[i&4095]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

var cityBenchAddrs = []netip.Addr{
	netip.MustParseAddr("81.2.69.142"), netip.MustParseAddr("175.16.199.1"), netip.MustParseAddr("2.125.160.217"),
	netip.MustParseAddr("89.160.20.112"), netip.MustParseAddr("216.160.83.56"), netip.MustParseAddr("2001:2e0::1"),
	netip.MustParseAddr("202.196.224.1"), netip.MustParseAddr("1.1.1.1"),
}

// BenchmarkLocateCityAnonymous: a full lookup over MaxMind's City, Anonymous
// IP and Anonymous Plus test databases (three trees, subdivisions, city).
func BenchmarkLocateCityAnonymous(b *testing.B) {
	l := mustLocator(b, WithFile(testCity), WithFile(testAnonymousIP), WithFile(testAnonymousPlus))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := l.Locate(cityBenchAddrs[i%len(cityBenchAddrs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareGeoIP2CityAnonymous: geoip2-golang City, AnonymousIP and
// AnonymousPlus on the same databases, for comparison (it decodes every
// field, Locate decodes only what a Location holds).
func BenchmarkBareGeoIP2CityAnonymous(b *testing.B) {
	city, err := geoip2.Open(testCity)
	if err != nil {
		b.Fatal(err)
	}
	defer city.Close()
	anon, err := geoip2.Open(testAnonymousIP)
	if err != nil {
		b.Fatal(err)
	}
	defer anon.Close()
	plus, err := geoip2.Open(testAnonymousPlus)
	if err != nil {
		b.Fatal(err)
	}
	defer plus.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a := cityBenchAddrs[i%len(cityBenchAddrs)]
		if _, err := city.City(a); err != nil {
			b.Fatal(err)
		}
		if _, err := anon.AnonymousIP(a); err != nil {
			b.Fatal(err)
		}
		if _, err := plus.AnonymousPlus(a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClientIP(b *testing.B) {
	r, _ := newBenchRequest()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ClientIP(r, testTrusted); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareMaxMindEmbeddedParallel: the baseline for
// BenchmarkLocateEmbeddedParallel.
func BenchmarkBareMaxMindEmbeddedParallel(b *testing.B) {
	r := openEmbeddedBare(b)
	addrs := benchAddrs(4096)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if err := bareLookup(r, addrs[i&4095]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkLocateVsBare runs Locate and the bare maxminddb lookup on the
// embedded database on the same batches of 256 addresses, one after the
// other in alternating order, so that load from other processes and CPU
// caches affect both alike, and reports the ratio of their
// times as "locate/bare" (ns/op is the time of one Locate plus one bare
// lookup). On Linux it also reports the ratio of the CPU time the
// benchmark's own thread spent in each ("locate/bare-cpu", "ns-cpu/locate",
// "ns-cpu/bare"), which other processes on a shared machine do not
// inflate.
func BenchmarkLocateVsBare(b *testing.B) {
	l := mustLocator(b)
	r := openEmbeddedBare(b)
	addrs := benchAddrs(4096)
	var tLocate, tBare, cLocate, cBare time.Duration
	const batch = 256
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		base := (i * batch) & 4095
		locate := func() {
			t0, c0 := time.Now(), threadCPU()
			for j := range batch {
				if _, err := l.Locate(addrs[base+j]); err != nil {
					b.Fatal(err)
				}
			}
			cLocate += threadCPU() - c0
			tLocate += time.Since(t0)
		}
		bare := func() {
			t0, c0 := time.Now(), threadCPU()
			for j := range batch {
				if err := bareLookup(r, addrs[base+j]); err != nil {
					b.Fatal(err)
				}
			}
			cBare += threadCPU() - c0
			tBare += time.Since(t0)
		}
		// Whichever runs second finds the batch's tree nodes in the CPU
		// cache, so alternate the order.
		if i%2 == 0 {
			locate()
			bare()
		} else {
			bare()
			locate()
		}
	}
	b.ReportMetric(float64(cLocate)/float64(cBare), "locate/bare-cpu")
	b.ReportMetric(float64(cLocate.Nanoseconds())/float64(b.N*batch), "ns-cpu/locate")
	b.ReportMetric(float64(cBare.Nanoseconds())/float64(b.N*batch), "ns-cpu/bare")
	b.ReportMetric(float64(tLocate)/float64(tBare), "locate/bare")
	b.ReportMetric(float64(tLocate.Nanoseconds())/float64(b.N*batch), "ns/locate")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(b.N*batch), "ns/bare")
}

// BenchmarkEmbeddedStartup: the one-off cost of the embedded database at
// the first Default() of a process: decompressing the embedded file and
// opening it (New skips the verifier for the embedded file).
func BenchmarkEmbeddedStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		raw, err := gunzip(embeddedGzip)
		if err != nil {
			b.Fatal(err)
		}
		d, err := (source{name: EmbeddedName, bytes: raw, embedded: true}).open(true)
		if err != nil {
			b.Fatal(err)
		}
		_ = d.file.close()
	}
	b.ReportMetric(float64(len(embeddedGzip)), "gzip-bytes")
}
