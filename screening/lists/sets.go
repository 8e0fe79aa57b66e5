package lists

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// SplitBySource groups entries loaded from one file (or file set) into one
// SourceSet per source, in Source order. Each set gets the file's report,
// files and checksum, and the date the file states (rep.AsOf, basis
// AsOfPublisher), if any. The newest listing date is not used: a list is
// current on days nobody is added to it. Callers that know the date of an
// undated file set AsOf and AsOfFrom themselves.
func SplitBySource(entries []*Entry, rep LoadReport, files []string, checksum string) []SourceSet {
	by := map[Source]*SourceSet{}
	var order []Source
	for _, e := range entries {
		s, ok := by[e.Source]
		if !ok {
			s = &SourceSet{Source: e.Source, Files: files, Checksum: checksum, Report: rep, AsOf: rep.AsOf}
			if !rep.AsOf.IsZero() {
				s.AsOfFrom = AsOfPublisher
			}
			by[e.Source] = s
			order = append(order, e.Source)
		}
		s.Entries = append(s.Entries, e)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	out := make([]SourceSet, 0, len(order))
	for _, s := range order {
		out = append(out, *by[s])
	}
	return out
}

// FileChecksum returns the hex SHA-256 of the concatenation of the files
// at paths, in order.
func FileChecksum(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
