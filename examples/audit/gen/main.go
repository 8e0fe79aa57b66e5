// Command gen writes a large order book for measuring the audit binary: the
// requests of the bundled sample repeated under fresh ids.
//
//	go run ./examples/audit/gen -n 1000000 > /tmp/orders-1m.csv
//	go run ./examples/audit -out /tmp/decisions.jsonl /tmp/orders-1m.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/exportguard/exportguard/examples/audit/internal/gen"
)

func main() {
	n := flag.Int("n", 1000000, "number of rows to write")
	sample := flag.String("sample", "testdata/orders/sample.csv", "template order book")
	flag.Parse()
	if err := run(*n, *sample); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(n int, sample string) error {
	f, err := os.Open(sample)
	if err != nil {
		return err
	}
	defer f.Close()
	book, err := gen.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", sample, err)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	reqs, err := book.Write(w, n)
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d rows, %d requests\n", n, reqs)
	return nil
}
