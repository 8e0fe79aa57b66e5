package service

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestOptionsUpdateDir checks that -lists DIR gives the services the last
// good lists of a directory kept by `go run ./examples/lists update`.
func TestOptionsUpdateDir(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir("../../../testdata/lists/un")))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "lists")
	feed := lists.Feed{Name: "un", Files: []lists.FeedFile{{Name: "consolidated.xml", URL: srv.URL + "/UN_consolidated.xml"}}}
	ctx := context.Background()
	if _, _, err := lists.NewUpdater(dir, lists.WithFeeds(feed)).Update(ctx); err != nil {
		t.Fatal(err)
	}
	opts, err := Data{ListPaths: []string{dir}}.Options(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := screening.New(ctx, append(opts, screening.WithoutLocator())...)
	if err != nil {
		t.Fatal(err)
	}
	if si, ok := s.Lists().Source(lists.SourceUN); !ok || s.Lists().Len() != 1003 || si.Evaluation {
		t.Errorf("lists from %s: UN %+v, %d entries; want the 1003 UN entries", dir, si, s.Lists().Len())
	}
}
