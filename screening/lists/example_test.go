package lists_test

import (
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
