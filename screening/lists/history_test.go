package lists_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// sdnHistoryPath is where the SDN history bundle lives relative to a
// checkout's parent directory (the project's reference data); the
// EXPORTGUARD_SDN_HISTORY environment variable overrides it.
const sdnHistoryPath = "shared/data/ofac/sdn-history/sdn-history.bundle"

// findHistoryBundle looks for the bundle next to each ancestor of the
// working directory, so the test finds ../shared from any checkout.
func findHistoryBundle(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("EXPORTGUARD_SDN_HISTORY"); p != "" {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		for _, c := range []string{filepath.Join(d, sdnHistoryPath), filepath.Join(d, "..", sdnHistoryPath)} {
			if _, err := os.Stat(c); err == nil {
				return c
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	t.Skipf("SDN history bundle not found: looked for %s beside %s and its parents (set EXPORTGUARD_SDN_HISTORY to its path)", sdnHistoryPath, wd)
	return ""
}

// sdnVersion is one committed version of sdn.csv in the history.
type sdnVersion struct {
	commit string
	when   time.Time
	blob   string
}

// sdnHistory reads versions out of a bare clone of the bundle through one
// `git cat-file --batch` process.
type sdnHistory struct {
	versions []sdnVersion
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
}

func openHistory(t *testing.T, bundle string) *sdnHistory {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skipf("git not found (%v): the SDN history test reads a git bundle", err)
	}
	repo := filepath.Join(t.TempDir(), "sdn-history.git")
	git := func(args ...string) string {
		out, err := exec.Command("git", args...).Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Fatalf("git %v: %v: %s", args, err, ee.Stderr)
			}
			t.Fatalf("git %v: %v", args, err)
		}
		return string(out)
	}
	git("clone", "--quiet", "--bare", bundle, repo)
	h := &sdnHistory{}
	// --raw gives each commit's new blob of sdn.csv.
	var cur *sdnVersion
	for _, l := range strings.Split(git("-C", repo, "log", "--reverse", "--no-abbrev", "--raw", "--format=C %H %cI", "--", "sdn.csv"), "\n") {
		switch {
		case strings.HasPrefix(l, "C "):
			f := strings.Fields(l)
			when, err := time.Parse(time.RFC3339, f[2])
			if err != nil {
				t.Fatalf("commit %s: %v", f[1], err)
			}
			h.versions = append(h.versions, sdnVersion{commit: f[1], when: when.UTC()})
			cur = &h.versions[len(h.versions)-1]
		case strings.HasPrefix(l, ":") && cur != nil:
			f := strings.Fields(l)
			cur.blob = f[3]
		}
	}
	h.cmd = exec.Command("git", "-C", repo, "cat-file", "--batch")
	var err error
	if h.in, err = h.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := h.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	h.out = bufio.NewReaderSize(stdout, 1<<20)
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.in.Close(); h.cmd.Wait() })
	return h
}

// read returns the bytes of version i.
func (h *sdnHistory) read(t *testing.T, i int) []byte {
	t.Helper()
	fmt.Fprintln(h.in, h.versions[i].blob)
	hdr, err := h.out.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(hdr)
	if len(f) != 3 || f[1] != "blob" {
		t.Fatalf("git cat-file: %q", hdr)
	}
	n, _ := strconv.Atoi(f[2])
	b := make([]byte, n+1) // content and a newline
	if _, err := io.ReadFull(h.out, b); err != nil {
		t.Fatal(err)
	}
	return b[:n]
}

// rawRows maps each ent_num of an sdn.csv to its raw record line and its
// name: the brute-force view of a version, independent of the loader.
// OFAC's file has one record per CRLF-terminated line (no quoted line
// breaks), ent_num first; the name is read only from records that change.
func rawRows(t *testing.T, data []byte) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for _, l := range strings.Split(string(data), "\r\n") {
		id, _, ok := strings.Cut(l, ",")
		if !ok {
			continue // the trailing 0x1A line
		}
		out[strings.TrimSpace(id)] = [2]string{l, ""}
	}
	return out
}

