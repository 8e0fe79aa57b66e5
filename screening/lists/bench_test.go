package lists

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkDefault decodes the embedded snapshot on every iteration (the
// cost of Default() on first use), and reports the live heap one decoded
// snapshot holds ("heap-MB"; its strings point into the binary's data):
//
//	go test -run '^$' -bench BenchmarkDefault -benchtime 20x -cpu 1 ./screening/lists/
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(defaultSnapshot)))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var s *Snapshot
	stop := cputime.ReportMS(b)
	for b.Loop() {
		var err error
		s, err = decodeSnapshot(defaultSnapshot)
		if err != nil || s.Len() != 20653 {
			b.Fatal(s.Len(), err)
		}
	}
	stop()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(s)
}

// BenchmarkLoadOfficialFiles parses every real file the default snapshot
// is built from, in their publishers' formats (what Load or an Updater
// does with current files).
func BenchmarkLoadOfficialFiles(b *testing.B) {
	paths := []string{"entity-list/entity_list.csv", "ofac/sdn-2021-07", "ofac/nonsdn-2025-12",
		"csl/consolidated-2023-11-partial.csv", "csl/bis-dpl-2023-11.txt", "un/UN_consolidated.xml"}
	var size int64
	for _, p := range paths {
		filepath.Walk(filepath.Join(td, p), func(_ string, fi os.FileInfo, _ error) error {
			if fi != nil && !fi.IsDir() {
				size += fi.Size()
			}
			return nil
		})
	}
	b.SetBytes(size)
	b.ReportAllocs()
	defer cputime.ReportMS(b)()
	for b.Loop() {
		n := 0
		for _, p := range paths {
			sets, err := LoadFile(context.Background(), filepath.Join(td, p))
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range sets {
				n += len(s.Entries)
			}
		}
		if n != 8976+3265+442+4226+577+1003 {
			b.Fatal(n)
		}
	}
}
