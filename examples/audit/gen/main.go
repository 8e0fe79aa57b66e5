// Command gen writes a large order book for measuring the audit binary: the
// requests of the bundled sample repeated under fresh ids, or with
// -realistic a book of one name, one client IP and one request a row, 20%
// of the rows with an AI chip (names from testdata/eval, addresses from
// testdata/ipcountry, chips from the sample's datasheet rows).
//
//	go run ./examples/audit/gen -n 1000000 > /tmp/orders-1m.csv
//	go run ./examples/audit/gen -realistic -n 100000 > /tmp/realistic-100k.csv
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
	realistic := flag.Bool("realistic", false, "one name, one IP and one request a row, drawn from testdata/eval and testdata/ipcountry")
	listed := flag.Float64("listed", 0.1, "with -realistic: share of names that are variants of listed names")
	chips := flag.Float64("chips", 0.2, "with -realistic: share of rows with an AI chip")
	seed := flag.Uint64("seed", 1, "with -realistic: random seed (the same seed writes the same book)")
	distinct := flag.Bool("distinct", false, "with -realistic: every name at most once (no party comes back; at most about 6,200 rows at -listed 0.1)")
	root := flag.String("root", ".", "with -realistic: repository root holding testdata/")
	flag.Parse()
	var err error
	if *realistic {
		err = runRealistic(*n, *sample, *root, *listed, *chips, *seed, *distinct)
	} else {
		err = run(*n, *sample)
	}
	if err != nil {
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

func runRealistic(n int, sample, root string, listed, chips float64, seed uint64, distinct bool) error {
	f, err := os.Open(sample)
	if err != nil {
		return err
	}
	book, err := gen.Parse(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", sample, err)
	}
	r, err := gen.LoadRealistic(root, book)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	write := r.Write
	if distinct {
		write = r.WriteDistinct
	}
	if err := write(w, n, listed, chips, seed); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d realistic rows\n", n)
	return nil
}