// rawName is the SDN_Name of a raw record line.
func rawName(t *testing.T, line string) string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(line))
	rec, err := r.Read()
	if err != nil || len(rec) < 2 {
		t.Fatalf("brute force read of %q: %v", line, err)
	}
	return rec[1]
}

// rawDiff is the brute-force diff of two versions: ent_nums added,
// removed, and present in both with a different record.
func rawDiff(old, new map[string][2]string) (added, removed, changed []string) {
	for id, n := range new {
		o, ok := old[id]
		switch {
		case !ok:
			added = append(added, id)
		case o[0] != n[0]:
			changed = append(changed, id)
		}
	}
	for id := range old {
		if _, ok := new[id]; !ok {
			removed = append(removed, id)
		}
	}
	for _, s := range [][]string{added, removed, changed} {
		sort.Strings(s)
	}
	return added, removed, changed
}

// historyServer serves one version of sdn.csv at a time, with its blob id
// as ETag and its commit time as Last-Modified, and answers conditional
// requests with 304 (http.ServeContent).
type historyServer struct {
	mu        sync.Mutex
	data      []byte
	etag      string
	modified  time.Time
	requests  atomic.Int64
	notModded atomic.Int64
}

func (s *historyServer) set(v sdnVersion, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data, s.etag, s.modified = data, `"`+v.blob+`"`, v.when
}

