package lists

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// head returns the first n lines of a real list file, as a fuzz seed.
func head(t testing.TB, rel string, n int) string {
	b, err := os.ReadFile(filepath.Join(td, rel))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}

// checkLoad checks what every loader promises whatever the input: no
// panic (the fuzzer catches those), every failed row reported as a
// *ParseError, counts that add up, and entries with a name and an id.
func checkLoad(t *testing.T, es []*Entry, rep LoadReport, err error, rowsAddUp bool) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is not a *ParseError: %v", err)
		}
		return
	}
	if rep.Failed != len(rep.Errors) && rowsAddUp {
		t.Fatalf("Failed %d but %d errors", rep.Failed, len(rep.Errors))
	}
	if rowsAddUp && rep.Rows != rep.Loaded+rep.Failed+rep.Skipped {
		t.Fatalf("rows %d != loaded %d + failed %d + skipped %d", rep.Rows, rep.Loaded, rep.Failed, rep.Skipped)
	}
	seen := map[string]bool{}
	for _, e := range es {
		if e.Name == "" || e.ID == "" || e.Source == "" {
			t.Fatalf("entry without name/id/source: %+v", e)
		}
		if seen[e.Key()] {
			t.Fatalf("duplicate key %s", e.Key())
		}
		seen[e.Key()] = true
		_ = e.Hash()
	}
}

func FuzzLoadCSLCSV(f *testing.F) {
	f.Add(head(f, "csl/consolidated-sample-2025-06.csv", 6))
	f.Add(head(f, "csl/consolidated-legacy-2019-12-sample.csv", 20))
	f.Add(head(f, "entity-list/entity_list.csv", 4))
	f.Add(cslHeader + cslUVLRow + `"x","Unverified List (UVL) - Bureau of Industry and Security","`)
	f.Add(cslHeader + strings.Replace(cslUVLRow, "Atlas", "Atl\xe9s", 1))
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := LoadCSLCSV(context.Background(), strings.NewReader(in), "f.csv")
		checkLoad(t, es, rep, err, true)
	})
}

func FuzzLoadCSLJSON(f *testing.F) {
	f.Add(string(cslJSONFromCSV(f, "csl/consolidated-sample-2025-06.csv")))
	f.Add(`{"results":[{"id":1,"source":"Entity List (EL) - Bureau of Industry and Security","name":"X","alt_names":"A; B","addresses":[{"country":"CN"}]}]}`)
	f.Add(`{"results":[{"id":"x","na`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := LoadCSLJSON(context.Background(), strings.NewReader(in), "f.json")
		checkLoad(t, es, rep, err, false)
	})
}

func FuzzLoadOFAC(f *testing.F) {
	f.Add(head(f, "ofac/sample-2025-05/sdn.csv", 5), head(f, "ofac/sample-2025-05/add.csv", 5), head(f, "ofac/sample-2025-05/alt.csv", 5), head(f, "ofac/sample-2025-05/sdn_comments.csv", 2))
	f.Add(sdnRow36+sdnRow306+"\x1a", "", altRow36+"\x1a", "")
	f.Add(head(f, "ofac/nonsdn-2025-12/cons_prim.csv", 3), head(f, "ofac/nonsdn-2025-12/cons_add.csv", 3), head(f, "ofac/nonsdn-2025-12/cons_alt.csv", 3), "")
	f.Add("306,\"BANCO", "", "", "")
	f.Fuzz(func(t *testing.T, prim, add, alt, comments string) {
		es, rep, err := LoadOFAC(context.Background(), OFACFiles{Primary: strings.NewReader(prim), Addresses: strings.NewReader(add),
			Aliases: strings.NewReader(alt), Comments: strings.NewReader(comments), NonSDN: strings.Contains(prim, "NS-PLC")})
		if err != nil {
			return // whole-file errors (empty or wrong side file) are fine
		}
		checkLoad(t, es, rep, nil, true)
	})
}

func FuzzLoadDPL(f *testing.F) {
	f.Add(head(f, "csl/bis-dpl-2023-11.txt", 8))
	f.Add(dplHeader + dplGarcia + strings.Replace(dplGarcia, "09/26/2022", "13/45/2020", 1))
	f.Add(dplHeader + "\"JOSE\t")
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := LoadDPL(context.Background(), strings.NewReader(in), "dpl.txt")
		checkLoad(t, es, rep, err, true)
	})
}

func FuzzLoadUNXML(f *testing.F) {
	f.Add(unSample)
	f.Add(head(f, "un/UN_consolidated.xml", 96) + "</INDIVIDUALS></CONSOLIDATED_LIST>")
	f.Add(unSample[:200])
	f.Add(`<sdnList/>`)
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := LoadUNXML(context.Background(), strings.NewReader(in), "un.xml")
		checkLoad(t, es, rep, err, true)
	})
}

func FuzzLoadInternalCSV(f *testing.F) {
	f.Add("name,type,country,aliases,id,remarks\nHuawei Technologies Co. Ltd,entity,China,Huawei; Huawei Technology,CUST-0001,\n")
	f.Add("name\n\"ACME\n")
	f.Add("name,country\nX,Atlantis\n")
	f.Fuzz(func(t *testing.T, in string) {
		es, rep, err := LoadInternalCSV(context.Background(), strings.NewReader(in), "deny.csv")
		checkLoad(t, es, rep, err, true)
	})
}

func FuzzReadSnapshot(f *testing.F) {
	s, err := NewSnapshot(SourceSet{Source: SourceSDN, Entries: must(loadOFACDir(f, "ofac/sample-2025-05"))})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSnapshot(&buf, s, "seed"); err != nil {
		f.Fatal(err)
	}
	// Seeds are uncompressed: the decoder is what is fuzzed.
	raw := string(gunzip(f, buf.Bytes()))
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Add(snapMagic)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := decodeSnapshot(in)
		if err != nil {
			return
		}
		for _, e := range s.Entries() {
			if got, ok := s.Get(e.Key()); !ok || got != e {
				t.Fatalf("Get(%s) does not return the entry", e.Key())
			}
		}
	})
}

func FuzzSniff(f *testing.F) {
	for _, rel := range []string{"csl/consolidated-sample-2025-06.csv", "csl/bis-dpl-2023-11.txt", "un/UN_consolidated.xml", "ofac/sdn-2021-07/sdn.csv"} {
		f.Add("x", head(f, rel, 2))
	}
	f.Add("sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\"")
	f.Fuzz(func(t *testing.T, name, in string) {
		format, err := sniff(name, []byte(in))
		if (format == "") == (err == nil) {
			t.Fatalf("sniff = %q, %v", format, err)
		}
	})
}
