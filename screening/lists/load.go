package lists

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
// the Format* constants, by looking at its first bytes (or, for a
// directory, at the OFAC file names in it).
func DetectFormat(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		f, err := findOFACFiles(path)
		if err != nil {
			return "", err
		}
		if f.nonSDN {
			return FormatOFACCons, nil
		}
		return FormatOFACSDN, nil
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

// sniff detects a format from a file's name and first bytes.
func sniff(name string, head []byte) (string, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return "", &ParseError{File: name, Err: ErrEmptyFile}
	}
	first := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		first = head[:i]
	}
	firstLower := strings.ToLower(string(first))
	switch {
	case trimmed[0] == '<':
		return FormatUNXML, nil
	case trimmed[0] == '{':
		return FormatCSLJSON, nil
	case strings.Contains(firstLower, "\t") && strings.Contains(firstLower, "effective_date"):
		return FormatDPL, nil
	case strings.Contains(firstLower, "alt_names") && strings.Contains(firstLower, "source"):
		if strings.HasPrefix(strings.TrimLeft(firstLower, `"`), "_id") {
			return FormatCSLCSV, nil
		}
		return FormatCSLCSVLegacy, nil
	case strings.HasPrefix(strings.Trim(firstLower, `" `), "name") || strings.Contains(firstLower, ",name"):
		return FormatInternalCSV, nil
	}
	if i := bytes.IndexByte(first, ','); i > 0 && isDigits(string(first[:i])) {
		switch strings.ToLower(name) {
		case "sdn.csv":
			return FormatOFACSDN, nil
		case "cons_prim.csv":
			return FormatOFACCons, nil
		}
		return "", &ParseError{File: name, Err: fmt.Errorf("%w: an OFAC secondary file (add/alt/comments); load its directory or its sdn.csv / cons_prim.csv", ErrWrongFormat)}
	}
	return "", &ParseError{File: name, Err: fmt.Errorf("%w: not a list format this package reads (first line %q)", ErrWrongFormat, clip(string(first), 60))}
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
	var (
		entries []*Entry
		rep     LoadReport
		files   = []string{path}
	)
	switch format {
	case FormatOFACSDN, FormatOFACCons:
		dir := path
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			dir = filepath.Dir(path)
		}
		f, err := findOFACFiles(dir)
		if err != nil {
			return nil, err
		}
		files = files[:0]
		for _, p := range f.paths {
			if p != "" {
				files = append(files, p)
			}
		}
		entries, rep, err = LoadOFACDir(ctx, dir)
		if err != nil {
			return nil, err
		}
	default:
		fh, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		load := map[string]func(context.Context, io.Reader, string) ([]*Entry, LoadReport, error){
			FormatCSLCSV: LoadCSLCSV, FormatCSLCSVLegacy: LoadCSLCSV, FormatCSLJSON: LoadCSLJSON,
			FormatDPL: LoadDPL, FormatUNXML: LoadUNXML, FormatInternalCSV: LoadInternalCSV,
		}[format]
		entries, rep, err = load(ctx, bufio.NewReaderSize(fh, 1<<16), filepath.Base(path))
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
