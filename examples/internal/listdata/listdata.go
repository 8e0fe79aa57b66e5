// Package listdata loads the restricted-party lists an example binary is
// pointed at with -lists: list files, OFAC directories, or a directory kept
// up to date by `go run ./examples/lists update -dir DIR`.
package listdata

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/exportguard/exportguard/screening/lists"
)

// IsUpdateDir reports whether path is a directory kept by a lists.Updater:
// it holds the last good files in current/ with their state.json.
func IsUpdateDir(path string) bool {
	fi, err := os.Stat(filepath.Join(path, "current", "state.json"))
	return err == nil && fi.Mode().IsRegular()
}

// Load loads paths into one snapshot. A directory kept by a lists.Updater
// gives its last good snapshot (lists.LoadLastGood), which must then be
// the only path; anything else goes to lists.Load (list files, OFAC
// directories).
func Load(ctx context.Context, paths ...string) (*lists.Snapshot, error) {
	for _, p := range paths {
		if !IsUpdateDir(p) {
			continue
		}
		if len(paths) > 1 {
			return nil, fmt.Errorf("%s is a list update directory; give it as the only -lists path (got %d paths)", p, len(paths))
		}
		return lists.LoadLastGood(p)
	}
	return lists.Load(ctx, paths...)
}
