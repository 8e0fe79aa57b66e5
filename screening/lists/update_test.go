package lists

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// listServer serves real list files and can be told to misbehave.
type listServer struct {
	mu      sync.Mutex
	files   map[string][]byte // URL path -> body
	mode    map[string]string // URL path -> "500", "slow", "truncate", "gzip-corrupt", "gzip"
	hits    map[string]int
	lastMod time.Time
	url     string // the test server's base URL
}

func newListServer(t *testing.T) (*listServer, *httptest.Server) {
	ls := &listServer{files: map[string][]byte{}, mode: map[string]string{}, hits: map[string]int{},
		lastMod: time.Date(2025, 12, 19, 0, 0, 0, 0, time.UTC)}
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(td, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ls.files["/dpl.txt"] = read("csl/bis-dpl-2023-11.txt")
	for _, f := range []string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"} {
		ls.files["/consolidated/"+f] = read("ofac/nonsdn-2025-12/" + f)
	}
	srv := httptest.NewServer(ls)
	t.Cleanup(srv.Close)
	ls.url = srv.URL
	return ls, srv
}

func (ls *listServer) set(path string, body []byte, mode string) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if body != nil {
		ls.files[path] = body
	}
	ls.mode[path] = mode
}

func (ls *listServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ls.mu.Lock()
	body, ok := ls.files[r.URL.Path]
	mode := ls.mode[r.URL.Path]
	ls.hits[r.URL.Path]++
	ls.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(body)
	etag := fmt.Sprintf(`"%x"`, sum[:8])
	switch mode {
	case "500":
		http.Error(w, "upstream error", http.StatusInternalServerError)
		return
	case "slow":
		select {
		case <-time.After(time.Minute):
		case <-r.Context().Done():
		}
		return
	case "truncate":
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body[:len(body)/2])
		return
	case "gzip-corrupt":
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("\x1f\x8b\x08\x00garbage, not deflate data"))
		return
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	if !ls.lastMod.IsZero() {
		w.Header().Set("Last-Modified", ls.lastMod.Format(http.TimeFormat))
	}
	w.Write(body)
}

func testFeeds(base string) []Feed {
	return []Feed{
		{Name: "dpl", Files: []FeedFile{{"dpl.txt", base + "/dpl.txt"}}},
		{Name: "ofac-cons", Files: []FeedFile{{"cons_prim.csv", base + "/consolidated/cons_prim.csv"}, {"cons_add.csv", base + "/consolidated/cons_add.csv"},
			{"cons_alt.csv", base + "/consolidated/cons_alt.csv"}, {"cons_comments.csv", base + "/consolidated/cons_comments.csv"}}},
	}
}

var fetchTime = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func goodUpdater(t *testing.T, opts ...UpdateOption) (*Updater, *listServer, *Snapshot, string) {
	t.Helper()
	ls, srv := newListServer(t)
	dir := t.TempDir()
	opts = append([]UpdateOption{WithFeeds(testFeeds(srv.URL)...), WithClock(func() time.Time { return fetchTime }),
		WithLogger(slogDiscard())}, opts...)
	u := NewUpdater(dir, opts...)
	snap, rep, err := u.Update(context.Background())
	if err != nil || !rep.Accepted {
		t.Fatalf("first update: %v %+v", err, rep)
	}
	return u, ls, snap, dir
}

