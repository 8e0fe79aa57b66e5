package lists

import (
	_ "embed"
	"sync"
)

// defaultSnapshot is the generated evaluation snapshot (see docs/lists.md
// and internal/gen), uncompressed: its entries' strings point into the
// program's read-only data instead of a decompressed copy on the heap.
//
//go:embed default_snapshot.bin
var defaultSnapshot string

var defaultOnce = sync.OnceValues(func() (*Snapshot, error) {
	return decodeSnapshot(defaultSnapshot)
})

// Default returns the embedded evaluation snapshot: the newest complete
// copies of the official list files available when it was generated (see
// DefaultSources for their as-of dates). Every SourceInfo in it has
// Evaluation set. It is out of date by design: production use must load
// current files (Load, Updater). The snapshot is decoded once and shared.
func Default() (*Snapshot, error) { return defaultOnce() }

// DefaultSources describes the sources in the embedded snapshot.
func DefaultSources() ([]SourceInfo, error) {
	s, err := Default()
	if err != nil {
		return nil, err
	}
	return s.Sources(), nil
}
