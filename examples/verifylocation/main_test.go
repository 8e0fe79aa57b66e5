package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runJSON(t *testing.T, args ...string) jsonResult {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), append([]string{"-json"}, args...), &out, &errb); code == exitUsage {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res jsonResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	return res
}

func TestSamples(t *testing.T) {
	crimea := filepath.Join("..", "..", "testdata", "boundaries", "crimea-ne10m.geojson")
	cases := []struct {
		file    string
		args    []string
		verdict string
		regions map[string]string
	}{
		{"frankfurt.json", nil, "consistent", map[string]string{"DE": "inside", "CN": "excluded", "RU": "excluded"}},
		{"shanghai-declared-singapore.json", nil, "inconsistent", map[string]string{"SG": "excluded", "CN": "possible", "HK": "possible", "RU": "excluded"}},
		{"declared-point-singapore.json", nil, "inconsistent", map[string]string{"@1.2903,103.8520": "excluded", "CN": "possible"}},
		{"fiji-antimeridian.json", []string{"-judge", "NZ,TO,WS,CN,RU"}, "consistent", map[string]string{"FJ": "possible", "NZ": "excluded", "TO": "excluded", "WS": "excluded"}},
		{"simferopol.json", []string{"-regions", crimea, "-judge", "RU,UA-43,UA-40,UA-14,UA-09"}, "inconsistent", map[string]string{"UA": "excluded", "RU": "possible", "UA-43": "possible", "UA-40": "possible", "UA-14": "excluded"}},
		{"unsigned.json", nil, "insufficient_evidence", map[string]string{"DE": "inside", "CN": "excluded"}},
		{"contradictory.json", nil, "contradictory", map[string]string{"DE": "not_judged", "CN": "not_judged"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			res := runJSON(t, append(tc.args, filepath.Join("testdata", tc.file))...)
			if string(res.Verdict) != tc.verdict {
				t.Errorf("verdict %s, want %s; notes %v", res.Verdict, tc.verdict, res.Notes)
			}
			got := map[string]string{}
			for _, r := range res.Regions {
				got[r.Region] = r.Verdict
				if r.Verdict == "excluded" && r.By == "" {
					t.Errorf("%s excluded without naming a landmark", r.Region)
				}
			}
			for code, want := range tc.regions {
				if got[code] != want {
					t.Errorf("%s: %s, want %s", code, got[code], want)
				}
			}
		})
	}
}

func TestTableAndFiles(t *testing.T) {
	dir := t.TempDir()
	svg, gj := filepath.Join(dir, "map.svg"), filepath.Join(dir, "feasible.geojson")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-svg", svg, "-geojson", gj, "-likely-speed", "199.86", "testdata/frankfurt.json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"DE (declared) inside inside", "CN excluded fra 4994.2 excluded", "verdict: consistent", "unsigned replies may come from a relay"} {
		found := false
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(strings.Join(strings.Fields(line), " "), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	// The SVG is well-formed XML with the feasible region and four discs.
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("svg: %v", err)
		}
	}
	if n := strings.Count(string(b), "min RTT"); n != 4 {
		t.Errorf("svg has %d discs, want 4", n)
	}
	if !strings.Contains(string(b), "<title>DE Germany</title>") {
		t.Error("svg lacks Germany's outline")
	}
	// The GeoJSON holds the feasible region, four discs and four landmarks.
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type string `json:"type"`
			} `json:"geometry"`
		} `json:"features"`
	}
	b, err = os.ReadFile(gj)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range fc.Features {
		kinds[f.Properties["kind"].(string)+"/"+f.Geometry.Type]++
	}
	want := map[string]int{"feasible_region/MultiPolygon": 1, "disc/Polygon": 4, "landmark/Point": 4}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("geojson %s: %d, want %d (%v)", k, kinds[k], n, kinds)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, doc, want string }{
		{"syntax", "{\n \"declared\": {\"country\": \"DE\"},\n \"measurements\": [}\n", "bad.json:3: invalid character '}'"},
		{"unknown field", `{"declared": {"country": "DE"}, "measurement": []}`, `bad.json:1: json: unknown field "measurement"`},
		{"rtt type", "{\"measurements\": [{\"landmark\": {\"id\": \"fra\"},\n \"rtt_ms\": \"1.2\"}]}", "bad.json:2: json: cannot unmarshal string"},
		{"negative rtt", `{"measurements": [{"landmark": {"id": "fra", "lat": 50.1, "lon": 8.7}, "rtt_ms": [1.2, -3]}]}`, "bad.json: verify: measurements[0].rtt_ms[1] = -3: must be a finite time > 0 ms"},
		{"half point", `{"declared": {"lat": 50.1}, "measurements": [{"landmark": {"id": "fra"}, "rtt_ms": [1]}]}`, "bad.json: declared: lat and lon must be given together"},
		{"none", `{"declared": {"country": "DE"}, "measurements": []}`, "bad.json: measurements: none"},
	}
	for _, tc := range cases {
		p := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(p, []byte(tc.doc), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{p}, &out, &errb)
		if code != exitUsage || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.name, code, errb.String(), tc.want)
		}
	}
}

