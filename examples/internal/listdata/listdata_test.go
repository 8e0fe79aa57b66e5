package listdata

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

const td = "../../../testdata/lists/"

func TestLoad(t *testing.T) {
	ctx := context.Background()
	// An update directory filled by an Updater from the real UN list.
	xml, err := os.ReadFile(td + "un/UN_consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(xml) }))
	defer srv.Close()
	dir := t.TempDir()
	u := lists.NewUpdater(dir, lists.WithFeeds(lists.Feed{Name: "un", Files: []lists.FeedFile{{Name: "consolidated.xml", URL: srv.URL}}}))
	if _, _, err := u.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if !IsUpdateDir(dir) || IsUpdateDir(td+"ofac/sdn-2021-07") {
		t.Fatalf("IsUpdateDir(update dir) = %v, IsUpdateDir(OFAC dir) = %v", IsUpdateDir(dir), IsUpdateDir(td+"ofac/sdn-2021-07"))
	}
	s, err := Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if si, ok := s.Source(lists.SourceUN); !ok || si.Count != 1003 || s.Len() != 1003 {
		t.Errorf("update dir: UN %+v, %d entries; want the 1003 UN entries", si, s.Len())
	}
	// List files and OFAC directories still go to lists.Load.
	s, err = Load(ctx, td+"ofac/sdn-2021-07")
	if err != nil || s.Len() != 8976 {
		t.Fatalf("OFAC dir: %v entries, %v", s.Len(), err)
	}
	// An update directory cannot be mixed with other paths.
	_, err = Load(ctx, dir, td+"ofac/sdn-2021-07")
	if err == nil || !strings.Contains(err.Error(), filepath.Base(dir)+" is a list update directory; give it as the only -lists path (got 2 paths)") {
		t.Errorf("mixed paths: %v", err)
	}
	// An empty directory is neither: lists.Load says what is wrong.
	if _, err := Load(ctx, t.TempDir()); err == nil {
		t.Error("empty directory loaded")
	}
}
