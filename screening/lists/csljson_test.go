package lists

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// cslJSONFromCSV builds a consolidated.json document in ITA's shape from
// real CSL CSV rows. No real CSL JSON file could be found (see
// testdata/lists/PROVENANCE.md), so the JSON loader is tested on this
// re-encoding of the real CSV: addresses become objects, alt_names and
// programs lists, ids objects.
func cslJSONFromCSV(t testing.TB, rel string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(td, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	var results []map[string]any
	for _, row := range rows[1:] {
		rec := map[string]any{}
		for i, h := range header {
			v := row[i]
			switch h {
			case "_id":
				rec["id"] = v
			case "addresses":
				addrs := []map[string]string{}
				for _, a := range splitList(v, "; ") {
					pa := parseCSLAddress(a)
					addrs = append(addrs, map[string]string{"address": pa.Street, "city": "", "state": "", "postal_code": "", "country": pa.CountryText})
				}
				rec[h] = addrs
			case "alt_names", "programs":
				rec[h] = append([]string{}, splitList(v, "; ")...)
			case "ids":
				ids := []map[string]string{}
				for _, s := range splitList(v, "; ") {
					id := parseCSLID(s, false)
					ids = append(ids, map[string]string{"type": id.Type, "number": id.Value, "country": id.Country})
				}
				rec[h] = ids
			default:
				rec[h] = v
			}
		}
		results = append(results, rec)
	}
	b, err := json.Marshal(map[string]any{"total": len(results), "offset": 0, "results": results,
		"sources_used": []map[string]string{{"source": "built from " + rel}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadCSLJSONMatchesCSV(t *testing.T) {
	for _, rel := range []string{"csl/consolidated-sample-2025-06.csv", "csl/consolidated-2023-11-partial.csv"} {
		t.Run(rel, func(t *testing.T) {
			if testing.Short() && strings.Contains(rel, "partial") {
				t.Skip("all 4,226 rows: run without -short")
			}
			js := cslJSONFromCSV(t, rel)
			got, rep, err := LoadCSLJSON(context.Background(), strings.NewReader(string(js)), "consolidated.json")
			if err != nil {
				t.Fatal(err)
			}
			want, wrep := loadCSLFile(t, rel)
			if rep.Rows != wrep.Rows || rep.Loaded != wrep.Loaded || rep.Failed != 0 {
				t.Errorf("JSON report %+v, CSV report rows %d loaded %d", rep, wrep.Rows, wrep.Loaded)
			}
			if len(want) < 100 {
				if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
					t.Errorf("JSON entries differ from CSV entries (-csv +json):\n%s", diff)
				}
				return
			}
			if len(got) != len(want) {
				t.Fatalf("%d JSON entries, %d CSV entries", len(got), len(want))
			}
			for i := range want { // Hash covers every published field
				if want[i].Key() != got[i].Key() || want[i].Hash() != got[i].Hash() {
					t.Errorf("entry %d: CSV %s, JSON %s differ:\n%s", i, want[i].Key(), got[i].Key(), cmp.Diff(want[i], got[i], cmpOpts))
				}
			}
		})
	}
}

func TestLoadCSLJSONMalformed(t *testing.T) {
	const rec = `{"id":"1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42","source":"Unverified List (UVL) - Bureau of Industry and Security","name":"Atlas Sanatgaran","addresses":[{"address":"Komitas 26/114, Yerevan, Armenia","country":"AM"}],"alt_names":[],"start_date":""}`
	tests := []struct {
		name    string
		in      string
		err     string
		wantErr error
		errs    []string
		entries int
	}{
		{name: "empty file", in: "", err: "c.json: empty file", wantErr: ErrEmptyFile},
		{name: "wrong file: a list", in: `[1,2]`, err: "c.json: wrong file format: not a CSL JSON file: it does not start with a JSON object", wantErr: ErrWrongFormat},
		{name: "wrong file: no results", in: `{"total": 0}`, err: `c.json: wrong file format: not a CSL JSON file: no "results" list`, wantErr: ErrWrongFormat},
		{name: "bad date", in: `{"results":[` + strings.Replace(rec, `"start_date":""`, `"start_date":"13/45/2020"`, 1) + `]}`, wantErr: ErrBadDate,
			errs: []string{`c.json: field results[0].start_date: bad date "13/45/2020"`}},
		{name: "wrong type", in: `{"results":[` + rec + `,{"name":{"x":1}}]}`, entries: 1, wantErr: ErrSyntax,
			errs: []string{"c.json: field results[1].name: syntax error: json: cannot unmarshal object into Go struct field cslJSONRecord.name of type string"}},
		{name: "truncated", in: `{"results":[` + rec + `,{"id":"x","na`, entries: 1, wantErr: ErrSyntax,
			errs: []string{"c.json: field results[1]: syntax error: unexpected EOF"}},
		{name: "alt_names as a string", in: `{"results":[` + strings.Replace(rec, `"alt_names":[]`, `"alt_names":"A; B"`, 1) + `]}`, entries: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, rep, err := LoadCSLJSON(context.Background(), strings.NewReader(tt.in), "c.json")
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, nil) {
				return
			}
			if len(es) != tt.entries {
				t.Errorf("%d entries, want %d", len(es), tt.entries)
			}
		})
	}
}
