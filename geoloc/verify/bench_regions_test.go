package verify

import "testing"

// benchRegionCodes are the sanctioned regions judged in the benchmark; the
// Crimea polygon is supplied, the so-called DNR/LNR have none (not judged).
var benchRegionCodes = []string{"UA-43", "UA-40"}

func benchOptions(b *testing.B) []Option { return []Option{WithRegions(loadCrimea(b)...)} }
