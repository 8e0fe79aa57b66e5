// Command lists keeps a directory of current restricted-party lists for
// the other binaries' -lists flag.
//
//	go run ./examples/lists update -dir /var/lib/exportguard/lists
//	go run ./examples/lists status -dir /var/lib/exportguard/lists
//	go run ./examples/audit -lists /var/lib/exportguard/lists orders.csv
//
// update fetches the publishers' files (trade.gov's Consolidated Screening
// List for the BIS and State lists, OFAC's SDN and non-SDN files, the UN
// Security Council list) with conditional requests, checks them (every
// file downloaded and parsed, no source gone or shrunk by more than
// -max-shrink) and only then replaces the last good files in DIR/current.
// It prints what changed. Exit status: 0 updated or unchanged, 1 rejected
// (the last good lists are kept), 2 usage error. Schedule it (cron, a
// systemd timer: see docs/lists.md) and point the services at DIR.
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
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

// Exit codes.
const (
	exitOK       = 0 // updated, or nothing changed
	exitRejected = 1 // the new data was rejected; the last good lists are kept
	exitUsage    = 2 // bad command line
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: lists update -dir DIR [flags]   fetch current lists into DIR
       lists status -dir DIR              show the lists kept in DIR
Run "lists update -h" for the flags.
`

// run is the command with its arguments, output streams and exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "update":
		return update(ctx, args[1:], stdout, stderr)
	case "status":
		return status(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "lists: unknown command %q\n%s", args[0], usage)
	return exitUsage
}

// feedFlags are the download locations, each overridable.
type feedFlags struct {
	dir, only               string
	csl, ofac, ofacCons, un string
	timeout                 time.Duration
	maxShrink               float64
	maxBytes                int64
	quiet                   bool
}

func (f *feedFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "dir", "", "data `DIR`ectory: the last good files are kept in DIR/current (required)")
	fs.StringVar(&f.only, "feeds", "csl,ofac-sdn,ofac-cons,un", "comma-separated `FEEDS` to fetch (csl, ofac-sdn, ofac-cons, un)")
	fs.StringVar(&f.csl, "csl-url", lists.URLCSLCSV, "trade.gov Consolidated Screening List CSV `URL` (kept: EL, DPL, UVL, MEU, ISN, DTC)")
	fs.StringVar(&f.ofac, "ofac-url", lists.URLOFACBase, "`URL` of the directory with OFAC's sdn.csv, add.csv, alt.csv, sdn_comments.csv")
	fs.StringVar(&f.ofacCons, "ofac-cons-url", lists.URLOFACConsBase, "`URL` of the directory with OFAC's cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv")
	fs.StringVar(&f.un, "un-url", lists.URLUN, "UN Security Council Consolidated List XML `URL`")
	fs.DurationVar(&f.timeout, "timeout", 2*time.Minute, "time limit per file")
	fs.Float64Var(&f.maxShrink, "max-shrink", 0.10, "largest `FRACTION` of a source's entries that may go at once before the update is rejected")
	fs.Int64Var(&f.maxBytes, "max-bytes", 256<<20, "size cap per file, after gzip decoding")
	fs.BoolVar(&f.quiet, "q", false, "print only the summary line")
}

// feeds builds the feeds -feeds names, with the -*-url locations.
func (f *feedFlags) feeds() ([]lists.Feed, error) {
	join := func(base, name string) string {
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		return base + name
	}
	all := map[string]lists.Feed{}
	for _, d := range lists.DefaultFeeds() {
		switch d.Name {
		case "csl":
			d.Files = []lists.FeedFile{{Name: "consolidated.csv", URL: f.csl}}
		case "ofac-sdn":
			for i := range d.Files {
				d.Files[i].URL = join(f.ofac, d.Files[i].Name)
			}
		case "ofac-cons":
			for i := range d.Files {
				d.Files[i].URL = join(f.ofacCons, d.Files[i].Name)
			}
		case "un":
			d.Files = []lists.FeedFile{{Name: "consolidated.xml", URL: f.un}}
		}
		all[d.Name] = d
	}
	var out []lists.Feed
	for _, n := range strings.Split(f.only, ",") {
		n = strings.TrimSpace(n)
		d, ok := all[n]
		if !ok {
			return nil, fmt.Errorf("-feeds: unknown feed %q (want csl, ofac-sdn, ofac-cons or un)", n)
		}
		if slices.ContainsFunc(out, func(x lists.Feed) bool { return x.Name == n }) {
			return nil, fmt.Errorf("-feeds: %q given twice", n)
		}
		out = append(out, d)
	}
	return out, nil
}

func update(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lists update", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f feedFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if f.dir == "" || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lists update: -dir is required and no arguments are taken (got %q)\n", fs.Args())
		return exitUsage
	}
	if !(f.maxShrink >= 0) || f.timeout <= 0 || f.maxBytes <= 0 {
		fmt.Fprintf(stderr, "lists update: -max-shrink must be ≥ 0, -timeout and -max-bytes > 0\n")
		return exitUsage
	}
	feeds, err := f.feeds()
	if err != nil {
		fmt.Fprintf(stderr, "lists update: %v\n", err)
		return exitUsage
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	u := lists.NewUpdater(f.dir, lists.WithFeeds(feeds...), lists.WithTimeout(f.timeout),
		lists.WithMaxShrink(f.maxShrink), lists.WithMaxBytes(f.maxBytes), lists.WithLogger(logger))
	snap, rep, err := u.Update(ctx)
	if !f.quiet {
		printFeeds(stdout, rep)
	}
	switch {
	case err != nil:
		fmt.Fprintf(stdout, "rejected: %s\n", rep.Reason)
		fmt.Fprintf(stderr, "lists update: %v\n", err)
		if !f.quiet && !rep.Diff.Empty() {
			fmt.Fprintf(stdout, "changes that were not applied:\n")
			printDiff(stdout, rep.Diff)
		}
		if snap != nil {
			fmt.Fprintf(stdout, "kept the last good lists in %s/current: %s\n", f.dir, summary(snap))
		} else {
			fmt.Fprintf(stdout, "no last good lists in %s: nothing to screen against until an update succeeds\n", f.dir)
		}
		return exitRejected
	case !rep.Accepted:
		fmt.Fprintf(stdout, "unchanged (%s): %s\n", rep.Reason, summary(snap))
	default:
		if !f.quiet {
			printDiff(stdout, rep.Diff)
		}
		fmt.Fprintf(stdout, "updated %s/current: %s\n", f.dir, summary(snap))
	}
	return exitOK
}

// status prints the sources kept in -dir.
func status(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lists status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "data `DIR`ectory kept by lists update (required)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *dir == "" || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lists status: -dir is required and no arguments are taken (got %q)\n", fs.Args())
		return exitUsage
	}
	snap, err := lists.LoadLastGood(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "lists status: %v\n", err)
		return exitRejected
	}
	fmt.Fprintf(stdout, "%-6s %8s  %-10s  %-20s  %s\n", "source", "entries", "as of", "fetched", "files")
	for _, si := range snap.Sources() {
		fmt.Fprintf(stdout, "%-6s %8d  %-10s  %-20s  %s\n", si.Source, si.Count, day(si.AsOf), stamp(si.FetchedAt), strings.Join(si.Files, " "))
	}
	return exitOK
}

func printFeeds(w io.Writer, rep lists.UpdateReport) {
	for _, fr := range rep.Feeds {
		switch {
		case fr.Err != nil:
			fmt.Fprintf(w, "  %-10s %-18s failed: %v\n", fr.Feed, fr.File, fr.Err)
		case fr.NotModified:
			fmt.Fprintf(w, "  %-10s %-18s not modified\n", fr.Feed, fr.File)
		default:
			fmt.Fprintf(w, "  %-10s %-18s %d bytes\n", fr.Feed, fr.File, fr.Bytes)
		}
	}
}

// maxNames is how many added and removed names per source printDiff shows.
const maxNames = 5

func printDiff(w io.Writer, d lists.SnapshotDiff) {
	for _, s := range d.Sources {
		if len(s.Added)+len(s.Removed)+len(s.Changed) == 0 && s.OldCount == s.NewCount {
			continue
		}
		fmt.Fprintf(w, "%s: %d -> %d entries, +%d -%d ~%d\n", s.Source, s.OldCount, s.NewCount, len(s.Added), len(s.Removed), len(s.Changed))
		names := func(sign string, es []*lists.Entry) {
			for i, e := range es {
				if i == maxNames {
					fmt.Fprintf(w, "  %s … %d more\n", sign, len(es)-maxNames)
					return
				}
				fmt.Fprintf(w, "  %s %s %s\n", sign, e.Key(), e.Name)
			}
		}
		names("+", s.Added)
		names("-", s.Removed)
		for i, c := range s.Changed {
			if i == maxNames {
				fmt.Fprintf(w, "  ~ … %d more\n", len(s.Changed)-maxNames)
				break
			}
			fmt.Fprintf(w, "  ~ %s %s (%s)\n", c.Key, c.New.Name, strings.Join(c.Fields, ", "))
		}
	}
}

// summary is one line: entries per source.
func summary(s *lists.Snapshot) string {
	var parts []string
	for _, si := range s.Sources() {
		parts = append(parts, fmt.Sprintf("%s %d", si.Source, si.Count))
	}
	return fmt.Sprintf("%d entries (%s)", s.Len(), strings.Join(parts, ", "))
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
