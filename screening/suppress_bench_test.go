//go:build unix

package screening

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkFileStoreAdd appends one record per op: lock, check the last
// byte, write, fsync (the fsync dominates, and depends on the disk).
//
//	go test -run '^$' -bench FileStore -benchtime 200x -cpu 1 ./screening/
func BenchmarkFileStoreAdd(b *testing.B) {
	fs, err := OpenFileStore(filepath.Join(b.TempDir(), "s.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer fs.Close()
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	i := 0
	for b.Loop() {
		if err := fs.Add(ctx, sup(fmt.Sprint("P", i), "SDN:1", "h")); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkFileStoreOpen opens a file of 10,000 records: lock, read,
// parse and validate each line.
func BenchmarkFileStoreOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "s.jsonl")
	fs, err := OpenFileStore(path)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		s := sup(fmt.Sprint("P", i), "SDN:1", "h")
		if err := fs.Add(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
	fs.Close()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		fs, err := OpenFileStore(path)
		if err != nil {
			b.Fatal(err)
		}
		fs.Close()
	}
}

// reportCPU reports the process CPU time (user + system) per operation as
// "cpu-ms/op": on a shared machine, wall time per op also counts the time
// other processes held the CPU.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
