package countrydb

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCSVOverlay(t *testing.T) {
	// The rows around 2.58.197.15 in geo-whois-asn-country-ipv4.csv
	// (2026-06-17): a covering range, then exceptions inside it.
	in := "2.58.192.0,2.58.195.255,NL\n2.58.196.0,2.58.197.255,DE\n2.58.197.15,2.58.197.15,BE\n2.58.197.16,2.58.197.255,DE\n2.58.198.0,2.58.199.255,FR\n"
	got, err := ParseCSV(strings.NewReader(in), "t.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	a := netip.MustParseAddr
	want := []Range{
		{a("2.58.192.0"), a("2.58.195.255"), "NL"},
		{a("2.58.196.0"), a("2.58.197.14"), "DE"},
		{a("2.58.197.15"), a("2.58.197.15"), "BE"},
		{a("2.58.197.16"), a("2.58.197.255"), "DE"},
		{a("2.58.198.0"), a("2.58.199.255"), "FR"},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y netip.Addr) bool { return x == y })); diff != "" {
		t.Errorf("ParseCSV (-want +got):\n%s", diff)
	}
}

func TestParseCSVErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1.0.0.0,1.0.0.255,au\n", `t.csv:1: country code "au" is not two upper-case letters`},
		{"1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.1.9,CN\n0.9.0.0,0.9.0.1,US\n", "t.csv:3: range 0.9.0.0-0.9.0.1 starts before the previous row's 1.0.1.0: rows must be sorted by start"},
		{"1.0.0.9,1.0.0.0,AU\n", "t.csv:1: range 1.0.0.9-1.0.0.0 ends before it starts"},
		{"1.0.0.0,2001:db8::,AU\n", "t.csv:1: range 1.0.0.0-2001:db8::: want IPv4 addresses"},
		{"1.0.0.x,1.0.0.1,AU\n", `t.csv:1: start: ParseAddr("1.0.0.x"): unexpected character (at "x")`},
		{"1.0.0.0,1.0.0.1\n", "t.csv: record on line 1: wrong number of fields"},
	} {
		_, err := ParseCSV(strings.NewReader(tt.in), "t.csv", false)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseCSV(%q) error %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestMergeBruteForce merges random range lists over a small address space
// and compares every address with a direct lookup in both lists.
func TestMergeBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	codes := []string{"AA", "BB", "CC"}
	gen := func() []Range {
		var out []Range
		for x := uint32(rng.IntN(4)); x < 200; {
			n := uint32(1 + rng.IntN(10))
			out = append(out, Range{addr4(x), addr4(x + n - 1), codes[rng.IntN(len(codes))]})
			x += n + uint32(rng.IntN(4))
		}
		return out
	}
	lookup := func(rs []Range, a netip.Addr) string {
		for _, r := range rs {
			if r.Start.Compare(a) <= 0 && a.Compare(r.End) <= 0 {
				return r.CC
			}
		}
		return ""
	}
	for round := range 200 {
		a, b := gen(), gen()
		ms := Merge(a, b)
		for i := 1; i < len(ms); i++ {
			if !ms[i-1].End.Less(ms[i].Start) {
				t.Fatalf("round %d: merged ranges overlap: %v %v", round, ms[i-1], ms[i])
			}
			if ms[i-1].End.Next() == ms[i].Start && ms[i-1].Claims == ms[i].Claims {
				t.Fatalf("round %d: adjacent merged ranges with equal claims not joined: %v %v", round, ms[i-1], ms[i])
			}
		}
		for x := uint32(0); x < 220; x++ {
			ad := addr4(x)
			want := [2]string{lookup(a, ad), lookup(b, ad)}
			var got [2]string
			for _, m := range ms {
				if m.Start.Compare(ad) <= 0 && ad.Compare(m.End) <= 0 {
					got = m.Claims
				}
			}
			if got != want {
				t.Fatalf("round %d: %s merged %v, want %v", round, ad, got, want)
			}
		}
	}
}

func addr4(x uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{10, 0, byte(x >> 8), byte(x)})
}

func TestMergedCountry(t *testing.T) {
	for _, tt := range []struct {
		claims   [2]string
		country  string
		disputed bool
	}{
		{[2]string{"RU", "RS"}, "RU", true},
		{[2]string{"", "CN"}, "CN", false},
		{[2]string{"US", "US"}, "US", false},
		{[2]string{"", "AP"}, "AP", false},
		{[2]string{"EU", "DE"}, "DE", false},
		{[2]string{"", ""}, "", false},
	} {
		m := Merged{Claims: tt.claims}
		if m.Country() != tt.country || m.Disputed() != tt.disputed {
			t.Errorf("%v: Country %q Disputed %v, want %q %v", tt.claims, m.Country(), m.Disputed(), tt.country, tt.disputed)
		}
	}
}

// FuzzParseCSV: ParseCSV never panics, and what it accepts is sorted,
// disjoint and of the requested family.
func FuzzParseCSV(f *testing.F) {
	f.Add("2.58.196.0,2.58.197.255,DE\n2.58.197.15,2.58.197.15,BE\n", false)
	f.Add("2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP\n", true)
	f.Add("1.0.0.0,1.0.0.255,AU\n1.0.0.0,1.0.0.0,CN\n", false)
	f.Fuzz(func(t *testing.T, in string, v6 bool) {
		rs, err := ParseCSV(strings.NewReader(in), "f.csv", v6)
		if err != nil {
			return
		}
		for i, r := range rs {
			if r.Start.Is4() == v6 || r.End.Less(r.Start) {
				t.Fatalf("bad range %v", r)
			}
			if i > 0 && !rs[i-1].End.Less(r.Start) {
				t.Fatalf("ranges %v and %v overlap or are unsorted", rs[i-1], r)
			}
		}
	})
}
