package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// inputSet is the run's open input files and their sources.
type inputSet struct {
	names []string
	files []*os.File
	srcs  []source
	prog  *progress
}

// close closes the input files.
func (in *inputSet) close() {
	for _, f := range in.files {
		f.Close()
	}
}

// open opens the named inputs (- is stdin) and returns their readers and
// their total size in bytes, -1 when stdin is one of them.
func (in *inputSet) open(stdin io.Reader) ([]io.Reader, int64, error) {
	var total int64
	readers := make([]io.Reader, len(in.names))
	for i, name := range in.names {
		if name == "-" {
			readers[i] = stdin
			total = -1
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, 0, err
		}
		in.files = append(in.files, f)
		readers[i] = f
		if st, err := f.Stat(); err == nil && total >= 0 {
			total += st.Size()
		}
	}
	return readers, total, nil
}

// readHeaders starts a source on each reader, through the progress bar, so
// that a bad header stops the run before anything is screened. Record IDs
// are unique across all the inputs.
func (in *inputSet) readHeaders(readers []io.Reader) error {
	seen := newIDSet()
	for i, path := range in.names {
		name := ""
		if len(in.names) > 1 {
			name = path
			if path == "-" {
				name = "stdin"
			}
		}
		src, err := newSource(in.prog.reader(readers[i]), name, seen)
		if err != nil {
			if errors.Is(err, ErrBadHeader) && name == "" {
				return fmt.Errorf("%s: %w", path, err)
			}
			return err
		}
		in.srcs = append(in.srcs, src)
	}
	return nil
}

// isInput reports whether path names one of the open input files.
func (in *inputSet) isInput(path string) bool {
	ost, err := os.Stat(path)
	if err != nil {
		return false
	}
	for _, f := range in.files {
		if ist, err := f.Stat(); err == nil && os.SameFile(ist, ost) {
			return true
		}
	}
	return false
}

// records is the number of input records read from all the sources.
func (in *inputSet) records() int {
	n := 0
	for _, src := range in.srcs {
		n += src.Records()
	}
	return n
}

// empty lists the inputs that held no records, stdin as "stdin".
func (in *inputSet) empty() []string {
	var empty []string
	for i, src := range in.srcs {
		if src.Records() == 0 {
			name := in.names[i]
			if name == "-" {
				name = "stdin"
			}
			empty = append(empty, name)
		}
	}
	return empty
}

// output is where a run writes its decisions and its summary.
type output struct {
	w *jsonlWriter
	// file is the -out file, nil when the decisions go to stdout.
	file *os.File
	// summaryTo is stdout, or stderr when stdout carries the decisions.
	summaryTo io.Writer
	// to names the decisions' destination in the summary.
	to string
}

