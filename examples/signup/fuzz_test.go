package main

import (
	"net/netip"
	"testing"
)

// FuzzParsePrefixes checks that every accepted network is a valid, masked
// prefix and that an address given alone becomes a single-host prefix.
func FuzzParsePrefixes(f *testing.F) {
	for _, s := range []string{
		"10.0.0.0/8", "10.0.0.0/8, 2001:db8::/32 203.0.113.7", "::ffff:192.0.2.1", "10.0.0.1/8",
		"10.0.0.0/33", "proxy.example.com", "fe80::1%eth0", "", ",,", "0.0.0.0/0", "::/0", "::ffff:10.0.0.0/104",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := parsePrefixes(s)
		if err != nil {
			return
		}
		for _, p := range ps {
			if !p.IsValid() || p != p.Masked() || p.Addr().Zone() != "" || p.Addr().Is4In6() {
				t.Fatalf("parsePrefixes(%q) accepted %v", s, p)
			}
			if _, err := netip.ParsePrefix(p.String()); err != nil {
				t.Fatalf("parsePrefixes(%q): %v does not round-trip: %v", s, p, err)
			}
		}
	})
}
