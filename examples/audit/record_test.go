package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/records"
	"github.com/google/go-cmp/cmp"
)

// storedRecords opens the records database dsn and returns its records
// (decision id → outcome, in chain order), its review cases and whether the
// chain verifies.
func storedRecords(t *testing.T, dsn string) (ids, outcomes []string, cases int) {
	t.Helper()
	ctx := context.Background()
	st, err := records.Open(ctx, dsn, records.WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs, err := st.Query(ctx, records.Filter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Source != "audit" {
			t.Errorf("record %d: source %q, want audit", r.Seq, r.Source)
		}
		ids = append(ids, r.DecisionID)
		outcomes = append(outcomes, r.Outcome)
	}
	cs, err := st.Cases(ctx, records.CaseFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	v, err := st.Verify(ctx)
	if err != nil || len(v.Problems) > 0 {
		t.Errorf("verify: %+v, %v", v, err)
	}
	return ids, outcomes, len(cs)
}

func TestRunRecordsDecisions(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		code     int
		ids      []string
		outcomes []string
		cases    int
		summary  string
	}{
		{
			name: "contract input: every outcome, the error record too", input: contractCSV, code: exitErrorRecord,
			ids:      []string{"listed", "clean", "chip", "signup", "bad"},
			outcomes: []string{"deny", "allow", "license_required", "review", "error"},
			cases:    2, // license_required and review open cases; deny, allow and error do not
			summary:  `recorded 5 decisions in the sqlite records database (source "audit")`,
		},
		{
			name: "clean only", input: "id,name,country,destination\nA,Acme Widgets Inc,US,US\nB,Acme Widgets Inc,US,DE\n", code: exitOK,
			ids: []string{"A", "B"}, outcomes: []string{"allow", "allow"},
			summary: `recorded 2 decisions in the sqlite records database (source "audit")`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "in.csv", tc.input)
			out := filepath.Join(dir, "out.jsonl")
			dsn := "sqlite:" + filepath.Join(dir, "records.db")
			res := runApp(t, testApp(), "", "-db", dsn, "-out", out, in)
			if res.code != tc.code {
				t.Fatalf("exit %d, want %d: %s", res.code, tc.code, res.stderr)
			}
			if !strings.Contains(res.stdout, tc.summary+"\n") {
				t.Errorf("summary %q does not say %q", res.stdout, tc.summary)
			}
			ids, outcomes, cases := storedRecords(t, dsn)
			if d := cmp.Diff(tc.ids, ids); d != "" {
				t.Errorf("stored ids (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.outcomes, outcomes); d != "" {
				t.Errorf("stored outcomes (-want +got):\n%s", d)
			}
			if cases != tc.cases {
				t.Errorf("%d review cases, want %d", cases, tc.cases)
			}
			if got := len(decode(t, mustRead(t, out))); got != len(tc.ids) {
				t.Errorf("%d output lines, want %d", got, len(tc.ids))
			}
		})
	}
}

