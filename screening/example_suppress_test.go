package screening_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/exportguard/exportguard/screening"
)

// A suppression file with a hand-edited line and a record torn by a crash:
// the valid record loads, the two others stay in the file and are copied
// to reviews.jsonl.quarantine with their line numbers.
func ExampleOpenFileStore() {
	dir, _ := os.MkdirTemp("", "reviews")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "reviews.jsonl")
	os.WriteFile(path, []byte(`{"party":"ACME","entry_key":"EL:1","entry_hash":"h","kind":"accepted","reason":"licensed","reviewer":"k.lee"}
party=BETA kind=accepted
{"party":"GAMMA","entry_key":"SDN:7",`), 0o644)

	store, err := screening.OpenFileStore(path)
	if err != nil {
		panic(err)
	}
	defer store.Close()
	for _, q := range store.Quarantined() {
		fmt.Printf("line %d quarantined: %.40s\n", q.Line, q.Err)
	}
	// Output:
	// line 2 quarantined: invalid character 'p' looking for beginn
	// line 3 quarantined: torn line (no newline at the end of the
}
