package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/exportguard/exportguard/screening/records"
)

// errChainBroken is returned by "records verify" when the chain does not
// verify (exit status 1, the problems on standard output).
var errChainBroken = errors.New("the decision records do not verify")

// recordsCommand runs "orderservice records verify|export": the one
// command an auditor runs to check the chain, and the export.
func recordsCommand(args []string, out io.Writer) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "export") {
		return errors.New("usage: orderservice records verify -db DSN | orderservice records export -db DSN [-format jsonl|csv] [filters]")
	}
	verb := args[0]
	fs := flag.NewFlagSet("orderservice records "+verb, flag.ContinueOnError)
	dsn := fs.String("db", defaultDB, "the records database: sqlite:PATH or postgres://…")
	format := fs.String("format", "jsonl", "export format: jsonl or csv")
	q := url.Values{}
	for _, name := range []string{"party", "entry", "outcome", "reason", "from", "to"} {
		fs.Func(name, "export only records with this "+name, func(v string) error { q.Set(name, v); return nil })
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if path, ok := strings.CutPrefix(*dsn, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("records: %w", err)
		}
	}
	ctx := context.Background()
	st, err := records.Open(ctx, *dsn, records.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "verify" {
		v, err := st.Verify(ctx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		if !v.OK() {
			return errChainBroken
		}
		return nil
	}
	f, err := records.ParseFormat(*format)
	if err != nil {
		return err
	}
	filter, err := recordFilter(q)
	if err != nil {
		return err
	}
	_, err = st.Export(ctx, out, f, filter)
	return err
}
