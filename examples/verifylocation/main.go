// Command verifylocation judges where a device can be from signed delay
// measurements, with package geoloc/verify.
//
// Usage:
//
//	verifylocation [-json] [-geojson FILE] [-svg FILE] [-regions FILE.geojson]
//	               [-judge CN,RU,...] [-likely-speed KM_PER_MS] INPUT.json
//
// INPUT.json:
//
//	{"declared": {"country": "DE"} | {"lat": 50.11, "lon": 8.68},
//	 "measurements": [{"landmark": {"id": "fra", "lat": 50.11, "lon": 8.68,
//	   "uncertainty_km": 1}, "rtt_ms": [1.1, 0.9], "signed": true}]}
//
// It prints a per-region verdict table (or, with -json, {"verdict",
// "regions": [{"region", "verdict", "by", "margin_km"}],
// "feasible_area_km2", "notes"}), and can write the feasible region as
// GeoJSON and an SVG map with country outlines, landmark discs and the
// feasible region.
//
// Exit status, for scripts: 0 when the verdict is consistent; 1 for any
// other verdict (inconsistent, contradictory, concern_not_excluded,
// insufficient_evidence: the location is not established); 2 for usage
// errors and input that cannot be read, when nothing was judged.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// defaultJudge: China, Macau and Hong Kong, the D:5 countries RU, BY, IR,
// KP, CU, SY and VE (15 CFR Part 740 Supp. 1), and the sanctioned regions
// of Ukraine: UA-43 Crimea, UA-40 Sevastopol, UA-14 Donetsk and UA-09
// Luhansk (15 CFR 746.6; E.O. 13685 and E.O. 14065). Their polygons come
// from defaultRegions unless -regions gives others; a region without a
// polygon is not judged, which makes the verdict insufficient_evidence. In
// production the list comes from the policy.
const defaultJudge = "CN,MO,HK,RU,BY,IR,KP,CU,SY,VE,UA-43,UA-40,UA-14,UA-09"

// Exit codes.
const (
	exitConsistent = 0 // the verdict is consistent
	exitNotShown   = 1 // any other verdict: the location is not established
	exitUsage      = 2 // bad flags or input: nothing was judged
)

type input struct {
	Declared struct {
		Country string   `json:"country"`
		Lat     *float64 `json:"lat"`
		Lon     *float64 `json:"lon"`
	} `json:"declared"`
	Measurements []verify.Measurement `json:"measurements"`
}

// InputError reports a bad input file with its name and line.
type InputError struct {
	File string
	Line int
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

func readInput(name string, data []byte) (verify.Site, []verify.Measurement, error) {
	var in input
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return verify.Site{}, nil, &InputError{File: name, Line: lineOf(data, err, dec.InputOffset()), Err: err}
	}
	site := verify.Site{Country: in.Declared.Country}
	switch {
	case in.Declared.Lat != nil && in.Declared.Lon != nil:
		site.Lat, site.Lon, site.HasPoint = *in.Declared.Lat, *in.Declared.Lon, true
	case in.Declared.Lat != nil || in.Declared.Lon != nil:
		return site, nil, &InputError{File: name, Err: errors.New("declared: lat and lon must be given together")}
	}
	if len(in.Measurements) == 0 {
		return site, nil, &InputError{File: name, Err: errors.New("measurements: none")}
	}
	return site, in.Measurements, nil
}

// lineOf returns the line of a decoding error: its own offset if it has
// one, else where the decoder stopped.
func lineOf(data []byte, err error, stopped int64) int {
	off := stopped
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

type jsonRegion struct {
	Region   string  `json:"region"`
	Verdict  string  `json:"verdict"`
	By       string  `json:"by,omitempty"`
	MarginKM float64 `json:"margin_km"`
	Likely   string  `json:"likely,omitempty"`
	Note     string  `json:"note,omitempty"`
}

type jsonResult struct {
	Verdict         verify.Verdict `json:"verdict"`
	Regions         []jsonRegion   `json:"regions"`
	FeasibleAreaKM2 float64        `json:"feasible_area_km2"`
	LikelyAreaKM2   float64        `json:"likely_area_km2,omitempty"`
	Notes           []string       `json:"notes"`
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verifylocation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	geojsonOut := fs.String("geojson", "", "write the feasible region, discs and landmarks as GeoJSON to `FILE`")
	svgOut := fs.String("svg", "", "write an SVG map to `FILE`")
	vf := addVerifyFlags(fs)
	acceptUnsigned := fs.Bool("accept-unsigned", false, "treat unsigned replies as coming from the device")
	records := addRecordFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: verifylocation [flags] INPUT.json\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitConsistent
		}
		return exitUsage
	}
	if records.dir != "" {
		return runRecords(ctx, fs, vf, records, stdout, stderr)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	name := fs.Arg(0)
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	site, ms, err := readInput(name, data)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	opts, codes, err := vf.options()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if *acceptUnsigned {
		opts = append(opts, verify.WithUnsignedAccepted())
	}
	res, err := verify.Verify(ctx, site, ms, codes, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitUsage
	}
	if *asJSON {
		out := jsonResult{Verdict: res.Verdict, FeasibleAreaKM2: res.FeasibleAreaKM2, LikelyAreaKM2: res.LikelyAreaKM2, Notes: res.Notes, Regions: []jsonRegion{}}
		for _, r := range res.Regions {
			out.Regions = append(out.Regions, jsonRegion{r.Region, r.Verdict, r.By, r.MarginKM, r.Likely, r.Note})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	} else {
		printTable(stdout, res)
	}
	code := verdictExit(res.Verdict)
	if *geojsonOut != "" {
		if err := writeFile(*geojsonOut, func(w io.Writer) error { return writeGeoJSON(w, res) }); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	if *svgOut != "" {
		if err := writeFile(*svgOut, func(w io.Writer) error { return writeSVG(w, res, site) }); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	return code
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}

func printTable(w io.Writer, res verify.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REGION\tVERDICT\tBY\tMARGIN_KM\tLIKELY\tNOTE")
	for _, r := range res.Regions {
		margin := ""
		if r.By != "" && r.By != verify.ByIntersection {
			margin = fmt.Sprintf("%.1f", r.MarginKM)
		}
		name := r.Region
		if !r.Concern {
			name += " (declared)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, r.Verdict, r.By, margin, r.Likely, r.Note)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nverdict: %s\nfeasible area: %.0f km² (upper bound)\n", res.Verdict, res.FeasibleAreaKM2)
	if res.LikelyAreaKM2 > 0 {
		fmt.Fprintf(w, "likely area: %.0f km²\n", res.LikelyAreaKM2)
	}
	fmt.Fprintln(w, "discs:")
	for _, d := range res.Discs {
		used := "used"
		if !d.Used {
			used = "ignored"
		}
		fmt.Fprintf(w, "  %-12s min RTT %7.2f ms  radius %8.1f km  signed=%-5v %s\n", d.Landmark.ID, d.MinRTTms, d.RadiusKM, d.Signed, used)
	}
	fmt.Fprintln(w, "notes:")
	for _, n := range res.Notes {
		fmt.Fprintf(w, "  - %s\n", n)
	}
}

// verdictExit is the exit code of a verdict: only a consistent location is
// shown; every other verdict (excluded, inconsistent, contradictory,
// insufficient evidence, a concern not excluded) fails closed.
func verdictExit(v verify.Verdict) int {
	if v == verify.VerdictConsistent {
		return exitConsistent
	}
	return exitNotShown
}
