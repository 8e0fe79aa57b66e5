package lists

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

// formats are the Format* constants: every file format the loaders read.
var formats = []string{FormatCSLCSV, FormatCSLCSVLegacy, FormatCSLJSON, FormatOFACSDN,
	FormatOFACCons, FormatDPL, FormatUNXML, FormatInternalCSV}

// Every source a loader produces from the real files is in the source
// registry, and the registry names the format it came in.
func TestLoadedSourcesAreRegistered(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "own.csv")
	if err := os.WriteFile(own, []byte("name,id\nAcme Trading LLC,42\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{
		td + "/csl/consolidated-sample-2025-06.csv",
		td + "/csl/consolidated-legacy-2019-12-sample.csv",
		td + "/csl/bis-dpl-2023-11.txt",
		td + "/ofac/sample-2025-05",
		td + "/ofac/nonsdn-2025-12",
		td + "/un/UN_consolidated.xml",
		own,
	}
	seen := map[Source]bool{}
	for _, f := range files {
		format, err := DetectFormat(f)
		if err != nil {
			t.Fatal(err)
		}
		sets, err := LoadFile(context.Background(), f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range sets {
			seen[s.Source] = true
			info, ok := rules.LookupListSource(s.Source)
			if !ok {
				t.Errorf("%s: source %q is not registered", f, s.Source)
				continue
			}
			if !slices.Contains(info.Formats, format) {
				t.Errorf("%s: source %s came in format %s, which its registry entry (%v) does not name", f, s.Source, format, info.Formats)
			}
		}
	}
	// The OFAC non-SDN file's sources come from programs; each branch of
	// NonSDNSource gives a registered source.
	for _, progs := range [][]string{{"UKRAINE-EO13662"}, {"NS-PLC"}, {"CMIC-EO13959"}, {"561-Related"}, {"CAPTA"}, {"FSE-SY"}, {"RUSSIA-EO14024"}} {
		src := NonSDNSource(progs)
		seen[src] = true
		if !src.IsValid() || !slices.Contains(src.Info().Formats, FormatOFACCons) {
			t.Errorf("NonSDNSource(%v) = %q: not registered for %s", progs, src, FormatOFACCons)
		}
	}
	// The CSL carries 13 sources: each code it prints parses to the
	// registered source, and none other does.
	for _, s := range rules.ListSourceRegistry() {
		got, err := parseCSLSource("Some List (" + string(s.Code) + ") - Publisher")
		ok := err == nil
		wantOK := slices.Contains(s.Formats, FormatCSLCSV)
		if ok != wantOK || ok && got != s.Code {
			t.Errorf("parseCSLSource(%s) = %q, %v; want ok=%v", s.Code, got, ok, wantOK)
		}
		if ok {
			seen[got] = true
		}
	}
	if got, err := parseCSLSource("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"); err != nil || got != SourceMBS {
		t.Errorf("NS-MBS List = %q, %v", got, err)
	}
	for _, s := range rules.ListSourceRegistry() {
		if !seen[s.Code] {
			t.Errorf("registered source %s is produced by no loader", s.Code)
		}
	}
}

// Every format a registry entry names is one the loaders read, and every
// format the loaders read carries at least one registered source.
func TestRegistryFormatsAreLoaderFormats(t *testing.T) {
	used := map[string]bool{}
	for _, s := range rules.ListSourceRegistry() {
		for _, f := range s.Formats {
			used[f] = true
			if !slices.Contains(formats, f) {
				t.Errorf("%s names format %q, which no loader reads", s.Code, f)
			}
		}
	}
	for _, f := range formats {
		if !used[f] {
			t.Errorf("format %s carries no registered source", f)
		}
	}
}

func TestEntryKeyOfEntry(t *testing.T) {
	e := &Entry{Source: SourceSDN, ID: "306"}
	if e.Key() != "SDN:306" || e.EntryKey() != (rules.EntryKey{Source: rules.SourceSDN, ID: "306"}) {
		t.Errorf("Key() = %q, EntryKey() = %+v", e.Key(), e.EntryKey())
	}
}
