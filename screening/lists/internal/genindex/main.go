// Command genindex writes the prebuilt name index of the embedded default
// list snapshot (screening/match/default_index.bin), which match.NewIndex
// loads instead of building the index when it is given the snapshot's
// entries. It runs after the snapshot is generated (see
// screening/lists/generate.go); run it again, with
// `go generate ./screening/lists/`, after any change to how the matcher
// builds its index (normalisation, variant tables, legal forms, weights),
// which TestPrebuiltIndexUpToDate in screening/match checks.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

func main() {
	out := flag.String("out", "../match/default_index.bin", "output file")
	flag.Parse()
	snap, err := lists.Default()
	if err != nil {
		fail(err)
	}
	ix := match.NewIndex(snap.Entries(), match.WithoutPrebuiltIndex())
	b, err := ix.AppendBinary(nil)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fail(err)
	}
	slog.Info("wrote", "file", *out, "bytes", len(b), "entries", snap.Len())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genindex:", err)
	os.Exit(1)
}
