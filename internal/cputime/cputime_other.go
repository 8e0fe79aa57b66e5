//go:build !unix

package cputime

import "time"

// Process is not measured on this platform; CPU-time metrics then read 0.
func Process() time.Duration { return 0 }
