package geoloc

import (
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP returns the address of the client that sent r.
//
// The peer address (r.RemoteAddr) is the answer unless the peer is inside
// one of the trusted proxy networks. Then the forwarding headers are read
// right to left, from the hop the trusted proxy appended back towards the
// client, skipping hops that are themselves trusted proxies; the first
// untrusted hop is the client. The RFC 7239 Forwarded header (its for=
// parameters) and X-Forwarded-For are both understood; when a request
// carries both they must agree, because a proxy that appends to one passes
// the other through from the client unchanged. Headers from an untrusted
// peer are ignored, so a client cannot choose its own address by sending
// them.
//
// If every hop is trusted, the leftmost hop is returned. A hop that cannot
// be read (garbage, "unknown" or an obfuscated identifier) before an
// untrusted hop is found is an error naming the header and quoting the
// value: the client's address is then unknown, and guessing would let a
// client pick its location.
func ClientIP(r *http.Request, trusted []netip.Prefix) (netip.Addr, error) {
	peer, err := parseRemoteAddr(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, err
	}
	if !isTrusted(peer, trusted) {
		return peer, nil
	}
	fwd, xff := r.Header.Values("Forwarded"), r.Header.Values("X-Forwarded-For")
	switch {
	case len(fwd) == 0 && len(xff) == 0:
		return peer, nil
	case len(xff) == 0:
		return walkForwarded(fwd, trusted)
	case len(fwd) == 0:
		return walkXFF(xff, trusted)
	}
	// Both headers: a proxy that appends only one of them passes the
	// other through from the client unchanged, so either may be forged.
	// Accept only an answer both agree on.
	a, errA := walkForwarded(fwd, trusted)
	b, errB := walkXFF(xff, trusted)
	if errA == nil && errB == nil && a == b {
		return a, nil
	}
	return netip.Addr{}, &AddressError{
		Input: "Forwarded: " + strings.Join(fwd, ",") + "; X-Forwarded-For: " + strings.Join(xff, ","),
		Where: "forwarding headers",
		Err:   errorString("Forwarded and X-Forwarded-For disagree on the client address"),
	}
}

func walkForwarded(values []string, trusted []netip.Prefix) (netip.Addr, error) {
	hops, err := forwardedFor(strings.Join(values, ","))
	if err != nil {
		return netip.Addr{}, err
	}
	return walk(hops, "Forwarded", trusted)
}

func walkXFF(values []string, trusted []netip.Prefix) (netip.Addr, error) {
	return walk(strings.Split(strings.Join(values, ","), ","), "X-Forwarded-For", trusted)
}

// walk returns the rightmost hop outside the trusted networks, or the
// leftmost hop if all are trusted.
func walk(hops []string, where string, trusted []netip.Prefix) (netip.Addr, error) {
	var last netip.Addr
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := parseHop(hops[i], where)
		if err != nil {
			return netip.Addr{}, err
		}
		if !isTrusted(a, trusted) {
			return a, nil
		}
		last = a
	}
	return last, nil
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseRemoteAddr reads http.Request.RemoteAddr: "ip:port", "[ipv6]:port"
// or, from some servers and tests, a bare address.
func parseRemoteAddr(s string) (netip.Addr, error) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return canonical(ap.Addr()), nil
	}
	return parseIP(s, "RemoteAddr")
}

// parseHop reads one forwarding hop: an address, optionally with a port
// ("192.0.2.1:8080", "[2001:db8::1]:443") or in brackets.
func parseHop(s, where string) (netip.Addr, error) {
	t := strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(t); err == nil {
		return canonical(ap.Addr()), nil
	}
	return parseIP(t, where)
}

// forwardedFor returns the for= value of each element of an RFC 7239
// Forwarded header value (elements separated by commas, pairs by
// semicolons, values tokens or quoted strings). An element without for= is
// an error: its hop is unknown.
func forwardedFor(v string) ([]string, error) {
	var (
		out      []string
		haveFor  bool
		forValue string
		i        int
	)
	bad := func(msg string) error {
		return &AddressError{Input: v, Where: "Forwarded", Err: errorString(msg)}
	}
	endElement := func() error {
		if !haveFor {
			return bad("element without for=")
		}
		out = append(out, forValue)
		haveFor, forValue = false, ""
		return nil
	}
	for {
		// Skip optional whitespace.
		for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		// Parameter name.
		start := i
		for i < len(v) && v[i] != '=' && v[i] != ';' && v[i] != ',' {
			i++
		}
		name := strings.ToLower(strings.TrimSpace(v[start:i]))
		if i >= len(v) || v[i] != '=' {
			if name == "" {
				return nil, bad("empty element or parameter")
			}
			return nil, bad("parameter " + quote(name) + " without value")
		}
		i++ // '='
		// Value: token or quoted-string.
		var value string
		if i < len(v) && v[i] == '"' {
			i++
			var b strings.Builder
			closed := false
			for i < len(v) {
				c := v[i]
				if c == '\\' && i+1 < len(v) {
					b.WriteByte(v[i+1])
					i += 2
					continue
				}
				if c == '"' {
					closed = true
					i++
					break
				}
				b.WriteByte(c)
				i++
			}
			if !closed {
				return nil, bad("unterminated quoted string")
			}
			value = b.String()
		} else {
			start := i
			for i < len(v) && v[i] != ';' && v[i] != ',' && v[i] != ' ' && v[i] != '\t' {
				i++
			}
			value = v[start:i]
		}
		if name == "for" {
			if haveFor {
				return nil, bad("element with two for= parameters")
			}
			haveFor, forValue = true, value
		}
		for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		if i >= len(v) {
			if err := endElement(); err != nil {
				return nil, err
			}
			return out, nil
		}
		switch v[i] {
		case ';':
			i++
		case ',':
			i++
			if err := endElement(); err != nil {
				return nil, err
			}
		default:
			return nil, bad("unexpected " + quote(string(v[i])))
		}
	}
}

// errorString is a constant error message.
type errorString string

func (e errorString) Error() string { return string(e) }

func quote(s string) string { return `"` + s + `"` }
