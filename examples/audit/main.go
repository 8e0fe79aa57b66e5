// Command audit screens an order or customer book in one batch: every
// request of a CSV or JSONL file gets one decision line (JSONL), a summary of
// the outcomes and reasons, and optionally an HTML report.
//
// Run without arguments it screens the bundled sample order book
// (testdata/orders/sample.csv) on the embedded defaults and writes
// out/decisions.jsonl and out/report.html:
//
//	go run ./examples/audit
//	go run ./examples/audit -out decisions.jsonl -report report.html orders.csv
//	cat orders.jsonl | go run ./examples/audit -
//
// Exit codes: 0 when every request was screened, 1 when some requests were
// error records (bad input rows) or were screened fail-closed with fields
// the Screener could not read, or an input held no requests, 2 on usage or
// configuration errors and failed writes, 130 when interrupted (rerun with
// -resume to continue).
//
// See docs/audit.md for the input and output contract.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
)

// Default paths of a run without input arguments.
const (
	samplePath = "testdata/orders/sample.csv"
	// sampleOwnership is the ownership file used with the bundled sample
	// when -ownership is not given.
	sampleOwnership = "testdata/orders/ownership.csv"
	defaultOut      = "out/decisions.jsonl"
	defaultReport   = "out/report.html"
)

// defaultNameCache is -name-cache: name-search results kept. A batch
// screens many parties, each often on several orders and, in the realistic
// book, from several countries (a search's key includes the country), so
// it keeps 16 times the library's default (screening.DefaultNameCacheSize):
// 22 MB of heap on the realistic book.
const defaultNameCache = 1 << 16

// Exit codes.
const (
	exitOK          = 0
	exitErrorRecord = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the flags say about the Screener to build.
type config struct {
	policy    string
	lists     []string
	geoip     []string
	ownership string
	asOf      time.Time
	threshold float64
	// nameCache is -name-cache: name-search results kept; nil for the
	// Screener's default.
	nameCache *int
	logger    *slog.Logger
	// clock, if set, is the Screener's clock (tests); default time.Now.
	clock func() time.Time
}

// app holds what a run needs from outside, so tests can replace it.
type app struct {
	newScreener func(context.Context, config) (screener, error)
	now         func() time.Time
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return app{newScreener: newScreener, now: time.Now}.run(ctx, args, stdin, stdout, stderr)
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// options is what the command line asks of a run: the flags and the
// input files, with the defaults of a run without input files applied.
type options struct {
	inputs     []string
	outPath    string
	reportPath string
	policy     string
	asOf       string
	workers    int
	resume     bool
	threshold  float64
	nameCache  int
	dbDSN      string
	ownership  string
	lists      multiFlag
	geoip      multiFlag
}

// flagSet declares the audit's flags, stored in o, on a flag set that
// writes its messages and usage to stderr.
func (o *options) flagSet(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.outPath, "out", "", "write decisions (JSONL) to `FILE` (default stdout; "+defaultOut+" without input arguments)")
	fs.StringVar(&o.reportPath, "report", "", "write an HTML report to `FILE.html` ("+defaultReport+" without input arguments)")
	fs.StringVar(&o.policy, "policy", "", "policy `FILE` (default: the embedded policy)")
	fs.StringVar(&o.asOf, "as-of", "", "as-of `DATE` (YYYY-MM-DD) for requests without a date (default: today)")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "screen `N` requests in parallel")
	fs.BoolVar(&o.resume, "resume", false, "skip the requests already in the -out file (the first records of the input, in order) and append to it")
	fs.Float64Var(&o.threshold, "threshold", 0, "name-match threshold in (0,1] (default: the policy's)")
	fs.IntVar(&o.nameCache, "name-cache", defaultNameCache, "keep the results of the last `N` distinct name searches, for parties that come back (0: none; about 350 bytes each)")
	fs.StringVar(&o.dbDSN, "db", "", "also store every decision in the records database `DSN` (sqlite:PATH or postgres://…), as the services do; review and license_required decisions open review cases")
	fs.Var(&o.lists, "lists", "restricted-party list `FILE|DIR` (repeatable; a directory is an OFAC file set, or one kept by `go run ./examples/lists update -dir DIR`; default: the embedded snapshot)")
	fs.StringVar(&o.ownership, "ownership", "", "ownership `FILE` (CSV or JSON edges: owner, owned, percent, ...) for the OFAC 50% and BIS Affiliates rules")
	fs.Var(&o.geoip, "geoip", "MaxMind DB `FILE` (repeatable; default: the embedded country DB)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: audit [flags] [FILE.csv|FILE.jsonl|- ...]\n\n"+
			"Screens every request of the input files (CSV or JSONL, detected from content; - is stdin)\n"+
			"and writes one decision a line. Without files it screens %s.\n"+
			"Flags may come before, between or after the files; -- ends them.\n\nflags:\n", samplePath)
		fs.PrintDefaults()
	}
	return fs
}

// usagef reports a usage or configuration error on stderr and returns its
// exit code.
func usagef(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "audit: "+format+"\n", a...)
	return exitUsage
}

