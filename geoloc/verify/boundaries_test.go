package verify

import (
	"strings"
	"testing"
)

func TestEmbeddedBoundaries(t *testing.T) {
	if src := BoundarySource(); !strings.Contains(src, "1:10m") || !strings.Contains(src, "sha256:3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79") {
		t.Errorf("source %q", src)
	}
	cs := Countries()
	if len(cs) < 230 {
		t.Fatalf("%d countries", len(cs))
	}
	byCode := map[string]CountryInfo{}
	for _, c := range cs {
		byCode[c.Code] = c
	}
	// Numeric ids mapped to alpha-2 through ISO 3166-1.
	for code, num := range map[string]int{"CN": 156, "HK": 344, "MO": 446, "RU": 643, "UA": 804, "TW": 158, "SG": 702, "DE": 276} {
		if c, ok := byCode[code]; !ok || c.Numeric != num || c.ToleranceKM != 5 {
			t.Errorf("%s: %+v", code, c)
		}
	}
	// Points at real places, checked against Natural Earth's de-facto view.
	cases := []struct {
		code     string
		lat, lon float64
		want     bool
	}{
		{"DE", 50.1109, 8.6821, true},    // Frankfurt
		{"CN", 31.2304, 121.4737, true},  // Shanghai
		{"CN", 22.3193, 114.1694, false}, // Hong Kong is its own feature
		{"HK", 22.3193, 114.1694, true},  //
		{"MO", 22.1987, 113.5439, true},  // Macao
		{"SG", 1.3521, 103.8198, true},   // Singapore, not merged into MY at 1:10m
		{"MY", 1.3521, 103.8198, false},  //
		{"RU", 44.9521, 34.1024, true},   // Simferopol: Natural Earth draws Crimea as Russia
		{"UA", 44.9521, 34.1024, false},  //
		{"UA", 48.0159, 37.8029, true},   // Donetsk
		{"RU", 66.0, -172.0, true},       // Chukotka east of 180°
		{"AQ", -89.9, 0, true},           // South Pole
		{"TW", 25.0330, 121.5654, true},  // Taipei
		{"KP", 39.0392, 125.7625, true},  // Pyongyang
		{"VE", 10.4806, -66.9036, true},  // Caracas
		{"CU", 23.1136, -82.3666, true},  // Havana
		{"IR", 35.6892, 51.3890, true},   // Tehran
		{"SY", 33.5138, 36.2765, true},   // Damascus
		{"BY", 53.9006, 27.5590, true},   // Minsk
		{"DE", 47.3769, 8.5417, false},   // Zurich
	}
	for _, c := range cases {
		r, ok := Country(c.code)
		if !ok {
			t.Fatalf("%s missing", c.code)
		}
		if got := r.ContainsPoint(c.lat, c.lon); got != c.want {
			t.Errorf("%s contains (%v, %v) = %v, want %v", c.code, c.lat, c.lon, got, c.want)
		}
	}
	// Small islands: within the 5 km tolerance of the outline.
	near := []struct {
		code     string
		lat, lon float64
	}{
		{"DE", 54.1826, 7.8857},     // Heligoland (missing at 1:50m)
		{"CN", 16.8336, 112.3378},   // Woody Island, Paracels (missing at 1:50m)
		{"FJ", -18.2107, -178.8024}, // Lakeba, Lau group, east of 180°
	}
	for _, c := range near {
		r, _ := Country(c.code)
		if d := r.distanceKM(city{"", c.lat, c.lon}.point()); d > 5 {
			t.Errorf("%s: (%v, %v) is %.1f km away, want <= 5", c.code, c.lat, c.lon, d)
		}
	}
	if _, ok := Country("XK"); ok {
		t.Error("Kosovo has no ISO numeric id in Natural Earth and must not be embedded")
	}
}

func FuzzDecodeBoundaries(f *testing.F) {
	f.Add(ne10m[:4096])
	f.Add([]byte(boundaryMagic))
	f.Add([]byte(boundaryMagic + "\x01x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := decodeBoundaries(data)
		if err != nil {
			return
		}
		for _, c := range tab.codes {
			if !validCode(c) {
				t.Fatalf("code %q", c)
			}
		}
	})
}
