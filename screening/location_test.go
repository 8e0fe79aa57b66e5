package screening

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// sampleEvidence reads one of the verifylocation sample files (landmarks at
// real city coordinates, RTTs from great-circle distances plus noise and
// route inflation) into LocationEvidence.
func sampleEvidence(t *testing.T, name string) *LocationEvidence {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "verifylocation", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Declared struct {
			Country string   `json:"country"`
			Lat     *float64 `json:"lat"`
			Lon     *float64 `json:"lon"`
		} `json:"declared"`
		Measurements []struct {
			Landmark struct {
				ID            string  `json:"id"`
				Lat           float64 `json:"lat"`
				Lon           float64 `json:"lon"`
				UncertaintyKM float64 `json:"uncertainty_km"`
			} `json:"landmark"`
			RTT    []float64 `json:"rtt_ms"`
			Signed bool      `json:"signed"`
		} `json:"measurements"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		t.Fatal(err)
	}
	le := &LocationEvidence{DeclaredCountry: in.Declared.Country, DeclaredLat: in.Declared.Lat, DeclaredLon: in.Declared.Lon}
	for _, m := range in.Measurements {
		le.Measurements = append(le.Measurements, DelayMeasurement{LandmarkID: m.Landmark.ID, Lat: m.Landmark.Lat, Lon: m.Landmark.Lon,
			UncertaintyKM: m.Landmark.UncertaintyKM, RTTms: m.RTT, Signed: m.Signed})
	}
	return le
}

func TestScreenLocationEvidence(t *testing.T) {
	ctx := context.Background()
	f, err := os.Open(filepath.Join("..", "testdata", "boundaries", "crimea-ne10m.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	crimea, err := verify.ParseRegions(f, "crimea-ne10m.geojson")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, WithLocationRegions(crimea...), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file    string
		codes   []string
		concern []string
	}{
		// A server in Frankfurt: every country and region of concern is excluded.
		{"frankfurt.json", nil, nil},
		// A server in Shanghai declared in Singapore: the declared site is
		// excluded and China is not.
		{"shanghai-declared-singapore.json", []string{"item.location_inconsistent=review", "item.location_concern_possible=review"}, []string{"CN", "HK", "KP"}},
		// Measurements that contradict each other exclude nothing.
		// Ukraine is judged only on behalf of UA-14 and UA-09 (no polygons), so it is not listed itself.
		{"contradictory.json", []string{"item.location_unverified=review"}, []string{"AF", "BY", "CD", "CF", "CN", "CU", "ER", "HK", "HT", "IQ", "IR",
			"KP", "LB", "LY", "MM", "MO", "NI", "RU", "SD", "SO", "SS", "SY", "UA-09", "UA-14", "UA-40", "UA-43", "VE", "ZW"}},
		// Unsigned replies are not evidence: nothing is judged.
		{"unsigned.json", []string{"item.location_unverified=review"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, err := s.Screen(ctx, Request{ID: tt.file, Location: sampleEvidence(t, tt.file)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.codes, codes(d)); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			for _, r := range d.Reasons {
				if !strings.HasPrefix(r.Code, "item.location_") {
					continue
				}
				concern, _ := r.Evidence["concerns_not_excluded"].([]string)
				if diff := cmp.Diff(tt.concern, concern); diff != "" {
					t.Errorf("%s: concerns not excluded (-want +got):\n%s", r.Code, diff)
				}
			}
		})
	}
	d, _ := s.Screen(ctx, Request{ID: "sh", Location: sampleEvidence(t, "shanghai-declared-singapore.json")})
	r := reason(t, d, "item.location_concern_possible")
	concern, _ := r.Evidence["concerns_not_excluded"].([]string)
	if !containsAll(concern, "CN") || r.Evidence["verdict"] != "inconsistent" {
		t.Errorf("evidence = %v", r.Evidence)
	}
	// Without region polygons the so-called DNR/LNR are judged through
	// Ukraine, which Frankfurt's measurements exclude too.
	d, _ = embedded(t).Screen(ctx, Request{ID: "fra", Location: sampleEvidence(t, "frankfurt.json")})
	if len(codes(d)) != 0 {
		t.Errorf("Frankfurt without polygons: %v", codes(d))
	}
}

func containsAll(have []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// TestLocationRegionsJudgedThroughTheirCountry: a server in Kyiv, declared in
// Ukraine. Without polygons for the sanctioned regions they are judged
// through Ukraine, so they stay possible concerns; Ukraine itself is not a
// country of concern and must not be reported as one.
func TestLocationRegionsJudgedThroughTheirCountry(t *testing.T) {
	le := &LocationEvidence{DeclaredCountry: "UA", Measurements: []DelayMeasurement{
		{LandmarkID: "kyiv", Lat: 50.4501, Lon: 30.5234, UncertaintyKM: 1, RTTms: []float64{0.3, 0.4}, Signed: true},
		// Warsaw is 690 km away: 2 × 690 km / 299.79 km/ms × 1.3 route inflation ≈ 6 ms.
		{LandmarkID: "waw", Lat: 52.2297, Lon: 21.0122, UncertaintyKM: 1, RTTms: []float64{6.1, 6.4}, Signed: true},
	}}
	d, err := embedded(t).Screen(context.Background(), Request{ID: "kyiv", Location: le})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"item.location_concern_possible=review"}, codes(d)); diff != "" {
		t.Fatalf("reasons (-want +got):\n%s", diff)
	}
	concern, _ := reason(t, d, "item.location_concern_possible").Evidence["concerns_not_excluded"].([]string)
	if diff := cmp.Diff([]string{"UA-09", "UA-14", "UA-40", "UA-43"}, concern); diff != "" {
		t.Errorf("concerns (-want +got):\n%s", diff)
	}
}
