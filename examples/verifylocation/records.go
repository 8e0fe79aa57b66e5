package main

// -records DIR: verify signed measurement records (package geoloc/attest)
// instead of reading RTTs from an input file.

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
)

type recordFlags struct {
	dir, registry, device, declared, at, seen string
	verifierKey, verifierID, verdictOut       string
	maxAge, validity                          time.Duration
}

func addRecordFlags(fs *flag.FlagSet) *recordFlags {
	rf := &recordFlags{}
	fs.StringVar(&rf.dir, "records", "", "verify the signed measurement records (*.json) in `DIR` instead of an input file; needs -registry and -device")
	fs.StringVar(&rf.registry, "registry", "", "with -records: registry `FILE` of enrolled devices and landmarks")
	fs.StringVar(&rf.device, "device", "", "with -records: the device `ID` to verify")
	fs.StringVar(&rf.declared, "declared", "", "with -records: the declared country or region `CODE` (e.g. DE)")
	fs.StringVar(&rf.at, "at", "", "with -records: the declared point `LAT,LON`")
	fs.StringVar(&rf.seen, "seen", "", "with -records: `FILE` of nonces already used, kept across runs so that a record is accepted once")
	fs.DurationVar(&rf.maxAge, "max-age", attest.DefaultMaxAge, "with -records: oldest challenge accepted")
	fs.StringVar(&rf.verifierKey, "verifier-key", "", "with -records: Ed25519 key `FILE` to sign the verdict written by -verdict-out")
	fs.StringVar(&rf.verifierID, "verifier-id", "verifier", "with -records: the verifier's `ID` in the verdict record")
	fs.StringVar(&rf.verdictOut, "verdict-out", "", "with -records: write the signed verdict record to `FILE` (for screening)")
	fs.DurationVar(&rf.validity, "verdict-validity", 24*time.Hour, "with -records: how long the verdict record counts as evidence")
	return rf
}

// readRecords parses every *.json file in dir; a file that cannot be read
// or parsed becomes a rejected input, and the others still count.
func readRecords(dir string) ([]attest.Input, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	slices.Sort(names)
	in := make([]attest.Input, 0, len(names))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err == nil && len(data) > attest.MaxFileSize {
			err = fmt.Errorf("%s: %d bytes exceeds %d", name, len(data), attest.MaxFileSize)
		}
		var r *attest.Record
		if err == nil {
			r, err = attest.ParseRecord(data, name)
		}
		in = append(in, attest.Input{Source: name, Record: r, Err: err})
	}
	return in, nil
}

func (rf *recordFlags) site() (verify.Site, error) {
	site := verify.Site{Country: rf.declared}
	if rf.at != "" {
		lat, lon, ok := strings.Cut(rf.at, ",")
		la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
		if !ok || err1 != nil || err2 != nil {
			return site, fmt.Errorf("-at %q: want LAT,LON in degrees", rf.at)
		}
		site.Lat, site.Lon, site.HasPoint = la, lo, true
	}
	return site, nil
}

type jsonRecordsResult struct {
	jsonResult
	Device    string                    `json:"device"`
	Landmarks []attest.LandmarkEvidence `json:"landmarks"`
	Rejected  []attest.Rejection        `json:"rejected"`
}

// runRecords is verifylocation -records; fs holds the parsed arguments.
func runRecords(ctx context.Context, fs *flag.FlagSet, vf *verifyFlags, rf *recordFlags, stdout, stderr io.Writer) int {
	fail := func(err error) int { fmt.Fprintln(stderr, "verifylocation:", err); return exitUsage }
	if rf.registry == "" || rf.device == "" {
		fmt.Fprintln(stderr, "verifylocation: -records needs -registry and -device")
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "verifylocation: -records takes no input file")
		return exitUsage
	}
	site, err := rf.site()
	if err != nil {
		return fail(err)
	}
	reg, err := attest.ReadRegistry(rf.registry)
	if err != nil {
		return fail(err)
	}
	var signer ed25519.PrivateKey
	if rf.verdictOut != "" {
		if rf.verifierKey == "" {
			return fail(errors.New("-verdict-out needs -verifier-key"))
		}
		if signer, err = attest.ReadKeyFile(rf.verifierKey); err != nil {
			return fail(err)
		}
	}
	in, err := readRecords(rf.dir)
	if err != nil {
		return fail(err)
	}
	opts, codes, err := vf.options()
	if err != nil {
		return fail(err)
	}
	now := time.Now()
	vopts := []attest.Option{attest.WithMaxAge(rf.maxAge), attest.WithClock(func() time.Time { return now })}
	if rf.seen != "" {
		store, err := attest.OpenFileNonces(rf.seen, now)
		if err != nil {
			return fail(err)
		}
		defer store.Close()
		vopts = append(vopts, attest.WithNonceStore(store))
	}
	res, err := attest.NewVerifier(reg, vopts...).Verify(ctx, rf.device, in, site, codes, opts...)
	if err != nil {
		return fail(err)
	}
	if rf.verdictOut != "" {
		if err := writeVerdict(rf, site, res, now, signer); err != nil {
			return fail(err)
		}
	}
	if fs.Lookup("json").Value.String() == "true" {
		if err := writeRecordsJSON(stdout, rf.device, res); err != nil {
			return fail(err)
		}
		return verdictExit(res.Location.Verdict)
	}
	writeRecordsText(stdout, rf.device, res)
	return verdictExit(res.Location.Verdict)
}

