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
