package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening/lists"
)

const td = "../../testdata/lists/"

// publisher serves real list files by path, with an ETag of their content
// and conditional requests (http.ServeContent), like the publishers' sites.
type publisher struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (p *publisher) set(t *testing.T, path, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p.setBytes(path, b)
}

func (p *publisher) setBytes(path string, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[path] = b
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	b, ok := p.files[r.URL.Path]
	p.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(b)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, filepath.Base(r.URL.Path), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), bytes.NewReader(b))
}

type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return result{code, out.String(), errb.String()}
}

func (r result) has(t *testing.T, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stdout+r.stderr, w) {
			t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", w, r.stdout, r.stderr)
		}
	}
}

// TestUpdateEndToEnd runs `lists update` against a local server holding
// the publishers' real files, through first download, no change, a real
// change, a shrunken list, a broken file, and `lists status`.
func TestUpdateEndToEnd(t *testing.T) {
	pub := &publisher{files: map[string][]byte{}}
	srv := httptest.NewServer(pub)
	defer srv.Close()
	for _, n := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		pub.set(t, "/ofac/"+n, td+"ofac/sdn-2021-07/"+n)
	}
	pub.set(t, "/un.xml", td+"un/UN_consolidated.xml")
	// The 2025-06 CSL sample holds one row per source; the 2023-11 file
	// holds DPL, UVL, MEU, ISN in full and part of EL and DTC.
	pub.set(t, "/csl.csv", td+"csl/consolidated-sample-2025-06.csv")
	dir := filepath.Join(t.TempDir(), "lists")
	args := []string{"update", "-dir", dir, "-feeds", "csl,ofac-sdn,un",
		"-csl-url", srv.URL + "/csl.csv", "-ofac-url", srv.URL + "/ofac", "-un-url", srv.URL + "/un.xml"}

	// First run: everything is new.
	r := runCmd(t, args...)
	r.has(t, exitOK, "ofac-sdn   sdn.csv            2013896 bytes", "SDN: 0 -> 8976 entries, +8976 -0 ~0", "  + SDN:10001 ",
		"  + … 8971 more", "UN: 0 -> 1003 entries, +1003 -0 ~0",
		"updated "+dir+"/current: 9985 entries (DPL 1, DTC 1, EL 1, ISN 1, MEU 1, SDN 8976, UN 1003, UVL 1)")

	// Second run: every file answers 304.
	r = runCmd(t, args...)
	r.has(t, exitOK, "un         consolidated.xml   not modified", "unchanged (not modified): 9985 entries")
	if strings.Contains(r.stdout, "bytes") {
		t.Errorf("second run downloaded files:\n%s", r.stdout)
	}

	// A real change: the 2023-11 CSL replaces the 2025-06 sample.
	pub.set(t, "/csl.csv", td+"csl/consolidated-2023-11-partial.csv")
	r = runCmd(t, args...)
	r.has(t, exitOK, "DPL: 1 -> 577 entries, +576 -0 ~0", "  - EL:99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be China Electronics Technology Group Corporation 13th Research Institute (CETC 13)", "UVL: 1 -> 186 entries", "ofac-sdn   sdn.csv            not modified",
		"updated "+dir+"/current: 12018 entries")

	// The sample again: most sources shrink to one entry. Rejected by the
	// shrink gate; the last good lists stay.
	pub.set(t, "/csl.csv", td+"csl/consolidated-sample-2025-06.csv")
	r = runCmd(t, args...)
	r.has(t, exitRejected, "rejected: source DPL shrank from 577 to 1 entries (more than 10%)",
		"changes that were not applied:", "DPL: 577 -> 1 entries",
		"kept the last good lists in "+dir+"/current: 12018 entries")
	if s, err := lists.LoadLastGood(dir); err != nil || s.Len() != 12018 {
		t.Fatalf("after the rejected update the directory holds %v entries (%v), want 12018", s.Len(), err)
	}
	// A larger -max-shrink lets the same change through.
	r = runCmd(t, append(args, "-max-shrink", "1", "-q")...)
	r.has(t, exitOK, "updated "+dir+"/current: 9985 entries")

	// A UN file cut in half (a real failure mode: the parser sees the cut).
	un, _ := os.ReadFile(td + "un/UN_consolidated.xml")
	pub.setBytes("/un.xml", un[:len(un)/2])
	r = runCmd(t, args...)
	r.has(t, exitRejected, "rejected: new files do not parse", "kept the last good lists in "+dir+"/current: 9985 entries")

	// A file the server no longer has.
	pub.mu.Lock()
	delete(pub.files, "/un.xml")
	pub.mu.Unlock()
	r = runCmd(t, args...)
	r.has(t, exitRejected, "un         consolidated.xml   failed: HTTP 404 Not Found", "rejected: 1 of 6 downloads failed")

	// status lists what the directory holds.
	r = runCmd(t, "status", "-dir", dir)
	r.has(t, exitOK, "SDN        8976", "ofac-sdn/sdn.csv ofac-sdn/add.csv ofac-sdn/alt.csv ofac-sdn/sdn_comments.csv", "UN         1003  2026-02-27")

	// A fresh directory whose first update fails has nothing to keep.
	r = runCmd(t, append(args[:2:2], append([]string{filepath.Join(t.TempDir(), "new")}, args[3:]...)...)...)
	r.has(t, exitRejected, "rejected: 1 of 6 downloads failed", "no last good lists in ")
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "usage: lists update -dir DIR"},
		{[]string{"fetch"}, exitUsage, `lists: unknown command "fetch"`},
		{[]string{"update"}, exitUsage, "lists update: -dir is required"},
		{[]string{"update", "-dir", dir, "extra"}, exitUsage, `no arguments are taken (got ["extra"])`},
		{[]string{"update", "-dir", dir, "-feeds", "csl,ofac"}, exitUsage, `-feeds: unknown feed "ofac" (want csl, ofac-sdn, ofac-cons or un)`},
		{[]string{"update", "-dir", dir, "-feeds", "un,un"}, exitUsage, `-feeds: "un" given twice`},
		{[]string{"update", "-dir", dir, "-max-shrink", "-1"}, exitUsage, "-max-shrink must be ≥ 0"},
		{[]string{"update", "-bogus"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"status"}, exitUsage, "lists status: -dir is required"},
		{[]string{"status", "-dir", dir}, exitRejected, "lists status: lists: no last good snapshot in " + dir},
		{[]string{"help"}, exitOK, "usage: lists update -dir DIR"},
	} {
		r := runCmd(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("%q: exit %d, output %q; want %d and %q", c.args, r.code, r.stdout+r.stderr, c.code, c.want)
		}
	}
}
