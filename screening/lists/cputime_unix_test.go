//go:build unix

package lists

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process CPU time (user + system) per operation as
// "cpu-ms/op": on a shared machine, wall time per op also counts the time
// other processes held the CPU.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
