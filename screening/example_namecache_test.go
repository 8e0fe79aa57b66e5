package screening_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/exportguard/exportguard/screening"
)

// A customer on many orders is searched in the lists once: the second
// order's name search comes from the cache, and its decision is the same.
func ExampleWithNameCache() {
	ctx := context.Background()
	s, err := screening.New(ctx, screening.WithNameCache(10000), screening.WithoutLocator(),
		screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	for _, id := range []string{"order-1", "order-2"} {
		d, err := s.Screen(ctx, screening.Request{ID: id, Parties: []screening.Party{
			{Name: "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", Country: "CN"}}})
		if err != nil {
			panic(err)
		}
		fmt.Println(d.ID, d.Outcome, d.Matches[0].List, d.Matches[0].EntryName)
	}
	// Output:
	// order-1 license_required CMIC HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.
	// order-2 license_required CMIC HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.
}
