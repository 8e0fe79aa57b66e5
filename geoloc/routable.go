package geoloc

import "net/netip"

// Reasons reported in Location.NotRoutable.
const (
	NotRoutableUnspecified   = "unspecified"
	NotRoutableLoopback      = "loopback"
	NotRoutablePrivate       = "private"
	NotRoutableCGNAT         = "cgnat"
	NotRoutableLinkLocal     = "link-local"
	NotRoutableDocumentation = "documentation"
	NotRoutableBenchmarking  = "benchmarking"
	NotRoutableMulticast     = "multicast"
	NotRoutableBroadcast     = "broadcast"
	NotRoutableReserved      = "reserved"
)

type specialRange struct {
	prefix netip.Prefix
	reason string
}

// Special-purpose ranges from the IANA IPv4 and IPv6 Special-Purpose Address
// Registries (RFC 6890 and updates) that are not globally reachable, plus
// multicast (RFC 5771, RFC 4291) and the reserved IPv4 class E (RFC 1112).
// Order matters only where ranges nest: the first match wins.
var specialRanges4 = []specialRange{
	{netip.MustParsePrefix("0.0.0.0/32"), NotRoutableUnspecified},        // RFC 1122 "this host"
	{netip.MustParsePrefix("0.0.0.0/8"), NotRoutableReserved},            // RFC 791 "this network"
	{netip.MustParsePrefix("10.0.0.0/8"), NotRoutablePrivate},            // RFC 1918
	{netip.MustParsePrefix("100.64.0.0/10"), NotRoutableCGNAT},           // RFC 6598 shared address space
	{netip.MustParsePrefix("127.0.0.0/8"), NotRoutableLoopback},          // RFC 1122
	{netip.MustParsePrefix("169.254.0.0/16"), NotRoutableLinkLocal},      // RFC 3927
	{netip.MustParsePrefix("172.16.0.0/12"), NotRoutablePrivate},         // RFC 1918
	{netip.MustParsePrefix("192.0.0.0/24"), NotRoutableReserved},         // RFC 6890 IETF protocol assignments
	{netip.MustParsePrefix("192.0.2.0/24"), NotRoutableDocumentation},    // RFC 5737 TEST-NET-1
	{netip.MustParsePrefix("192.88.99.0/24"), NotRoutableReserved},       // RFC 7526 deprecated 6to4 relay anycast
	{netip.MustParsePrefix("192.168.0.0/16"), NotRoutablePrivate},        // RFC 1918
	{netip.MustParsePrefix("198.18.0.0/15"), NotRoutableBenchmarking},    // RFC 2544
	{netip.MustParsePrefix("198.51.100.0/24"), NotRoutableDocumentation}, // RFC 5737 TEST-NET-2
	{netip.MustParsePrefix("203.0.113.0/24"), NotRoutableDocumentation},  // RFC 5737 TEST-NET-3
	{netip.MustParsePrefix("224.0.0.0/4"), NotRoutableMulticast},         // RFC 5771
	{netip.MustParsePrefix("255.255.255.255/32"), NotRoutableBroadcast},  // RFC 919
	{netip.MustParsePrefix("240.0.0.0/4"), NotRoutableReserved},          // RFC 1112 class E
}

var specialRanges6 = []specialRange{
	{netip.MustParsePrefix("::/128"), NotRoutableUnspecified},          // RFC 4291
	{netip.MustParsePrefix("::1/128"), NotRoutableLoopback},            // RFC 4291
	{netip.MustParsePrefix("64:ff9b:1::/48"), NotRoutablePrivate},      // RFC 8215 local-use IPv4/IPv6 translation
	{netip.MustParsePrefix("100::/64"), NotRoutableReserved},           // RFC 6666 discard-only
	{netip.MustParsePrefix("2001:2::/48"), NotRoutableBenchmarking},    // RFC 5180
	{netip.MustParsePrefix("2001:10::/28"), NotRoutableReserved},       // RFC 4843 deprecated ORCHID
	{netip.MustParsePrefix("2001:db8::/32"), NotRoutableDocumentation}, // RFC 3849
	{netip.MustParsePrefix("3fff::/20"), NotRoutableDocumentation},     // RFC 9637
	{netip.MustParsePrefix("5f00::/16"), NotRoutableReserved},          // RFC 9602 SRv6 SIDs
	{netip.MustParsePrefix("fc00::/7"), NotRoutablePrivate},            // RFC 4193 unique local
	{netip.MustParsePrefix("fe80::/10"), NotRoutableLinkLocal},         // RFC 4291
	{netip.MustParsePrefix("ff00::/8"), NotRoutableMulticast},          // RFC 4291
}

var (
	globalUnicast6 = netip.MustParsePrefix("2000::/3")     // RFC 4291 global unicast
	nat64WellKnown = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052 well-known NAT64 prefix
)

// NotRoutableReason returns "" if addr is on the public internet, otherwise
// the reason it is not (one of the NotRoutable* constants). IPv4-mapped
// IPv6 addresses are judged as the IPv4 address. An invalid Addr is
// "unspecified".
func NotRoutableReason(addr netip.Addr) string {
	if !addr.IsValid() {
		return NotRoutableUnspecified
	}
	addr = canonical(addr)
	if addr.Is4() {
		return notRoutable4(addr)
	}
	if nat64WellKnown.Contains(addr) {
		return NotRoutableReason(nat64Embedded(addr))
	}
	if r := match(specialRanges6, addr); r != "" {
		return r
	}
	if !globalUnicast6.Contains(addr) {
		// Outside 2000::/3 nothing is assigned for global unicast
		// (IANA IPv6 Address Space registry).
		return NotRoutableReserved
	}
	return ""
}

func match(ranges []specialRange, addr netip.Addr) string {
	for _, r := range ranges {
		if r.prefix.Contains(addr) {
			return r.reason
		}
	}
	return ""
}

// nat64Embedded returns the IPv4 address embedded in a 64:ff9b::/96
// address (RFC 6052 section 2.2, /96 prefix).
func nat64Embedded(a netip.Addr) netip.Addr {
	b := a.As16()
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
}

// notRoutable4 checks the first octet before scanning specialRanges4, so
// that the common case (a public address) costs a switch.
func notRoutable4(addr netip.Addr) string {
	switch addr.As4()[0] {
	case 0, 10, 100, 127, 169, 172, 192, 198, 203:
		return match(specialRanges4, addr)
	}
	if addr.As4()[0] >= 224 {
		return match(specialRanges4, addr)
	}
	return ""
}
