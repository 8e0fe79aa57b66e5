package lists

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Feed is one download unit of the Updater: one file, or a set of files
// loaded together (OFAC's four legacy CSV files), stored under Name in the
// update directory.
type Feed struct {
	Name  string     // directory name under the update dir, e.g. "ofac-sdn"
	Files []FeedFile // the files; OFAC sets list the primary file first
	// Sources keeps only these sources from the feed (nil keeps all), so
	// that feeds do not overlap: the default CSL feed keeps only the
	// Commerce and State lists because OFAC's own files are fetched too.
	Sources []Source
}

// FeedFile is one file of a Feed: where to get it and the name to store
// it under (the name the loaders recognise, e.g. "sdn.csv").
type FeedFile struct {
	Name string
	URL  string
}

// Official download locations used by DefaultFeeds. They are the
// publishers' documented addresses at the time of writing; check them
// before relying on them.
const (
	// URLCSLCSV is trade.gov's Consolidated Screening List, CSV.
	URLCSLCSV = "https://api.trade.gov/static/consolidated_screening_list/consolidated.csv"
	// URLCSLJSON is the same list as JSON ({"results": [...]}).
	URLCSLJSON = "https://api.trade.gov/static/consolidated_screening_list/consolidated.json"
	// URLOFACBase is where OFAC publishes the legacy SDN files
	// (sdn.csv, add.csv, alt.csv, sdn_comments.csv).
	URLOFACBase = "https://www.treasury.gov/ofac/downloads/"
	// URLOFACConsBase is where OFAC publishes the consolidated non-SDN
	// files (cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv).
	URLOFACConsBase = "https://www.treasury.gov/ofac/downloads/consolidated/"
	// URLUN is the UN Security Council Consolidated List XML.
	URLUN = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
)

// DefaultFeeds are the feeds an Updater fetches unless WithFeeds is given:
// the CSL for the BIS and State lists (EL, DPL, UVL, MEU, ISN, DTC), OFAC's
// SDN and non-SDN files for the Treasury lists, and the UN list.
func DefaultFeeds() []Feed {
	return []Feed{
		{Name: "csl", Files: []FeedFile{{"consolidated.csv", URLCSLCSV}},
			Sources: []Source{SourceEL, SourceDPL, SourceUVL, SourceMEU, SourceISN, SourceDTC}},
		{Name: "ofac-sdn", Files: []FeedFile{{"sdn.csv", URLOFACBase + "sdn.csv"}, {"add.csv", URLOFACBase + "add.csv"},
			{"alt.csv", URLOFACBase + "alt.csv"}, {"sdn_comments.csv", URLOFACBase + "sdn_comments.csv"}}},
		{Name: "ofac-cons", Files: []FeedFile{{"cons_prim.csv", URLOFACConsBase + "cons_prim.csv"}, {"cons_add.csv", URLOFACConsBase + "cons_add.csv"},
			{"cons_alt.csv", URLOFACConsBase + "cons_alt.csv"}, {"cons_comments.csv", URLOFACConsBase + "cons_comments.csv"}}},
		{Name: "un", Files: []FeedFile{{"consolidated.xml", URLUN}}},
	}
}

// ErrUpdateRejected is wrapped by the error Update returns when it keeps
// the last good snapshot instead of the new data.
var ErrUpdateRejected = errors.New("list update rejected")

// UpdateOption configures an Updater.
type UpdateOption func(*Updater)

// WithFeeds replaces DefaultFeeds.
func WithFeeds(feeds ...Feed) UpdateOption { return func(u *Updater) { u.feeds = feeds } }

// WithHTTPClient sets the HTTP client (default: a client with the timeout).
func WithHTTPClient(c *http.Client) UpdateOption { return func(u *Updater) { u.client = c } }

// WithTimeout bounds each file download (default 2 minutes).
func WithTimeout(d time.Duration) UpdateOption { return func(u *Updater) { u.timeout = d } }

// WithMaxBytes caps the size of each downloaded file, after gzip decoding
// (default 256 MiB).
func WithMaxBytes(n int64) UpdateOption { return func(u *Updater) { u.maxBytes = n } }

