package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
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
}

// Defaults for the flags.
const (
	defaultMaxBody  = 1 << 20 // 1 MiB
	defaultMaxBatch = 100
)

// loaded is a complete set of data read from the configured paths.
type loaded struct {
	opts []screening.Option
	// locator is the Locator built from GeoIPPaths (nil without any); its
	// owner closes it when it is no longer in use.
	locator *geoloc.Locator
}

// load reads the policy, lists and geolocation databases the configuration
// names. Paths left empty keep the embedded defaults (screening.New) or
// the data in use (Screener.Reload). Nothing is half-loaded: on error every
// database opened so far is closed.
func load(ctx context.Context, cfg config, logger *slog.Logger) (loaded, error) {
	opts, err := cfg.Options(ctx)
	if err != nil {
		return loaded{}, err
	}
	out := loaded{opts: opts}
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
