package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening"
	"github.com/google/go-cmp/cmp"
)

// contractCSV is the input of the contract check: a listed company, a clean
// one, a two-row chip order, an IP-only sign-up and a row with a bad IP.
const contractCSV = "ID,Name,Country,Destination,IP,TPP,Die_Area_mm2,Datacenter,Role\n" +
	"listed,Hangzhou Hikvision Digital Technology Co. Ltd,CN,CN,,,,,purchaser\n" +
	"clean,Acme Widgets Inc,US,US,,,,,purchaser\n" +
	"chip,Acme Widgets Inc,US,DE,,4992,826,true,end_user\n" +
	"chip,Example Compute GmbH,DE,DE,,,,,end_user\n" +
	"signup,,DE,,8.8.8.8,,,,account_holder\n" +
	"bad,Acme Widgets Inc,US,US,not-an-ip,,,,purchaser\n"

// decode reads JSONL output into generic maps (to see the JSON as a consumer
// does, nulls included).
func decode(t *testing.T, jsonl string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for i, l := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line %d is not JSON: %v\n%s", i+1, err, l)
		}
		out = append(out, m)
	}
	return out
}

func ids(recs []map[string]any) []string {
	var s []string
	for _, r := range recs {
		s = append(s, fmt.Sprint(r["id"]))
	}
	return s
}

