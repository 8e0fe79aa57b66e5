// Command screen screens one name, or one request, from the shell and
// prints the decision: readably, or as the audit's JSON with -json.
//
//	go run ./examples/screen "Hangzhou Hikvision Digital Technology"
//	go run ./examples/screen -country CN -destination CN -role end_user "Biren Technology"
//	go run ./examples/screen -destination CN -eccn 3A090.a -tpp 4992 -ip 8.8.8.8 "Acme Widgets Inc"
//	go run ./examples/screen -request order.json          # one screening.Request as JSON
//	echo '{"id":"o1","ips":["8.8.8.8"]}' | go run ./examples/screen -request -
//
// The data flags are the audit's: -policy, -lists, -geoip, -ownership,
// -as-of and -threshold, each replacing one part of the embedded defaults.
// Flags may come before or after the name.
//
// Exit codes: 0 when the outcome is allow, 1 for any other outcome (review,
// license_required, deny), 2 on usage, input or configuration errors.
//
// See docs/audit.md (one-off screening).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/ownership"
)

// Exit codes.
const (
	exitAllow    = 0 // the outcome is allow
	exitNotAllow = 1 // review, license_required or deny
	exitUsage    = 2 // bad flags, input or data: nothing was decided
)

func main() {
	// One short run: collecting garbage while the index is built costs
	// more than the memory it would give back.
	debug.SetGCPercent(400)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options is what the command line says.
type options struct {
	data      service.Data
	ownership string
	asOf      string
	threshold float64
	asJSON    bool
	request   string // -request FILE or "-"

	id, role, country, address, dob, partyType string
	hq, parentName, parentCountry              string
	destination, endUse, date, eccn            string
	tpp, dieArea, hbm, dram                    float64
	datacenter                                 string
	ips                                        service.StringList
}

func newFlagSet(o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// The data, as in the audit.
	o.data.Register(fs)
	fs.StringVar(&o.ownership, "ownership", "", "ownership `FILE` (CSV or JSON edges) for the OFAC 50% and BIS Affiliates rules")
	fs.StringVar(&o.asOf, "as-of", "", "as-of `DATE` (YYYY-MM-DD) when the request has none (default: today)")
	fs.Float64Var(&o.threshold, "threshold", 0, "name-match threshold in (0,1] (default: the policy's)")
	// What to print.
	fs.BoolVar(&o.asJSON, "json", false, "print the decision as one JSON object (the audit's output line)")
	// The request, whole.
	fs.StringVar(&o.request, "request", "", "screen the request in `FILE` (JSON, the audit's JSONL line format; - is stdin) instead of flags")
	// Or the request, field by field.
	fs.StringVar(&o.id, "id", "", "request `ID` (default: cli)")
	fs.StringVar(&o.role, "role", "", "party `ROLE`: purchaser, intermediate_consignee, ultimate_consignee, end_user, account_holder, on_behalf_of, other")
	fs.StringVar(&o.partyType, "type", "", "party `TYPE`: individual, entity, vessel or aircraft (default: unknown)")
	fs.StringVar(&o.country, "country", "", "the party's `COUNTRY` (ISO code or name)")
	fs.StringVar(&o.address, "address", "", "the party's `ADDRESS`")
	fs.StringVar(&o.dob, "dob", "", "the party's date of birth (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&o.hq, "hq-country", "", "the party's headquarters `COUNTRY`")
	fs.StringVar(&o.parentName, "parent-name", "", "the party's ultimate parent `NAME`")
	fs.StringVar(&o.parentCountry, "parent-country", "", "the ultimate parent's `COUNTRY`")
	fs.StringVar(&o.destination, "destination", "", "ship-to or service `COUNTRY`")
	fs.Var(&o.ips, "ip", "client `IP` (repeatable)")
	fs.StringVar(&o.eccn, "eccn", "", "the item's `ECCN` (e.g. 3A090.a, EAR99)")
	fs.Float64Var(&o.tpp, "tpp", 0, "the item's total processing performance")
	fs.Float64Var(&o.dieArea, "die-area", 0, "the item's die area in `mm²`")
	fs.StringVar(&o.datacenter, "datacenter", "", "the item is designed or marketed for datacenters: true or false (default: not known)")
	fs.Float64Var(&o.hbm, "hbm-bandwidth-density", 0, "the item's HBM bandwidth density in `GB/s/mm²`")
	fs.Float64Var(&o.dram, "dram-bandwidth", 0, "the item's DRAM bandwidth in `GB/s`")
	fs.StringVar(&o.endUse, "end-use", "", "declared end use")
	fs.StringVar(&o.date, "date", "", "the request's as-of `DATE` (YYYY-MM-DD)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: screen [flags] NAME\n       screen [flags] -request FILE.json|-\n       screen [flags] -destination CC -ip IP ...\n\n"+
			"Screens one name or one request on the embedded defaults (or the data the flags name) and\n"+
			"prints the decision. Exit 0 for allow, 1 for any other outcome, 2 for errors.\n"+
			"Flags may come before or after the name.\n\nflags:\n")
		fs.PrintDefaults()
	}
	return fs
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o options
	fs := newFlagSet(&o, stderr)
	pos, err := service.ParseArgs(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitAllow
		}
		return exitUsage
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "screen: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) > 1 {
		return fail("one name at a time: got %d arguments (%s); quote a name with spaces", len(pos), strings.Join(pos, " "))
	}
	name := strings.Join(pos, "")
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	req, err := buildRequest(&o, name, set, stdin)
	if err != nil {
		return fail("%v", err)
	}
	s, err := newScreener(ctx, &o, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		return fail("%v", err)
	}
	d, err := s.Screen(ctx, req)
	if err != nil {
		var re *screening.RequestError
		if !errors.As(err, &re) || d.Outcome == "" {
			return fail("%v", err)
		}
		// Fields the Screener could not read: it still decided, fail
		// closed; say which.
		d.Error = err.Error()
	}
	if o.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			return fail("%v", err)
		}
	} else {
		writeDecision(stdout, &d)
	}
	if d.Outcome == "allow" {
		return exitAllow
	}
	return exitNotAllow
}

