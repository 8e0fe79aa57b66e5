package rules

import (
	"errors"
	"testing"
)

func FuzzResolveDestination(f *testing.F) {
	for _, s := range []string{
		"CN", "cn", "CHN", "156", "ＣＮ", "China", "Mainland China", "中华人民共和国", "Korea, North",
		"Korea", "Congo", "Region: Crimea", "crimea (occupied)", "Крым", "RU-CR", "UA-43", "ua_40",
		"SUN", "AN", "na", "NA", "N/A", "Bahamas, The", ",", "the", "Region:", "", " ", "UA-", "-43",
		"Côte d'Ivoire", "TÜRKİYE", "ᏣᎳᎩ", "\xff\xfe", "a,b,c", "Virgin Islands",
		"Korea, Dem. People's Rep.", "Macao SAR, China", "Burma (Myanmar)", "Havana, Cuba", "Crimea, Russia", "Georgia, USA",
		"((", ")(", "Fed. Fed. Fed. Fed. Fed. Fed. Fed.", "SAR", "St. St.", "a (b (c))", ", , , , , , , , , ,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ResolveDestination(s)
		if err != nil {
			var re *ResolveError
			if !errors.As(err, &re) || re.Input != s || !errors.Is(err, ErrUnknownDestination) {
				t.Fatalf("ResolveDestination(%q): error %#v", s, err)
			}
			if d != (Destination{}) {
				t.Fatalf("ResolveDestination(%q) = %v with error %v", s, d, err)
			}
			for _, c := range re.Candidates {
				if _, err := ResolveDestination(c); err != nil {
					t.Fatalf("ResolveDestination(%q): candidate %q does not resolve: %v", s, c, err)
				}
			}
			return
		}
		if !d.IsValid() {
			t.Fatalf("ResolveDestination(%q) = invalid %v", s, d)
		}
		if d.Region.IsValid() && d.Region.Country() != d.Country {
			t.Fatalf("ResolveDestination(%q) = %v: region outside its country %v", s, d.Region, d.Country)
		}
		// What comes out goes back in.
		if d2, err := ResolveDestination(d.String()); err != nil || d2 != d {
			t.Fatalf("ResolveDestination(%q) = %v, but ResolveDestination(%q) = %v, %v", s, d, d.String(), d2, err)
		}
	})
}

func FuzzNormalizeRegionCode(f *testing.F) {
	for _, s := range []string{"UA-43", "ua_43", "RU-CR", "RU-SEV", "GB ENG", "CN-HK", "UA-99", "43", "", "RU-", "ÜA-43"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := NormalizeRegionCode(s)
		if !ok {
			if r != (Region{}) {
				t.Fatalf("NormalizeRegionCode(%q) = %v, false", s, r)
			}
			return
		}
		if r2, err := ParseRegion(r.String()); err != nil || r2 != r {
			t.Fatalf("NormalizeRegionCode(%q) = %v, not an ISO 3166-2 code: %v", s, r, err)
		}
	})
}

func FuzzParseCountry(f *testing.F) {
	for _, s := range []string{"CN", "cn", "Cn", "US", "XK", "ZZ", "C", "CHN", "", "1A", "ÇN", "\x00\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCountry(s)
		if err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) || ce.Input != s || ce.Kind != "country" || !errors.Is(err, ErrInvalidCode) {
				t.Fatalf("ParseCountry(%q): error %#v", s, err)
			}
			if c != (Country{}) {
				t.Fatalf("ParseCountry(%q) = %v with error", s, c)
			}
			return
		}
		// User-assigned XK (Kosovo) has no ISO numeric code.
		if !c.IsValid() || c.Alpha3() == "" || (c.Numeric() == "") != (c.String() == "XK") || c.Name() == "" {
			t.Fatalf("ParseCountry(%q) = %v without ISO data", s, c)
		}
		c2, err := ParseCountry(c.String())
		if err != nil || c2 != c {
			t.Fatalf("ParseCountry(%q) = %v; ParseCountry(%q) = %v, %v", s, c, c.String(), c2, err)
		}
		b, _ := c.MarshalText()
		var c3 Country
		if err := c3.UnmarshalText(b); err != nil || c3 != c {
			t.Fatalf("text round trip of %v: %v, %v", c, c3, err)
		}
	})
}

func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{"UA-43", "ua-40", "UA-14", "UA-09", "GB-ENG", "CN-HK", "US-CA", "UA-99", "UA43", "-43", "UA-", "UA-ABCD", "ZZ-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRegion(s)
		if err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) || ce.Input != s || ce.Kind != "region" || !errors.Is(err, ErrInvalidCode) {
				t.Fatalf("ParseRegion(%q): error %#v", s, err)
			}
			return
		}
		if !r.IsValid() || r.Name() == "" || !r.Country().IsValid() {
			t.Fatalf("ParseRegion(%q) = %v without ISO data", s, r)
		}
		r2, err := ParseRegion(r.String())
		if err != nil || r2 != r {
			t.Fatalf("ParseRegion(%q) = %v; ParseRegion(%q) = %v, %v", s, r, r.String(), r2, err)
		}
		b, _ := r.MarshalText()
		var r3 Region
		if err := r3.UnmarshalText(b); err != nil || r3 != r {
			t.Fatalf("text round trip of %v: %v, %v", r, r3, err)
		}
	})
}

func FuzzParseGroup(f *testing.F) {
	for _, s := range []string{"D:5", "d5", "A:6", "E:1", "E:2", "B", "b", " D:1 ", "B:1", "A:7", "C", "D:", "D:0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGroup(s)
		if err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) || ce.Input != s || ce.Kind != "group" || !errors.Is(err, ErrInvalidCode) {
				t.Fatalf("ParseGroup(%q): error %#v", s, err)
			}
			return
		}
		if !g.IsValid() {
			t.Fatalf("ParseGroup(%q) = invalid group", s)
		}
		g2, err := ParseGroup(g.String())
		if err != nil || g2 != g {
			t.Fatalf("ParseGroup(%q) = %v; ParseGroup(%q) = %v, %v", s, g, g.String(), g2, err)
		}
		b, _ := g.MarshalText()
		var g3 Group
		if err := g3.UnmarshalText(b); err != nil || g3 != g {
			t.Fatalf("text round trip of %v: %v, %v", g, g3, err)
		}
	})
}
