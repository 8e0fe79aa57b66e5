//go:build !unix

package screening

import "time"

// cpuTime is not measured here; cpu-µs/op then reads 0.
func cpuTime() time.Duration { return 0 }
