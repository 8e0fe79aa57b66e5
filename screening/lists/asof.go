package lists

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// AsOfBasis says where a source's AsOf date comes from.
type AsOfBasis string

// Where an as-of date comes from, most authoritative first. A file's
// modification time and its newest listing date are never used: a copy
// can be touched at any time, and a list is current on days nobody is
// added to it.
const (
	// AsOfPublisher: the file's own metadata (the UN list's dateGenerated).
	AsOfPublisher AsOfBasis = "publisher"
	// AsOfStated: given by the user, in a sidecar file (ReadAsOf) or with
	// Snapshot.WithAsOf.
	AsOfStated AsOfBasis = "stated"
	// AsOfLastModified: the Last-Modified header the server sent when an
	// Updater downloaded the file.
	AsOfLastModified AsOfBasis = "last-modified"
	// AsOfFetched: the time an Updater received the file (HTTP 200) or the
	// server confirmed the stored copy is current (HTTP 304).
	AsOfFetched AsOfBasis = "fetched"
)

// AsOfSuffix is appended to a list file's name (the primary file of an
// OFAC set: sdn.csv, cons_prim.csv) to name its sidecar file, which states
// the date of a file whose format carries none: dpl.txt.asof.
const AsOfSuffix = ".asof"

// maxAsOfFile bounds a sidecar file; it holds one date and comments.
const maxAsOfFile = 4096

// ReadAsOf reads a sidecar as-of file: one date, as YYYY-MM-DD or RFC 3339,
// on a line of its own; blank lines and lines starting with # are ignored.
// name is used in errors (`dpl.txt.asof:2: field as_of: bad date "…"`).
func ReadAsOf(r io.Reader, name string) (time.Time, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxAsOfFile+1))
	if err != nil {
		return time.Time{}, &ParseError{File: name, Err: err}
	}
	if len(b) > maxAsOfFile {
		return time.Time{}, &ParseError{File: name, Err: fmt.Errorf("%w: over %d bytes; an as-of file holds one date", ErrSyntax, maxAsOfFile)}
	}
	var (
		date time.Time
		at   int
	)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if s == "" || s[0] == '#' {
			continue
		}
		if at > 0 {
			return time.Time{}, &ParseError{File: name, Line: line, Field: "as_of", Value: clip(s, 40),
				Err: fmt.Errorf("%w: a second date (the first is on line %d)", ErrSyntax, at)}
		}
		t, err := parseAsOf(s)
		if err != nil {
			return time.Time{}, &ParseError{File: name, Line: line, Field: "as_of", Value: clip(s, 40), Err: err}
		}
		date, at = t, line
	}
	if at == 0 {
		return time.Time{}, &ParseError{File: name, Err: fmt.Errorf("%w: no date (want YYYY-MM-DD or RFC 3339)", ErrMissingField)}
	}
	return date, nil
}

func parseAsOf(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: want YYYY-MM-DD or RFC 3339", ErrBadDate)
	}
	if y := t.Year(); y < 1900 || y >= 2200 {
		return time.Time{}, fmt.Errorf("%w: year %d out of range", ErrBadDate, y)
	}
	return t.UTC(), nil
}

// readAsOfSidecar reads primary+AsOfSuffix if it exists.
func readAsOfSidecar(primary string) (time.Time, bool, error) {
	f, err := os.Open(primary + AsOfSuffix)
	if errors.Is(err, os.ErrNotExist) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	defer f.Close()
	t, err := ReadAsOf(f, primary+AsOfSuffix)
	return t, err == nil, err
}

// CurrentAt is the latest time the source's data is known to have been
// current: the later of its AsOf and the time an Updater last received it
// or had it confirmed by the server (FetchedAt). Data ages from here. It is
// zero for an undated source.
func (si SourceInfo) CurrentAt() time.Time { return maxTime(si.AsOf, si.FetchedAt) }

// Undated reports whether nothing dates the source: its file states no
// date, no user stated one, and no Updater fetched it. Screening holds
// decisions that rely on an undated source for review.
func (si SourceInfo) Undated() bool { return si.CurrentAt().IsZero() }

// WithAsOf returns a copy of s in which source src is dated t (basis
// AsOfStated): for a file whose format carries no date, loaded from disk
// rather than by an Updater. The entries are shared, not copied.
func (s *Snapshot) WithAsOf(src Source, t time.Time) (*Snapshot, error) {
	if t.IsZero() {
		return nil, fmt.Errorf("lists: as-of date for %s is zero", src)
	}
	i := slices.IndexFunc(s.sources, func(si SourceInfo) bool { return si.Source == src })
	if i < 0 {
		return nil, fmt.Errorf("lists: %w: %s is not in the snapshot", ErrUnknownSource, src)
	}
	c := *s
	c.sources = slices.Clone(s.sources)
	c.sources[i].AsOf, c.sources[i].AsOfFrom = t.UTC(), AsOfStated
	return &c, nil
}