// requestFlags are the flags that describe the request field by field;
// they cannot be combined with -request.
var requestFlags = []string{"id", "role", "type", "country", "address", "dob", "hq-country", "parent-name", "parent-country",
	"destination", "ip", "eccn", "tpp", "die-area", "datacenter", "hbm-bandwidth-density", "dram-bandwidth", "end-use", "date"}

// partyFlags describe the party; they need a name or a country.
var partyFlags = []string{"role", "type", "country", "address", "dob", "hq-country", "parent-name", "parent-country"}

// itemFlags describe the item.
var itemFlags = []string{"eccn", "tpp", "die-area", "datacenter", "hbm-bandwidth-density", "dram-bandwidth"}

// buildRequest makes the request from -request or from the name and the
// request flags.
func buildRequest(o *options, name string, set map[string]bool, stdin io.Reader) (screening.Request, error) {
	if o.request != "" {
		if name != "" {
			return screening.Request{}, fmt.Errorf("-request takes the whole request: leave out the name %q, or put it in the JSON", name)
		}
		for _, f := range requestFlags {
			if set[f] {
				return screening.Request{}, fmt.Errorf("-request takes the whole request: leave out -%s, or put it in the JSON", f)
			}
		}
		return readRequest(o.request, stdin)
	}
	req := screening.Request{ID: o.id, Destination: o.destination, IPs: o.ips, EndUse: o.endUse, Date: o.date}
	if req.ID == "" {
		req.ID = "cli"
	}
	if name != "" || anySet(set, partyFlags) {
		role, err := screening.ParseRole(strings.ToLower(o.role))
		if err != nil {
			return req, fmt.Errorf("-role: %w", err)
		}
		req.Parties = []screening.Party{{Role: role, Name: name, Type: o.partyType, Country: o.country, Address: o.address,
			DateOfBirth: o.dob, HQCountry: o.hq, ParentName: o.parentName, ParentCountry: o.parentCountry}}
	}
	if anySet(set, itemFlags) {
		it := screening.Item{ECCN: o.eccn, TPP: o.tpp, DieAreaMM2: o.dieArea, HBMBandwidthDensity: o.hbm, DRAMBandwidthGBps: o.dram}
		for _, n := range []struct {
			flag string
			v    float64
		}{{"tpp", o.tpp}, {"die-area", o.dieArea}, {"hbm-bandwidth-density", o.hbm}, {"dram-bandwidth", o.dram}} {
			if n.v < 0 {
				return req, fmt.Errorf("-%s %g: want a number >= 0", n.flag, n.v)
			}
		}
		if o.datacenter != "" {
			b, err := strconv.ParseBool(o.datacenter)
			if err != nil {
				return req, fmt.Errorf("-datacenter %q: want true or false", o.datacenter)
			}
			it.Datacenter = &b
		}
		req.Items = []screening.Item{it}
	}
	if len(req.Parties) == 0 && len(req.Items) == 0 && len(req.IPs) == 0 && req.Destination == "" {
		return req, errors.New("nothing to screen: give a NAME, -request FILE, or request flags such as -destination, -ip or -eccn (see -h)")
	}
	return req, nil
}

