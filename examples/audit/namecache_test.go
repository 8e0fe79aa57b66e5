package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/examples/audit/internal/gen"
)

// TestNameCacheSameOutput screens the bundled sample and a realistic book
// (whose parties come back) with the default name cache, a small one that
// keeps dropping results, and none: the output is the same to the byte.
func TestNameCacheSameOutput(t *testing.T) {
	clock := func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	a := testApp()
	a.newScreener = func(ctx context.Context, c config) (screener, error) {
		c.logger, c.clock = discardLogger(), clock
		return newScreener(ctx, c)
	}
	book := new(bytes.Buffer)
	f := strings.NewReader(mustRead(t, "../../testdata/orders/sample.csv"))
	tmpl, err := gen.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gen.LoadRealistic("../..", tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(book, 3000, 0.1, 0.2, 1); err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"sample", "", []string{"-ownership", "../../testdata/orders/ownership.csv", "../../testdata/orders/sample.csv"}},
		{"realistic", book.String(), []string{"-"}},
	} {
		t.Run(in.name, func(t *testing.T) {
			var want string
			for _, size := range []int{0, defaultNameCache, 7} {
				args := append([]string{"-name-cache", fmt.Sprint(size)}, in.args...)
				res := runApp(t, a, in.stdin, args...)
				if res.code != exitOK && res.code != exitErrorRecord {
					t.Fatalf("-name-cache %d: exit %d: %s", size, res.code, res.stderr)
				}
				if size == 0 {
					want = res.stdout
					if strings.Count(want, "\n") < 20 {
						t.Fatalf("only %d lines of output", strings.Count(want, "\n"))
					}
					continue
				}
				if res.stdout != want {
					t.Errorf("-name-cache %d: output differs from -name-cache 0", size)
				}
			}
		})
	}
}

func TestNameCacheFlag(t *testing.T) {
	res := runApp(t, testApp(), "", "-name-cache", "-1", "-")
	if res.code != exitUsage || !strings.Contains(res.stderr, "-name-cache -1: want 0 or more") {
		t.Fatalf("exit %d, stderr %q; want a usage error naming the flag", res.code, res.stderr)
	}
}
