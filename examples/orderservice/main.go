// Command orderservice is an HTTP JSON service that screens orders with
// screening.Screener.
//
// Usage:
//
//	orderservice [-addr :8080] [-policy policy.yaml] [-lists FILE]... [-geoip FILE.mmdb]...
//	             [-max-body BYTES] [-max-batch N]
//
// Endpoints:
//
//	POST /v1/screen        a screening.Request  -> a screening.Decision
//	POST /v1/screen/batch  [Request, ...]       -> [Decision, ...]
//	POST /v1/reload        re-read -policy, -lists and -geoip; on error keep the old data
//	GET  /v1/versions      the versions of the data in use
//	GET  /healthz          {"status": "ok"}
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
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(os.Args[1:], logger); err != nil {
		logger.Error("orderservice stopped", "err", err)
		os.Exit(1)
	}
}

func run(args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("orderservice", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8080", "listen address")
	var cfg config
	cfg.Data.Register(fs)
	fs.Int64Var(&cfg.MaxBody, "max-body", defaultMaxBody, "largest request body in bytes")
	fs.IntVar(&cfg.MaxBatch, "max-batch", defaultMaxBatch, "largest number of requests in one batch")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.MaxBody <= 0 || cfg.MaxBatch <= 0 {
		return errors.New("-max-body and -max-batch must be positive")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	data, err := load(ctx, cfg, logger)
	if err != nil {
		return err
	}
	s, err := screening.New(ctx, append(data.opts, screening.WithLogger(logger))...)
	if err != nil {
		if data.locator != nil {
			_ = data.locator.Close()
		}
		return err
	}
	cfg.Locator = data.locator
	srv := newServer(s, cfg, logger)
	defer srv.close()

	hs := &http.Server{
		Addr:              *addr,
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