func anySet(set map[string]bool, names []string) bool {
	for _, n := range names {
		if set[n] {
			return true
		}
	}
	return false
}

// maxRequest bounds the JSON request read, as the audit bounds a JSONL line.
const maxRequest = 4 << 20

// readRequest reads one screening.Request as JSON from path ("-" for stdin).
// Unknown fields are errors, so a misspelt field is never ignored.
func readRequest(path string, stdin io.Reader) (screening.Request, error) {
	var req screening.Request
	r, name := stdin, "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return req, fmt.Errorf("-request: %w", err)
		}
		defer f.Close()
		r, name = f, path
	}
	data, err := io.ReadAll(io.LimitReader(r, maxRequest+1))
	if err != nil {
		return req, fmt.Errorf("-request %s: %w", name, err)
	}
	if len(data) > maxRequest {
		return req, fmt.Errorf("-request %s: longer than %d bytes (4 MiB)", name, maxRequest)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("-request %s: line %d: %w", name, errLine(data, err, dec.InputOffset()), err)
	}
	if dec.More() {
		return req, fmt.Errorf("-request %s: more than one JSON value: one request at a time (the audit screens many)", name)
	}
	if req.ID == "" {
		req.ID = "cli"
	}
	return req, nil
}

// errLine returns the line of a JSON decoding error.
func errLine(data []byte, err error, stopped int64) int {
	off := stopped
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	off = min(max(off, 0), int64(len(data)))
	return 1 + strings.Count(string(data[:off]), "\n")
}

// newScreener builds the Screener from the data flags, as the audit does:
// the embedded defaults, replaced part by part.
func newScreener(ctx context.Context, o *options, logger *slog.Logger) (*screening.Screener, error) {
	if len(o.data.ListPaths) == 0 {
		// The embedded list snapshot is decoded once per process, and
		// screening.New needs it first: decode it on the other core while
		// this one opens the IP database and reads the policy.
		// screening.New reports an error of it.
		go lists.Default()
	}
	opts, err := o.data.Options(ctx)
	if err != nil {
		return nil, err
	}
	opts = append(opts, screening.WithLogger(logger))
	// The embedded country database, or the -geoip files.
	l, err := o.data.OpenLocator(logger)
	if err != nil {
		return nil, err
	}
	opts = append(opts, screening.WithLocator(l))
	if o.data.PolicyPath == "" {
		rules.Default() // parsed once per process, here rather than after the index
	}
	if o.ownership != "" {
		g, err := ownership.LoadFile(o.ownership)
		if err != nil {
			return nil, fmt.Errorf("-ownership: %w", err)
		}
		for _, w := range g.Warnings() {
			logger.Warn("ownership data", "warning", w)
		}
		opts = append(opts, screening.WithOwnership(g))
	}
	if o.asOf != "" {
		t, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return nil, fmt.Errorf("-as-of %q: want a date YYYY-MM-DD", o.asOf)
		}
		opts = append(opts, screening.WithAsOf(t))
	}
	if o.threshold != 0 {
		if o.threshold < 0 || o.threshold > 1 {
			return nil, fmt.Errorf("-threshold %g: want a number in (0,1]", o.threshold)
		}
		opts = append(opts, screening.WithThreshold(o.threshold))
	}
	return screening.New(ctx, opts...)
}
