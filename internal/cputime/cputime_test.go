//go:build unix

package cputime

import "testing"

func TestProcessAdvances(t *testing.T) {
	start := Process()
	if start <= 0 {
		t.Fatalf("Process() = %v at start; want > 0", start)
	}
	x := 0
	for i := 0; Process() == start; i++ {
		x += i
	}
	if Process() < start {
		t.Fatalf("Process() went back from %v", start)
	}
	_ = x
}
