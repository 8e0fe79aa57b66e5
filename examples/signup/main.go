// Command signup is a web sign-up page that refuses clients located in
// embargoed countries and regions, and in countries of concern, with HTTP
// 451, and screens everyone else's name, company, declared country and
// network address with screening.Screener before opening an account.
//
// Usage:
//
//	signup [-addr localhost:8081] [-policy policy.yaml] [-lists FILE]... [-geoip FILE.mmdb]...
//	       [-trusted-proxies CIDR,...] [-db sqlite:signup-records.db | -db postgres://…]
//
// -trusted-proxies names the reverse proxies (load balancers, CDN edges) in
// front of the app. Only requests whose peer is one of them have their
// X-Forwarded-For or Forwarded header believed; from any other peer the
// headers are ignored, because a client can write whatever it likes there.
// See docs/services.md.
package main

import (
	"context"
	_ "embed"
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
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// checkUnroutable refuses to start a gate whose policy lets addresses that
// are not routable through (ip.not_routable: allow) when no trusted proxies
// are named: behind a proxy every client would then be the proxy's private
// address, and every account would open with no IP check.
func checkUnroutable(p *rules.Policy, trusted []netip.Prefix, logger *slog.Logger) error {
	if p.OutcomeFor(rules.ReasonIPNotRoutable) != rules.OutcomeAllow {
		return nil
	}
	if len(trusted) == 0 {
		return fmt.Errorf("policy %s maps ip.not_routable to allow and no -trusted-proxies are given: behind a reverse proxy every client "+
			"would appear as the proxy's private address and sign up with no IP check; name the proxies with -trusted-proxies, "+
			"or map ip.not_routable to review in the policy (as the built-in sign-up profile does)", p.Name())
	}
	logger.Warn("the policy maps ip.not_routable to allow: a client behind a proxy missing from -trusted-proxies signs up with no IP check",
		"policy", p.Name(), "trusted_proxies", len(trusted))
	return nil
}

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
	dsn := fs.String("db", "sqlite:signup-records.db", "where decisions are recorded and review cases opened: sqlite:PATH or postgres://… (the order service's database, to review them on its page); none turns recording off")
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
	if err := checkUnroutable(s.Policy(), trusted, logger); err != nil {
		return err
	}
	var st *records.Store
	if *dsn == "none" {
		logger.Warn("decision records are turned off (-db none): sign-up decisions are not kept and reviews open no case")
	} else {
		if st, err = records.Open(ctx, *dsn, records.WithLogger(logger)); err != nil {
			return err
		}
		// After the HTTP server has shut down: commits what is queued.
		defer st.Close()
	}

	hs := &http.Server{
		Addr:              *addr,
		Handler:           newApp(appConfig{Screener: s, Locator: loc, Trusted: trusted, Logger: logger, Records: st}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return service.Serve(ctx, stop, hs, logger, 20*time.Second, "trusted_proxies", trusted.String())
}

// signupProfile is the sign-up policy used without -policy.
//
//go:embed profile.yaml
var signupProfile []byte

// open builds the Locator and the Screener that shares it. Without
// -policy the Screener runs on the sign-up profile (profile.yaml).
func open(ctx context.Context, data service.Data, logger *slog.Logger) (*screening.Screener, *geoloc.Locator, error) {
	opts, err := data.Options(ctx)
	if err != nil {
		return nil, nil, err
	}
	if data.PolicyPath == "" {
		p, err := rules.ParsePolicy("signup profile.yaml", signupProfile)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, screening.WithPolicy(p))
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