func TestUpdaterFirstUpdateAndRestart(t *testing.T) {
	u, _, snap, dir := goodUpdater(t)
	want := map[Source]int{SourceDPL: 577, SourceSSI: 286, SourcePLC: 78, SourceCMIC: 68, SourceMBS: 9, SourceCAP: 1}
	for _, si := range snap.Sources() {
		if want[si.Source] != si.Count || !si.FetchedAt.Equal(fetchTime) || si.Evaluation {
			t.Errorf("%s: %d entries (want %d), fetched %v", si.Source, si.Count, want[si.Source], si.FetchedAt)
		}
	}
	if u.Current() != snap {
		t.Error("Current is not the accepted snapshot")
	}
	// A restart without network: the persisted files still screen.
	last, err := LoadLastGood(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(snap, last); !d.Empty() || last.Len() != snap.Len() {
		t.Errorf("last good differs: %s", d)
	}
	dpl, _ := last.Source(SourceDPL)
	if !dpl.FetchedAt.Equal(fetchTime) || dpl.Files[0] != "dpl/dpl.txt" {
		t.Errorf("DPL info after restart: %+v", dpl)
	}
	offline := NewUpdater(dir, WithFeeds(testFeeds("http://127.0.0.1:1")...), WithLogger(slogDiscard()), WithTimeout(time.Second))
	got, rep, err := offline.Update(context.Background())
	if !errors.Is(err, ErrUpdateRejected) || got == nil || got.Len() != snap.Len() || rep.Reason != "5 of 5 downloads failed" {
		t.Errorf("offline update: %v, %v, %q", err, got, rep.Reason)
	}
	if _, err := LoadLastGood(t.TempDir()); err == nil {
		t.Error("LoadLastGood of an empty dir succeeded")
	}
}

func TestUpdaterNotModified(t *testing.T) {
	u, ls, snap, _ := goodUpdater(t)
	later := fetchTime.Add(24 * time.Hour)
	u.now = func() time.Time { return later }
	got, rep, err := u.Update(context.Background())
	if err != nil || rep.Accepted || rep.Reason != "not modified" {
		t.Fatalf("second update: %v %+v", err, rep)
	}
	for _, f := range rep.Feeds {
		if !f.NotModified || f.Status != http.StatusNotModified {
			t.Errorf("%s: %+v", f.File, f)
		}
	}
	if got.Len() != snap.Len() || ls.hits["/dpl.txt"] != 2 {
		t.Errorf("entries %d, hits %d", got.Len(), ls.hits["/dpl.txt"])
	}
	// The server confirmed the data is current: FetchedAt moves on.
	if dpl, _ := got.Source(SourceDPL); !dpl.FetchedAt.Equal(later) {
		t.Errorf("DPL FetchedAt = %v, want %v", dpl.FetchedAt, later)
	}
}

func TestUpdaterRejects(t *testing.T) {
	dpl, err := os.ReadFile(filepath.Join(td, "csl/bis-dpl-2023-11.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(dpl), "\n")
	half := []byte(strings.Join(lines[:len(lines)/2], ""))
	badDate := bytes.Replace(dpl, []byte(`"09/26/2022"`), []byte(`"13/45/2020"`), 1)
	tests := []struct {
		name   string
		path   string
		body   []byte
		mode   string
		opts   []UpdateOption
		edit   func(*listServer)
		reason string
		errHas string
	}{
		{name: "HTTP 500", path: "/consolidated/cons_alt.csv", mode: "500", reason: "1 of 5 downloads failed", errHas: "HTTP 500 Internal Server Error"},
		// The limit leaves the first, good update room on a loaded machine
		// (the race detector makes it several times slower); the slow
		// server never answers within it.
		{name: "timeout", path: "/dpl.txt", mode: "slow", opts: []UpdateOption{WithTimeout(5 * time.Second)},
			reason: "1 of 5 downloads failed", errHas: "context deadline exceeded"},
		{name: "truncated body", path: "/dpl.txt", body: append([]byte{}, dpl...), mode: "truncate", reason: "1 of 5 downloads failed", errHas: "download cut short"},
		// The cap (250,000 bytes) is above every real file here (cons_prim.csv
		// is 238,635 bytes) and below the oversize body.
		{name: "oversize body", path: "/dpl.txt", body: bytes.Repeat([]byte("x"), 300000), opts: []UpdateOption{WithMaxBytes(250000)},
			reason: "1 of 5 downloads failed", errHas: "over the 250000-byte cap"},
		{name: "corrupt gzip", path: "/consolidated/cons_prim.csv", mode: "gzip-corrupt", reason: "1 of 5 downloads failed", errHas: "bad gzip data after 0 bytes: flate: corrupt input"},
		{name: "list shrank by half", path: "/dpl.txt", body: half, reason: "source DPL shrank from 577 to 290 entries (more than 10%)"},
		{name: "list shrank by half, limit 40%", path: "/dpl.txt", body: half, opts: []UpdateOption{WithMaxShrink(0.4)},
			reason: "source DPL shrank from 577 to 290 entries (more than 40%)"},
		// A limit that is not a number must not switch the check off.
		{name: "one order fewer, NaN limit", path: "/dpl.txt", body: withoutGarcia(dpl), opts: []UpdateOption{WithMaxShrink(math.NaN())},
			reason: "source DPL shrank from 577 to 576 entries (more than 0%)"},
		{name: "parse error", path: "/dpl.txt", body: badDate, reason: "new files do not parse", errHas: `dpl.txt: 1 of 665 rows failed; first: dpl.txt:316: field Effective_Date: bad date "13/45/2020"`},
		// CAP's only entry (15268, BANK OF KUNLUN) removed from all four files.
		{name: "source disappeared", edit: func(ls *listServer) {
			for _, f := range []string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"} {
				var kept []string
				for _, l := range strings.SplitAfter(string(ls.files["/consolidated/"+f]), "\n") {
					if !strings.HasPrefix(l, "15268,") {
						kept = append(kept, l)
					}
				}
				ls.set("/consolidated/"+f, []byte(strings.Join(kept, "")), "")
			}
		}, reason: "source CAP disappeared (had 1 entries)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ls, good, dir := goodUpdater(t, tt.opts...)
			if tt.edit != nil {
				tt.edit(ls)
			} else {
				ls.set(tt.path, tt.body, tt.mode)
			}
			got, rep, err := u.Update(context.Background())
			if !errors.Is(err, ErrUpdateRejected) || rep.Accepted {
				t.Fatalf("err = %v, accepted %v", err, rep.Accepted)
			}
			if rep.Reason != tt.reason || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("reason %q, err %v; want %q containing %q", rep.Reason, err, tt.reason, tt.errHas)
			}
			if got != good || u.Current() != good {
				t.Error("the last good snapshot was not kept")
			}
			last, lerr := LoadLastGood(dir)
			if lerr != nil || !Diff(good, last).Empty() {
				t.Errorf("files on disk changed: %v", lerr)
			}
		})
	}
}