// WithMaxShrink sets the largest fraction by which a source may shrink
// before an update is rejected (default 0.10: losing more than 10% of a
// list's entries at once is more likely a broken file than delistings).
// A negative or NaN fraction counts as 0, so any shrink is rejected; 1 or
// more turns the check off (a source that disappears is still rejected).
func WithMaxShrink(f float64) UpdateOption {
	if !(f >= 0) {
		f = 0
	}
	return func(u *Updater) { u.maxShrink = f }
}

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) UpdateOption { return func(u *Updater) { u.log = l } }

// WithClock sets the clock used for FetchedAt (default time.Now).
func WithClock(now func() time.Time) UpdateOption { return func(u *Updater) { u.now = now } }

// Updater fetches current list files, checks them and keeps the last good
// snapshot, on disk and in memory. It is safe for concurrent use; Update
// calls are serialised.
type Updater struct {
	dir       string
	feeds     []Feed
	client    *http.Client
	timeout   time.Duration
	maxBytes  int64
	maxShrink float64
	log       *slog.Logger
	now       func() time.Time

	mu      sync.Mutex // serialises Update
	current atomic.Pointer[Snapshot]
	// failpoint, if set, is called at each step of an update (the step*
	// constants); tests use it to kill the process there.
	failpoint func(step string)
}

// The steps of Update at which a crash leaves a different state on disk.
const (
	stepFetched  = "fetched"   // new files downloaded into the staging directory
	stepStaged   = "staged"    // staging files and state.json written and fsynced
	stepOldMoved = "old-moved" // current renamed to .old; staging not yet renamed
	stepNewMoved = "new-moved" // staging renamed to current; .old still there
	stepSwapped  = "swapped"   // .old removed
)

func (u *Updater) step(name string) {
	if u.failpoint != nil {
		u.failpoint(name)
	}
}

// NewUpdater returns an Updater keeping its files in dir (created if
// needed). The last good files live in dir/current with their HTTP
// validators and fetch times in dir/current/state.json. One Updater (one
// process) should own dir.
//
// Every file is fsynced before it is renamed into place, and the
// directory after, so an update that Update reported as accepted
// survives a crash or power loss. A crash in the middle of the swap, or a
// damaged dir/current, is recovered on the next Update or LoadLastGood by
// validation: the newest copy whose files load (dir/current, else the
// previous copy dir/.old) is the last good snapshot and the shrink check
// compares with it. If none loads, Update refuses new data rather than
// accept it unchecked.
func NewUpdater(dir string, opts ...UpdateOption) *Updater {
	u := &Updater{dir: dir, feeds: DefaultFeeds(), timeout: 2 * time.Minute, maxBytes: 256 << 20, maxShrink: 0.10,
		log: slog.Default(), now: time.Now}
	for _, o := range opts {
		o(u)
	}
	if u.client == nil {
		u.client = &http.Client{Timeout: u.timeout}
	}
	return u
}

// Current returns the last good snapshot (nil before the first successful
// Update or LoadLastGood).
// It does not wait for an Update in progress.
func (u *Updater) Current() *Snapshot { return u.current.Load() }

// UpdateReport says what an Update did.
type UpdateReport struct {
	Feeds    []FeedReport
	Accepted bool   // the new data became the current snapshot
	Reason   string // why it was rejected, or "not modified"
	Diff     SnapshotDiff
	Reports  []LoadReport // one per loaded file or file set
}

// FeedReport is the download outcome of one file.
type FeedReport struct {
	Feed, File, URL string
	Status          int   // HTTP status, 0 if no response
	NotModified     bool  // 304: the stored copy is current
	Bytes           int64 // bytes stored (after gzip decoding)
	Err             error
}

// feedState is what state.json keeps per file.
type feedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
}

type updateState struct {
	Feeds []Feed               `json:"feeds"`
	Files map[string]feedState `json:"files"` // key: feed/file
}