// openOutput opens the -out file (appending with -resume), or uses stdout
// for the decisions and stderr for the summary.
func openOutput(o *options, stdout, stderr io.Writer) (*output, error) {
	if !o.toFile() {
		return &output{w: newJSONLWriter(stdout), summaryTo: stderr, to: "stdout"}, nil
	}
	if err := os.MkdirAll(filepath.Dir(o.outPath), 0o755); err != nil {
		return nil, err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if o.resume {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(o.outPath, flags, 0o644)
	if err != nil {
		return nil, err
	}
	return &output{w: newJSONLWriter(f), file: f, summaryTo: stdout, to: o.outPath}, nil
}

// close closes the -out file, if any; a second close is harmless.
func (out *output) close() {
	if out.file != nil {
		out.file.Close()
	}
}

// finish flushes the decisions and, for a file, syncs and closes it: a full
// disk may show only now, and the records are not counted as written until
// the file system has them.
func (out *output) finish() error {
	if err := out.w.Flush(); err != nil {
		return err
	}
	if out.file == nil {
		return nil
	}
	if err := out.file.Sync(); err != nil {
		return err
	}
	return out.file.Close()
}

// batch is the outcome of screening the inputs.
type batch struct {
	p     *pipeline
	st    *stats
	start time.Time
	// runErr is the pipeline's error, recErr the records database's,
	// flushErr the decisions file's.
	runErr, recErr, flushErr error
}

// screen runs the batch: every request of the inputs is screened by s, its
// decision counted, written to out and, with rec, stored.
func (a app) screen(ctx context.Context, o *options, in *inputSet, s screener, done *doneList, rec *recorder, out *output) *batch {
	b := &batch{st: newStats(), start: a.now()}
	b.p = &pipeline{s: s, workers: o.workers, window: 64 * o.workers, done: done, now: a.now}
	writeLine := func(l *bytes.Buffer) error { return out.w.WriteLine(l.Bytes()) }
	// Decisions already read are stored even after an interrupt, like they
	// are screened and written.
	recCtx := context.WithoutCancel(ctx)
	b.runErr = b.p.run(ctx, in.srcs, func(j *job) error {
		if j.err != nil {
			return j.err
		}
		b.st.add(j.r, &j.d)
		if rec != nil {
			return rec.add(recCtx, j, writeLine)
		}
		err := writeLine(j.line)
		putLine(j.line)
		return err
	})
	if rec != nil {
		b.finishRecording(recCtx, rec, out, writeLine)
	}
	b.flushErr = out.finish()
	return b
}

// finishRecording stores the decisions the recorder still holds and closes
// it. A recording error that stopped the pipeline is reported as the
// recorder's; one that follows a failed write of the output is left to that
// write's report.
func (b *batch) finishRecording(ctx context.Context, rec *recorder, out *output, writeLine func(*bytes.Buffer) error) {
	if b.recErr = rec.flush(ctx, writeLine); b.recErr == nil {
		b.recErr = rec.close()
	}
	if errors.Is(b.runErr, errRecording) {
		b.runErr = nil
	}
	if !errors.Is(b.recErr, errRecording) && b.recErr != nil && (b.runErr != nil || out.w.err != nil) {
		b.recErr = nil // a failed write of the output, reported as such below
	}
}

// writeSummary writes the outcome and reason counts and what was read,
// written and recorded.
func (b *batch) writeSummary(out *output, in *inputSet, rec *recorder, elapsed time.Duration) {
	w := out.summaryTo
	b.st.writeSummary(w, elapsed)
	fmt.Fprintf(w, "\nread %d input records as %d requests", in.records(), b.p.read)
	if b.p.skipped > 0 {
		fmt.Fprintf(w, " (%d already in %s, skipped)", b.p.skipped, out.to)
	}
	fmt.Fprintf(w, "; wrote %d decisions to %s", out.w.lines, out.to)
	if b.flushErr != nil {
		fmt.Fprintf(w, " (of %d; the write failed)", b.st.requests)
	}
	fmt.Fprintln(w)
	if rec != nil {
		fmt.Fprintf(w, "recorded %d decisions in the %s records database (source %q)", rec.added, rec.st.Backend(), recordSource)
		if rec.existed > 0 {
			fmt.Fprintf(w, "; %d were recorded already by the run being resumed", rec.existed)
		}
		fmt.Fprintln(w)
	}
}

// exitCode reports on stderr why the batch did not fully succeed, if it did
// not, and returns the run's exit code.
func (b *batch) exitCode(ctx context.Context, o *options, in *inputSet, out *output, stderr io.Writer) int {
	st := b.st
	switch {
	case b.recErr != nil:
		return usagef(stderr, "-db: %v; %d decisions were recorded and written, rerun with -resume to continue", b.recErr, out.w.lines)
	case b.flushErr != nil:
		return usagef(stderr, "write decisions: %v; %d of %d decisions were written", b.flushErr, out.w.lines, st.requests)
	case errors.Is(b.runErr, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(stderr, "audit: interrupted after %d requests; rerun with -resume to continue\n", out.w.lines)
		return exitInterrupted
	case errors.Is(b.runErr, ErrResumeMismatch):
		return usagef(stderr, "-resume %s: %v", o.outPath, b.runErr)
	case b.runErr != nil:
		return usagef(stderr, "%v", b.runErr)
	}
	if empty := in.empty(); len(empty) > 0 {
		for _, name := range empty {
			fmt.Fprintf(stderr, "audit: %s holds no requests (empty, or a header row only)\n", name)
		}
		return exitErrorRecord
	}
	if n := st.outcomes[outcomeError]; n > 0 || st.problems > 0 {
		if n > 0 {
			fmt.Fprintf(stderr, "audit: %d of %d requests could not be screened (outcome \"error\"; see the error field)\n", n, st.requests)
		}
		if st.problems > 0 {
			fmt.Fprintf(stderr, "audit: %d of %d requests have fields the Screener could not read; they were screened fail-closed (see the error field)\n", st.problems, st.requests)
		}
		return exitErrorRecord
	}
	return exitOK
}
