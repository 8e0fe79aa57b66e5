package lists

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkDefault decodes the embedded snapshot from its compressed bytes
// on every iteration (gunzip, decode, resolve countries, link): the cost
// of Default() on first use.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(defaultSnapshot)))
	defer cputime.ReportMS(b)()
	for b.Loop() {
		s, err := readSnapshot(strings.NewReader(defaultSnapshot), gzipSize(defaultSnapshot))
		if err != nil || s.Len() != 20653 {
			b.Fatal(s.Len(), err)
		}
	}
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
