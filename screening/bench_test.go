package screening

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/exportguard/exportguard/internal/cputime"
)

// benchRequest is a typical order: two parties, one client IP, one chip.
var benchRequest = Request{ID: "bench", Destination: "DE", IPs: []string{"5.160.0.1"},
	Parties: []Party{
		{Role: RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Company Limited", Country: "CN"},
		{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE", HQCountry: "DE"}},
	Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}}

// BenchmarkScreen measures a full Screen on the embedded defaults and
// reports the median and p99 latency, and the process CPU time per Screen,
// which holds when the machine is busy. The same request is screened again
// and again, so the name cache is off: every Screen searches the names, as
// it does for an order whose parties the Screener has not seen recently
// (BenchmarkScreenCached measures the repeat).
//
//	go test -run '^$' -bench 'BenchmarkScreen$' -benchtime 5000x -count 3 -cpu 1 ./screening/
func BenchmarkScreen(b *testing.B) {
	s, err := New(context.Background(), WithClock(fixedClock), WithLogger(discardLogger()), WithNameCache(0))
	if err != nil {
		b.Fatal(err)
	}
	benchScreen(b, s)
}

// BenchmarkScreenCached is BenchmarkScreen with the default name cache,
// which answers every search after the first: the cost of screening a
// party the Screener has screened recently.
func BenchmarkScreenCached(b *testing.B) { benchScreen(b, embedded(b)) }

func benchScreen(b *testing.B, s *Screener) {
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	defer cputime.Report(b, "op", func() int { return b.N })()
	for b.Loop() {
		t0 := time.Now()
		if _, err := s.Screen(ctx, benchRequest); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "median-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
	}
}
