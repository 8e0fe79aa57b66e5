package screening_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
)

// Reload refuses lists that lost more than 10% of a source in use (here
// an internal deny list cut from three parties to one) and keeps the old.
func ExampleWithMaxListShrink() {
	ctx := context.Background()
	internal := func(csv string) *lists.Snapshot {
		es, rep, err := lists.LoadInternalCSV(ctx, strings.NewReader(csv), "deny.csv")
		if err != nil {
			panic(err)
		}
		snap, err := lists.NewSnapshot(lists.SplitBySource(es, rep, []string{"deny.csv"}, "")...)
		if err != nil {
			panic(err)
		}
		return snap
	}
	s, err := screening.New(ctx, screening.WithLists(internal("name\nAlpha Trading\nBeta Logistics\nGamma Systems\n")),
		screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	err = s.Reload(ctx, screening.WithLists(internal("name\nAlpha Trading\n")), screening.WithMaxListShrink(0.10))
	fmt.Println(err)
	fmt.Println("entries in use:", s.Lists().Len())
	// Output:
	// new lists refused: source INTERNAL shrank from 3 to 1 entries (more than 10%)
	// entries in use: 3
}
