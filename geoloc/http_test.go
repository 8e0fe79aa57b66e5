package geoloc

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

var testTrusted = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),       // load balancers
	netip.MustParsePrefix("2001:db8:ff::/48"), // IPv6 proxies
	netip.MustParsePrefix("203.0.113.7/32"),   // a CDN edge
}

func TestClientIP(t *testing.T) {
	tests := []struct {
		name   string
		remote string
		xff    []string
		fwd    []string
		want   string
		err    string // substring of the error, "" for success
	}{
		{name: "no proxy", remote: "81.2.69.142:51234", want: "81.2.69.142"},
		{name: "bare remote address", remote: "81.2.69.142", want: "81.2.69.142"},
		{name: "IPv6 peer", remote: "[2a02:d0c0::1]:443", want: "2a02:d0c0::1"},
		{name: "IPv4-mapped peer", remote: "[::ffff:81.2.69.142]:443", want: "81.2.69.142"},
		{name: "untrusted peer: XFF spoof ignored", remote: "81.2.69.142:1", xff: []string{"175.45.176.1"}, want: "81.2.69.142"},
		{name: "untrusted peer: Forwarded spoof ignored", remote: "81.2.69.142:1", fwd: []string{"for=175.45.176.1"}, want: "81.2.69.142"},
		{name: "trusted peer without headers", remote: "10.1.1.1:80", want: "10.1.1.1"},
		{name: "one trusted hop", remote: "10.1.1.1:80", xff: []string{"81.2.69.142"}, want: "81.2.69.142"},
		{name: "client-sent XFF before the real hop", remote: "10.1.1.1:80", xff: []string{"175.45.176.1, 81.2.69.142"}, want: "81.2.69.142"},
		{name: "chain of trusted proxies", remote: "10.1.1.1:80", xff: []string{"175.45.176.1, 81.2.69.142, 203.0.113.7, 10.2.2.2"}, want: "81.2.69.142"},
		{name: "XFF over several header lines", remote: "10.1.1.1:80", xff: []string{"175.45.176.1", "81.2.69.142,10.9.9.9"}, want: "81.2.69.142"},
		{name: "XFF hop with port", remote: "10.1.1.1:80", xff: []string{"81.2.69.142:4711"}, want: "81.2.69.142"},
		{name: "XFF IPv6 hop in brackets", remote: "10.1.1.1:80", xff: []string{"[2a02:d0c0::1]:4711"}, want: "2a02:d0c0::1"},
		{name: "all hops trusted", remote: "10.1.1.1:80", xff: []string{"10.3.3.3, 10.2.2.2"}, want: "10.3.3.3"},
		{name: "garbage hop next to the proxy", remote: "10.1.1.1:80", xff: []string{"81.2.69.142, evil"}, err: `"evil" in X-Forwarded-For`},
		{name: "garbage beyond the client is not read", remote: "10.1.1.1:80", xff: []string{"evil, 81.2.69.142"}, want: "81.2.69.142"},
		{name: "empty XFF element", remote: "10.1.1.1:80", xff: []string{"81.2.69.142,"}, err: `"" in X-Forwarded-For`},
		{name: "Forwarded", remote: "10.1.1.1:80", fwd: []string{`for=192.0.2.60;proto=http;by=203.0.113.43`, `for=81.2.69.142`}, want: "81.2.69.142"},
		{name: "Forwarded IPv6 quoted with port", remote: "[2001:db8:ff::1]:80", fwd: []string{`for="[2a02:d0c0::1]:4711"`}, want: "2a02:d0c0::1"},
		{name: "Forwarded case-insensitive name, spaces", remote: "10.1.1.1:80", fwd: []string{`For=175.45.176.1, for=81.2.69.142 ;proto=https`}, want: "81.2.69.142"},
		{name: "Forwarded quoted comma", remote: "10.1.1.1:80", fwd: []string{`for=81.2.69.142;host="a,b"`}, want: "81.2.69.142"},
		{name: "Forwarded skips trusted", remote: "10.1.1.1:80", fwd: []string{`for=81.2.69.142, for=10.4.4.4`}, want: "81.2.69.142"},
		{name: "Forwarded unknown", remote: "10.1.1.1:80", fwd: []string{`for=unknown`}, err: `"unknown" in Forwarded`},
		{name: "Forwarded obfuscated", remote: "10.1.1.1:80", fwd: []string{`for=_hidden`}, err: `"_hidden" in Forwarded`},
		{name: "Forwarded element without for", remote: "10.1.1.1:80", fwd: []string{`for=81.2.69.142, proto=https`}, err: "element without for="},
		{name: "Forwarded unterminated quote", remote: "10.1.1.1:80", fwd: []string{`for="81.2.69.142`}, err: "unterminated quoted string"},
		{name: "both headers agree", remote: "10.1.1.1:80", xff: []string{"81.2.69.142"}, fwd: []string{"for=81.2.69.142"}, want: "81.2.69.142"},
		{name: "client forges Forwarded behind an XFF proxy", remote: "10.1.1.1:80", xff: []string{"81.2.69.142"}, fwd: []string{"for=175.45.176.1"}, err: "disagree"},
		{name: "bad RemoteAddr", remote: "somewhere", err: `"somewhere" in RemoteAddr`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			for _, v := range tt.fwd {
				r.Header.Add("Forwarded", v)
			}
			got, err := ClientIP(r, testTrusted)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrInvalidAddress) {
					t.Fatalf("ClientIP = %v, %v; want error containing %q matching ErrInvalidAddress", got, err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ClientIP = %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func FuzzClientIP(f *testing.F) {
	seeds := [][3]string{
		{"10.1.1.1:80", "175.45.176.1, 81.2.69.142", ""},
		{"10.1.1.1:80", "", `for=192.0.2.60;proto=http;by=203.0.113.43, for="[2a02:d0c0::1]:4711"`},
		{"81.2.69.142:1", "1.2.3.4", "for=1.2.3.4"},
		{"[2001:db8:ff::1]:443", "[2a02:d0c0::1]:1,10.0.0.1", ""},
		{"10.1.1.1:80", "evil,,", `for="\"quoted\\"`},
		{"10.1.1.1:80", "", `for=unknown;by=_x,,for=`},
		{"10.0.0.1", "10.0.0.2, 10.0.0.3", ""},
		{"garbage", "", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, remote, xff, fwd string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		if xff != "" {
			r.Header.Set("X-Forwarded-For", xff)
		}
		if fwd != "" {
			r.Header.Set("Forwarded", fwd)
		}
		got, err := ClientIP(r, testTrusted)
		if err != nil {
			if !errors.Is(err, ErrInvalidAddress) {
				t.Fatalf("error %v does not match ErrInvalidAddress", err)
			}
			return
		}
		if !got.IsValid() || got.Is4In6() || got.Zone() != "" {
			t.Fatalf("ClientIP = %v: not a canonical address", got)
		}
		peer, perr := parseRemoteAddr(remote)
		if perr != nil {
			t.Fatalf("ClientIP succeeded with unparsable RemoteAddr %q", remote)
		}
		// Headers from an untrusted peer never matter.
		if !isTrusted(peer, testTrusted) && got != peer {
			t.Fatalf("untrusted peer %v: ClientIP = %v from headers", peer, got)
		}
		// Without headers from a trusted peer, the answer is the peer.
		r.Header.Del("X-Forwarded-For")
		r.Header.Del("Forwarded")
		if p, err := ClientIP(r, testTrusted); err != nil || p != peer {
			t.Fatalf("no headers: ClientIP = %v, %v; want %v", p, err, peer)
		}
	})
}

func TestMiddleware(t *testing.T) {
	l := mustLocator(t, WithFile(testEnterprise), WithFile(testAnonymousIP))
	decide := func(r *http.Request, loc Location) (bool, string) {
		switch {
		case loc.Country == "IR":
			return true, "service is not offered in Iran (31 CFR part 560)"
		case loc.Anonymizer.Tor:
			return true, "Tor exit nodes are not accepted"
		case len(loc.Subdivisions) > 0 && loc.Subdivisions[0] == "UA-43":
			return true, "service is not offered in Crimea (15 CFR 746.6)"
		case loc.NotRoutable != "":
			return false, "internal address " + loc.NotRoutable
		}
		return false, ""
	}
	var seen Location
	var note string
	h := Middleware(l, testTrusted, decide)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loc, ok := FromContext(r.Context())
		if !ok {
			t.Error("no Location in the request context")
		}
		seen, note = loc, ReasonFromContext(r.Context())
		io.WriteString(w, "ok")
	}))
	tests := []struct {
		name, remote, xff string
		status            int
		body              string
		country, note     string
	}{
		{"allowed", "175.16.199.1:1", "", 200, "ok", "CN", ""},
		{"Iran blocked", "10.1.1.1:1", "1.124.213.1", 451, "Unavailable For Legal Reasons: service is not offered in Iran (31 CFR part 560)\n", "", ""},
		{"Crimea blocked", "1.231.232.1:1", "", 451, "Unavailable For Legal Reasons: service is not offered in Crimea (15 CFR 746.6)\n", "", ""},
		{"spoofed XFF from untrusted peer", "175.16.199.1:1", "1.231.232.1", 200, "ok", "CN", ""},
		{"private address annotated", "10.1.1.1:1", "", 200, "ok", "", "internal address private"},
		{"unreadable hop fails closed", "10.1.1.1:1", "not-an-ip", 400, "Bad Request: the client address could not be determined.\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen, note = Location{}, ""
			r := httptest.NewRequest("GET", "/signup", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Fatalf("got %d %q, want %d %q", w.Code, w.Body.String(), tt.status, tt.body)
			}
			if tt.status != 200 {
				if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				return
			}
			if seen.Country != tt.country || note != tt.note {
				t.Errorf("handler saw country %q note %q, want %q %q", seen.Country, note, tt.country, tt.note)
			}
		})
	}

	// A closed Locator fails closed with 503.
	l2, err := New(WithFile(testCity), WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	l2.Close()
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "81.2.69.142:1"
	Middleware(l2, nil, nil)(http.NotFoundHandler()).ServeHTTP(w, r)
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("closed locator: status %d, want 503", w.Code)
	}
}

func ExampleMiddleware() {
	l, err := New(WithFile("../testdata/mmdb/GeoIP2-Enterprise-Test.mmdb"))
	if err != nil {
		panic(err)
	}
	defer l.Close()
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")} // our load balancers
	gate := Middleware(l, trusted, func(r *http.Request, loc Location) (bool, string) {
		if loc.Country == "IR" {
			return true, "this service is not available in Iran"
		}
		return false, ""
	})
	h := gate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loc, _ := FromContext(r.Context())
		io.WriteString(w, "welcome from "+loc.Country+"\n")
	}))
	for _, client := range []string{"175.16.199.1", "1.124.213.1"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.2:443"
		r.Header.Set("X-Forwarded-For", client)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Result().Status, strings.TrimSpace(w.Body.String()))
	}
	// Output:
	// 200 OK welcome from CN
	// 451 Unavailable For Legal Reasons Unavailable For Legal Reasons: this service is not available in Iran
}

func newBenchRequest() (*http.Request, error) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.1.1:443"
	r.Header.Set("X-Forwarded-For", "175.45.176.1, 81.2.69.142, 10.2.2.2")
	return r, nil
}
