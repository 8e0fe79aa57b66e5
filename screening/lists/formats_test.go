package lists

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

// TestFormatRegistry checks that every list format is whole: registered
// once with a detector and exactly one loader, named by the rules source
// registry (and every format that registry names registered here), and
// shown by a real sample that detects as the format and loads reporting
// it. A format added with a part forgotten fails here.
func TestFormatRegistry(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "own.csv")
	if err := os.WriteFile(own, []byte("name,id\nAcme Trading LLC,42\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, "consolidated.json")
	if err := os.WriteFile(js, cslJSONFromCSV(t, "csl/consolidated-sample-2025-06.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	samples := map[string]string{
		FormatCSLCSV:       td + "/csl/consolidated-sample-2025-06.csv",
		FormatCSLCSVLegacy: td + "/csl/consolidated-legacy-2019-12-sample.csv",
		FormatCSLJSON:      js,
		FormatDPL:          td + "/csl/bis-dpl-2023-11.txt",
		FormatOFACSDN:      td + "/ofac/sample-2025-05",
		FormatOFACCons:     td + "/ofac/nonsdn-2025-12",
		FormatUNXML:        td + "/un/UN_consolidated.xml",
		FormatInternalCSV:  own,
	}
	named := map[string]bool{}
	for _, s := range rules.ListSourceRegistry() {
		for _, f := range s.Formats {
			named[f] = true
		}
	}
	registered := map[string]bool{}
	for _, f := range listFormats {
		if f.name == "" || registered[f.name] {
			t.Errorf("format %q: registered twice or without a name", f.name)
			continue
		}
		registered[f.name] = true
		if f.sniff == nil && f.sniffDir == nil {
			t.Errorf("format %s: no detector", f.name)
		}
		if (f.load == nil) == (f.loadPath == nil) {
			t.Errorf("format %s: want exactly one of load and loadPath", f.name)
		}
		if !named[f.name] {
			t.Errorf("format %s: no source in the rules registry (rules/sources.go) names it", f.name)
		}
		sample, ok := samples[f.name]
		if !ok {
			t.Errorf("format %s: no sample file in this test", f.name)
			continue
		}
		if got, err := DetectFormat(sample); err != nil || got != f.name {
			t.Errorf("DetectFormat(%s) = %q, %v; want %q", sample, got, err, f.name)
		}
		sets, err := LoadFile(context.Background(), sample)
		if err != nil || len(sets) == 0 {
			t.Errorf("LoadFile(%s) = %d sets, %v", sample, len(sets), err)
		}
		for _, s := range sets {
			if s.Report.Format != f.name {
				t.Errorf("LoadFile(%s): source %s reports format %q, want %q", sample, s.Source, s.Report.Format, f.name)
			}
		}
	}
	for f := range named {
		if !registered[f] {
			t.Errorf("format %s: named by the rules source registry but not registered in listFormats", f)
		}
	}
	for f := range samples {
		if !registered[f] {
			t.Errorf("format %s: has a sample but is not registered", f)
		}
	}
}

// TestSniffUnregisteredDirectory checks that a directory no registered
// format claims is refused, not guessed.
func TestSniffUnregisteredDirectory(t *testing.T) {
	_, err := DetectFormat(t.TempDir())
	if err == nil {
		t.Fatal("DetectFormat(empty directory): no error")
	}
}
