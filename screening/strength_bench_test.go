package screening

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/internal/cputime"
)

// benchNames are parties whose names hit list entries in both bands: two
// potential hits contradicted by a date of birth, a potential hit on
// another legal form, a fuzzy hit confirmed by a date of birth, and an
// exact name.
var benchNames = Request{ID: "bench-names", Parties: []Party{
	{Role: RolePurchaser, Name: "Mohammed Ali", Type: "individual", Country: "GB", DateOfBirth: "1990"},
	{Role: RolePurchaser, Name: "Dubai Trading FZE"},
	{Role: RoleEndUser, Name: "Eduardo Restrepo Victora", Type: "individual", DateOfBirth: "1958-09-28"},
	{Role: RoleEndUser, Name: "BANCO NACIONAL DE CUBA"},
}}

// BenchmarkScreenListHits measures Screen on parties that hit list
// entries, where the match strength of each hit is judged, and reports the
// process CPU time per request beside the wall time (the machine is
// shared).
//
//	go test -run '^$' -bench BenchmarkScreenListHits -benchtime 2000x -cpu 1 ./screening/
func BenchmarkScreenListHits(b *testing.B) {
	s := embedded(b)
	ctx := context.Background()
	b.ReportAllocs()
	defer cputime.Report(b, "op", func() int { return b.N })()
	for b.Loop() {
		if _, err := s.Screen(ctx, benchNames); err != nil {
			b.Fatal(err)
		}
	}
}
