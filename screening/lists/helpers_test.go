package lists

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/exportguard/exportguard/rules"
)

// cmpOpts compares the rules value types by ==.
var cmpOpts = cmp.Options{cmpopts.EquateComparable(rules.Country{}, rules.Region{})}

// td is the repository's copy of the real list files (see PROVENANCE.md).
const td = "../../testdata/lists"

// loaded memoises the real files the tests load several times (they are
// read-only in the tests), keeping -race runs short.
var loaded sync.Map // rel path -> loadedFile

type loadedFile struct {
	es  []*Entry
	rep LoadReport
}

func memo(t testing.TB, key string, load func(testing.TB) ([]*Entry, LoadReport)) ([]*Entry, LoadReport) {
	t.Helper()
	if v, ok := loaded.Load(key); ok {
		lf := v.(loadedFile)
		return lf.es, lf.rep
	}
	es, rep := load(t)
	loaded.Store(key, loadedFile{es, rep})
	return es, rep
}

func loadCSLFile(t testing.TB, rel string) ([]*Entry, LoadReport) {
	t.Helper()
	return memo(t, "csl:"+rel, func(t testing.TB) ([]*Entry, LoadReport) { return loadCSLFileUncached(t, rel) })
}

func loadCSLFileUncached(t testing.TB, rel string) ([]*Entry, LoadReport) {
	t.Helper()
	f, err := os.Open(filepath.Join(td, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, rep, err := LoadCSLCSV(context.Background(), f, filepath.Base(rel))
	if err != nil {
		t.Fatalf("LoadCSLCSV(%s): %v", rel, err)
	}
	return es, rep
}

func byKey(es []*Entry) map[string]*Entry {
	m := make(map[string]*Entry, len(es))
	for _, e := range es {
		m[e.Key()] = e
	}
	return m
}

func countBySource(es []*Entry) map[Source]int {
	m := map[Source]int{}
	for _, e := range es {
		m[e.Source]++
	}
	return m
}

func errStrings(errs []*ParseError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func mustCountry(s string) rules.Country { return rules.MustParseCountry(s) }

func slogDiscard() *slog.Logger { return slog.New(slog.DiscardHandler) }

func gzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkMalformed checks what a loader returned for a malformed input. With
// wantFile set the load must fail as a whole with exactly that message, as
// a *ParseError wrapping wantErr. Otherwise it must succeed with exactly
// the row errors errs and warnings warns in rep, and rep.Err() must wrap
// wantErr when it is set. It reports whether the load succeeded, so the
// caller goes on to check the entries.
func checkMalformed(t *testing.T, rep LoadReport, err error, wantFile string, wantErr error, errs, warns []string) bool {
	t.Helper()
	if wantFile != "" {
		if err == nil || err.Error() != wantFile || !errors.Is(err, wantErr) {
			t.Fatalf("err = %v, want %s (%v)", err, wantFile, wantErr)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("error %v is not a *ParseError", err)
		}
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(errs, errStrings(rep.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(warns, errStrings(rep.Warnings)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if wantErr != nil && !errors.Is(rep.Err(), wantErr) {
		t.Errorf("report error %v is not %v", rep.Err(), wantErr)
	}
	return true
}
