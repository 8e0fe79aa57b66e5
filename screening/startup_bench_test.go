package screening

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/internal/cputime"
	"github.com/exportguard/exportguard/screening/match"
)

const startupHelperEnv = "EXPORTGUARD_STARTUP_HELPER"

// BenchmarkNewEmbedded measures New on the embedded defaults (policy,
// list snapshot and its prebuilt name index, country database) as a
// program's first call, in a fresh process per iteration, and the heap it
// leaves in use. It reports the median CPU time ("cpu-ms") and wall time
// ("wall-ms") of New, the live heap after a garbage collection once New
// returned ("heap-MB", runtime.MemStats.HeapAlloc, of which the test
// binary's own is "heap-before-MB"), and the first and a later search of
// one name ("first-search-µs", "search-µs"), and the resident set size
// after them ("rss-MB", from /proc/self/status; 0 where there is none),
// which counts the pages of the binary's embedded data that were read:
//
//	go test -run '^$' -bench NewEmbedded -benchtime 10x ./screening/
func BenchmarkNewEmbedded(b *testing.B) {
	var cpu, wall, heap, before, first, later, rss []float64
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNewEmbeddedHelper$")
		cmd.Env = append(os.Environ(), startupHelperEnv+"=1")
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var c, w, h, hb, f, l, r float64
		line, _, _ := strings.Cut(string(out), "\n")
		if _, err := fmt.Sscanf(line, "startup cpu_ms=%f wall_ms=%f heap_mb=%f heap_before_mb=%f first_search_us=%f search_us=%f rss_mb=%f",
			&c, &w, &h, &hb, &f, &l, &r); err != nil {
			b.Fatalf("helper output %q: %v", out, err)
		}
		cpu, wall, heap, before = append(cpu, c), append(wall, w), append(heap, h), append(before, hb)
		first, later, rss = append(first, f), append(later, l), append(rss, r)
	}
	b.ReportMetric(median(cpu), "cpu-ms")
	b.ReportMetric(median(wall), "wall-ms")
	b.ReportMetric(median(heap), "heap-MB")
	b.ReportMetric(median(before), "heap-before-MB")
	b.ReportMetric(median(first), "first-search-µs")
	b.ReportMetric(median(later), "search-µs")
	b.ReportMetric(median(rss), "rss-MB")
}

func median(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// TestNewEmbeddedHelper is the process BenchmarkNewEmbedded starts.
func TestNewEmbeddedHelper(t *testing.T) {
	if os.Getenv(startupHelperEnv) != "1" {
		t.Skip("run by BenchmarkNewEmbedded in a process of its own")
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	heapBefore := m.HeapAlloc
	ctx := context.Background()
	cpu0, t0 := cputime.Process(), time.Now()
	s, err := New(ctx, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	wall, cpu := time.Since(t0), cputime.Process()-cpu0
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	ix := s.world.Load().index
	q := match.Query{Name: "Hangzhou Hikvision Digital Technology Company Limited"}
	var lat [2]time.Duration
	for i := range lat {
		t1 := time.Now()
		if _, err := ix.Search(ctx, q); err != nil {
			t.Fatal(err)
		}
		lat[i] = time.Since(t1)
	}
	fmt.Printf("startup cpu_ms=%.1f wall_ms=%.1f heap_mb=%.1f heap_before_mb=%.1f first_search_us=%.0f search_us=%.0f rss_mb=%.1f\n",
		float64(cpu)/1e6, float64(wall)/1e6, float64(m.HeapAlloc)/(1<<20), float64(heapBefore)/(1<<20),
		float64(lat[0])/1e3, float64(lat[1])/1e3, rssMB())
	runtime.KeepAlive(s)
}

// rssMB returns the process's resident set size in MB, or 0 where
// /proc/self/status does not say.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		var kb float64
		if _, err := fmt.Sscanf(line, "VmRSS: %f kB", &kb); err == nil {
			return kb / 1024
		}
	}
	return 0
}