// Update fetches every feed (conditionally: If-None-Match /
// If-Modified-Since with the stored validators), parses the files, and
// swaps them in only if they pass the sanity gate: every file downloaded
// and parsed without a failed row, and no source shrank by more than the
// allowed fraction or disappeared. Otherwise it keeps the last good
// snapshot, returns it with an error wrapping ErrUpdateRejected, and the
// report says why. When nothing changed it returns the current snapshot
// with Reason "not modified". If no update was ever accepted (and none is
// on disk), a rejected Update returns a nil snapshot: callers must then
// fail closed (hold transactions for review), not screen against nothing.
func (u *Updater) Update(ctx context.Context) (*Snapshot, UpdateReport, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	var rep UpdateReport
	var lastGoodErr error
	if u.current.Load() == nil {
		s, err := u.recoverLastGood(ctx)
		if s != nil {
			u.current.Store(s)
		}
		lastGoodErr = err
	}
	cur := u.current.Load()
	reject := func(reason string, err error) (*Snapshot, UpdateReport, error) {
		rep.Reason = reason
		u.log.Warn("list update rejected; keeping the last good snapshot", "reason", reason, "dir", u.dir)
		if err != nil {
			return cur, rep, fmt.Errorf("%w: %s: %w", ErrUpdateRejected, reason, err)
		}
		return cur, rep, fmt.Errorf("%w: %s", ErrUpdateRejected, reason)
	}
	if cur == nil && lastGoodErr != nil {
		// An earlier update was accepted here, but no copy of it loads: the
		// shrink check would have nothing to compare with.
		return reject(fmt.Sprintf("the last good lists in %s cannot be read, so new lists cannot be checked against them; "+
			"repair or move aside %s and %s to start afresh", u.dir, filepath.Join(u.dir, "current"), filepath.Join(u.dir, ".old")), lastGoodErr)
	}
	if err := os.MkdirAll(u.dir, 0o755); err != nil {
		return reject("cannot create the update directory", err)
	}
	removeStaging(u.dir)
	curDir := filepath.Join(u.dir, "current")
	state, _ := readState(curDir)
	if state.Files == nil {
		state.Files = map[string]feedState{}
	}
	staging, err := os.MkdirTemp(u.dir, ".staging-")
	if err != nil {
		return reject("cannot create a staging directory", err)
	}
	defer os.RemoveAll(staging)

	newState := updateState{Feeds: u.feeds, Files: map[string]feedState{}}
	changed := cur == nil
	var fetchErrs []error
	for _, f := range u.feeds {
		if err := os.MkdirAll(filepath.Join(staging, f.Name), 0o755); err != nil {
			return reject("cannot write the staging directory", err)
		}
		for _, ff := range f.Files {
			key := f.Name + "/" + ff.Name
			prev, havePrev := state.Files[key]
			if havePrev {
				if _, err := os.Stat(filepath.Join(curDir, f.Name, ff.Name)); err != nil {
					havePrev = false
				}
			}
			fr, st := u.fetch(ctx, f, ff, filepath.Join(staging, f.Name, ff.Name), prev, havePrev)
			if fr.NotModified {
				err := copyFile(filepath.Join(curDir, f.Name, ff.Name), filepath.Join(staging, f.Name, ff.Name))
				if err != nil {
					fr.Err = fmt.Errorf("cannot copy the stored file (not modified): %w", err)
				}
			} else if fr.Err == nil {
				changed = true
			}
			rep.Feeds = append(rep.Feeds, fr)
			if fr.Err != nil {
				fetchErrs = append(fetchErrs, fmt.Errorf("%s: %w", ff.URL, fr.Err))
				continue
			}
			newState.Files[key] = st
		}
	}
	if len(fetchErrs) > 0 {
		return reject(fmt.Sprintf("%d of %d downloads failed", len(fetchErrs), len(rep.Feeds)), errors.Join(fetchErrs...))
	}
	u.step(stepFetched)
	if !changed && cur != nil {
		rep.Reason = "not modified"
		// Record that the server confirmed the data is current.
		if err := writeState(curDir, newState); err != nil {
			u.log.Warn("cannot record the server's confirmation; the lists age from the previous one", "dir", u.dir, "err", err)
		}
		cur = cur.withFetchedAt(newState, u.feeds)
		u.current.Store(cur)
		return cur, rep, nil
	}
	snap, reports, err := loadFeeds(ctx, staging, newState)
	rep.Reports = reports
	if err != nil {
		return reject("new files do not parse", err)
	}
	rep.Diff = Diff(cur, snap)
	if err := CheckShrink(cur, snap, u.maxShrink); err != nil {
		_, rep, _ := reject(err.Error(), nil)
		return cur, rep, fmt.Errorf("%w: %w", ErrUpdateRejected, err) // errors.As(err, **ShrinkError)
	}
	if err := writeState(staging, newState); err != nil {
		return reject("cannot write state", err)
	}
	if err := syncTree(staging); err != nil {
		return reject("cannot write the new files durably", err)
	}
	u.step(stepStaged)
	// Swap: current -> .old, staging -> current. A crash between the two
	// renames leaves no current but a complete .old, which
	// recoverLastGood puts back.
	old := filepath.Join(u.dir, ".old")
	if err := os.RemoveAll(old); err != nil {
		return reject("cannot remove the previous copy", err)
	}
	if _, err := os.Stat(curDir); err == nil {
		if err := os.Rename(curDir, old); err != nil {
			return reject("cannot swap in the new files", err)
		}
		u.step(stepOldMoved)
	}
	if err := os.Rename(staging, curDir); err != nil {
		if rerr := os.Rename(old, curDir); rerr != nil {
			err = errors.Join(err, fmt.Errorf("putting back the last good files: %w", rerr))
		}
		return reject("cannot swap in the new files", err)
	}
	if err := syncDir(u.dir); err != nil {
		// The rename is done but may not survive a power loss: say so, and
		// still use the data (the on-disk state is valid either way).
		u.log.Warn("cannot sync the update directory after the swap", "dir", u.dir, "err", err)
	}
	u.step(stepNewMoved)
	os.RemoveAll(old)
	u.step(stepSwapped)
	u.current.Store(snap)
	rep.Accepted = true
	u.log.Info("list update accepted", "dir", u.dir, "entries", snap.Len(), "changes", rep.Diff.String())
	return snap, rep, nil
}

