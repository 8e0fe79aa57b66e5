// Package cputime reads the process CPU time for benchmarks that report it
// beside wall time: on a shared machine, wall time per operation also counts
// the time other processes held the CPU, CPU time does not.
package cputime

import (
	"testing"
	"time"
)

// Report starts counting CPU time and returns a function that, called when
// the benchmark ends, reports the CPU time per unit of work as
// "cpu-µs/<unit>" (units is how many units b's loop handled in total).
func Report(b *testing.B, unit string, units func() int) func() {
	start := Process()
	return func() {
		if n := units(); n > 0 {
			b.ReportMetric(float64(Process()-start)/float64(time.Microsecond)/float64(n), "cpu-µs/"+unit)
		}
	}
}

// ReportMS is Report for slow operations: it reports the CPU time per b.N
// operation as "cpu-ms/op".
func ReportMS(b *testing.B) func() {
	start := Process()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
