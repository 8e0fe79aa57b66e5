package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

// updateDir fills a list update directory, as `go run ./examples/lists
// update` does, from a local server holding OFAC's real 2021-07 SDN files.
func updateDir(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir("../../testdata/lists/ofac/sdn-2021-07")))
	t.Cleanup(srv.Close)
	feed := lists.Feed{Name: "ofac-sdn"}
	for _, n := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		feed.Files = append(feed.Files, lists.FeedFile{Name: n, URL: srv.URL + "/" + n})
	}
	dir := filepath.Join(t.TempDir(), "lists")
	if _, _, err := lists.NewUpdater(dir, lists.WithFeeds(feed)).Update(context.Background()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestListsUpdateDir checks that -lists DIR reads a directory kept by the
// lists command: its last good files, and nothing else.
func TestListsUpdateDir(t *testing.T) {
	dir := updateDir(t)
	in := writeFile(t, t.TempDir(), "in.csv", "id,name,country,destination\n"+
		"A,Mahan Air,IR,AE\n"+
		"B,Hangzhou Hikvision Digital Technology Co Ltd,CN,CN\n")
	got := screenFile(t, app{newScreener: newScreener, now: time.Now}, "-lists", dir, in)
	checkDecisions(t, got, []wantDecision{{id: "A", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "MAHAN AIR"}})
	if m := got["B"].Matches; len(m) != 0 {
		t.Errorf("B matched %+v with only the SDN list in the directory", m)
	}
	for _, d := range got {
		if v := d.Versions.Lists; len(v) != 1 || v[0].Source != "SDN" || v[0].Entries != 8976 || v[0].Evaluation {
			t.Errorf("%s: versions.lists %+v; want the 8976 SDN entries of the update directory", d.ID, v)
		}
	}
}