func TestRunContract(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", contractCSV)
	out := filepath.Join(dir, "out.jsonl")
	res := runApp(t, testApp(), "", "-out", out, in)
	if res.code != exitErrorRecord {
		t.Fatalf("exit %d; want 1 (one error record)\nstderr: %s", res.code, res.stderr)
	}
	recs := decode(t, mustRead(t, out))
	if d := cmp.Diff([]string{"listed", "clean", "chip", "signup", "bad"}, ids(recs)); d != "" {
		t.Fatalf("ids (-want +got):\n%s", d)
	}
	bad := recs[4]
	if bad["outcome"] != "error" || bad["error"] != `line 7: field ip: invalid IP "not-an-ip"` {
		t.Errorf("bad record: outcome %v, error %v", bad["outcome"], bad["error"])
	}
	for _, r := range recs {
		for _, f := range []string{"reasons", "matches", "locations", "items"} {
			if _, ok := r[f].([]any); !ok {
				t.Errorf("%v: %s is %T, want a JSON array", r["id"], f, r[f])
			}
		}
		if _, ok := r["versions"].(map[string]any); !ok {
			t.Errorf("%v: versions missing", r["id"])
		}
	}
	if got := recs[0]["outcome"]; got != "deny" {
		t.Errorf("listed: outcome %v; want deny", got)
	}
	if got := len(recs[2]["items"].([]any)); got != 1 {
		t.Errorf("chip: %d items; want 1", got)
	}
	if !strings.Contains(res.stdout, "screened 5 requests") || !strings.Contains(res.stdout, "party.entity_list") {
		t.Errorf("summary:\n%s", res.stdout)
	}
	if !strings.Contains(res.stderr, "1 of 5 requests could not be screened") {
		t.Errorf("stderr: %s", res.stderr)
	}
}

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean.csv", "id,name,country,destination\nA,Acme Widgets Inc,US,DE\n")
	bad := writeFile(t, dir, "bad.csv", "id,name,country,destination\nA,Acme Widgets Inc,US,Narnia\n")
	header := writeFile(t, dir, "header.csv", "name,country\nAcme Widgets Inc,US\n")
	failing := testApp()
	failing.newScreener = func(context.Context, config) (screener, error) {
		return nil, errors.New("policy.yaml:14: unknown country group \"D:9\"")
	}
	tests := []struct {
		name   string
		a      app
		args   []string
		code   int
		stderr string
	}{
		{"all screened", testApp(), []string{clean}, exitOK, ""},
		{"error record", testApp(), []string{bad}, exitErrorRecord, "1 of 1 requests could not be screened"},
		{"help", testApp(), []string{"-h"}, exitOK, "usage: audit"},
		{"unknown flag", testApp(), []string{"-colour", clean}, exitUsage, "flag provided but not defined: -colour"},
		{"missing file", testApp(), []string{filepath.Join(dir, "nope.csv")}, exitUsage, "nope.csv: no such file"},
		{"bad header", testApp(), []string{header}, exitUsage, "header.csv: bad CSV header: line 1: no id column"},
		{"resume to stdout", testApp(), []string{"-resume", clean}, exitUsage, "-resume needs -out FILE"},
		{"workers", testApp(), []string{"-workers", "0", clean}, exitUsage, "-workers 0: want at least 1"},
		{"threshold", testApp(), []string{"-threshold", "1.5", clean}, exitUsage, "-threshold 1.5: want a number in (0,1]"},
		{"as-of", testApp(), []string{"-as-of", "28/11/2026", clean}, exitUsage, `-as-of "28/11/2026": want a date YYYY-MM-DD`},
		{"stdin twice", testApp(), []string{"-", "-"}, exitUsage, "named more than once"},
		{"out is input", testApp(), []string{"-out", clean, clean}, exitUsage, "clean.csv is also an input file"},
		{"configuration", failing, []string{clean}, exitUsage, `policy.yaml:14: unknown country group "D:9"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runApp(t, tc.a, "", tc.args...)
			if res.code != tc.code {
				t.Errorf("exit %d; want %d\nstderr: %s", res.code, tc.code, res.stderr)
			}
			if !strings.Contains(res.stderr, tc.stderr) {
				t.Errorf("stderr %q does not say %q", res.stderr, tc.stderr)
			}
		})
	}
}

func TestRunStdinJSONL(t *testing.T) {
	in := `{"id":"J1","destination":"CN","parties":[{"role":"purchaser","name":"Hikvision","country":"CN"}]}
{"id":"J2","ips":["8.8.8.8"]}
`
	res := runApp(t, testApp(), in, "-")
	if res.code != exitOK {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	recs := decode(t, res.stdout)
	if d := cmp.Diff([]string{"J1", "J2"}, ids(recs)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// With decisions on stdout, the summary goes to stderr.
	if !strings.Contains(res.stderr, "screened 2 requests") {
		t.Errorf("stderr: %s", res.stderr)
	}
}

func TestRunRequestErrorLine(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nA,Acme Widgets Inc,US\nA,Reject Me,US\n")
	res := runApp(t, testApp(), "", in)
	recs := decode(t, res.stdout)
	if res.code != exitErrorRecord || len(recs) != 1 {
		t.Fatalf("exit %d, %d records", res.code, len(recs))
	}
	// The Screener's decision is kept (fail closed, findings intact).
	if recs[0]["outcome"] != "review" {
		t.Errorf("outcome = %v; want review", recs[0]["outcome"])
	}
	if !strings.Contains(res.stderr, "1 of 1 requests have fields the Screener could not read") {
		t.Errorf("stderr: %s", res.stderr)
	}
	if got, want := recs[0]["error"], `line 3: field parties[1].name: rejected by test screener "Reject Me"`; got != want {
		t.Errorf("error = %v; want %v", got, want)
	}
}

func TestRunResume(t *testing.T) {
	dir := t.TempDir()
	var all strings.Builder
	all.WriteString("id,name,country,destination\n")
	for i := range 50 {
		fmt.Fprintf(&all, "R%02d,Acme Widgets Inc,US,DE\n", i)
	}
	in := writeFile(t, dir, "in.csv", all.String())
	out := filepath.Join(dir, "out.jsonl")

	// A first run that was cut off: 20 complete lines and a torn one.
	first := runApp(t, testApp(), "", "-out", out, in)
	if first.code != exitOK {
		t.Fatal(first.stderr)
	}
	lines := strings.SplitAfter(mustRead(t, out), "\n")
	writeFile(t, dir, "out.jsonl", strings.Join(lines[:20], "")+lines[20][:len(lines[20])/2])

	res := runApp(t, testApp(), "", "-resume", "-out", out, in)
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "resuming: 20 requests already in") || !strings.Contains(res.stdout, "screened 30 requests") {
		t.Errorf("stderr %q stdout %q", res.stderr, res.stdout)
	}
	var want []string
	for i := range 50 {
		want = append(want, fmt.Sprintf("R%02d", i))
	}
	if d := cmp.Diff(want, ids(decode(t, mustRead(t, out)))); d != "" {
		t.Errorf("ids after resume (-want +got):\n%s", d)
	}

	// Resuming a finished run screens nothing.
	res = runApp(t, testApp(), "", "-resume", "-out", out, in)
	if res.code != exitOK || !strings.Contains(res.stdout, "screened 0 requests") {
		t.Errorf("second resume: exit %d, %s", res.code, res.stdout)
	}

	// A file that is not decisions is not appended to.
	junk := writeFile(t, dir, "junk.jsonl", "id,name\n")
	res = runApp(t, testApp(), "", "-resume", "-out", junk, in)
	if res.code != exitUsage || !strings.Contains(res.stderr, "junk.jsonl: line 1: not a decision record") {
		t.Errorf("junk: exit %d, %s", res.code, res.stderr)
	}
}

// TestRunOneLinePerRequest checks, on random inputs mixing good rows, bad
// rows and multi-row requests, screened by workers that finish out of order,
// that the output has exactly one line per request, in input order.
func TestRunOneLinePerRequest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	badRows := []string{
		"%s,purchaser,Acme Widgets Inc,US,US,not-an-ip,,",
		"%s,purchaser,Acme Widgets Inc,Narnia,US,,,",
		"%s,purchaser,Acme Widgets Inc,US,US,,4992 TPP,",
		"%s,purchaser,Acme \xff Widgets,US,US,,,",
		"%s,purchaser,Acme Widgets Inc",
		`%s,purchaser,Acme "Widgets" Inc,US,US,,,`,
		"%s,buyer,Acme Widgets Inc,US,US,,,",
		"%s,purchaser,Acme Widgets Inc,US,US,,,2026-02-30",
	}
	for iter := range 20 {
		var b strings.Builder
		b.WriteString("id,role,name,country,destination,ip,tpp,date\n")
		var want []string
		nreq := 1 + rng.IntN(200)
		for i := range nreq {
			id := fmt.Sprintf("R%d-%d", iter, i)
			want = append(want, id)
			for j := range 1 + rng.IntN(3) {
				if rng.IntN(10) == 0 {
					fmt.Fprintf(&b, badRows[rng.IntN(len(badRows))]+"\n", id)
					continue
				}
				fmt.Fprintf(&b, "%s,end_user,Party %d,US,,8.8.8.%d,%d,\n", id, j, j, rng.IntN(6000))
			}
		}
		a := testApp()
		a.newScreener = func(context.Context, config) (screener, error) {
			// Delays that differ per request make the workers finish out of order.
			return fakeScreener{delay: func(id string) time.Duration {
				h := fnv.New32a()
				h.Write([]byte(id))
				return time.Duration(h.Sum32()%50) * time.Microsecond
			}}, nil
		}
		dir := t.TempDir()
		in := writeFile(t, dir, "in.csv", b.String())
		res := runApp(t, a, "", "-workers", "4", in)
		if res.code == exitUsage {
			t.Fatalf("iteration %d: %s", iter, res.stderr)
		}
		got := ids(decode(t, res.stdout))
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("iteration %d: ids (-want +got):\n%s", iter, d)
		}
	}
}

func TestRunSampleDefaults(t *testing.T) {
	// Without arguments the audit screens testdata/orders/sample.csv and
	// writes out/decisions.jsonl and out/report.html in the current directory.
	sample := mustRead(t, "../../testdata/orders/sample.csv")
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "testdata", "orders"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "testdata", "orders"), "sample.csv", sample)
	t.Chdir(dir)
	res := runApp(t, testApp(), "")
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	n := len(readAll(t, sample))
	recs := decode(t, mustRead(t, filepath.Join(dir, "out", "decisions.jsonl")))
	if len(recs) != n {
		t.Errorf("%d decisions; want %d (one per request)", len(recs), n)
	}
	for _, want := range []string{fmt.Sprintf("screened %d requests", n), "wrote " + fmt.Sprint(n) + " decisions to out/decisions.jsonl", "wrote the report to out/report.html"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, res.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "report.html")); err != nil {
		t.Error(err)
	}

	// Elsewhere, without the sample, it says what is missing.
	t.Chdir(t.TempDir())
	res = runApp(t, testApp(), "")
	if res.code != exitUsage || !strings.Contains(res.stderr, "testdata/orders/sample.csv is not here") {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}
}

func TestErrorRecordShape(t *testing.T) {
	d := errorRecord("x", &InputError{Line: 7, Field: "ip", Msg: `invalid IP "not-an-ip"`}, fakeScreener{}.Versions(), time.Unix(0, 0))
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"x","outcome":"error","reasons":[],"matches":[],"locations":[],"items":[],"versions":{"library":"` + screening.Version +
		`","policy":"sha256:test","lists":[{"source":"EL","as_of":"2025-10-09","checksum":"sha256:test","entries":3265}],"geo_dbs":[{"name":"test","type":"country","build_date":"2026-06-17"}]},"as_of":"","screened_at":"1970-01-01T00:00:00Z","error":"line 7: field ip: invalid IP \"not-an-ip\""}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// cancelScreener cancels the run's context when it screens a given id, as
// Ctrl-C would.
type cancelScreener struct {
	fakeScreener
	at     string
	cancel context.CancelFunc
}

func (c cancelScreener) Screen(ctx context.Context, req screening.Request) (screening.Decision, error) {
	if req.ID == c.at {
		c.cancel()
	}
	return c.fakeScreener.Screen(ctx, req)
}

func TestRunInterruptAndResume(t *testing.T) {
	dir := t.TempDir()
	var all strings.Builder
	all.WriteString("id,name,country,destination\n")
	var want []string
	for i := range 2000 {
		fmt.Fprintf(&all, "R%04d,Acme Widgets Inc,US,DE\n", i)
		want = append(want, fmt.Sprintf("R%04d", i))
	}
	in := writeFile(t, dir, "in.csv", all.String())
	out := filepath.Join(dir, "out.jsonl")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := testApp()
	a.newScreener = func(context.Context, config) (screener, error) {
		return cancelScreener{at: "R0010", cancel: cancel}, nil
	}
	var stdout, stderr strings.Builder
	code := a.run(ctx, []string{"-workers", "2", "-out", out, in}, strings.NewReader(""), &stdout, &stderr)
	if code != exitInterrupted || !strings.Contains(stderr.String(), "rerun with -resume") {
		t.Fatalf("exit %d; want %d\n%s", code, exitInterrupted, stderr.String())
	}
	// Every request read before the interrupt was finished and written, in order.
	got := ids(decode(t, mustRead(t, out)))
	if len(got) < 11 || len(got) >= len(want) {
		t.Fatalf("%d decisions after the interrupt; want at least 11 and fewer than %d", len(got), len(want))
	}
	if d := cmp.Diff(want[:len(got)], got); d != "" {
		t.Fatalf("decisions after the interrupt are not a prefix of the input (-want +got):\n%s", d)
	}

	res := runApp(t, testApp(), "", "-resume", "-out", out, in)
	if res.code != exitOK {
		t.Fatalf("resume: exit %d: %s", res.code, res.stderr)
	}
	if d := cmp.Diff(want, ids(decode(t, mustRead(t, out)))); d != "" {
		t.Errorf("after resume (-want +got):\n%s", d)
	}
}