// fetch downloads one file to dst.
func (u *Updater) fetch(ctx context.Context, f Feed, ff FeedFile, dst string, prev feedState, havePrev bool) (FeedReport, feedState) {
	fr := FeedReport{Feed: f.Name, File: ff.Name, URL: ff.URL}
	st := feedState{FetchedAt: u.now().UTC()}
	ctx, cancel := context.WithTimeout(ctx, u.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ff.URL, nil)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if havePrev {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := u.client.Do(req)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	defer resp.Body.Close()
	fr.Status = resp.StatusCode
	switch {
	case resp.StatusCode == http.StatusNotModified && havePrev:
		fr.NotModified = true
		st.ETag, st.LastModified = prev.ETag, prev.LastModified
		if e := resp.Header.Get("ETag"); e != "" {
			st.ETag = e
		}
		return fr, st
	case resp.StatusCode != http.StatusOK:
		fr.Err = fmt.Errorf("HTTP %s", resp.Status)
		return fr, st
	}
	if resp.ContentLength > u.maxBytes {
		fr.Err = fmt.Errorf("file is %d bytes, over the %d-byte cap", resp.ContentLength, u.maxBytes)
		return fr, st
	}
	body := bufio.NewReader(io.LimitReader(resp.Body, u.maxBytes+1))
	var r io.Reader = body
	gz := false
	if magic, _ := body.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) || resp.Header.Get("Content-Encoding") == "gzip" {
		gz = true
		zr, err := gzip.NewReader(body)
		if err != nil {
			fr.Err = fmt.Errorf("bad gzip: %w", err)
			return fr, st
		}
		r = zr
	}
	out, err := os.Create(dst)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	w := &writeErr{w: out}
	n, err := io.Copy(w, io.LimitReader(r, u.maxBytes+1))
	if err == nil {
		w.err = out.Sync()
		err = w.err
	}
	if cerr := out.Close(); err == nil {
		w.err = cerr
		err = cerr
	}
	fr.Bytes = n
	switch {
	case w.err != nil:
		fr.Err = fmt.Errorf("cannot store the file after %d bytes: %w", n, w.err)
	case err != nil && gz:
		fr.Err = fmt.Errorf("bad gzip data after %d bytes: %w", n, err)
	case err != nil:
		fr.Err = fmt.Errorf("download cut short after %d bytes: %w", n, err)
	case n > u.maxBytes:
		fr.Err = fmt.Errorf("file is over the %d-byte cap", u.maxBytes)
	case resp.ContentLength >= 0 && !gz && n != resp.ContentLength:
		fr.Err = fmt.Errorf("download cut short: %d of %d bytes", n, resp.ContentLength)
	case n == 0:
		fr.Err = fmt.Errorf("%w: the server sent no data", ErrEmptyFile)
	}
	st.ETag = resp.Header.Get("ETag")
	st.LastModified = resp.Header.Get("Last-Modified")
	return fr, st
}

