// Command signup is a web sign-up page that refuses clients located in
// embargoed countries and regions, and in countries of concern, with HTTP
// 451, and screens everyone else's name, company, declared country and
// network address with screening.Screener before opening an account.
//
// Usage:
//
//	signup [-addr localhost:8081] [-policy policy.yaml] [-lists FILE]... [-geoip FILE.mmdb]...
//	       [-trusted-proxies CIDR,...]
//
// -trusted-proxies names the reverse proxies (load balancers, CDN edges) in
// front of the app. Only requests whose peer is one of them have their
// X-Forwarded-For or Forwarded header believed; from any other peer the
// headers are ignored, because a client can write whatever it likes there.
// See docs/services.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/screening"
)

// prefixList is a repeatable flag of comma-separated networks.
type prefixList []netip.Prefix

func (l *prefixList) String() string {
	s := make([]string, len(*l))
	for i, p := range *l {
		s[i] = p.String()
	}
	return strings.Join(s, ",")
}

func (l *prefixList) Set(s string) error {
	ps, err := parsePrefixes(s)
	if err != nil {
		return err
	}
	*l = append(*l, ps...)
	return nil
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(os.Args[1:], logger); err != nil {
		logger.Error("signup stopped", "err", err)
		os.Exit(1)
	}
}

func run(args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("signup", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8081", "listen address")
	var data service.Data
	data.Register(fs)
	var trusted prefixList
	fs.Var(&trusted, "trusted-proxies", "comma-separated CIDRs or addresses of the reverse proxies in front of the app (repeatable; default: none, the peer address is the client)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	s, loc, err := open(ctx, data, logger)
	if err != nil {
		return err
	}
	defer loc.Close()

	hs := &http.Server{
		Addr:              *addr,
		Handler:           newApp(appConfig{Screener: s, Locator: loc, Trusted: trusted, Logger: logger}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return service.Serve(ctx, stop, hs, logger, 20*time.Second, "trusted_proxies", trusted.String())
}

// open builds the Locator and the Screener that shares it.
func open(ctx context.Context, data service.Data, logger *slog.Logger) (*screening.Screener, *geoloc.Locator, error) {
	opts, err := data.Options(ctx)
	if err != nil {
		return nil, nil, err
	}
	loc, err := data.OpenLocator(logger)
	if err != nil {
		return nil, nil, err
	}
	s, err := screening.New(ctx, append(opts, screening.WithLogger(logger), screening.WithLocator(loc))...)
	if err != nil {
		return nil, nil, errors.Join(err, loc.Close())
	}
	return s, loc, nil
}
