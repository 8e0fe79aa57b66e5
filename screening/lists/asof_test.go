package lists

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUndatedFilesStayUndated: the July 2021 SDN set and the CSL file carry
// no publisher date. Loaded from disk, freshly touched, they must not look
// current (the old loader dated them by modification time, so they looked
// fresh), and the CSL's lists must not be dated by their newest listing
// (which made the MEU list of 2023-11-28 look 1,048 days old on the day
// it was published).
func TestUndatedFilesStayUndated(t *testing.T) {
	dir := t.TempDir()
	sdn := filepath.Join(dir, "sdn")
	copyTree(t, filepath.Join(td, "ofac/sdn-2021-07"), sdn)
	csl := filepath.Join(dir, "consolidated.csv")
	copyTree(t, filepath.Join(td, "csl/consolidated-2023-11-partial.csv"), csl)
	now := time.Now()
	for _, p := range []string{filepath.Join(sdn, "sdn.csv"), csl} {
		if err := os.Chtimes(p, now, now); err != nil {
			t.Fatal(err)
		}
	}
	sets, err := LoadFile(context.Background(), sdn)
	if err != nil {
		t.Fatal(err)
	}
	csets, err := LoadFile(context.Background(), csl)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSnapshot(append(sets, csets[len(csets)-1])...) // SDN and the CSL's last source
	if err != nil {
		t.Fatal(err)
	}
	for _, si := range s.Sources() {
		if !si.Undated() || !si.AsOf.IsZero() || si.AsOfFrom != "" {
			t.Errorf("%s: as of %v (%q), current at %v; want undated", si.Source, si.AsOf, si.AsOfFrom, si.CurrentAt())
		}
	}
	for _, cs := range csets {
		if !cs.AsOf.IsZero() {
			t.Errorf("CSL %s dated %v; the file states no date", cs.Source, cs.AsOf)
		}
	}
}

// TestAsOfSidecar: a user states the date of an undated file in a sidecar
// beside it; for an OFAC set, beside its primary file.
func TestAsOfSidecar(t *testing.T) {
	dir := t.TempDir()
	dpl := filepath.Join(dir, "dpl.txt")
	copyTree(t, filepath.Join(td, "csl/bis-dpl-2023-11.txt"), dpl)
	os.WriteFile(dpl+AsOfSuffix, []byte("# downloaded from bis.gov by the compliance team\n2023-11-28\n"), 0o644)
	sdn := filepath.Join(dir, "sdn")
	copyTree(t, filepath.Join(td, "ofac/sdn-2021-07"), sdn)
	os.WriteFile(filepath.Join(sdn, "sdn.csv"+AsOfSuffix), []byte("2021-07-07T16:00:00-04:00\n"), 0o644)
	s, err := Load(context.Background(), dpl, sdn)
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[Source]string{SourceDPL: "2023-11-28T00:00:00Z", SourceSDN: "2021-07-07T20:00:00Z"} {
		si, _ := s.Source(src)
		if got := si.AsOf.Format(time.RFC3339); got != want || si.AsOfFrom != AsOfStated || si.CurrentAt() != si.AsOf {
			t.Errorf("%s: as of %s (%q), want %s (stated)", src, got, si.AsOfFrom, want)
		}
	}

	os.WriteFile(dpl+AsOfSuffix, []byte("28/11/2023\n"), 0o644)
	_, err = Load(context.Background(), dpl)
	if !errors.Is(err, ErrBadDate) || err.Error() != filepath.Join(dir, "dpl.txt.asof")+`:1: field as_of: bad date: want YYYY-MM-DD or RFC 3339 "28/11/2023"` {
		t.Errorf("bad sidecar: %v", err)
	}
}

