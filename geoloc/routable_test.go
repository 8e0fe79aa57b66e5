package geoloc

import (
	"errors"
	"strings"
	"testing"
)

func TestNotRoutable(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"0.1.2.3", "reserved"},
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"172.31.255.255", "private"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "private"},
		{"100.64.0.1", "cgnat"},
		{"100.127.255.254", "cgnat"},
		{"100.128.0.1", ""},
		{"127.0.0.1", "loopback"},
		{"::1", "loopback"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"192.0.2.1", "documentation"},
		{"198.51.100.7", "documentation"},
		{"203.0.113.9", "documentation"},
		{"2001:db8::1", "documentation"},
		{"3fff::1", "documentation"},
		{"198.18.0.1", "benchmarking"},
		{"2001:2::1", "benchmarking"},
		{"224.0.0.251", "multicast"},
		{"239.255.255.250", "multicast"},
		{"ff02::1", "multicast"},
		{"255.255.255.255", "broadcast"},
		{"240.0.0.1", "reserved"},
		{"192.0.0.8", "reserved"},
		{"192.88.99.1", "reserved"},
		{"fc00::1", "private"},
		{"fd12:3456::1", "private"},
		{"100::1", "reserved"},
		{"5f00::1", "reserved"},
		{"4000::1", "reserved"},
		{"64:ff9b:1::1", "private"},
		{"64:ff9b::10.0.0.1", "private"}, // NAT64 of a private IPv4 address
		{"64:ff9b::8.8.8.8", ""},
		{"::ffff:10.0.0.1", "private"}, // IPv4-mapped
		{"::ffff:100.64.1.1", "cgnat"},
		{"fe80::1%eth0", "link-local"},
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"2a02:6b8::1", ""},
		{"2001:4860:4860::8888", ""},
		{"223.255.255.255", ""},
	}
	l := mustLocator(t, WithFile(testCity))
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			a := ip(tt.ip)
			if got := NotRoutableReason(a); got != tt.want {
				t.Errorf("NotRoutableReason(%s) = %q, want %q", tt.ip, got, tt.want)
			}
			loc, err := l.Locate(a)
			if err != nil {
				t.Fatalf("Locate(%s): %v", tt.ip, err)
			}
			if loc.NotRoutable != tt.want {
				t.Errorf("Locate(%s).NotRoutable = %q, want %q", tt.ip, loc.NotRoutable, tt.want)
			}
			if tt.want != "" && (loc.Found || loc.Country != "" || loc.Sources != nil || loc.Routable()) {
				t.Errorf("Locate(%s) = %+v, want a not-routable Location without data", tt.ip, loc)
			}
		})
	}
}

func TestParseIP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"8.8.8.8", "8.8.8.8"},
		{" 8.8.8.8\t", "8.8.8.8"},
		{"::ffff:81.2.69.142", "81.2.69.142"},
		{"[2001:db8::1]", "2001:db8::1"},
		{"fe80::1%eth0", "fe80::1"},
		{"2A02:D0C0::1", "2a02:d0c0::1"},
	}
	for _, tt := range tests {
		got, err := ParseIP(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseIP(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "   ", "8.8.8", "8.8.8.256", "1.2.3.4:80", "example.com", "[::1", "::1]", "1.2.3.4/24", "08.8.8.8"} {
		_, err := ParseIP(in)
		if err == nil {
			t.Errorf("ParseIP(%q) succeeded, want error", in)
			continue
		}
		var ae *AddressError
		if !errors.Is(err, ErrInvalidAddress) || !errors.As(err, &ae) || ae.Input != in {
			t.Errorf("ParseIP(%q) error %v: want *AddressError matching ErrInvalidAddress", in, err)
		}
		if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseIP(%q) error %q does not quote the input", in, err)
		}
	}
}

func TestParseAndLocate(t *testing.T) {
	l := mustLocator(t, WithFile(testCity))
	loc, err := l.ParseAndLocate("::ffff:81.2.69.142")
	if err != nil || loc.Country != "GB" || loc.IP.String() != "81.2.69.142" {
		t.Errorf("ParseAndLocate = %+v, %v; want GB for 81.2.69.142", loc, err)
	}
	if _, err := l.ParseAndLocate("81.2.69"); !errors.Is(err, ErrInvalidAddress) || !strings.Contains(err.Error(), `"81.2.69"`) {
		t.Errorf("ParseAndLocate(bad) error = %v", err)
	}
}

func FuzzParseIP(f *testing.F) {
	for _, s := range []string{"8.8.8.8", "::ffff:1.2.3.4", "[2001:db8::1]", "fe80::1%eth0", "", "1.2.3.4:80", "  ::1 ", "08.1.1.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseIP(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidAddress) {
				t.Fatalf("ParseIP(%q) error %v does not match ErrInvalidAddress", s, err)
			}
			return
		}
		if !a.IsValid() || a.Is4In6() || a.Zone() != "" {
			t.Fatalf("ParseIP(%q) = %v: not canonical", s, a)
		}
		// Round trip.
		b, err := ParseIP(a.String())
		if err != nil || b != a {
			t.Fatalf("ParseIP(%q) = %v, reparse = %v, %v", s, a, b, err)
		}
		_ = NotRoutableReason(a)
	})
}