// TestRunRecordsResume cuts the output of a recorded run as a crash between
// storing a batch and writing its lines would: the resumed run screens
// those requests again and must find them stored, not store them twice.
func TestRunRecordsResume(t *testing.T) {
	const n, kept = 1300, 700 // three batches; the cut is inside the second
	dir := t.TempDir()
	var all strings.Builder
	all.WriteString("id,name,country,destination,ip\n")
	var want []string
	for i := range n {
		ip := ""
		if i%100 == 0 {
			ip = "8.8.8.8" // review: opens a case
		}
		fmt.Fprintf(&all, "R%04d,Acme Widgets Inc,US,DE,%s\n", i, ip)
		want = append(want, fmt.Sprintf("R%04d", i))
	}
	in := writeFile(t, dir, "in.csv", all.String())
	out := filepath.Join(dir, "out.jsonl")
	dsn := "sqlite:" + filepath.Join(dir, "records.db")

	if res := runApp(t, testApp(), "", "-db", dsn, "-out", out, in); res.code != exitOK {
		t.Fatalf("first run: exit %d: %s", res.code, res.stderr)
	}
	lines := strings.SplitAfter(mustRead(t, out), "\n")
	writeFile(t, dir, "out.jsonl", strings.Join(lines[:kept], ""))

	res := runApp(t, testApp(), "", "-db", dsn, "-resume", "-out", out, in)
	if res.code != exitOK {
		t.Fatalf("resume: exit %d: %s", res.code, res.stderr)
	}
	wantSummary := fmt.Sprintf(`recorded 0 decisions in the sqlite records database (source "audit"); %d were recorded already by the run being resumed`, n-kept)
	if !strings.Contains(res.stdout, wantSummary) {
		t.Errorf("summary %q does not say %q", res.stdout, wantSummary)
	}
	ids, _, cases := storedRecords(t, dsn)
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("stored ids after resume (-want +got):\n%s", d)
	}
	if cases != n/100 {
		t.Errorf("%d review cases, want %d", cases, n/100)
	}
	if got := len(decode(t, mustRead(t, out))); got != n {
		t.Errorf("%d output lines after resume, want %d", got, n)
	}

	// A fresh run of the same input is another run: its decisions are new
	// records.
	if res := runApp(t, testApp(), "", "-db", dsn, "-out", out, in); res.code != exitOK ||
		!strings.Contains(res.stdout, fmt.Sprintf("recorded %d decisions", n)) {
		t.Fatalf("second run: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
	if ids, _, _ := storedRecords(t, dsn); len(ids) != 2*n {
		t.Errorf("%d records after a second run, want %d", len(ids), 2*n)
	}
}

func TestRunRecordsErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country,destination\nA,Acme Widgets Inc,US,US\n")
	unrecorded := filepath.Join(dir, "unrecorded.jsonl")
	if res := runApp(t, testApp(), "", "-out", unrecorded, in); res.code != exitOK {
		t.Fatal(res.stderr)
	}
	badRun := filepath.Join(dir, "bad.jsonl")
	writeFile(t, dir, "bad.jsonl", "")
	writeFile(t, dir, "bad.jsonl.run", "not-a-run-id\n")
	dsn := "sqlite:" + filepath.Join(dir, "records.db")
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown data source", []string{"-db", "mysql://x", in}, `-db: records: data source "mysql://x": want sqlite:PATH or postgres://…`},
		{"resume of a run not recorded", []string{"-db", dsn, "-resume", "-out", unrecorded, in}, "unrecorded.jsonl.run is missing: " + unrecorded + " was not written with -db"},
		{"bad run file", []string{"-db", dsn, "-resume", "-out", badRun, in}, `bad.jsonl.run: "not-a-run-id" is not a run id`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runApp(t, testApp(), "", tc.args...)
			if res.code != exitUsage || !strings.Contains(res.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", res.code, res.stderr, exitUsage, tc.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "records.db")); err == nil {
		t.Error("a refused run created the records database")
	}
}

// TestRunRecordsInterrupt interrupts a recorded run as Ctrl-C would: what
// was read is screened, stored and written; the resumed run stores the
// rest, each decision once.
func TestRunRecordsInterrupt(t *testing.T) {
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
	dsn := "sqlite:" + filepath.Join(dir, "records.db")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := testApp()
	a.newScreener = func(context.Context, config) (screener, error) {
		return cancelScreener{at: "R0010", cancel: cancel}, nil
	}
	var stdout, stderr strings.Builder
	code := a.run(ctx, []string{"-workers", "2", "-db", dsn, "-out", out, in}, strings.NewReader(""), &stdout, &stderr)
	if code != exitInterrupted {
		t.Fatalf("exit %d; want %d\n%s", code, exitInterrupted, stderr.String())
	}
	written := ids(decode(t, mustRead(t, out)))
	stored, _, _ := storedRecords(t, dsn)
	if d := cmp.Diff(written, stored); d != "" || len(written) < 11 {
		t.Fatalf("after the interrupt, %d written, %d stored (-written +stored):\n%s", len(written), len(stored), d)
	}

	res := runApp(t, testApp(), "", "-db", dsn, "-resume", "-out", out, in)
	if res.code != exitOK {
		t.Fatalf("resume: exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, fmt.Sprintf("recorded %d decisions", len(want)-len(written))) {
		t.Errorf("summary %q; want %d recorded", res.stdout, len(want)-len(written))
	}
	stored, _, _ = storedRecords(t, dsn)
	if d := cmp.Diff(want, stored); d != "" {
		t.Errorf("stored after resume (-want +got):\n%s", d)
	}
}