// parseOptions reads the command line. It returns nil options and the exit
// code when the run stops here: after -help, or on a usage error, which the
// flag set or the returned error has already described on stderr.
func parseOptions(args []string, stderr io.Writer) (*options, int) {
	o := &options{}
	inputs, err := service.ParseArgs(o.flagSet(stderr), args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK
		}
		return nil, exitUsage
	}
	o.inputs = inputs
	if len(inputs) == 0 {
		if err := o.useSample(); err != nil {
			return nil, usagef(stderr, "%v", err)
		}
	}
	if err := o.check(); err != nil {
		return nil, usagef(stderr, "%v", err)
	}
	return o, exitOK
}

// useSample sets the defaults of a run without input files: the bundled
// sample book and its ownership file, written to the default output and
// report files. The sample must be reachable from the working directory.
func (o *options) useSample() error {
	o.inputs = []string{samplePath}
	if o.outPath == "" {
		o.outPath = defaultOut
	}
	if o.reportPath == "" {
		o.reportPath = defaultReport
	}
	if o.ownership == "" {
		o.ownership = sampleOwnership
	}
	if _, err := os.Stat(samplePath); err != nil {
		return fmt.Errorf("no input files given and the sample %s is not here (%v): run from the repository root or name the files to screen", samplePath, err)
	}
	return nil
}

// check rejects flag values out of range and flag combinations that cannot
// work, before anything is opened.
func (o *options) check() error {
	if o.workers < 1 {
		return fmt.Errorf("-workers %d: want at least 1", o.workers)
	}
	if o.threshold < 0 || o.threshold > 1 {
		return fmt.Errorf("-threshold %g: want a number in (0,1]", o.threshold)
	}
	if o.nameCache < 0 {
		return fmt.Errorf("-name-cache %d: want 0 or more", o.nameCache)
	}
	if o.resume && !o.toFile() {
		return errors.New("-resume needs -out FILE: it skips the requests already in that file")
	}
	return nil
}

// toFile reports whether the decisions go to a file rather than stdout.
func (o *options) toFile() bool { return o.outPath != "" && o.outPath != "-" }

// config turns the options into the Screener's configuration, with a
// logger that writes warnings to stderr.
func (o *options) config(stderr io.Writer) (config, error) {
	cfg := config{policy: o.policy, lists: o.lists, geoip: o.geoip, ownership: o.ownership, threshold: o.threshold, nameCache: &o.nameCache,
		logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if o.asOf != "" {
		t, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return config{}, fmt.Errorf("-as-of %q: want a date YYYY-MM-DD", o.asOf)
		}
		cfg.asOf = t
	}
	stdinUsed := 0
	for _, in := range o.inputs {
		if in == "-" {
			stdinUsed++
		}
	}
	if stdinUsed > 1 {
		return config{}, errors.New("- (stdin) named more than once")
	}
	return cfg, nil
}

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

// run is the command: parse and check the flags, open the inputs (reading
// their headers), the resume list, the Screener, the records database and
// the output, screen the batch, then write the summary and the report and
// return the exit code.
func (a app) run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, code := parseOptions(args, stderr)
	if o == nil {
		return code
	}
	cfg, err := o.config(stderr)
	if err != nil {
		return usagef(stderr, "%v", err)
	}

	// Open the inputs and read their headers before anything is screened, so
	// a missing file or a bad header stops the run at once.
	in := &inputSet{names: o.inputs}
	defer in.close()
	readers, total, err := in.open(stdin)
	if err != nil {
		return usagef(stderr, "%v", err)
	}
	in.prog = newProgress(stderr, total)
	defer in.prog.done()
	if err := in.readHeaders(readers); err != nil {
		return usagef(stderr, "%v", err)
	}
	if o.toFile() && in.isInput(o.outPath) {
		return usagef(stderr, "-out %s is also an input file", o.outPath)
	}

	var done *doneList
	if o.resume {
		if done, err = readDone(o.outPath); err != nil {
			return usagef(stderr, "-resume: %v", err)
		}
		fmt.Fprintf(stderr, "audit: resuming: %d requests already in %s\n", len(done.ids), o.outPath)
	}
	s, err := a.newScreener(ctx, cfg)
	if err != nil {
		return usagef(stderr, "%v", err)
	}
	var rec *recorder
	if o.dbDSN != "" {
		if rec, err = openRecorder(ctx, o.dbDSN, o.outPath, o.resume, cfg.logger); err != nil {
			return usagef(stderr, "-db: %v", err)
		}
		defer rec.close()
	}
	out, err := openOutput(o, stdout, stderr)
	if err != nil {
		return usagef(stderr, "-out: %v", err)
	}
	defer out.close()

	b := a.screen(ctx, o, in, s, done, rec, out)
	in.prog.done()
	b.writeSummary(out, in, rec, a.now().Sub(b.start))
	if o.reportPath != "" {
		if err := a.writeReport(o.reportPath, b.st, o.inputs, s); err != nil {
			return usagef(stderr, "-report: %v", err)
		}
		fmt.Fprintf(out.summaryTo, "wrote the report to %s\n", o.reportPath)
	}
	return b.exitCode(ctx, o, in, out, stderr)
}

func (a app) writeReport(path string, st *stats, inputs []string, s screener) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := st.writeReport(f, inputs, s.Versions(), a.now()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
