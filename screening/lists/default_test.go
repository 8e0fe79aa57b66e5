package lists

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefault(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	want := []struct {
		src   Source
		count int
		asOf  time.Time
		files []string
	}{
		{SourceCAP, 1, day("2025-12-19"), []string{"ofac/nonsdn-2025-12/cons_prim.csv", "ofac/nonsdn-2025-12/cons_add.csv", "ofac/nonsdn-2025-12/cons_alt.csv", "ofac/nonsdn-2025-12/cons_comments.csv"}},
		{SourceCMIC, 68, day("2025-12-19"), nil},
		{SourceDPL, 577, day("2023-11-28"), []string{"csl/bis-dpl-2023-11.txt"}},
		{SourceEL, 3265, day("2025-10-09"), []string{"entity-list/entity_list.csv"}},
		{SourceISN, 144, day("2023-11-28"), []string{"csl/consolidated-2023-11-partial.csv"}},
		{SourceMBS, 9, day("2025-12-19"), nil},
		{SourceMEU, 71, day("2023-11-28"), nil},
		{SourcePLC, 78, day("2025-12-19"), nil},
		{SourceSDN, 14965, day("2024-05-03"), []string{"ofac/sdn-2024-05/sdn.csv",
			"ofac/sdn-2025-12-partial/add.csv", "ofac/sdn-2025-12-partial/alt.csv", "ofac/sdn-2025-12-partial/sdn_comments.csv",
			"ofac/sdn-2021-07/add.csv", "ofac/sdn-2021-07/alt.csv", "ofac/sdn-2021-07/sdn_comments.csv"}},
		{SourceSSI, 286, day("2025-12-19"), nil},
		{SourceUN, 1003, time.Date(2026, 2, 27, 0, 0, 9, 554e6, time.UTC), []string{"un/UN_consolidated.xml"}},
		{SourceUVL, 186, day("2023-11-28"), nil},
	}
	got := s.Sources()
	if len(got) != len(want) {
		t.Fatalf("%d sources, want %d: %+v", len(got), len(want), got)
	}
	total := 0
	for i, w := range want {
		g := got[i]
		total += w.count
		if g.Source != w.src || g.Count != w.count || !g.AsOf.Equal(w.asOf) || !g.Evaluation || len(g.Checksum) != 64 {
			t.Errorf("source %d = %s count %d as of %v eval %v checksum %q, want %s %d %v", i, g.Source, g.Count, g.AsOf, g.Evaluation, g.Checksum, w.src, w.count, w.asOf)
		}
		if w.files != nil && strings.Join(g.Files, ",") != strings.Join(w.files, ",") {
			t.Errorf("%s files = %v, want %v", w.src, g.Files, w.files)
		}
		// The checksum is that of the files in testdata/lists, so the
		// embedded snapshot is out of date if they change.
		var paths []string
		for _, f := range g.Files {
			paths = append(paths, filepath.Join(td, f))
		}
		if sum, err := FileChecksum(paths...); err != nil || sum != g.Checksum {
			t.Errorf("%s: checksum of %v = %s (%v), snapshot says %s: run go generate", g.Source, g.Files, sum, err, g.Checksum)
		}
	}
	// The SDN source is a join of files of three dates, and says so.
	if si, _ := s.Source(SourceSDN); si.Note != "ofac/sdn-2024-05/sdn.csv (2024-05-03) joined by ent_num with add.csv, alt.csv and sdn_comments.csv of 2025-12-24 (14241 entries), else of 2021-07-07 (613 entries); 111 entries in neither have no aliases or addresses" {
		t.Errorf("SDN note = %q", si.Note)
	}
	if s.Len() != total || len(s.Entries()) != total {
		t.Errorf("Len = %d, want %d", s.Len(), total)
	}
	for _, key := range []string{"EL:665d4aa7d469282eb319107db9d412a218b1f4eec7b1144055c964fa", "SDN:306", "PLC:9639", "SSI:17016"} {
		if _, ok := s.Get(key); !ok {
			t.Errorf("Get(%s) missing", key)
		}
	}
	if si, ok := s.Source(SourceDTC); ok {
		t.Errorf("DTC is incomplete in the 2023-11 CSL and must not be in the default snapshot: %+v", si)
	}
	s2, _ := Default()
	if s2 != s {
		t.Error("Default is not cached")
	}
}
