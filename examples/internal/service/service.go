// Package service holds what the example HTTP services (orderservice and
// signup) share: the flags that name their data, loading that data, and
// running an http.Server until a signal asks it to stop.
package service

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/exportguard/exportguard/examples/internal/listdata"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
)

// StringList is a repeatable string flag.
type StringList []string

func (l *StringList) String() string { return strings.Join(*l, ",") }

// Set appends s.
func (l *StringList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// Data names the files a service screens with. What is left empty keeps
// the embedded default.
type Data struct {
	// PolicyPath is a policy file (rules.LoadPolicyFile); "" means the
	// embedded default policy.
	PolicyPath string
	// ListPaths are restricted-party list files or OFAC directories
	// (lists.Load), or one directory kept by a lists.Updater
	// (listdata.Load); none means the embedded evaluation snapshot.
	ListPaths []string
	// GeoIPPaths are MaxMind DB files; none means the embedded country
	// database.
	GeoIPPaths []string
}

// Register defines the -policy, -lists and -geoip flags on fs, filling d.
func (d *Data) Register(fs *flag.FlagSet) {
	fs.StringVar(&d.PolicyPath, "policy", "", "policy file (default: the embedded policy)")
	fs.Var((*StringList)(&d.ListPaths), "lists", "restricted-party list file, OFAC directory, or a directory kept by `go run ./examples/lists update -dir DIR` (repeatable; default: the embedded evaluation snapshot)")
	fs.Var((*StringList)(&d.GeoIPPaths), "geoip", "MaxMind DB file (repeatable; default: the embedded country database)")
}

// Options loads the policy and the lists d names and returns the
// screening options that use them; none for what d leaves empty.
func (d Data) Options(ctx context.Context) ([]screening.Option, error) {
	opts, _, err := d.Load(ctx)
	return opts, err
}

// Load is Options that also returns the list snapshot it loaded (nil when
// d names no lists), for a caller that compares it with the one in use.
func (d Data) Load(ctx context.Context) ([]screening.Option, *lists.Snapshot, error) {
	var opts []screening.Option
	if d.PolicyPath != "" {
		p, err := rules.LoadPolicyFile(ctx, d.PolicyPath)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, screening.WithPolicy(p))
	}
	var snap *lists.Snapshot
	if len(d.ListPaths) > 0 {
		var err error
		snap, err = listdata.Load(ctx, d.ListPaths...)
		if err != nil {
			return nil, nil, fmt.Errorf("lists: %w", err)
		}
		opts = append(opts, screening.WithLists(snap))
	}
	return opts, snap, nil
}

// OpenLocator opens a Locator over d.GeoIPPaths, or over the embedded
// country database when there are none. The caller closes it.
func (d Data) OpenLocator(logger *slog.Logger) (*geoloc.Locator, error) {
	opts := []geoloc.Option{geoloc.WithLogger(logger)}
	for _, p := range d.GeoIPPaths {
		opts = append(opts, geoloc.WithFile(p))
	}
	l, err := geoloc.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("geoip: %w", err)
	}
	return l, nil
}

// Serve runs hs until it fails or ctx is done, and then shuts it down,
// giving the requests in flight up to grace to finish. stop is the stop
// function of ctx from signal.NotifyContext: Serve calls it once ctx is
// done, so that a second signal kills the process. listening are extra
// attributes for the "listening" log line.
func Serve(ctx context.Context, stop context.CancelFunc, hs *http.Server, logger *slog.Logger, grace time.Duration, listening ...any) error {
	errc := make(chan error, 1)
	go func() {
		logger.Info("listening", append([]any{"addr", hs.Addr}, listening...)...)
		errc <- hs.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop()
	logger.Info("shutting down; finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}
