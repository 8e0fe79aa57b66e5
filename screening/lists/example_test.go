package lists_test

import (
	"context"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

// The embedded evaluation snapshot: real entries, with the as-of date of
// each source. Production code loads current files instead (Load, Updater).
func ExampleDefault() {
	snap, err := lists.Default()
	if err != nil {
		panic(err)
	}
	e, _ := snap.Get("SDN:306")
	fmt.Println(e.Name)
	for _, a := range e.Aliases {
		fmt.Printf("  %s %q weak=%v\n", a.Kind, a.Name, a.Weak)
	}
	el, _ := snap.Source(lists.SourceEL)
	fmt.Println(el.Source, el.Count, "entries as of", el.AsOf.Format(time.DateOnly), "evaluation:", el.Evaluation)
	// Output:
	// BANCO NACIONAL DE CUBA
	//   aka "NATIONAL BANK OF CUBA" weak=false
	//   aka "BNC" weak=true
	// EL 3265 entries as of 2025-10-09 evaluation: true
}

// Loading current files: the format of each is detected from its content,
// and a directory is read as an OFAC file set.
func ExampleLoad() {
	snap, err := lists.Load(context.Background(),
		"../../testdata/lists/csl/bis-dpl-2023-11.txt",
		"../../testdata/lists/ofac/nonsdn-2025-12",
	)
	if err != nil {
		panic(err)
	}
	for _, si := range snap.Sources() {
		fmt.Println(si.Source, si.Count, si.Files[0])
	}
	// Output:
	// CAP 1 cons_prim.csv
	// CMIC 68 cons_prim.csv
	// DPL 577 bis-dpl-2023-11.txt
	// MBS 9 cons_prim.csv
	// PLC 78 cons_prim.csv
	// SSI 286 cons_prim.csv
}

// What changed in the SSI list between the CSL of 2023-11 and OFAC's
// non-SDN file of 2025-12.
func ExampleDiff() {
	ctx := context.Background()
	load := func(path string) *lists.Snapshot {
		sets, err := lists.LoadFile(ctx, path)
		if err != nil {
			panic(err)
		}
		for _, s := range sets {
			if s.Source == lists.SourceSSI {
				snap, err := lists.NewSnapshot(s)
				if err != nil {
					panic(err)
				}
				return snap
			}
		}
		panic("no SSI")
	}
	old := load("../../testdata/lists/csl/consolidated-2023-11-partial.csv")
	new := load("../../testdata/lists/ofac/nonsdn-2025-12")
	for _, sd := range lists.Diff(old, new).Sources {
		fmt.Println(sd.Source, sd.OldCount, "->", sd.NewCount)
		for _, e := range sd.Removed {
			fmt.Println("removed:", e.Key(), e.Name)
		}
	}
	// Output:
	// SSI 288 -> 286
	// removed: SSI:18293 PROMINVESTBANK
	// removed: SSI:18717 SBERBANK (SWITZERLAND) AG
}
