package lists

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// LoadError reports a file that loaded with failed rows. Load refuses such
// files: a dropped row could be a listed party.
type LoadError struct {
	Report LoadReport
}

func (e *LoadError) Error() string {
	msg := fmt.Sprintf("%s: %d of %d rows failed", e.Report.File, e.Report.Failed, e.Report.Rows)
	if len(e.Report.Errors) > 0 {
		msg += "; first: " + e.Report.Errors[0].Error()
	}
	return msg
}

// Unwrap returns the row errors, so errors.Is(err, ErrBadDate) works.
func (e *LoadError) Unwrap() []error {
	out := make([]error, len(e.Report.Errors))
	for i, pe := range e.Report.Errors {
		out[i] = pe
	}
	return out
}

// DetectFormat names the format of the file or directory at path, one of
// the Format* constants, by asking each registered format (listFormats)
// in turn whether it recognises the file's name and first bytes (or, for
// a directory, its file names).
func DetectFormat(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		return sniffDir(path)
	}
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	return sniff(filepath.Base(path), head[:n])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// LoadFile loads one list file (or OFAC directory, or OFAC sdn.csv /
// cons_prim.csv together with the files beside it), detecting its format,
// into one SourceSet per source. Rows that fail are reported in each set's
// Report, not returned as an error: callers decide (Load refuses them).
// AsOf is the date the file states (basis AsOfPublisher); for a format
// that states none, the date in the sidecar file beside it (path +
// AsOfSuffix, or the primary file's for an OFAC set; basis AsOfStated),
// else zero: the source is undated, and screening holds decisions that
// rely on it for review. The file's modification time is never used.
func LoadFile(ctx context.Context, path string) ([]SourceSet, error) {
	format, err := DetectFormat(path)
	if err != nil {
		return nil, err
	}
	f, ok := formatNamed(format)
	if !ok {
		return nil, fmt.Errorf("lists: format %q detected but not registered", format)
	}
	var (
		entries []*Entry
		rep     LoadReport
		files   = []string{path}
	)
	if f.loadPath != nil {
		entries, rep, files, err = f.loadPath(ctx, path)
		if err != nil {
			return nil, err
		}
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		entries, rep, err = f.load(ctx, bufio.NewReaderSize(fh, 1<<16), filepath.Base(path))
		if err != nil {
			return nil, err
		}
	}
	sum, err := FileChecksum(files...)
	if err != nil {
		return nil, err
	}
	sets := SplitBySource(entries, rep, baseNames(files), sum)
	stated, ok, err := readAsOfSidecar(files[0])
	if err != nil {
		return nil, err
	}
	if ok {
		for i := range sets {
			sets[i].AsOf, sets[i].AsOfFrom = stated, AsOfStated
		}
	}
	if len(sets) == 0 && rep.Failed == 0 {
		return nil, &ParseError{File: filepath.Base(path), Err: fmt.Errorf("%w: no entries", ErrEmptyFile)}
	}
	if len(sets) == 0 {
		return nil, &LoadError{Report: rep}
	}
	return sets, nil
}

// Load reads list files in any of the supported formats (detected from
// their content; a directory is read as an OFAC file set) into one
// Snapshot. It fails if any row of any file fails to parse (fail closed),
// or if two files hold the same source: choose files that do not overlap,
// or combine LoadFile results yourself with NewSnapshot.
func Load(ctx context.Context, paths ...string) (*Snapshot, error) {
	var all []SourceSet
	from := map[Source]string{}
	for _, p := range paths {
		sets, err := LoadFile(ctx, p)
		if err != nil {
			return nil, err
		}
		for _, s := range sets {
			if s.Report.Failed > 0 {
				return nil, &LoadError{Report: s.Report}
			}
			if prev, ok := from[s.Source]; ok {
				return nil, fmt.Errorf("lists: source %s is in both %s and %s", s.Source, prev, p)
			}
			from[s.Source] = p
			all = append(all, s)
		}
	}
	return NewSnapshot(all...)
}
