// Command gen builds the embedded evaluation snapshot of restricted-party
// lists (screening/lists/default_snapshot.bin) from the real list files
// in testdata/lists. Run it with `go generate ./screening/lists/`.
//
// Which file feeds which source, and why, is documented in docs/lists.md and
// testdata/lists/PROVENANCE.md. The as-of dates below are the publishers'
// dates recorded there; the checksums are computed from the files.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// input is one file (or OFAC directory) and the sources taken from it.
type input struct {
	path    string
	asOf    time.Time
	sources []lists.Source // nil: every source in the file
	load    func(ctx context.Context, path string) ([]*lists.Entry, lists.LoadReport, []string, error)
	note    *string // set by load: how the files were joined
}

func main() {
	data := flag.String("data", "../../testdata/lists", "directory with the list files")
	out := flag.String("out", "default_snapshot.bin", "output file (uncompressed)")
	flag.Parse()
	ctx := context.Background()

	// OFAC SDN: the newest complete sdn.csv (2024-05-03) joined with the
	// aliases, addresses and comments of 2025-12, or of 2021-07 for entries
	// those lack (see sdnjoin.go).
	sdn := sdnJoin{primary: "ofac/sdn-2024-05/sdn.csv", sides: []string{"ofac/sdn-2025-12-partial", "ofac/sdn-2021-07"}}
	var sdnNote string
	inputs := []input{
		// BIS Entity List, complete, current to at least 2025-10-09 (its newest listing).
		{path: "entity-list/entity_list.csv", asOf: day("2025-10-09"), sources: []lists.Source{lists.SourceEL}, load: loadFile(lists.LoadCSLCSV)},
		{path: sdn.primary, asOf: day("2024-05-03"), load: sdn.loader(*data, []string{"2024-05-03", "2025-12-24", "2021-07-07"}, &sdnNote), note: &sdnNote},
		// OFAC consolidated non-SDN list, 2025-12: newer than the CSL for SSI, PLC, CMIC, MBS, CAP, FSE.
		{path: "ofac/nonsdn-2025-12", asOf: day("2025-12-19"), load: loadOFAC},
		// CSL 2023-11 (partial file): only the BIS/State lists it holds completely and
		// that no newer file here covers. DPL comes from dpl.txt; SSI/PLC/CMIC/MBS/CAP/FSE
		// from the 2025-12 OFAC non-SDN file; SDN, EL and DTC are incomplete in it.
		{path: "csl/consolidated-2023-11-partial.csv", asOf: day("2023-11-28"),
			sources: []lists.Source{lists.SourceUVL, lists.SourceMEU, lists.SourceISN}, load: loadFile(lists.LoadCSLCSV)},
	}
	inputs = append(inputs, extraInputs()...)

	var sets []lists.SourceSet
	for _, in := range inputs {
		p := filepath.Join(*data, in.path)
		entries, rep, files, err := in.load(ctx, p)
		if err != nil {
			fail(fmt.Errorf("%s: %w", p, err))
		}
		if rep.Failed > 0 {
			fail(fmt.Errorf("%s: %d rows failed: %w", p, rep.Failed, rep.Err()))
		}
		sum, err := lists.FileChecksum(files...)
		if err != nil {
			fail(err)
		}
		for _, s := range lists.SplitBySource(entries, rep, relNames(*data, files), sum) {
			if in.sources != nil && !slices.Contains(in.sources, s.Source) {
				continue
			}
			if !in.asOf.IsZero() {
				s.AsOf = in.asOf
			}
			s.Evaluation = true
			if in.note != nil {
				s.Note = *in.note
			}
			slog.Info("source", "source", s.Source, "entries", len(s.Entries), "file", in.path, "as_of", s.AsOf.Format(time.DateOnly),
				"unresolved_countries", rep.UnresolvedCountries, "warnings", len(rep.Warnings), "note", s.Note)
			sets = append(sets, s)
		}
	}
	snap, err := lists.NewSnapshot(sets...)
	if err != nil {
		fail(err)
	}
	// The embedded file is kept uncompressed: the program then decodes
	// it in place, without decompressing 9 MB on the heap first.
	var gz bytes.Buffer
	if err := lists.WriteSnapshot(&gz, snap, "evaluation snapshot generated from testdata/lists; load current files for production"); err != nil {
		fail(err)
	}
	zr, err := gzip.NewReader(&gz)
	if err != nil {
		fail(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, raw, 0o644); err != nil {
		fail(err)
	}
	slog.Info("wrote", "file", *out, "entries", snap.Len(), "bytes", len(raw))
}

type readerLoader func(context.Context, io.Reader, string) ([]*lists.Entry, lists.LoadReport, error)

func loadFile(fn readerLoader) func(context.Context, string) ([]*lists.Entry, lists.LoadReport, []string, error) {
	return func(ctx context.Context, path string) ([]*lists.Entry, lists.LoadReport, []string, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, lists.LoadReport{}, nil, err
		}
		defer f.Close()
		e, rep, err := fn(ctx, f, filepath.Base(path))
		return e, rep, []string{path}, err
	}
}

// extraInputs are the sources that come from their publishers' own formats.
func extraInputs() []input {
	return []input{
		// BIS's own dpl.txt of 2023-11-28: the whole Denied Persons List (the same
		// orders as the CSL's DPL rows of that date, one entry per order).
		{path: "csl/bis-dpl-2023-11.txt", asOf: day("2023-11-28"), load: loadFile(lists.LoadDPL)},
		// UN Security Council Consolidated List; its as-of date is its dateGenerated.
		{path: "un/UN_consolidated.xml", load: loadFile(lists.LoadUNXML)},
	}
}

func loadOFAC(ctx context.Context, dir string) ([]*lists.Entry, lists.LoadReport, []string, error) {
	entries, rep, err := lists.LoadOFACDir(ctx, dir)
	var files []string
	for _, n := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv", "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			files = append(files, filepath.Join(dir, n))
		}
	}
	return entries, rep, files, err
}

func relNames(base string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		r, err := filepath.Rel(base, f)
		if err != nil {
			r = filepath.Base(f)
		}
		out[i] = filepath.ToSlash(r)
	}
	return out
}

func fail(err error) {
	slog.Error("gen", "err", err)
	os.Exit(1)
}