func FuzzReadInput(f *testing.F) {
	for _, name := range []string{"frankfurt.json", "declared-point-singapore.json", "contradictory.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"declared": {"lat": 1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		site, ms, err := readInput("fuzz.json", data)
		if err != nil {
			return
		}
		if len(ms) == 0 {
			t.Fatal("no measurements without an error")
		}
		_ = site.String()
	})
}

// TestExitCodes: scripts can tell a consistent verdict (0) from any other
// (1) and from a run that judged nothing (2). The default judge list holds
// the sanctioned regions of Ukraine, judged from the default polygons.
func TestExitCodes(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		code    int
		verdict string
		regions map[string]string // from -json; nil when nothing is judged
	}{
		{"consistent", []string{"testdata/frankfurt.json"}, exitConsistent, "consistent",
			map[string]string{"DE": "inside", "UA-43": "excluded", "UA-40": "excluded", "UA-14": "excluded", "UA-09": "excluded"}},
		{"inconsistent", []string{"testdata/shanghai-declared-singapore.json"}, exitNotShown, "inconsistent",
			map[string]string{"SG": "excluded", "CN": "possible", "UA-43": "excluded", "UA-14": "excluded"}},
		{"sanctioned region possible", []string{"testdata/simferopol.json"}, exitNotShown, "inconsistent",
			map[string]string{"UA": "excluded", "UA-43": "possible", "UA-40": "possible"}},
		{"insufficient evidence", []string{"testdata/unsigned.json"}, exitNotShown, "insufficient_evidence", map[string]string{"DE": "inside"}},
		{"contradictory", []string{"testdata/contradictory.json"}, exitNotShown, "contradictory", map[string]string{"UA-43": "not_judged"}},
		{"judge list without the regions", []string{"-judge", "CN,RU", "testdata/frankfurt.json"}, exitConsistent, "consistent",
			map[string]string{"CN": "excluded", "UA-43": ""}},
		{"no input", nil, exitUsage, "", nil},
		{"two inputs", []string{"testdata/frankfurt.json", "testdata/unsigned.json"}, exitUsage, "", nil},
		{"unknown flag", []string{"-colour", "testdata/frankfurt.json"}, exitUsage, "", nil},
		{"missing file", []string{"testdata/nope.json"}, exitUsage, "", nil},
		{"help", []string{"-h"}, exitConsistent, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"-json"}, tc.args...), &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d; want %d\nstderr: %s", code, tc.code, errb.String())
			}
			if tc.regions == nil {
				return
			}
			var res jsonResult
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if string(res.Verdict) != tc.verdict {
				t.Errorf("verdict %s; want %s", res.Verdict, tc.verdict)
			}
			got := map[string]string{}
			for _, r := range res.Regions {
				got[r.Region] = r.Verdict
			}
			for code, want := range tc.regions {
				if got[code] != want {
					t.Errorf("%s: %q; want %q", code, got[code], want)
				}
			}
		})
	}
}

// TestEmbeddedCrimeaCopy keeps the embedded Crimea polygon identical to the
// file in testdata/boundaries whose provenance is recorded there.
func TestEmbeddedCrimeaCopy(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join("..", "..", "testdata", "boundaries", "crimea-ne10m.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(orig, crimeaGeoJSON) {
		t.Error("regions/crimea-ne10m.geojson differs from testdata/boundaries/crimea-ne10m.geojson; copy it again")
	}
}
