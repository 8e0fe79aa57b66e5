// Command orderservice is an HTTP JSON service that screens orders with
// screening.Screener.
//
// Usage:
//
//	orderservice [-addr :8080] [-policy policy.yaml] [-lists FILE]... [-geoip FILE.mmdb]...
//	             [-db sqlite:records.db | -db postgres://…] [-tokens FILE]
//	             [-max-body BYTES] [-max-batch N] [-max-ips N] [-max-parties N] [-max-items N]
//	orderservice records verify -db DSN
//	orderservice records export -db DSN [-format jsonl|csv] [-party NAME] [-entry SRC:ID]
//	             [-outcome O] [-reason CODE] [-from DATE] [-to DATE]
//
// Endpoints (reviewer and admin ones need a bearer token from -tokens or
// $EXPORTGUARD_TOKENS):
//
//	POST /v1/screen                  a screening.Request  -> a screening.Decision (recorded first)
//	POST /v1/screen/batch            [Request, ...]       -> [Decision, ...]
//	GET  /v1/versions                the versions of the data in use
//	POST /v1/reload                  admin: re-read -policy, -lists and -geoip; reopen cases of changed entries
//	GET  /v1/records                 reviewer: query or export decision records
//	GET  /v1/records/verify          admin: verify the hash chain
//	GET  /v1/cases, /v1/cases/{id}   reviewer: the review queue
//	POST /v1/cases/{id}/disposition  reviewer: record a disposition
//	GET  /review/                    reviewer: the review page
//	GET  /healthz, /readyz, /metrics, /openapi.json
//
// Without -policy, -lists or -geoip the embedded defaults are used (the
// evaluation list snapshot and country database, which every decision
// names). See docs/services.md for request and response examples.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(os.Args[1:], logger); err != nil {
		logger.Error("orderservice stopped", "err", err)
		os.Exit(1)
	}
}

// defaultDB is where decisions are recorded without -db.
const defaultDB = "sqlite:orderservice-records.db"

// run is the command: the records subcommand, or the service, which it
// sets up from the flags and serves until SIGINT or SIGTERM.
func run(args []string, logger *slog.Logger) error {
	if len(args) > 0 && args[0] == "records" {
		return recordsCommand(args[1:], os.Stdout)
	}
	f, err := parseFlags(args)
	if err != nil {
		return err
	}
	cfg := f.cfg
	tokens, err := service.LoadTokens(f.tokensPath)
	if err != nil {
		return err
	}
	if tokens.Len() == 0 {
		logger.Warn("no reviewer or admin tokens: /v1/reload, the records, the cases and the review page answer 401 to everyone",
			"set", "-tokens FILE or $"+service.TokensEnv)
	}
	cfg.Tokens = tokens

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	s, err := openScreener(ctx, &cfg, f.dsn, logger)
	if err != nil {
		return err
	}
	srv := newServer(s, cfg, logger)
	// After the HTTP server has shut down: commits the records still
	// queued, then closes the database and the Locator.
	defer func() {
		if err := srv.close(); err != nil {
			logger.Error("closing", "err", err)
		}
	}()

	hs := &http.Server{
		Addr:              f.addr,
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return service.Serve(ctx, stop, hs, logger, 30*time.Second, "versions", s.Versions())
}

// flags is what the command line asks of the service.
type flags struct {
	addr       string
	dsn        string
	tokensPath string
	cfg        config
}

// parseFlags reads and checks the service's flags; the limits must be
// positive and no arguments may follow the flags.
func parseFlags(args []string) (*flags, error) {
	f := &flags{}
	cfg := &f.cfg
	fs := flag.NewFlagSet("orderservice", flag.ContinueOnError)
	fs.StringVar(&f.addr, "addr", "localhost:8080", "listen address")
	cfg.Data.Register(fs)
	fs.Int64Var(&cfg.MaxBody, "max-body", defaultMaxBody, "largest request body in bytes")
	fs.IntVar(&cfg.MaxBatch, "max-batch", defaultMaxBatch, "largest number of requests in one batch")
	fs.IntVar(&cfg.Limits.IPs, "max-ips", defaultMaxIPs, "largest number of client IPs in one request")
	fs.IntVar(&cfg.Limits.Parties, "max-parties", defaultMaxParties, "largest number of parties in one request")
	fs.IntVar(&cfg.Limits.Items, "max-items", defaultMaxItems, "largest number of items in one request")
	fs.StringVar(&f.dsn, "db", defaultDB, "where decisions and the review queue are kept: sqlite:PATH or postgres://…; none turns recording off")
	fs.StringVar(&f.tokensPath, "tokens", "", "file of reviewer and admin bearer tokens, ROLE NAME TOKEN a line (default: $"+service.TokensEnv+")")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.MaxBody <= 0 || cfg.MaxBatch <= 0 {
		return nil, errors.New("-max-body and -max-batch must be positive")
	}
	if cfg.Limits.IPs <= 0 || cfg.Limits.Parties <= 0 || cfg.Limits.Items <= 0 {
		return nil, errors.New("-max-ips, -max-parties and -max-items must be positive")
	}
	return f, nil
}

// openScreener opens the records database named by dsn (none: no
// recording), whose suppressions the Screener then reads, loads the data
// cfg names and builds the Screener. It sets cfg.Records and cfg.Locator;
// on an error it closes what it opened.
func openScreener(ctx context.Context, cfg *config, dsn string, logger *slog.Logger) (*screening.Screener, error) {
	var sopts []screening.Option
	if dsn == "none" {
		logger.Warn("decision records are turned off (-db none): decisions are not kept and review decisions open no case")
	} else {
		st, err := records.Open(ctx, dsn, records.WithLogger(logger))
		if err != nil {
			return nil, err
		}
		cfg.Records = st
		// Reviewers' false positives live beside the cases.
		sopts = append(sopts, screening.WithSuppressions(st))
	}
	data, err := load(ctx, *cfg, logger)
	if err != nil {
		closeRecords(cfg.Records)
		return nil, err
	}
	s, err := screening.New(ctx, append(append(data.opts, sopts...), screening.WithLogger(logger))...)
	if err != nil {
		if data.locator != nil {
			_ = data.locator.Close()
		}
		closeRecords(cfg.Records)
		return nil, err
	}
	cfg.Locator = data.locator
	return s, nil
}

func closeRecords(st *records.Store) {
	if st != nil {
		_ = st.Close()
	}
}
