package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/records"
)

// config is what the service loads and how much it accepts.
type config struct {
	// Data names the policy, lists and geolocation databases to load.
	service.Data
	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64
	// MaxBatch is the largest number of requests in one batch.
	MaxBatch int
	// Locator is the Locator the Screener was built with, which the
	// server then owns; nil when the Screener uses the embedded database.
	Locator *geoloc.Locator
	// Limits bound what one screening request may hold.
	Limits limits
	// Records is where decisions are recorded and the review queue is
	// kept; the server closes it (flushing what is queued) on close. Nil
	// only when recording was turned off (-db none).
	Records *records.Store
	// Tokens are the bearer tokens of the reviewer and admin endpoints.
	Tokens *service.Tokens
	// Now is the clock for readiness and data ages (default time.Now).
	Now func() time.Time
}

// limits bound one screening request (issue: a request with 80,000 IPs
// took 1.6 s and 57 MB to answer).
type limits struct {
	IPs, Parties, Items int
}

// Defaults for the flags.
const (
	defaultMaxBody    = 1 << 20 // 1 MiB
	defaultMaxBatch   = 100
	defaultMaxIPs     = 16
	defaultMaxParties = 32
	defaultMaxItems   = 100
)

// loaded is a complete set of data read from the configured paths.
type loaded struct {
	opts []screening.Option
	// locator is the Locator built from GeoIPPaths (nil without any); its
	// owner closes it when it is no longer in use.
	locator *geoloc.Locator
	// lists is the list snapshot loaded (nil when no -lists were given).
	lists *lists.Snapshot
}

// load reads the policy, lists and geolocation databases the configuration
// names. Paths left empty keep the embedded defaults (screening.New) or
// the data in use (Screener.Reload). Nothing is half-loaded: on error every
// database opened so far is closed.
func load(ctx context.Context, cfg config, logger *slog.Logger) (loaded, error) {
	opts, snap, err := cfg.Load(ctx)
	if err != nil {
		return loaded{}, err
	}
	out := loaded{opts: opts, lists: snap}
	if len(cfg.GeoIPPaths) > 0 {
		l, err := cfg.OpenLocator(logger)
		if err != nil {
			return loaded{}, err
		}
		out.locator = l
		out.opts = append(out.opts, screening.WithLocator(l))
	}
	return out, nil
}

// errorList flattens a joined error into its parts, so each file problem
// (policy line, list row, database) is reported on its own.
func errorList(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			if _, isLoad := e.(*lists.LoadError); !isLoad {
				for _, x := range j.Unwrap() {
					walk(x)
				}
				return
			}
		}
		out = append(out, e.Error())
	}
	walk(err)
	if len(out) == 0 && err != nil {
		out = []string{err.Error()}
	}
	return out
}

var errReloadBusy = errors.New("a reload is already running")
