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

func (a app) run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		outPath    = fs.String("out", "", "write decisions (JSONL) to `FILE` (default stdout; "+defaultOut+" without input arguments)")
		reportPath = fs.String("report", "", "write an HTML report to `FILE.html` ("+defaultReport+" without input arguments)")
		policy     = fs.String("policy", "", "policy `FILE` (default: the embedded policy)")
		asOf       = fs.String("as-of", "", "as-of `DATE` (YYYY-MM-DD) for requests without a date (default: today)")
		workers    = fs.Int("workers", runtime.GOMAXPROCS(0), "screen `N` requests in parallel")
		resume     = fs.Bool("resume", false, "skip the requests already in the -out file (the first records of the input, in order) and append to it")
		threshold  = fs.Float64("threshold", 0, "name-match threshold in (0,1] (default: the policy's)")
		nameCache  = fs.Int("name-cache", defaultNameCache, "keep the results of the last `N` distinct name searches, for parties that come back (0: none; about 350 bytes each)")
		dbDSN      = fs.String("db", "", "also store every decision in the records database `DSN` (sqlite:PATH or postgres://…), as the services do; review and license_required decisions open review cases")
		listPaths  multiFlag
		geoPaths   multiFlag
	)
	fs.Var(&listPaths, "lists", "restricted-party list `FILE|DIR` (repeatable; a directory is an OFAC file set, or one kept by `go run ./examples/lists update -dir DIR`; default: the embedded snapshot)")
	ownershipPath := fs.String("ownership", "", "ownership `FILE` (CSV or JSON edges: owner, owned, percent, ...) for the OFAC 50% and BIS Affiliates rules")
	fs.Var(&geoPaths, "geoip", "MaxMind DB `FILE` (repeatable; default: the embedded country DB)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: audit [flags] [FILE.csv|FILE.jsonl|- ...]\n\n"+
			"Screens every request of the input files (CSV or JSONL, detected from content; - is stdin)\n"+
			"and writes one decision a line. Without files it screens %s.\n"+
			"Flags may come before, between or after the files; -- ends them.\n\nflags:\n", samplePath)
		fs.PrintDefaults()
	}
	inputs, err := service.ParseArgs(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "audit: "+format+"\n", a...)
		return exitUsage
	}

	sample := len(inputs) == 0
	if sample {
		inputs = []string{samplePath}
		if *outPath == "" {
			*outPath = defaultOut
		}
		if *reportPath == "" {
			*reportPath = defaultReport
		}
		if *ownershipPath == "" {
			*ownershipPath = sampleOwnership
		}
		if _, err := os.Stat(samplePath); err != nil {
			return usage("no input files given and the sample %s is not here (%v): run from the repository root or name the files to screen", samplePath, err)
		}
	}
	if *workers < 1 {
		return usage("-workers %d: want at least 1", *workers)
	}
	if *threshold < 0 || *threshold > 1 {
		return usage("-threshold %g: want a number in (0,1]", *threshold)
	}
	if *nameCache < 0 {
		return usage("-name-cache %d: want 0 or more", *nameCache)
	}
	if *resume && (*outPath == "" || *outPath == "-") {
		return usage("-resume needs -out FILE: it skips the requests already in that file")
	}
	cfg := config{policy: *policy, lists: listPaths, geoip: geoPaths, ownership: *ownershipPath, threshold: *threshold, nameCache: nameCache,
		logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			return usage("-as-of %q: want a date YYYY-MM-DD", *asOf)
		}
		cfg.asOf = t
	}
	stdinUsed := 0
	for _, in := range inputs {
		if in == "-" {
			stdinUsed++
		}
	}
	if stdinUsed > 1 {
		return usage("- (stdin) named more than once")
	}

	// Open the inputs and read their headers before anything is screened, so
	// a missing file or a bad header stops the run at once.
	var (
		srcs  []source
		total int64
		files []*os.File
	)
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	readers := make([]io.Reader, len(inputs))
	for i, in := range inputs {
		if in == "-" {
			readers[i] = stdin
			total = -1
			continue
		}
		f, err := os.Open(in)
		if err != nil {
			return usage("%v", err)
		}
		files = append(files, f)
		readers[i] = f
		if st, err := f.Stat(); err == nil && total >= 0 {
			total += st.Size()
		}
	}
	prog := newProgress(stderr, total)
	defer prog.done()
	seen := newIDSet()
	for i, in := range inputs {
		name := ""
		if len(inputs) > 1 {
			name = in
			if in == "-" {
				name = "stdin"
			}
		}
		src, err := newSource(prog.reader(readers[i]), name, seen)
		if err != nil {
			if errors.Is(err, ErrBadHeader) && name == "" {
				return usage("%s: %v", in, err)
			}
			return usage("%v", err)
		}
		srcs = append(srcs, src)
	}

	if *outPath != "" && *outPath != "-" {
		if ost, err := os.Stat(*outPath); err == nil {
			for _, f := range files {
				if ist, err := f.Stat(); err == nil && os.SameFile(ist, ost) {
					return usage("-out %s is also an input file", *outPath)
				}
			}
		}
	}

	var done *doneList
	if *resume {
		var err error
		if done, err = readDone(*outPath); err != nil {
			return usage("-resume: %v", err)
		}
		fmt.Fprintf(stderr, "audit: resuming: %d requests already in %s\n", len(done.ids), *outPath)
	}

	s, err := a.newScreener(ctx, cfg)
	if err != nil {
		return usage("%v", err)
	}

	var rec *recorder
	if *dbDSN != "" {
		if rec, err = openRecorder(ctx, *dbDSN, *outPath, *resume, cfg.logger); err != nil {
			return usage("-db: %v", err)
		}
		defer rec.close()
	}

	var out io.Writer = stdout
	var outFile *os.File
	summaryTo := stdout
	if *outPath != "" && *outPath != "-" {
		if err := os.MkdirAll(filepath.Dir(*outPath), 0o755); err != nil {
			return usage("-out: %v", err)
		}
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if *resume {
			flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		f, err := os.OpenFile(*outPath, flags, 0o644)
		if err != nil {
			return usage("-out: %v", err)
		}
		defer f.Close()
		out, outFile = f, f
	} else {
		summaryTo = stderr // stdout carries the decisions
	}

	w := newJSONLWriter(out)
	st := newStats()
	p := &pipeline{s: s, workers: *workers, window: 64 * *workers, done: done, now: a.now}
	start := a.now()
	writeLine := func(l *bytes.Buffer) error { return w.WriteLine(l.Bytes()) }
	// Decisions already read are stored even after an interrupt, like they
	// are screened and written.
	recCtx := context.WithoutCancel(ctx)
	runErr := p.run(ctx, srcs, func(j *job) error {
		if j.err != nil {
			return j.err
		}
		st.add(j.r, &j.d)
		if rec != nil {
			return rec.add(recCtx, j, writeLine)
		}
		err := writeLine(j.line)
		putLine(j.line)
		return err
	})
	var recErr error
	if rec != nil {
		if recErr = rec.flush(recCtx, writeLine); recErr == nil {
			recErr = rec.close()
		}
		if errors.Is(runErr, errRecording) {
			runErr = nil
		}
		if !errors.Is(recErr, errRecording) && recErr != nil && (runErr != nil || w.err != nil) {
			recErr = nil // a failed write of the output, reported as such below
		}
	}
	flushErr := w.Flush()
	if flushErr == nil && outFile != nil {
		// A full disk may show only now; the records are not counted as
		// written until the file system has them.
		if err := outFile.Sync(); err != nil {
			flushErr = err
		} else if err := outFile.Close(); err != nil {
			flushErr = err
		}
	}
	prog.done()
	elapsed := a.now().Sub(start)

	st.writeSummary(summaryTo, elapsed)
	records := 0
	for _, src := range srcs {
		records += src.Records()
	}
	to := "stdout"
	if *outPath != "" && *outPath != "-" {
		to = *outPath
	}
	fmt.Fprintf(summaryTo, "\nread %d input records as %d requests", records, p.read)
	if p.skipped > 0 {
		fmt.Fprintf(summaryTo, " (%d already in %s, skipped)", p.skipped, to)
	}
	fmt.Fprintf(summaryTo, "; wrote %d decisions to %s", w.lines, to)
	if flushErr != nil {
		fmt.Fprintf(summaryTo, " (of %d; the write failed)", st.requests)
	}
	fmt.Fprintln(summaryTo)
	if rec != nil {
		fmt.Fprintf(summaryTo, "recorded %d decisions in the %s records database (source %q)", rec.added, rec.st.Backend(), recordSource)
		if rec.existed > 0 {
			fmt.Fprintf(summaryTo, "; %d were recorded already by the run being resumed", rec.existed)
		}
		fmt.Fprintln(summaryTo)
	}
	if *reportPath != "" {
		if err := a.writeReport(*reportPath, st, inputs, s); err != nil {
			return usage("-report: %v", err)
		}
		fmt.Fprintf(summaryTo, "wrote the report to %s\n", *reportPath)
	}

	var empty []string
	for i, src := range srcs {
		if src.Records() == 0 {
			empty = append(empty, inputs[i])
		}
	}
	switch {
	case recErr != nil:
		return usage("-db: %v; %d decisions were recorded and written, rerun with -resume to continue", recErr, w.lines)
	case flushErr != nil:
		return usage("write decisions: %v; %d of %d decisions were written", flushErr, w.lines, st.requests)
	case errors.Is(runErr, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(stderr, "audit: interrupted after %d requests; rerun with -resume to continue\n", w.lines)
		return exitInterrupted
	case errors.Is(runErr, ErrResumeMismatch):
		return usage("-resume %s: %v", *outPath, runErr)
	case runErr != nil:
		return usage("%v", runErr)
	case len(empty) > 0:
		for _, in := range empty {
			if in == "-" {
				in = "stdin"
			}
			fmt.Fprintf(stderr, "audit: %s holds no requests (empty, or a header row only)\n", in)
		}
		return exitErrorRecord
	case st.outcomes[outcomeError] > 0 || st.problems > 0:
		if n := st.outcomes[outcomeError]; n > 0 {
			fmt.Fprintf(stderr, "audit: %d of %d requests could not be screened (outcome \"error\"; see the error field)\n", n, st.requests)
		}
		if st.problems > 0 {
			fmt.Fprintf(stderr, "audit: %d of %d requests have fields the Screener could not read; they were screened fail-closed (see the error field)\n", st.problems, st.requests)
		}
		return exitErrorRecord
	}
	return exitOK
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
