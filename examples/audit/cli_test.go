package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRunInputs covers the inputs an auditor trips over: no rows, malformed
// CSV records, and flags after the file names. Each case gives the exact
// records written and what the run says.
func TestRunInputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	clean := writeFile(t, dir, "clean.csv", "id,name,country\nA,Acme Widgets Inc,US\n")
	clean2 := writeFile(t, dir, "clean2.csv", "id,name,country\nB,Example Compute GmbH,DE\n")
	dash := writeFile(t, dir, "-odd.csv", "id,name,country\nC,Acme Widgets Inc,US\n")
	type rec struct{ ID, Outcome, Error string }
	tests := []struct {
		name    string
		stdin   string
		args    []string
		code    int
		recs    []rec  // records written to out (nil: out not checked)
		summary string // in stdout or stderr
	}{
		{name: "empty file", args: []string{"-out", out, writeFile(t, dir, "empty.csv", "")},
			code: exitErrorRecord, recs: []rec{}, summary: "empty.csv holds no requests (empty, or a header row only)"},
		{name: "header only", args: []string{"-out", out, writeFile(t, dir, "header.csv", "id,name,country\n")},
			code: exitErrorRecord, recs: []rec{}, summary: "header.csv holds no requests"},
		{name: "blank stdin", stdin: "\n\n", args: []string{"-out", out, "-"},
			code: exitErrorRecord, recs: []rec{}, summary: "stdin holds no requests"},
		{name: "one of two inputs empty", args: []string{"-out", out, clean, filepath.Join(dir, "header.csv")},
			code: exitErrorRecord, recs: []rec{{"A", "allow", ""}}, summary: "header.csv holds no requests"},
		{name: "unclosed quote to the end", args: []string{"-out", out, writeFile(t, dir, "unclosed.csv",
			"id,name,country\nA,Acme Widgets Inc,US\nB,\"Example Compute GmbH,DE\nC,Acme Widgets Inc,US\nD,Acme Widgets Inc,US\n")},
			code:    exitErrorRecord,
			recs:    []rec{{"A", "allow", ""}, {"B", "error", `lines 3-5: malformed CSV: extraneous or missing " in quoted-field (a quoted field opened on line 3 is still open on line 5: the rows on lines 4-5 were read as part of this record, not as rows of their own)`}},
			summary: "read 2 input records as 2 requests; wrote 2 decisions to " + out},
		{name: "unclosed quote closed by a later stray one", args: []string{"-out", out, writeFile(t, dir, "stray.csv",
			"id,name,country\nB,\"Example Compute GmbH,DE\nC,Acme\",US\nD,Acme Widgets Inc,US\n")},
			code: exitErrorRecord,
			recs: []rec{{"B", "error", "lines 2-3: a quoted field holds a line break, so lines 2-3 were read as one record (an unclosed quote?); put each row on one line"},
				{"D", "allow", ""}},
			summary: "read 2 input records as 2 requests; wrote 2 decisions"},
		{name: "a multi-line address is one field, not an error", args: []string{"-out", out, writeFile(t, dir, "address.csv",
			"id,name,address,country\nA,Acme Widgets Inc,\"1 Main Street\nSpringfield, IL 62701\",US\nB,Example Compute GmbH,Berlin,DE\n")},
			code:    exitOK,
			recs:    []rec{{"A", "allow", ""}, {"B", "allow", ""}},
			summary: "read 2 input records as 2 requests; wrote 2 decisions"},
		{name: "too many fields", args: []string{"-out", out, writeFile(t, dir, "fields.csv",
			"id,name,country\nA,Acme Widgets Inc,US,DE\nB,Example Compute GmbH,DE\n")},
			code:    exitErrorRecord,
			recs:    []rec{{"A", "error", "line 2: row has 4 fields, header has 3"}, {"B", "allow", ""}},
			summary: "read 2 input records as 2 requests; wrote 2 decisions"},
		{name: "multi-row request counted", args: []string{"-out", out, writeFile(t, dir, "multi.csv",
			"id,name,country\nA,Acme Widgets Inc,US\nA,Example Compute GmbH,DE\nB,Acme Widgets Inc,US\n")},
			code: exitOK, recs: []rec{{"A", "allow", ""}, {"B", "allow", ""}},
			summary: "read 3 input records as 2 requests; wrote 2 decisions to " + out},
		{name: "flags after the file", args: []string{clean, "-out", out, "-workers", "1"},
			code: exitOK, recs: []rec{{"A", "allow", ""}}, summary: "wrote 1 decisions to " + out},
		{name: "flags between files", args: []string{clean, "-out", out, clean2, "-workers=2"},
			code: exitOK, recs: []rec{{"A", "allow", ""}, {"B", "allow", ""}}, summary: "read 2 input records as 2 requests"},
		{name: "-- ends the flags", args: []string{"-out", out, "--", dash},
			code: exitOK, recs: []rec{{"C", "allow", ""}}, summary: "read 1 input records as 1 requests"},
		{name: "unknown flag after the file", args: []string{clean, "-colour"},
			code: exitUsage, summary: "flag provided but not defined: -colour"},
		{name: "flag value missing at the end", args: []string{clean, "-out"},
			code: exitUsage, summary: "flag needs an argument: -out"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			res := runApp(t, testApp(), tc.stdin, tc.args...)
			if res.code != tc.code {
				t.Errorf("exit %d; want %d\nstdout: %s\nstderr: %s", res.code, tc.code, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout+res.stderr, tc.summary) {
				t.Errorf("output does not say %q:\nstdout: %s\nstderr: %s", tc.summary, res.stdout, res.stderr)
			}
			if tc.recs == nil {
				return
			}
			got := []rec{}
			for _, r := range decode(t, mustRead(t, out)) {
				e, _ := r["error"].(string)
				got = append(got, rec{fmt.Sprint(r["id"]), fmt.Sprint(r["outcome"]), e})
			}
			if d := cmp.Diff(tc.recs, got); d != "" {
				t.Errorf("records (-want +got):\n%s", d)
			}
		})
	}
}