// writeErr remembers whether a copy failed writing (a full disk) rather
// than reading (the download).
type writeErr struct {
	w   io.Writer
	err error
}

func (w *writeErr) Write(b []byte) (int, error) {
	n, err := w.w.Write(b)
	if err != nil {
		w.err = err
	}
	return n, err
}

// loadFeeds loads the feed files in dir (laid out as dir/<feed>/<file>).
func loadFeeds(ctx context.Context, dir string, st updateState) (*Snapshot, []LoadReport, error) {
	var sets []SourceSet
	var reports []LoadReport
	var errs []error
	for _, f := range st.Feeds {
		if len(f.Files) == 0 {
			continue
		}
		path := filepath.Join(dir, f.Name, f.Files[0].Name)
		if len(f.Files) > 1 {
			path = filepath.Join(dir, f.Name)
		}
		fs, err := LoadFile(ctx, path)
		if err != nil {
			errs = append(errs, fmt.Errorf("feed %s: %w", f.Name, err))
			continue
		}
		reports = append(reports, fs[0].Report)
		fetched, lastMod := feedDates(f, st)
		for _, s := range fs {
			if s.Report.Failed > 0 {
				errs = append(errs, fmt.Errorf("feed %s: %w", f.Name, &LoadError{Report: s.Report}))
				break
			}
			if f.Sources != nil && !slices.Contains(f.Sources, s.Source) {
				continue
			}
			s.FetchedAt = fetched
			if s.AsOf.IsZero() {
				// The format states no date: date it by the fetch.
				s.AsOf, s.AsOfFrom = lastMod, AsOfLastModified
				if lastMod.IsZero() {
					s.AsOf, s.AsOfFrom = fetched, AsOfFetched
				}
				if s.AsOf.IsZero() {
					s.AsOfFrom = ""
				}
			}
			s.Files = prefixed(f.Name, s.Files)
			sets = append(sets, s)
		}
	}
	if len(errs) > 0 {
		return nil, reports, errors.Join(errs...)
	}
	snap, err := NewSnapshot(sets...)
	return snap, reports, err
}

// feedDates returns when the feed's files were last received or confirmed
// (the latest FetchedAt) and the latest Last-Modified the server sent for
// them, zero unless every file had a valid one.
func feedDates(f Feed, st updateState) (fetched, lastMod time.Time) {
	all := true
	for _, ff := range f.Files {
		fs := st.Files[f.Name+"/"+ff.Name]
		fetched = maxTime(fetched, fs.FetchedAt)
		lm, err := http.ParseTime(fs.LastModified)
		if err != nil {
			all = false
			continue
		}
		lastMod = maxTime(lastMod, lm.UTC())
	}
	if !all || len(f.Files) == 0 {
		return fetched, time.Time{}
	}
	if lastMod.After(fetched) && !fetched.IsZero() {
		lastMod = fetched // a server clock ahead of ours dates nothing in the future
	}
	return fetched, lastMod
}

func prefixed(dir string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = dir + "/" + f
	}
	return out
}

// LoadLastGood loads the last snapshot an Updater accepted into dir, so
// that a process restarted without network still screens against the
// last good data. Sources keep their AsOf and FetchedAt, so callers can
// see how old they are. It recovers by validation from a crash in the
// middle of an update (dir/current missing: the previous copy, dir/.old,
// is used) and from a damaged state.json (the files are loaded by the
// layout of DefaultFeeds and their directory; their fetch dates are lost,
// so sources whose files state no date are undated). It does not change
// dir; the next Update repairs it.
func LoadLastGood(dir string) (*Snapshot, error) {
	snap, _, err := lastGood(context.Background(), dir, DefaultFeeds())
	if snap == nil && err == nil {
		err = fmt.Errorf("lists: no last good snapshot in %s", dir)
	}
	return snap, err
}

// lastGood finds the newest copy in dir whose files load: dir/current,
// else dir/.old. It returns the snapshot and the copy's path; a nil
// snapshot with a nil error means no update was ever accepted into dir.
// feeds gives the layout to load when a copy's state.json is damaged.
func lastGood(ctx context.Context, dir string, feeds []Feed) (*Snapshot, string, error) {
	var errs []error
	found := false
	for _, name := range []string{"current", ".old"} {
		c := filepath.Join(dir, name)
		if _, err := os.Stat(c); err != nil {
			continue
		}
		found = true
		st, err := readState(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c, err))
			st = updateState{Feeds: feedsIn(c, feeds)}
		}
		snap, _, err := loadFeeds(ctx, c, st)
		if err == nil && len(st.Feeds) > 0 {
			return snap, c, nil
		}
		if err == nil {
			err = errors.New("no list files")
		}
		errs = append(errs, fmt.Errorf("%s: %w", c, err))
	}
	if !found {
		return nil, "", nil
	}
	return nil, "", fmt.Errorf("lists: no readable last good snapshot in %s: %w", dir, errors.Join(errs...))
}

