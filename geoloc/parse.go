package geoloc

import (
	"net/netip"
	"strings"
)

// ParseIP parses an IPv4 or IPv6 address in the usual text forms (dotted
// decimal, RFC 4291/5952 IPv6, IPv6 with a zone, or an IPv6 address in
// square brackets). Surrounding spaces are ignored. IPv4-mapped IPv6
// addresses are unmapped and zones are dropped, so the result is the
// address a lookup uses. The error quotes the input and matches
// ErrInvalidAddress.
func ParseIP(s string) (netip.Addr, error) {
	return parseIP(s, "")
}

func parseIP(s, where string) (netip.Addr, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']' {
		t = t[1 : len(t)-1]
	}
	if t == "" {
		return netip.Addr{}, &AddressError{Input: s, Where: where}
	}
	a, err := netip.ParseAddr(t)
	if err != nil {
		return netip.Addr{}, &AddressError{Input: s, Where: where, Err: err}
	}
	return canonical(a), nil
}

// canonical unmaps IPv4-mapped IPv6 addresses and drops zones.
func canonical(a netip.Addr) netip.Addr {
	return a.Unmap().WithZone("")
}

// ParseAndLocate parses s with ParseIP and locates the address.
func (l *Locator) ParseAndLocate(s string) (Location, error) {
	a, err := ParseIP(s)
	if err != nil {
		return Location{}, err
	}
	return l.Locate(a)
}