// TestRunResumeErrorRecords: an error record without an id is skipped by
// its position on resume, not written again each time.
func TestRunResumeErrorRecords(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nA,Acme Widgets Inc,US\n,Nameless Row,US\nB,Acme Widgets Inc,US\n")
	out := filepath.Join(dir, "out.jsonl")
	if res := runApp(t, testApp(), "", "-out", out, in); res.code != exitErrorRecord {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	first := mustRead(t, out)
	if d := cmp.Diff([]string{"A", "", "B"}, ids(decode(t, first))); d != "" {
		t.Fatalf("ids (-want +got):\n%s", d)
	}
	for range 2 {
		res := runApp(t, testApp(), "", "-resume", "-out", out, in)
		if res.code != exitOK {
			t.Fatalf("resume: exit %d: %s", res.code, res.stderr)
		}
		if !strings.Contains(res.stdout, "read 3 input records as 3 requests (3 already in "+out+", skipped); wrote 0 decisions") {
			t.Errorf("resume summary: %s", res.stdout)
		}
		if got := mustRead(t, out); got != first {
			t.Fatalf("resume changed the output:\n%s\nwant\n%s", got, first)
		}
	}
}

// TestRunResumeChangedInput: resuming onto the output of another input is
// refused before anything is appended.
func TestRunResumeChangedInput(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nA,Acme Widgets Inc,US\nB,Acme Widgets Inc,US\n")
	out := filepath.Join(dir, "out.jsonl")
	if res := runApp(t, testApp(), "", "-out", out, in); res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	before := mustRead(t, out)
	tests := []struct{ name, csv, msg string }{
		{"other ids", "id,name,country\nX,Acme Widgets Inc,US\nB,Acme Widgets Inc,US\nC,Acme Widgets Inc,US\n",
			`-resume ` + out + `: the input does not match the output being resumed: request 1 (line 2, id "X") is not the one on line 1 of the output; was the input changed since?`},
		{"shorter", "id,name,country\nA,Acme Widgets Inc,US\n",
			`-resume ` + out + `: the input does not match the output being resumed: the output holds 2 records but the input has only 1 requests`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runApp(t, testApp(), "", "-resume", "-out", out, writeFile(t, dir, "changed.csv", tc.csv))
			if res.code != exitUsage || !strings.Contains(res.stderr, tc.msg) {
				t.Errorf("exit %d; want %d with %q\nstderr: %s", res.code, exitUsage, tc.msg, res.stderr)
			}
			if got := mustRead(t, out); got != before {
				t.Errorf("output changed:\n%s", got)
			}
		})
	}
}