// withoutGarcia returns dpl.txt without the one real DPL order of JOSE
// ERNESTO GARCIA (2 rows).
func withoutGarcia(dpl []byte) []byte {
	var kept []string
	for _, l := range strings.SplitAfter(string(dpl), "\n") {
		if !strings.HasPrefix(l, `"JOSE ERNESTO GARCIA"`) {
			kept = append(kept, l)
		}
	}
	return []byte(strings.Join(kept, ""))
}

// TestUpdaterMaxShrink accepts a DPL cut by half when WithMaxShrink allows it.
func TestUpdaterMaxShrink(t *testing.T) {
	u, ls, good, _ := goodUpdater(t, WithMaxShrink(0.6))
	lines := strings.SplitAfter(string(ls.files["/dpl.txt"]), "\n")
	ls.set("/dpl.txt", []byte(strings.Join(lines[:len(lines)/2], "")), "")
	snap, rep, err := u.Update(context.Background())
	if err != nil || !rep.Accepted {
		t.Fatalf("update: %v %+v", err, rep)
	}
	dpl, ok := snap.Source(SourceDPL)
	if !ok || dpl.Count != 290 || snap.Len() != good.Len()-287 {
		t.Errorf("DPL %+v, %d entries; want 290 DPL entries and %d in all", dpl, snap.Len(), good.Len()-287)
	}
}

func TestUpdaterAcceptsGzipAndChanges(t *testing.T) {
	u, ls, good, _ := goodUpdater(t)
	// Drop one real DPL order (the 2 rows of JOSE ERNESTO GARCIA are 1) and serve gzip.
	var gz bytes.Buffer
	zw := gzipWriter(&gz)
	zw.Write(withoutGarcia(ls.files["/dpl.txt"]))
	zw.Close()
	ls.set("/dpl.txt", gz.Bytes(), "")
	// Readers keep screening against the current snapshot during an update.
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
				if s := u.Current(); s == nil || s.Len() < good.Len()-1 {
					t.Error("Current() returned no or a partial snapshot during an update")
					return
				}
			}
		}
	}()
	snap, rep, err := u.Update(context.Background())
	close(done)
	wg.Wait()
	if err != nil || !rep.Accepted {
		t.Fatalf("update: %v %+v", err, rep)
	}
	var removed []string
	for _, sd := range rep.Diff.Sources {
		for _, e := range sd.Removed {
			removed = append(removed, e.Key()+" "+e.Name)
		}
		if len(sd.Added)+len(sd.Changed) > 0 {
			t.Errorf("%s: unexpected changes %+v", sd.Source, sd)
		}
	}
	if len(removed) != 1 || removed[0] != "DPL:"+cslHashID("JOSE ERNESTO GARCIA", "87 F.R. 59396 9/30/2022")+" JOSE ERNESTO GARCIA" {
		t.Errorf("removed = %v", removed)
	}
	if snap.Len() != good.Len()-1 {
		t.Errorf("entries %d, want %d", snap.Len(), good.Len()-1)
	}
}

func TestUpdaterFirstUpdateFails(t *testing.T) {
	ls, srv := newListServer(t)
	ls.set("/dpl.txt", nil, "500")
	u := NewUpdater(t.TempDir(), WithFeeds(testFeeds(srv.URL)...), WithLogger(slogDiscard()))
	snap, rep, err := u.Update(context.Background())
	if snap != nil || u.Current() != nil || !errors.Is(err, ErrUpdateRejected) || rep.Reason != "1 of 5 downloads failed" {
		t.Errorf("snap %v, err %v, reason %q", snap, err, rep.Reason)
	}
	if rep.Feeds[0].Status != http.StatusInternalServerError || rep.Feeds[0].Err == nil {
		t.Errorf("feed report %+v", rep.Feeds[0])
	}
}

// countingTransport counts the requests an Updater sends through it.
type countingTransport struct {
	n    atomic.Int64
	base http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(r)
}

// TestUpdaterUsesTheGivenHTTPClient: a proxy, mTLS or a custom transport
// is set with WithHTTPClient; every download must go through it.
func TestUpdaterUsesTheGivenHTTPClient(t *testing.T) {
	tr := &countingTransport{base: http.DefaultTransport}
	goodUpdater(t, WithHTTPClient(&http.Client{Transport: tr, Timeout: 30 * time.Second}))
	// testFeeds has five files: dpl.txt and the four non-SDN files.
	if got := tr.n.Load(); got != 5 {
		t.Errorf("%d requests through the client, want 5", got)
	}
}