func (s *historyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data, etag, mod := s.data, s.etag, s.modified
	s.mu.Unlock()
	s.requests.Add(1)
	w.Header().Set("ETag", etag)
	rw := &statusWriter{ResponseWriter: w}
	http.ServeContent(rw, r, "sdn.csv", mod, bytes.NewReader(data))
	if rw.status == http.StatusNotModified {
		s.notModded.Add(1)
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// bookRecord is one party of the re-screening book.
type bookRecord = screening.Record

// sampleBook turns the parties of the bundled sample order book
// (testdata/orders/sample.csv) into one request each.
func sampleBook(t *testing.T) []screening.Request {
	t.Helper()
	f, err := os.Open("../../testdata/orders/sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []screening.Request
	for i, r := range rows[1:] {
		if r[col["name"]] == "" {
			continue
		}
		out = append(out, screening.Request{ID: fmt.Sprintf("sample:%d:%s", i+2, r[col["id"]]), Destination: "DE",
			Parties: []screening.Party{{Role: screening.RolePurchaser, Name: r[col["name"]], Country: r[col["country"]],
				ParentName: r[col["parent_name"]], ParentCountry: r[col["parent_country"]]}}})
	}
	return out
}

// TestSDNHistoryReplay serves the 309 versions of OFAC's sdn.csv from
// 2021-08-18 to 2024-05-04 (testdata of the project's reference data, a
// git bundle) one after the other to an Updater, as a scheduled job would
// have seen them, and checks the update path on real changes: the sanity
// gate, the diff, conditional requests, the final empty file, and
// re-screening of a book after each change. With -short it re-screens
// after every 10th change only; the rest runs in full.
func TestSDNHistoryReplay(t *testing.T) {
	if testing.Short() {
		// About 50 s of CPU and 2 GB: the README's test command (go test
		// ./...) runs it in full; the -short race run leaves it out.
		t.Skip("-short: the 309-version replay runs without -short")
	}
	bundle := findHistoryBundle(t)
	h := openHistory(t, bundle)
	if len(h.versions) != 309 {
		t.Fatalf("%d versions of sdn.csv in %s, want 309", len(h.versions), bundle)
	}
	ctx := context.Background()
	srv := &historyServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	var now atomic.Pointer[time.Time]
	feed := lists.Feed{Name: "ofac-sdn", Files: []lists.FeedFile{{Name: "sdn.csv", URL: ts.URL + "/sdn.csv"}}}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	u := lists.NewUpdater(dir, lists.WithFeeds(feed), lists.WithLogger(quiet),
		lists.WithClock(func() time.Time { return *now.Load() }))

	// Pass 1, brute force: every version's records compared with the
	// previous version's as raw CSV records, and the names the history
	// touches (added, removed or changed entries).
	type rawChange struct {
		n                       int
		added, removed, changed []string
	}
	want := make([]rawChange, len(h.versions))
	touched := map[string]bool{}
	var prevRaw map[string][2]string
	for i := range h.versions {
		raw := rawRows(t, h.read(t, i))
		a, r, c := rawDiff(prevRaw, raw)
		want[i] = rawChange{len(raw), a, r, c}
		if len(raw) == 0 {
			continue // the empty file: compared with the last good version below
		}
		if i > 0 {
			for _, id := range slices.Concat(a, c) {
				touched[rawName(t, raw[id][0])] = true
			}
			for _, id := range r {
				touched[rawName(t, prevRaw[id][0])] = true
			}
		}
		prevRaw = raw
	}
	book := sampleBook(t)
	names := make([]string, 0, len(touched))
	for n := range touched {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		book = append(book, screening.Request{ID: fmt.Sprintf("history:%d", i), Destination: "DE",
			Parties: []screening.Party{{Role: screening.RolePurchaser, Name: n}}})
	}

	// Re-screening the whole book is the expensive part (an index build and
	// 8,600 screenings per version), so it is checked at every 20th version
	// (every 100th with -short), at the 5 versions with the most changes
	// and at the last complete one; the book is screened on the version
	// before each of those, so every check starts from decisions stored on
	// the data it replaces.
	const stride = 20
	last := len(h.versions) - 2 // the last complete version; the last one is empty
	byChanges := make([]int, 0, len(h.versions))
	for i := 1; i <= last; i++ {
		byChanges = append(byChanges, i)
	}
	sort.SliceStable(byChanges, func(a, b int) bool {
		return len(want[byChanges[a]].added)+len(want[byChanges[a]].removed)+len(want[byChanges[a]].changed) >
			len(want[byChanges[b]].added)+len(want[byChanges[b]].removed)+len(want[byChanges[b]].changed)
	})
	checks := map[int]bool{last: true}
	for _, i := range byChanges[:5] {
		checks[i] = true
	}
	for i := stride; i <= last; i += stride {
		checks[i] = true
	}
	var (
		scr        *screening.Screener
		records    []bookRecord
		accepted   int
		rejected   []string
		diffSizes  []int
		rescreens  int
		flagged    int
		rescreenNS time.Duration
		maxShrink  float64
		maxShrinkV string
		prevCount  int
		drifts     []string
		fullNS     time.Duration
	)
	screenAll := func() {
		records = make([]bookRecord, len(book))
		var wg sync.WaitGroup
		var failed atomic.Pointer[error]
		const workers = 2
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := w; j < len(book); j += workers {
					d, err := scr.Screen(ctx, book[j])
					if err != nil {
						err = fmt.Errorf("%s: %w", book[j].ID, err)
						failed.Store(&err)
						return
					}
					records[j] = bookRecord{Request: book[j], Decision: d}
				}
			}()
		}
		wg.Wait()
		if err := failed.Load(); err != nil {
			t.Fatal(*err)
		}
	}
	for i, v := range h.versions {
		data := h.read(t, i)
		srv.set(v, data)
		at := v.when.Add(time.Hour)
		now.Store(&at)
		prev := u.Current()
		snap, rep, err := u.Update(ctx)
		if len(data) == 0 {
			// The last version: a failed download that the scraper committed.
			if i != len(h.versions)-1 {
				t.Errorf("version %d (%s) is empty; only the last one should be", i, v.commit[:7])
			}
			if !errors.Is(err, lists.ErrUpdateRejected) || !errors.Is(err, lists.ErrEmptyFile) || rep.Accepted ||
				rep.Reason != "1 of 1 downloads failed" || snap != prev || u.Current() != prev {
				t.Errorf("empty sdn.csv: err %v, accepted %v, reason %q, kept last good %v", err, rep.Accepted, rep.Reason, snap == prev)
			}
			rejected = append(rejected, fmt.Sprintf("%s %s: %s", v.when.Format(time.DateOnly), v.commit[:7], rep.Reason))
			// The last good list is persisted: a restarted process reads it.
			last, err := lists.LoadLastGood(dir)
			if err != nil {
				t.Fatalf("after the empty file: %v", err)
			}
			if d := lists.Diff(prev, last); !d.Empty() || last.Len() != prev.Len() {
				t.Errorf("LoadLastGood after the empty file differs from the last good list: %s", d)
			}
			// And it keeps serving: a later update against the same broken
			// server is rejected again, the last good list stays current.
			if _, _, err := u.Update(ctx); !errors.Is(err, lists.ErrUpdateRejected) || u.Current() != prev {
				t.Errorf("second update against the empty file: %v, current kept %v", err, u.Current() == prev)
			}
			continue
		}
		n := want[i].n
		if prevCount > 0 && n < prevCount {
			if f := float64(prevCount-n) / float64(prevCount); f > maxShrink {
				maxShrink, maxShrinkV = f, fmt.Sprintf("%s %s: %d -> %d", v.when.Format(time.DateOnly), v.commit[:7], prevCount, n)
			}
		}
		if err != nil {
			rejected = append(rejected, fmt.Sprintf("%s %s: %s", v.when.Format(time.DateOnly), v.commit[:7], rep.Reason))
			t.Errorf("version %d (%s, %s) rejected: %v", i, v.commit[:7], v.when.Format(time.DateOnly), err)
			continue
		}
		if !rep.Accepted || snap == nil || snap.Len() != n {
			t.Fatalf("version %d (%s): accepted %v, %v entries, want %d (reason %q)", i, v.commit[:7], rep.Accepted, snap.Len(), n, rep.Reason)
		}
		accepted++
		prevCount = n
		// The diff equals the brute-force comparison of the raw records.
		wa, wr, wc := want[i].added, want[i].removed, want[i].changed
		var sd lists.SourceDiff
		for _, s := range rep.Diff.Sources {
			if s.Source == lists.SourceSDN {
				sd = s
			}
		}
		ga, gr, gc := ids(sd.Added), ids(sd.Removed), changedIDs(sd.Changed)
		if !slices.Equal(ga, wa) || !slices.Equal(gr, wr) || !slices.Equal(gc, wc) {
			t.Errorf("version %d (%s): diff +%v -%v ~%v; brute force +%v -%v ~%v", i, v.commit[:7], ga, gr, gc, wa, wr, wc)
		}
		if i > 0 {
			diffSizes = append(diffSizes, len(wa)+len(wr)+len(wc))
		}
		// A conditional request for the same version is answered 304 and
		// the update reports "not modified".
		before := srv.notModded.Load()
		if s2, rep2, err := u.Update(ctx); err != nil || rep2.Reason != "not modified" || s2.Len() != n || srv.notModded.Load() != before+1 {
			t.Errorf("version %d (%s) fetched again: err %v, reason %q, 304s %d", i, v.commit[:7], err, rep2.Reason, srv.notModded.Load()-before)
		}

		// Re-screening: Rescreen after the change flags exactly the book
		// entries whose outcome a full re-screen changes.
		check, prep := checks[i], checks[i+1]
		switch {
		case scr == nil:
			scr, err = screening.New(ctx, screening.WithLists(snap), screening.WithoutLocator(), screening.WithLogger(quiet),
				screening.WithClock(func() time.Time { return *now.Load() }))
			if err != nil {
				t.Fatal(err)
			}
			screenAll()
		case check:
			if err := scr.Reload(ctx, screening.WithLists(snap)); err != nil {
				t.Fatal(err)
			}
			t0 := time.Now()
			res, err := scr.Rescreen(ctx, rep.Diff, records)
			if err != nil {
				t.Fatal(err)
			}
			rescreenNS += time.Since(t0)
			rescreens++
			got := map[string]bool{}
			for _, r := range res {
				if r.Changed {
					got[r.Record.Request.ID] = true
				}
			}
			flagged += len(got)
			old := slices.Clone(records)
			t0 = time.Now()
			screenAll()
			fullNS += time.Since(t0)
			for j, rec := range records {
				id := rec.Request.ID
				full := rec.Decision.Outcome != old[j].Decision.Outcome
				switch {
				case full == got[id]:
				case full && drifted(rep.Diff, old[j].Decision, rec.Decision):
					// Name scores weigh words by how rare they are in the
					// whole list, so changes elsewhere in the list can move
					// an unchanged entry's score across the threshold.
					drifts = append(drifts, fmt.Sprintf("%s %q: %s -> %s", v.when.Format(time.DateOnly), rec.Request.Parties[0].Name,
						old[j].Decision.Outcome, rec.Decision.Outcome))
				default:
					t.Errorf("version %d (%s): %s %q: full re-screen %s -> %s, Rescreen flagged %v",
						i, v.commit[:7], id, rec.Request.Parties[0].Name, old[j].Decision.Outcome, rec.Decision.Outcome, got[id])
				}
			}
		case prep:
			// -short: the book is screened on the version before the next
			// checked one, so that check starts from stored decisions of
			// the version it follows.
			if err := scr.Reload(ctx, screening.WithLists(snap)); err != nil {
				t.Fatal(err)
			}
			screenAll()
		}
	}
	sort.Ints(diffSizes)
	t.Logf("replayed %d versions (%s to %s): %d accepted, %d rejected %v", len(h.versions),
		h.versions[0].when.Format(time.DateOnly), h.versions[len(h.versions)-1].when.Format(time.DateOnly), accepted, len(rejected), rejected)
	t.Logf("changes per version (entries added+removed+changed): median %d, max %d; largest shrink %.2f%% (%s)",
		diffSizes[len(diffSizes)/2], diffSizes[len(diffSizes)-1], maxShrink*100, maxShrinkV)
	t.Logf("book %d requests (%d sample parties, %d names the history touches); %d re-screens flagged %d changed outcomes; Rescreen took %v each, a full re-screen of the book (2 workers) %v each",
		len(book), len(book)-len(names), len(names), rescreens, flagged, (rescreenNS / time.Duration(max(rescreens, 1))).Round(time.Millisecond),
		(fullNS / time.Duration(max(rescreens, 1))).Round(time.Millisecond))
	t.Logf("outcomes a full re-screen changes but Rescreen does not flag, all within %.2f of the threshold on unchanged entries (score drift): %d %v",
		driftMargin, len(drifts), drifts)
	if accepted != len(h.versions)-1 || len(rejected) != 1 {
		t.Errorf("%d accepted, %d rejected; want every real version accepted and the empty one rejected", accepted, len(rejected))
	}
}

// driftMargin is how close to the match threshold a score must be for an
// unflagged outcome change to count as score drift.
const driftMargin = 0.02

// drifted reports whether an outcome change between two decisions comes
// only from matches on entries the diff did not touch whose scores lie
// within driftMargin of the threshold: a match that appeared or
// disappeared because the list's word statistics moved.
func drifted(d lists.SnapshotDiff, old, new screening.Decision) bool {
	touched := map[string]bool{}
	for _, s := range d.Sources {
		for _, e := range slices.Concat(s.Added, s.Removed) {
			touched[e.Key()] = true
		}
		for _, c := range s.Changed {
			touched[c.Key] = true
		}
	}
	type key struct{ list, id string }
	scores := func(dec screening.Decision) map[key]float64 {
		m := map[key]float64{}
		for _, x := range dec.Matches {
			m[key{x.List, x.EntryID}] = max(m[key{x.List, x.EntryID}], x.Score)
		}
		return m
	}
	om, nm := scores(old), scores(new)
	diff := 0
	for _, pair := range [][2]map[key]float64{{om, nm}, {nm, om}} {
		for k, sc := range pair[0] {
			if _, ok := pair[1][k]; ok {
				continue
			}
			diff++
			if touched[k.list+":"+k.id] || sc > match.DefaultThreshold+driftMargin {
				return false
			}
		}
	}
	return diff > 0
}

func ids(es []*lists.Entry) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.ID)
	}
	sort.Strings(out)
	return out
}

func changedIDs(cs []lists.EntryChange) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, strings.TrimPrefix(c.Key, "SDN:"))
	}
	sort.Strings(out)
	return out
}
