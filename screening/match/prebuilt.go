package match

import (
	_ "embed"
	"errors"
	"log/slog"

	"github.com/exportguard/exportguard/screening/lists"
)

// defaultIndexFile is the index of the embedded default list snapshot
// (lists.Default) in the format of AppendBinary, generated with the
// snapshot by `go generate ./screening/lists/` (see
// screening/lists/internal/genindex). It is kept uncompressed so that the
// index is read in place from the program's read-only data.
//
//go:embed default_index.bin
var defaultIndexFile string

// loadEmbedded returns the embedded prebuilt index if it was made from
// exactly these entries, else nil.
func loadEmbedded(entries []*lists.Entry, o indexOptions) *Index {
	return loadPrebuilt(defaultIndexFile, entries, o)
}

// loadPrebuilt returns the index in file if it was made from exactly
// these entries, else nil. A damaged file is logged and ignored: the
// caller builds the index.
func loadPrebuilt(file string, entries []*lists.Entry, o indexOptions) *Index {
	ix, err := loadIndex(file, entries, o)
	switch {
	case err == nil:
		return ix
	case errors.Is(err, ErrIndexMismatch):
		return nil
	}
	l := o.logger
	if l == nil {
		l = slog.Default()
	}
	l.Warn("match: the embedded prebuilt name index is damaged; building the index instead", "err", err)
	return nil
}
