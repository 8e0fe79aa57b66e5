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
		{"contradictory.json", []string{"item.location_unverified=review"}, []string{"AF", "BY", "CD", "CF", "CN", "CU", "ER", "HK", "HT", "IQ", "IR",
			"KP", "LB", "LY", "MM", "MO", "NI", "RU", "SD", "SO", "SS", "SY", "UA", "UA-09", "UA-14", "UA-40", "UA-43", "VE", "ZW"}},
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
