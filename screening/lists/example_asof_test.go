package lists_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

// A list file whose format states no date (dpl.txt) loads undated:
// screening holds decisions that rely on it for review (data.undated)
// until its date is stated, here in code; a sidecar file dpl.txt.asof
// beside it does the same.
func ExampleSnapshot_WithAsOf() {
	snap, err := lists.Load(context.Background(), "../../testdata/lists/csl/bis-dpl-2023-11.txt")
	if err != nil {
		panic(err)
	}
	dpl, _ := snap.Source(lists.SourceDPL)
	fmt.Println("undated:", dpl.Undated())

	day, err := lists.ReadAsOf(strings.NewReader("# from bis.gov, the day it was published\n2023-11-28\n"), "dpl.txt.asof")
	if err != nil {
		panic(err)
	}
	snap, err = snap.WithAsOf(lists.SourceDPL, day)
	if err != nil {
		panic(err)
	}
	dpl, _ = snap.Source(lists.SourceDPL)
	fmt.Println(dpl.AsOf.Format(time.DateOnly), dpl.AsOfFrom, "undated:", dpl.Undated())
	// Output:
	// undated: true
	// 2023-11-28 stated undated: false
}

// The gate a new snapshot passes before it replaces the one in use.
func ExampleCheckShrink() {
	old, _ := lists.Load(context.Background(), "../../testdata/lists/csl/bis-dpl-2023-11.txt")
	empty, _ := lists.NewSnapshot()
	err := lists.CheckShrink(old, empty, 0.10)
	var se *lists.ShrinkError
	fmt.Println(err, errors.As(err, &se), se.Old)
	// Output:
	// source DPL disappeared (had 577 entries) true 577
}
