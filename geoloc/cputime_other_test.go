//go:build !linux

package geoloc

import "time"

var processStart = time.Now()

// threadCPU falls back to wall time where the thread CPU clock is not
// read.
func threadCPU() time.Duration { return time.Since(processStart) }
