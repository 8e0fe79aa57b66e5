package main

import (
	"context"
	"fmt"

	"github.com/exportguard/exportguard/examples/internal/listdata"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/ownership"
)

// newScreener builds the Screener from the flags: the embedded defaults,
// replaced part by part by -policy, -lists and -geoip.
func newScreener(ctx context.Context, c config) (screener, error) {
	opts := []screening.Option{screening.WithLogger(c.logger)}
	if c.policy != "" {
		p, err := rules.LoadPolicyFile(ctx, c.policy)
		if err != nil {
			return nil, fmt.Errorf("-policy %s: %w", c.policy, err)
		}
		opts = append(opts, screening.WithPolicy(p))
	}
	if len(c.lists) > 0 {
		s, err := listdata.Load(ctx, c.lists...)
		if err != nil {
			return nil, fmt.Errorf("-lists: %w", err)
		}
		opts = append(opts, screening.WithLists(s))
	}
	if len(c.geoip) > 0 {
		var gopts []geoloc.Option
		for _, f := range c.geoip {
			gopts = append(gopts, geoloc.WithFile(f))
		}
		gopts = append(gopts, geoloc.WithLogger(c.logger))
		l, err := geoloc.New(gopts...)
		if err != nil {
			return nil, fmt.Errorf("-geoip: %w", err)
		}
		opts = append(opts, screening.WithLocator(l))
	}
	if c.ownership != "" {
		g, err := ownership.LoadFile(c.ownership)
		if err != nil {
			return nil, fmt.Errorf("-ownership: %w", err)
		}
		for _, w := range g.Warnings() {
			c.logger.Warn("ownership data", "warning", w)
		}
		opts = append(opts, screening.WithOwnership(g))
	}
	if !c.asOf.IsZero() {
		opts = append(opts, screening.WithAsOf(c.asOf))
	}
	if c.threshold != 0 {
		opts = append(opts, screening.WithThreshold(c.threshold))
	}
	if c.clock != nil {
		opts = append(opts, screening.WithClock(c.clock))
	}
	if c.nameCache != nil {
		opts = append(opts, screening.WithNameCache(*c.nameCache))
	}
	return screening.New(ctx, opts...)
}
