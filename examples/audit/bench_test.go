package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/examples/audit/internal/gen"
	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkAudit measures the whole batch path on the real Screener with the
// embedded defaults: CSV parsing, grouping, screening on GOMAXPROCS workers,
// reordering and JSONL output. The book is the sample repeated to
// $AUDIT_BENCH_ROWS rows (default 20000). It reports rows/s.
//
//	go test -run '^$' -bench BenchmarkAudit -benchtime 1x ./examples/audit/
func BenchmarkAudit(b *testing.B) {
	s, err := newScreener(context.Background(), config{logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	benchAudit(b, s)
}

// BenchmarkAuditHarness measures the same path with the test Screener,
// which decides in well under a microsecond: the cost of the batch
// machinery alone.
func BenchmarkAuditHarness(b *testing.B) { benchAudit(b, fakeScreener{}) }

// BenchmarkAuditRecorded is BenchmarkAudit with -db: every decision is
// also stored in an SQLite records database (a new one each iteration). It
// reports rows/s and the CPU time per row (this process, the database's
// work included).
//
//	go test -run '^$' -bench BenchmarkAuditRecorded -benchtime 1x ./examples/audit/
func BenchmarkAuditRecorded(b *testing.B) {
	s, err := newScreener(context.Background(), config{logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	n := 0
	benchAudit(b, s, func() []string {
		n++
		return []string{"-db", "sqlite:" + filepath.Join(dir, strconv.Itoa(n)+".db")}
	})
}

func benchAudit(b *testing.B, s screener, flags ...func() []string) {
	rows := benchRows(b)
	var in bytes.Buffer
	if _, err := sampleBook(b).Write(&in, rows); err != nil {
		b.Fatal(err)
	}
	a := testApp()
	a.newScreener = func(context.Context, config) (screener, error) { return s, nil }
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		args := []string{"-"}
		for _, f := range flags {
			args = append(f(), args...)
		}
		c0 := cputime.Process()
		code := a.run(context.Background(), args, bytes.NewReader(in.Bytes()), io.Discard, io.Discard)
		cpu += cputime.Process() - c0
		if code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(rows*b.N), "cpu-µs/row")
	}
}

// BenchmarkReadDone measures how fast -resume takes stock of an existing
// output file before it starts: 20,000 decision records of the sample's
// size (about 2 KB each, 40 MB). It reports MB/s of output scanned.
//
//	go test -run '^$' -bench BenchmarkReadDone -benchtime 5x ./examples/audit/
func BenchmarkReadDone(b *testing.B) {
	d := errorRecord("ORD-000000", &InputError{Line: 1, Msg: "x"}, fakeScreener{}.Versions(), time.Unix(0, 0))
	d.Error = strings.Repeat("a long detail ", 140)
	var file bytes.Buffer
	for i := range 20000 {
		d.ID = fmt.Sprintf("ORD-%06d", i)
		line, err := encodeLine(&d)
		if err != nil {
			b.Fatal(err)
		}
		file.Write(line.Bytes())
	}
	path := filepath.Join(b.TempDir(), "out.jsonl")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(file.Len()))
	b.ResetTimer()
	for range b.N {
		done, err := readDone(path)
		if err != nil || len(done.ids) != 20000 {
			b.Fatalf("%v, %d ids", err, len(done.ids))
		}
	}
}

// BenchmarkAuditRealistic measures the batch path on the realistic book:
// one name, one client IP and one request a row, 20% of the rows with an AI
// chip (examples/audit/gen -realistic, seed 1), $AUDIT_BENCH_ROWS rows
// (default 20000), with the audit's default name cache (-name-cache) and with none. The
// distinct book is the same with every name different (gen -distinct; at
// most 6,000 rows), so that no search is saved: what the cache costs when
// nothing repeats. Each run gets a new Screener (an empty cache). It
// reports the process CPU time per request, which holds on a busy machine,
// beside rows/s. The profile split in README.md comes from:
//
//	AUDIT_BENCH_ROWS=100000 go test -run '^$' -bench 'BenchmarkAuditRealistic/book=realistic/name-cache=65536' -benchtime 1x -count 3 -cpuprofile /tmp/audit.prof ./examples/audit/
func BenchmarkAuditRealistic(b *testing.B) {
	rows := benchRows(b)
	r, err := gen.LoadRealistic("../..", sampleBook(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, book := range []struct {
		name     string
		rows     int
		write    func(io.Writer, int, float64, float64, uint64) error
		distinct bool
	}{
		{"realistic", rows, r.Write, false},
		{"distinct", min(rows, 6000), r.WriteDistinct, true},
	} {
		var in bytes.Buffer
		if err := book.write(&in, book.rows, 0.1, 0.2, 1); err != nil {
			b.Fatal(err)
		}
		for _, size := range []int{defaultNameCache, 0} {
			b.Run(fmt.Sprintf("book=%s/name-cache=%d", book.name, size), func(b *testing.B) {
				benchRealistic(b, in.Bytes(), book.rows, size)
			})
		}
	}
}

func benchRealistic(b *testing.B, in []byte, rows, cacheSize int) {
	b.ReportAllocs()
	var cpu time.Duration
	for range b.N {
		b.StopTimer()
		s, err := newScreener(context.Background(), config{logger: discardLogger(), nameCache: &cacheSize})
		if err != nil {
			b.Fatal(err)
		}
		a := testApp()
		a.newScreener = func(context.Context, config) (screener, error) { return s, nil }
		runtime.GC()
		b.StartTimer()
		c0 := cputime.Process()
		code := a.run(context.Background(), []string{"-"}, bytes.NewReader(in), io.Discard, io.Discard)
		cpu += cputime.Process() - c0
		if code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(time.Microsecond)/float64(rows*b.N), "cpu-µs/request")
	}
}

// benchRows is $AUDIT_BENCH_ROWS, or 20000.
func benchRows(b *testing.B) int {
	v := os.Getenv("AUDIT_BENCH_ROWS")
	if v == "" {
		return 20000
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		b.Fatalf("AUDIT_BENCH_ROWS=%q: %v", v, err)
	}
	return n
}

// sampleBook is the bundled sample as a generator template.
func sampleBook(b *testing.B) *gen.Book {
	f, err := os.Open("../../testdata/orders/sample.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	book, err := gen.Parse(f)
	if err != nil {
		b.Fatal(err)
	}
	return book
}
