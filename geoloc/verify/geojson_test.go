package verify

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func loadCrimea(t testing.TB) []*Region {
	f, err := os.Open("../../testdata/boundaries/crimea-ne10m.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	regs, err := ParseRegions(f, "crimea-ne10m.geojson")
	if err != nil {
		t.Fatal(err)
	}
	return regs
}

func TestCrimeaRegion(t *testing.T) {
	regs := loadCrimea(t)
	if len(regs) != 2 || regs[0].Code() != "UA-43" || regs[1].Code() != "UA-40" || !regs[0].Superset() {
		t.Fatalf("regions %v", regs)
	}
	simferopol := city{"sip", 44.9521, 34.1024}
	balaklava := city{"sev", 44.5000, 33.6000} // Sevastopol municipality
	kyiv := city{"iev", 50.4501, 30.5234}
	for _, c := range []city{simferopol, balaklava} {
		if !regs[0].ContainsPoint(c.lat, c.lon) {
			t.Errorf("%s not in the Crimea polygon", c.name)
		}
	}
	if regs[0].ContainsPoint(kyiv.lat, kyiv.lon) {
		t.Error("Kyiv in the Crimea polygon")
	}

	rng := rand.New(rand.NewPCG(17, 18))
	judge := []string{"UA-43", "UA-40", "UA-14", "RU", "UA"}
	// A server in Simferopol, seen from Simferopol itself, Kyiv and
	// Istanbul: Crimea is possible (never "inside": the polygon is a
	// superset) and so is Russia, while Natural Earth's "UA", which leaves
	// Crimea out, is excluded. Hence sanctioned regions need polygons of
	// their own.
	ms := measure(rng, simferopol, true, 1.4, simferopol, kyiv, city{"ist", 41.0082, 28.9784})
	res, err := Verify(context.Background(), Site{}, ms, judge, WithRegions(regs...))
	if err != nil {
		t.Fatal(err)
	}
	got := regionVerdicts(res)
	want := map[string]string{"UA-43": RegionPossible, "UA-40": RegionPossible, "UA-14": RegionNotJudged, "RU": RegionPossible, "UA": RegionExcluded}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Simferopol (-want +got):\n%s", d)
	}
	if res.Verdict != VerdictConcernNotExcluded {
		t.Errorf("Simferopol: verdict %s", res.Verdict)
	}
	// A server in Kyiv seen from Kyiv and Warsaw: Crimea excluded by the
	// Kyiv landmark; the DNR/LNR codes have no polygon.
	ms = measure(rng, kyiv, true, 1.4, kyiv, warsaw)
	res, err = Verify(context.Background(), Site{Country: "UA"}, ms, []string{"UA-43", "UA-40", "UA-14", "UA-09"}, WithRegions(regs...))
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := res.Region("UA-43"); c.Verdict != RegionExcluded || c.By != "iev" || c.MarginKM < 100 {
		t.Errorf("Kyiv: UA-43 %+v", c)
	}
	if res.Verdict != VerdictInsufficient {
		t.Errorf("Kyiv: verdict %s, want insufficient_evidence (UA-14, UA-09 not judged)", res.Verdict)
	}
}

func TestParseRegionsErrors(t *testing.T) {
	square := `[[[30,45],[31,45],[31,46],[30,46],[30,45]]]`
	cases := []struct {
		name, doc, want string
	}{
		{"syntax", "{\n\"type\": \"FeatureCollection\",\n\"features\": [,]}", "t.geojson: line 3: invalid character ','"},
		{"no code", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":` + square + `}}]}`, `t.geojson: features[0].properties: no "code"`},
		{"bad code", `{"type":"Feature","properties":{"code":"Crimea"},"geometry":{"type":"Polygon","coordinates":` + square + `}}`, `features[0].properties.code: "Crimea": not an ISO`},
		{"point", `{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Point","coordinates":[30,45]}}`, `features[0].geometry.type: "Point"`},
		{"short position", `{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":[[[30,45],[31],[31,46]]]}}`, `features[0].geometry.coordinates[0][1]: position [31]`},
		{"latitude", `{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":[[[30,45],[31,95],[31,46]]]}}`, `= [31, 95]: not a [lon, lat] pair`},
		{"degenerate", `{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":[[[30,45],[31,45],[30,45]]]}}`, `at least 3 distinct points`},
		{"duplicate", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":` + square + `}},{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":` + square + `}}]}`, `features[1].properties.code: "UA-43" already defined by features[0]`},
		{"not geojson", `{"type":"Topology"}`, `t.geojson.type: "Topology"`},
	}
	for _, tc := range cases {
		_, err := ParseRegions(strings.NewReader(tc.doc), "t.geojson")
		if !errors.Is(err, ErrInvalidGeoJSON) {
			t.Errorf("%s: err %v, want ErrInvalidGeoJSON", tc.name, err)
			continue
		}
		var ge *GeoJSONError
		if !errors.As(err, &ge) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func FuzzParseRegions(f *testing.F) {
	crimea, err := os.ReadFile("../../testdata/boundaries/crimea-ne10m.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(crimea)
	f.Add([]byte(`{"type":"Feature","properties":{"code":"UA-43"},"geometry":{"type":"Polygon","coordinates":[[[30,45],[31,45],[31,46],[30,46]]]}}`))
	f.Add([]byte(`{"type":"Feature","properties":{"codes":["UA-14","UA-09"],"tolerance_km":2},"geometry":{"type":"MultiPolygon","coordinates":[[[[37,47],[39,47],[39,49],[37,49]]],[[[179,-17],[-179,-17],[-179,-18],[179,-18]]]]}}`))
	f.Add([]byte(`{"type":"Feature","properties":{"code":"AQ"},"geometry":{"type":"Polygon","coordinates":[[[0,-89],[120,-89],[-120,-89]]]}}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		regs, err := ParseRegions(strings.NewReader(string(data)), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrInvalidGeoJSON) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, r := range regs {
			if !validCode(r.Code()) || len(r.Polygons()) == 0 {
				t.Fatalf("bad region %q", r.Code())
			}
			r.ContainsPoint(0, 0)
		}
	})
}
