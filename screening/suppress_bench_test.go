//go:build unix

package screening

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/exportguard/exportguard/internal/cputime"
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
	defer cputime.ReportMS(b)()
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
	defer cputime.ReportMS(b)()
	for b.Loop() {
		fs, err := OpenFileStore(path)
		if err != nil {
			b.Fatal(err)
		}
		fs.Close()
	}
}
