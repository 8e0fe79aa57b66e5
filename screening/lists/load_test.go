package lists

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		path string
		want string
	}{
		{"csl/consolidated-2023-11-partial.csv", FormatCSLCSV},
		{"csl/consolidated-legacy-2019-12-sample.csv", FormatCSLCSVLegacy},
		{"csl/bis-dpl-2023-11.txt", FormatDPL},
		{"entity-list/entity_list.csv", FormatCSLCSV},
		{"ofac/sdn-2021-07", FormatOFACSDN},
		{"ofac/sdn-2021-07/sdn.csv", FormatOFACSDN},
		{"ofac/nonsdn-2025-12", FormatOFACCons},
		{"un/UN_consolidated.xml", FormatUNXML},
	}
	for _, tt := range tests {
		got, err := DetectFormat(filepath.Join(td, tt.path))
		if err != nil || got != tt.want {
			t.Errorf("DetectFormat(%s) = %q, %v; want %q", tt.path, got, err, tt.want)
		}
	}
	_, err := DetectFormat(filepath.Join(td, "ofac/sdn-2021-07/alt.csv"))
	if !errors.Is(err, ErrWrongFormat) || err.Error() != "alt.csv: wrong file format: an OFAC secondary file (add/alt/comments); load its directory or its sdn.csv / cons_prim.csv" {
		t.Errorf("DetectFormat(alt.csv) error = %v", err)
	}
	_, err = DetectFormat(filepath.Join(td, "PROVENANCE.md"))
	if !errors.Is(err, ErrWrongFormat) {
		t.Errorf("DetectFormat(PROVENANCE.md) error = %v", err)
	}
}

func TestLoad(t *testing.T) {
	s, err := Load(context.Background(), filepath.Join(td, "entity-list/entity_list.csv"), filepath.Join(td, "ofac/nonsdn-2025-12"),
		filepath.Join(td, "csl/bis-dpl-2023-11.txt"), filepath.Join(td, "un/UN_consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[Source]int{SourceEL: 3265, SourceSSI: 286, SourcePLC: 78, SourceCMIC: 68, SourceMBS: 9, SourceCAP: 1, SourceDPL: 577, SourceUN: 1003}
	for _, si := range s.Sources() {
		if want[si.Source] != si.Count || si.Evaluation || len(si.Checksum) != 64 {
			t.Errorf("%s: %d entries (want %d), evaluation %v", si.Source, si.Count, want[si.Source], si.Evaluation)
		}
		delete(want, si.Source)
	}
	if len(want) != 0 {
		t.Errorf("missing sources %v", want)
	}
	// The Entity List CSV states no date: its newest listing (2025-10-09)
	// and the file's modification time are not its as-of date.
	el, _ := s.Source(SourceEL)
	if !el.AsOf.IsZero() || el.AsOfFrom != "" || !el.Undated() || el.Files[0] != "entity_list.csv" {
		t.Errorf("EL as of %v (%q) files %v: want undated", el.AsOf, el.AsOfFrom, el.Files)
	}
	un, _ := s.Source(SourceUN)
	if un.AsOf.Format("2006-01-02") != "2026-02-27" || un.AsOfFrom != AsOfPublisher || un.Undated() {
		t.Errorf("UN as of %v (%q), want its dateGenerated", un.AsOf, un.AsOfFrom)
	}

	// The same source from two files is ambiguous.
	_, err = Load(context.Background(), filepath.Join(td, "csl/bis-dpl-2023-11.txt"), filepath.Join(td, "csl/consolidated-sample-2025-06.csv"))
	if err == nil || !strings.Contains(err.Error(), "source DPL is in both") {
		t.Errorf("overlapping files: err = %v", err)
	}
	// A file with a failed row is refused (fail closed).
	dir := t.TempDir()
	bad := filepath.Join(dir, "dpl.txt")
	os.WriteFile(bad, []byte(dplHeader+dplGarcia+strings.Replace(dplGarcia, "09/26/2022", "13/45/2020", 1)), 0o644)
	_, err = Load(context.Background(), bad)
	var le *LoadError
	if !errors.As(err, &le) || !errors.Is(err, ErrBadDate) || err.Error() != `dpl.txt: 1 of 2 rows failed; first: dpl.txt:3: field Effective_Date: bad date "13/45/2020"` {
		t.Errorf("bad file: err = %v", err)
	}
}