// recoverLastGood loads the last good snapshot and, if it had to use the
// previous copy, puts that copy back as dir/current (moving a damaged
// current aside to dir/.damaged-TIME, never deleting it).
func (u *Updater) recoverLastGood(ctx context.Context) (*Snapshot, error) {
	snap, from, err := lastGood(ctx, u.dir, u.feeds)
	if snap == nil {
		return nil, err
	}
	cur := filepath.Join(u.dir, "current")
	if from != cur {
		if _, err := os.Stat(cur); err == nil {
			aside := filepath.Join(u.dir, ".damaged-"+u.now().UTC().Format("20060102T150405Z"))
			if err := os.Rename(cur, aside); err != nil {
				u.log.Warn("cannot move the damaged lists aside", "dir", cur, "err", err)
				return snap, nil
			}
			u.log.Warn("the current lists are damaged; moved aside", "from", cur, "to", aside)
		}
		if err := os.Rename(from, cur); err != nil {
			u.log.Warn("cannot restore the previous lists", "from", from, "err", err)
			return snap, nil
		}
		if err := syncDir(u.dir); err != nil {
			u.log.Warn("cannot sync the update directory", "dir", u.dir, "err", err)
		}
		u.log.Warn("restored the previous lists after an interrupted update", "dir", u.dir)
	}
	return snap, nil
}

// feedsIn returns the feeds whose directories are in dir: those of known
// by name, and any other directory as a feed of all its files.
func feedsIn(dir string, known []Feed) []Feed {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Feed
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if i := slices.IndexFunc(known, func(f Feed) bool { return f.Name == e.Name() }); i >= 0 {
			out = append(out, known[i])
			continue
		}
		files, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		f := Feed{Name: e.Name()}
		for _, fe := range files {
			if fe.Type().IsRegular() {
				f.Files = append(f.Files, FeedFile{Name: fe.Name()})
			}
		}
		out = append(out, f)
	}
	return out
}

// removeStaging removes staging directories left by updates that were
// interrupted before their swap (never accepted, so nothing to keep).
func removeStaging(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, ".staging-*"))
	for _, d := range old {
		os.RemoveAll(d)
	}
}

// withFetchedAt returns a copy of s whose sources' FetchedAt come from st.
func (s *Snapshot) withFetchedAt(st updateState, feeds []Feed) *Snapshot {
	c := *s
	c.sources = slices.Clone(s.sources)
	for i := range c.sources {
		for _, f := range feeds {
			for _, ff := range f.Files {
				if slices.Contains(c.sources[i].Files, f.Name+"/"+ff.Name) {
					c.sources[i].FetchedAt = maxTime(c.sources[i].FetchedAt, st.Files[f.Name+"/"+ff.Name].FetchedAt)
				}
			}
		}
		if c.sources[i].AsOfFrom == AsOfFetched {
			// Dated by the fetch: a 304 is a fetch that confirmed the data.
			c.sources[i].AsOf = c.sources[i].FetchedAt
		}
	}
	return &c
}

func readState(dir string) (updateState, error) {
	var st updateState
	b, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("state.json: %w", err)
	}
	return st, nil
}

// writeState replaces dir/state.json durably: a temporary file, fsynced,
// renamed over the old one, then the directory fsynced. A crash leaves the
// old or the new state, never a torn one.
func writeState(dir string, st updateState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, "state.json.tmp"+strconv.Itoa(os.Getpid()))
	if err := writeFileSync(tmp, b); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, "state.json")); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

func writeFileSync(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir fsyncs a directory, so that the names created or renamed in it
// survive a power loss. Where directories cannot be synced (Windows), it
// does nothing.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil && runtime.GOOS == "windows" {
		return nil
	}
	return err
}

// syncTree fsyncs the directories of the staging tree (its files were
// synced when written).
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		return nil
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
