package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkStartup measures what one run of the command costs after the
// process has started: parsing the flags, building the Screener on the
// embedded defaults (policy, list snapshot and its name index, country
// database), screening one name and printing the decision. Compare with
// BenchmarkStartupIndex, the part of it that is screening.New.
//
//	go test -run '^$' -bench 'Startup|Process' -benchtime 10x ./examples/screen/
func BenchmarkStartup(b *testing.B) {
	defer cputime.ReportMS(b)()
	for range b.N {
		if code := run(context.Background(), []string{"Hangzhou Hikvision Digital Technology"}, strings.NewReader(""), io.Discard, io.Discard); code != exitNotAllow {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkStartupIndex measures screening.New on the embedded defaults
// alone.
func BenchmarkStartupIndex(b *testing.B) {
	defer cputime.ReportMS(b)()
	for range b.N {
		if _, err := newScreener(context.Background(), &options{}, discard()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcess runs the built command as a shell would, once per
// iteration: process start, runtime and package initialisation included.
// ns/op is the wall time of one "screen NAME". $SCREEN_BIN names a binary
// built beforehand (so that the benchmark can run at a raised scheduling
// priority without the compiler):
//
//	go build -o /tmp/screen ./examples/screen && go test -c -o /tmp/screen.test ./examples/screen
//	SCREEN_BIN=/tmp/screen chrt -r 10 /tmp/screen.test -test.run '^$' -test.bench Process -test.benchtime 20x
func BenchmarkProcess(b *testing.B) {
	bin := os.Getenv("SCREEN_BIN") // a binary built beforehand, or
	if bin == "" {
		bin = filepath.Join(b.TempDir(), "screen")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			b.Skipf("go build: %v\n%s", err, out)
		}
	}
	b.ResetTimer()
	var cpu time.Duration
	for range b.N {
		cmd := exec.Command(bin, "Hangzhou Hikvision Digital Technology")
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitNotAllow {
			b.Fatalf("exit: %v", err)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