// writeVerdict signs a verdict record of res for the declared site with
// signer and writes it to -verdict-out.
func writeVerdict(rf *recordFlags, site verify.Site, res attest.Result, now time.Time, signer ed25519.PrivateKey) error {
	vr := attest.NewVerdictRecord(rf.verifierID, site, res, now, rf.validity)
	if err := vr.Sign(signer); err != nil {
		return err
	}
	data, err := vr.Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(rf.verdictOut, append(data, '\n'), 0o644)
}

// writeRecordsJSON writes the verdict on device and its evidence as one
// indented JSON object (-json).
func writeRecordsJSON(stdout io.Writer, device string, res attest.Result) error {
	out := jsonRecordsResult{
		jsonResult: jsonResult{Verdict: res.Location.Verdict, FeasibleAreaKM2: res.Location.FeasibleAreaKM2,
			Notes: append(append([]string{}, res.Location.Notes...), res.Notes...), Regions: []jsonRegion{}},
		Device: device, Landmarks: res.Evidence.Accepted, Rejected: res.Evidence.Rejected,
	}
	for _, r := range res.Location.Regions {
		out.Regions = append(out.Regions, jsonRegion{r.Region, r.Verdict, r.By, r.MarginKM, r.Likely, r.Note})
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeRecordsText prints the verdict table, the accepted and rejected
// records and the protocol's notes for a person.
func writeRecordsText(stdout io.Writer, device string, res attest.Result) {
	printTable(stdout, res.Location)
	fmt.Fprintf(stdout, "evidence for device %s (%d records accepted, %d rejected):\n", device, len(res.Evidence.Accepted), len(res.Evidence.Rejected))
	for _, e := range res.Evidence.Accepted {
		fmt.Fprintf(stdout, "  %-12s min RTT %7.2f ms  %2d samples over %s  counters %d–%d  first %s  %s (%s)\n",
			e.Landmark, e.MinRTTms, e.Samples, e.Transport, e.Counters[0], e.Counters[1], e.First.Format(time.RFC3339), filepath.Base(e.Source), e.Provenance)
	}
	for _, r := range res.Evidence.Rejected {
		fmt.Fprintf(stdout, "  rejected %s: %s: %s\n", filepath.Base(r.Source), r.Reason, r.Detail)
	}
	fmt.Fprintln(stdout, "protocol notes:")
	for _, n := range res.Notes {
		fmt.Fprintf(stdout, "  - %s\n", n)
	}
}

// verifyFlags are the verify flags both modes share.
type verifyFlags struct {
	regions, judge            string
	likelySpeed, processingMS float64
	minLandmarks              int
}

func addVerifyFlags(fs *flag.FlagSet) *verifyFlags {
	vf := &verifyFlags{}
	fs.StringVar(&vf.regions, "regions", "", "GeoJSON `FILE` of regions keyed by ISO 3166-2 codes (e.g. testdata/boundaries/crimea-ne10m.geojson)")
	fs.StringVar(&vf.judge, "judge", defaultJudge, "comma-separated ISO codes of the countries and regions of concern")
	fs.Float64Var(&vf.likelySpeed, "likely-speed", 0, "also compute a likely region at this calibrated speed in km/ms (e.g. 199.9, light in fibre)")
	fs.Float64Var(&vf.processingMS, "processing-ms", 0, "proven minimum processing delay of the device, subtracted from every RTT")
	fs.IntVar(&vf.minLandmarks, "min-landmarks", verify.DefaultMinLandmarks, "landmarks needed for a verdict")
	return vf
}

// options turns the verify flags into verify options and the list of codes
// to judge. The regions are the embedded sanctioned regions, then -regions
// (later regions replace earlier ones of the same code).
func (vf *verifyFlags) options() ([]verify.Option, []string, error) {
	opts := []verify.Option{verify.WithMinLandmarks(vf.minLandmarks)}
	if vf.likelySpeed > 0 {
		opts = append(opts, verify.WithLikelySpeed(vf.likelySpeed))
	}
	if vf.processingMS > 0 {
		opts = append(opts, verify.WithProcessingDelay(vf.processingMS))
	}
	regs, err := defaultRegions()
	if err != nil {
		return nil, nil, err
	}
	opts = append(opts, verify.WithRegions(regs...))
	if f := vf.regions; f != "" {
		data, err := os.Open(f)
		if err != nil {
			return nil, nil, err
		}
		defer data.Close()
		regs, err := verify.ParseRegions(data, f)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, verify.WithRegions(regs...))
	}
	var codes []string
	for _, c := range strings.Split(vf.judge, ",") {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	return opts, codes, nil
}