// TestRunLongJSONLLine: a line over 4 MiB becomes an error record that
// names the request, and the next line is read as usual.
func TestRunLongJSONLLine(t *testing.T) {
	for _, size := range []int{maxLine + 1, maxLine + 300<<10, 3 * maxLine} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			head := `{"id":"BIG-1","parties":[{"name":"`
			tail := `"}]}`
			big := head + strings.Repeat("x", size-len(head)-len(tail)) + tail
			in := big + "\n" + `{"id":"N2","parties":[{"name":"Acme Widgets Inc","country":"US"}]}` + "\n"
			res := runApp(t, testApp(), in, "-")
			if res.code != exitErrorRecord {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			recs := decode(t, res.stdout)
			if d := cmp.Diff([]string{"BIG-1", "N2"}, ids(recs)); d != "" {
				t.Fatalf("ids (-want +got):\n%s", d)
			}
			if got, want := recs[0]["error"], "line 1: line longer than 4194304 bytes (4 MiB); not read"; got != want {
				t.Errorf("error = %q; want %q", got, want)
			}
			if recs[1]["outcome"] != "allow" {
				t.Errorf("next line: %v", recs[1])
			}
		})
	}
}

// limitedWriter takes n bytes and then fails as a full disk does.
type limitedWriter struct {
	n   int
	got strings.Builder
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		w.got.Write(p)
		return len(p), nil
	}
	k := w.n
	w.got.Write(p[:k])
	w.n = 0
	return k, &os.PathError{Op: "write", Path: "out.jsonl", Err: syscall.ENOSPC}
}

// TestJSONLWriterFullDisk: after a failed write only the lines that reached
// the file whole are counted as written.
func TestJSONLWriterFullDisk(t *testing.T) {
	line := []byte(`{"id":"R","outcome":"allow"}` + "\n") // 29 bytes
	for _, limit := range []int{0, 28, 29, 30, 58, 100} {
		lw := &limitedWriter{n: limit}
		w := newJSONLWriter(lw)
		for range 3 {
			if err := w.WriteLine(line); err != nil {
				t.Fatal(err)
			}
		}
		err := w.Flush()
		want := min(limit/len(line), 3)
		if limit >= 3*len(line) {
			if err != nil {
				t.Errorf("limit %d: %v", limit, err)
			}
		} else if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("limit %d: err %v; want ENOSPC", limit, err)
		}
		if w.lines != want {
			t.Errorf("limit %d: %d lines counted; want %d (the file holds %q)", limit, w.lines, want, lw.got.String())
		}
		if err != nil && !errors.Is(w.WriteLine(line), syscall.ENOSPC) {
			t.Errorf("limit %d: a write after the failure did not fail", limit)
		}
	}
}

// TestRunFullDisk writes to /dev/full, where every write fails with ENOSPC:
// the summary says no decision was written and the run exits 2.
func TestRunFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country\nA,Acme Widgets Inc,US\nB,Acme Widgets Inc,US\n")
	res := runApp(t, testApp(), "", "-out", "/dev/full", in)
	if res.code != exitUsage {
		t.Errorf("exit %d; want %d", res.code, exitUsage)
	}
	if want := "read 2 input records as 2 requests; wrote 0 decisions to /dev/full (of 2; the write failed)"; !strings.Contains(res.stdout, want) {
		t.Errorf("stdout does not say %q:\n%s", want, res.stdout)
	}
	if want := "audit: write decisions: write /dev/full: no space left on device; 0 of 2 decisions were written"; !strings.Contains(res.stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, res.stderr)
	}
}
