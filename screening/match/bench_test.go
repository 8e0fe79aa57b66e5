package match

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkSearch screens the evaluation queries (positives and negatives,
// in file order, cycling) one at a time on the index of the embedded
// snapshot as NewIndex gives it (the prebuilt one), and reports the median
// and 99th percentile latency per query, and the mean CPU time per query
// ("cpu-µs/op", which other load on the machine does not inflate).
//
//	go test ./screening/match/ -run '^$' -bench 'Search' -benchtime 25605x -cpu 1
func BenchmarkSearch(b *testing.B) { benchSearch(b, false) }

// BenchmarkSearchWarm is BenchmarkSearch after one untimed pass over the
// queries, as in a service that has been running.
func BenchmarkSearchWarm(b *testing.B) { benchSearch(b, true) }

// BenchmarkSearchBuilt is BenchmarkSearch on an index built at run time
// (as for lists other than the embedded ones), whose similar words of
// listed words are found on first use.
func BenchmarkSearchBuilt(b *testing.B) { benchSearch(b, false, WithoutPrebuiltIndex()) }

func benchSearch(b *testing.B, warm bool, opts ...IndexOption) {
	ix := NewIndex(testEntries(b), opts...)
	var qs []string
	for _, r := range readEval(b, "positives.csv") {
		qs = append(qs, r.query)
	}
	for _, r := range readEval(b, "negatives.csv") {
		qs = append(qs, r.query)
	}
	ctx := context.Background()
	if warm {
		for _, q := range qs {
			if _, err := ix.Search(ctx, Query{Name: q}); err != nil {
				b.Fatal(err)
			}
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := ix.Search(ctx, Query{Name: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64((cputime.Process()-cpu0).Nanoseconds())/1e3/float64(b.N), "cpu-µs/op")
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// BenchmarkNewIndex builds the index of the embedded snapshot (as for
// other lists: the prebuilt index is not used) and reports the live heap
// it holds.
func BenchmarkNewIndex(b *testing.B) { benchNewIndex(b, WithoutPrebuiltIndex()) }

// BenchmarkLoadIndex is NewIndex on the embedded snapshot: it loads the
// prebuilt index, in place, after checking the entries' checksum and the
// file's CRC.
//
//	go test ./screening/match/ -run '^$' -bench 'NewIndex|LoadIndex' -cpu 1 -benchtime=20x -benchmem
func BenchmarkLoadIndex(b *testing.B) { benchNewIndex(b) }

func benchNewIndex(b *testing.B, opts ...IndexOption) {
	entries := testEntries(b)
	var ix *Index
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		ix = NewIndex(entries, opts...)
	}
	b.StopTimer()
	b.ReportMetric(float64((cputime.Process()-cpu0).Nanoseconds())/1e6/float64(b.N), "cpu-ms/op")
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(ix)
}
