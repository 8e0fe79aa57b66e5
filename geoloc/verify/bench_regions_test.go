package verify

import "testing"

var benchRegionCodes []string

func benchOptions(b *testing.B) []Option { return nil }