func TestReadAsOf(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"2026-12-01\n", "2026-12-01T00:00:00Z", ""},
		{"\ufeff# stated by j.doe\n\n  2026-12-01T09:30:00+01:00  \n# end\n", "2026-12-01T08:30:00Z", ""},
		{"", "", "x.asof: missing required field: no date (want YYYY-MM-DD or RFC 3339)"},
		{"# only a comment\n", "", "x.asof: missing required field: no date (want YYYY-MM-DD or RFC 3339)"},
		{"2026-12-01\n2026-12-02\n", "", `x.asof:2: field as_of: syntax error: a second date (the first is on line 1) "2026-12-02"`},
		{"3033-09-30\n", "", `x.asof:1: field as_of: bad date: year 3033 out of range "3033-09-30"`},
		{"yesterday", "", `x.asof:1: field as_of: bad date: want YYYY-MM-DD or RFC 3339 "yesterday"`},
		{strings.Repeat("#", 5000), "", "x.asof: syntax error: over 4096 bytes; an as-of file holds one date"},
	}
	for _, tt := range tests {
		got, err := ReadAsOf(strings.NewReader(tt.in), "x.asof")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ReadAsOf(%.20q) error = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("ReadAsOf(%.20q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestSnapshotWithAsOf(t *testing.T) {
	s := internalSnapshot(t)
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	d, err := s.WithAsOf(SourceInternal, day)
	if err != nil {
		t.Fatal(err)
	}
	si, _ := d.Source(SourceInternal)
	if !si.AsOf.Equal(day) || si.AsOfFrom != AsOfStated || d.Len() != s.Len() {
		t.Errorf("WithAsOf: %+v", si)
	}
	if orig, _ := s.Source(SourceInternal); !orig.AsOf.IsZero() {
		t.Error("WithAsOf changed the original snapshot")
	}
	if _, err := s.WithAsOf(SourceSDN, day); !errors.Is(err, ErrUnknownSource) {
		t.Errorf("unknown source: %v", err)
	}
	if _, err := s.WithAsOf(SourceInternal, time.Time{}); err == nil {
		t.Error("zero date accepted")
	}
}

func FuzzReadAsOf(f *testing.F) {
	for _, s := range []string{"2026-12-01\n", "# c\n2026-12-01T09:30:00+01:00\n", "", "2026-13-01", "1\n2\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ReadAsOf(strings.NewReader(in), "f.asof")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if got.IsZero() || got.Location() != time.UTC || got.Year() < 1900 || got.Year() >= 2200 {
			t.Fatalf("ReadAsOf(%q) = %v", in, got)
		}
		// The date read round-trips through its RFC 3339 form.
		again, err := ReadAsOf(strings.NewReader(got.Format(time.RFC3339)), "f.asof")
		if err != nil || !again.Equal(got) {
			t.Fatalf("round trip of %v: %v, %v", got, again, err)
		}
	})
}

// TestUpdaterDatesByTheFetch: dpl.txt and OFAC's CSV files state no date,
// so a downloaded copy is dated by the server's Last-Modified (when every
// file of the feed has one) and ages from the last time the server sent
// or confirmed it: a 304 a day later makes it a day younger. Without
// Last-Modified, the date is the time the file was received, and a 304
// moves it.
func TestUpdaterDatesByTheFetch(t *testing.T) {
	for _, lastMod := range []bool{true, false} {
		t.Run(fmt.Sprintf("Last-Modified %v", lastMod), func(t *testing.T) {
			ls, srv := newListServer(t)
			if !lastMod {
				ls.lastMod = time.Time{}
			}
			now := fetchTime
			dir := t.TempDir()
			u := NewUpdater(dir, WithFeeds(testFeeds(srv.URL)...), WithClock(func() time.Time { return now }), WithLogger(slogDiscard()))
			snap, _, err := u.Update(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			wantAsOf, wantFrom := ls.lastMod, AsOfLastModified
			if !lastMod {
				wantAsOf, wantFrom = fetchTime, AsOfFetched
			}
			for _, si := range snap.Sources() {
				if !si.AsOf.Equal(wantAsOf) || si.AsOfFrom != wantFrom || !si.CurrentAt().Equal(fetchTime) {
					t.Errorf("%s: as of %v (%q), current at %v; want %v (%q), %v", si.Source, si.AsOf, si.AsOfFrom, si.CurrentAt(), wantAsOf, wantFrom, fetchTime)
				}
			}
			now = fetchTime.Add(24 * time.Hour)
			snap, rep, err := u.Update(context.Background())
			if err != nil || rep.Reason != "not modified" {
				t.Fatalf("%v %q", err, rep.Reason)
			}
			if !lastMod {
				wantAsOf = now
			}
			// The same dates after a restart: they are in state.json, not
			// taken from the files' modification times.
			last, err := LoadLastGood(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []*Snapshot{snap, last} {
				dpl, _ := s.Source(SourceDPL)
				if !dpl.AsOf.Equal(wantAsOf) || dpl.AsOfFrom != wantFrom || !dpl.CurrentAt().Equal(now) {
					t.Errorf("after a 304: DPL as of %v (%q), current at %v; want %v, %v", dpl.AsOf, dpl.AsOfFrom, dpl.CurrentAt(), wantAsOf, now)
				}
			}
		})
	}
}

// copyTree copies a file, or a directory of files, from src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	fi, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		copyTree(t, filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()))
	}
}

// internalSnapshot is a one-source snapshot of a two-party internal list.
func internalSnapshot(t *testing.T) *Snapshot {
	t.Helper()
	in := "name,type,country\nHuawei Technologies Co. Ltd,entity,China\nSophgo Technologies Pte. Ltd.,entity,SG\n"
	es, rep, err := LoadInternalCSV(context.Background(), strings.NewReader(in), "deny.csv")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSnapshot(SplitBySource(es, rep, []string{"deny.csv"}, "")...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
