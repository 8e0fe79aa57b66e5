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
		sc       = forwardedScanner{v: v}
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
		name, value, msg := sc.pair()
		if msg != "" {
			return nil, bad(msg)
		}
		if name == "for" {
			if haveFor {
				return nil, bad("element with two for= parameters")
			}
			haveFor, forValue = true, value
		}
		sep, ok := sc.separator()
		if !ok {
			return nil, bad("unexpected " + quote(sep))
		}
		if sep == ";" {
			continue
		}
		if err := endElement(); err != nil {
			return nil, err
		}
		if sep == "" {
			return out, nil
		}
	}
}

// forwardedScanner reads a Forwarded header value v from byte i on.
type forwardedScanner struct {
	v string
	i int
}

// skipSpace skips optional whitespace.
func (sc *forwardedScanner) skipSpace() {
	for sc.i < len(sc.v) && (sc.v[sc.i] == ' ' || sc.v[sc.i] == '\t') {
		sc.i++
	}
}

// pair reads one name=value pair, the name lower-cased. On a syntax error
// it returns the message.
func (sc *forwardedScanner) pair() (name, value, msg string) {
	v := sc.v
	sc.skipSpace()
	start := sc.i
	for sc.i < len(v) && v[sc.i] != '=' && v[sc.i] != ';' && v[sc.i] != ',' {
		sc.i++
	}
	name = strings.ToLower(strings.TrimSpace(v[start:sc.i]))
	if sc.i >= len(v) || v[sc.i] != '=' {
		if name == "" {
			return "", "", "empty element or parameter"
		}
		return "", "", "parameter " + quote(name) + " without value"
	}
	sc.i++ // '='
	if sc.i < len(v) && v[sc.i] == '"' {
		value, ok := sc.quoted()
		if !ok {
			return "", "", "unterminated quoted string"
		}
		return name, value, ""
	}
	start = sc.i
	for sc.i < len(v) && v[sc.i] != ';' && v[sc.i] != ',' && v[sc.i] != ' ' && v[sc.i] != '\t' {
		sc.i++
	}
	return name, v[start:sc.i], ""
}

// quoted reads a quoted string that starts at the opening quote, undoing
// backslash escapes; ok is false when it is not closed.
func (sc *forwardedScanner) quoted() (s string, ok bool) {
	v := sc.v
	sc.i++ // opening '"'
	var b strings.Builder
	for sc.i < len(v) {
		c := v[sc.i]
		if c == '\\' && sc.i+1 < len(v) {
			b.WriteByte(v[sc.i+1])
			sc.i += 2
			continue
		}
		if c == '"' {
			sc.i++
			return b.String(), true
		}
		b.WriteByte(c)
		sc.i++
	}
	return "", false
}

// separator reads what follows a pair after optional whitespace: ";"
// (another pair of the element), "," (another element) or "" (the end of
// the value). Anything else is returned with ok false.
func (sc *forwardedScanner) separator() (sep string, ok bool) {
	sc.skipSpace()
	if sc.i >= len(sc.v) {
		return "", true
	}
	c := sc.v[sc.i]
	if c != ';' && c != ',' {
		return string(c), false
	}
	sc.i++
	return string(c), true
}

// errorString is a constant error message.
type errorString string

func (e errorString) Error() string { return string(e) }

func quote(s string) string { return `"` + s + `"` }
