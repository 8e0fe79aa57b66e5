// Command reasons writes the reason-code table of docs/decisions.md from the
// registry in rules/reasons.go (see package reasondoc).
//
//	go run ./internal/gen/reasons -doc ../docs/decisions.md
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/rules/internal/reasondoc"
)

func main() {
	doc := flag.String("doc", "", "the Markdown file whose reason table to rewrite")
	flag.Parse()
	if *doc == "" {
		fmt.Fprintln(os.Stderr, "reasons: -doc is required")
		os.Exit(2)
	}
	if err := run(*doc); err != nil {
		fmt.Fprintln(os.Stderr, "reasons:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := reasondoc.Splice(path, old, reasondoc.Table(rules.Reasons()))
	if err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, fi.Mode().Perm())
}
