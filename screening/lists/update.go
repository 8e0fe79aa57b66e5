package lists

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
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
	lastGoodErr := u.recoverIfNone(ctx)
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

	newState, fetched, feeds, fetchErrs, err := u.fetchAll(ctx, staging, curDir, state)
	rep.Feeds = feeds
	if err != nil {
		return reject("cannot write the staging directory", err)
	}
	changed := cur == nil || fetched
	if len(fetchErrs) > 0 {
		return reject(fmt.Sprintf("%d of %d downloads failed", len(fetchErrs), len(rep.Feeds)), errors.Join(fetchErrs...))
	}
	u.step(stepFetched)
	if !changed && cur != nil {
		rep.Reason = "not modified"
		return u.confirmCurrent(cur, curDir, newState), rep, nil
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
	if reason, err := u.swapIn(staging, curDir); err != nil {
		return reject(reason, err)
	}
	u.current.Store(snap)
	rep.Accepted = true
	u.log.Info("list update accepted", "dir", u.dir, "entries", snap.Len(), "changes", rep.Diff.String())
	return snap, rep, nil
}

// recoverIfNone makes the last good snapshot on disk current when there
// is no current one (the first Update of this Updater), and returns the
// error of a last good copy that exists but does not load.
func (u *Updater) recoverIfNone(ctx context.Context) error {
	if u.current.Load() != nil {
		return nil
	}
	s, err := u.recoverLastGood(ctx)
	if s != nil {
		u.current.Store(s)
	}
	return err
}

// confirmCurrent records that the server confirmed the current lists
// (every file not modified): the new fetch times are stored in curDir and
// in the current snapshot, which it returns.
func (u *Updater) confirmCurrent(cur *Snapshot, curDir string, newState updateState) *Snapshot {
	if err := writeState(curDir, newState); err != nil {
		u.log.Warn("cannot record the server's confirmation; the lists age from the previous one", "dir", u.dir, "err", err)
	}
	cur = cur.withFetchedAt(newState, u.feeds)
	u.current.Store(cur)
	return cur
}

// fetchAll downloads every file of every feed into staging, conditionally
// on the validators in state; a file the server reports not modified is
// copied from curDir. It returns the state of the new files, whether any
// file changed, and one report a file; each failed download is in its
// report and in errs. err is set only when staging cannot be written.
func (u *Updater) fetchAll(ctx context.Context, staging, curDir string, state updateState) (newState updateState, changed bool, reports []FeedReport, errs []error, err error) {
	newState = updateState{Feeds: u.feeds, Files: map[string]feedState{}}
	for _, f := range u.feeds {
		if err := os.MkdirAll(filepath.Join(staging, f.Name), 0o755); err != nil {
			return newState, changed, reports, errs, err
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
			reports = append(reports, fr)
			if fr.Err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", ff.URL, fr.Err))
				continue
			}
			newState.Files[key] = st
		}
	}
	return newState, changed, reports, errs, nil
}

// swapIn makes the staged files current: current -> .old, staging ->
// current, then .old is removed. A crash between the two renames leaves no
// current but a complete .old, which recoverLastGood puts back. On failure
// it returns why, for the rejection, and the error.
func (u *Updater) swapIn(staging, curDir string) (string, error) {
	old := filepath.Join(u.dir, ".old")
	if err := os.RemoveAll(old); err != nil {
		return "cannot remove the previous copy", err
	}
	if _, err := os.Stat(curDir); err == nil {
		if err := os.Rename(curDir, old); err != nil {
			return "cannot swap in the new files", err
		}
		u.step(stepOldMoved)
	}
	if err := os.Rename(staging, curDir); err != nil {
		if rerr := os.Rename(old, curDir); rerr != nil {
			err = errors.Join(err, fmt.Errorf("putting back the last good files: %w", rerr))
		}
		return "cannot swap in the new files", err
	}
	if err := syncDir(u.dir); err != nil {
		// The rename is done but may not survive a power loss: say so, and
		// still use the data (the on-disk state is valid either way).
		u.log.Warn("cannot sync the update directory after the swap", "dir", u.dir, "err", err)
	}
	u.step(stepNewMoved)
	os.RemoveAll(old)
	u.step(stepSwapped)
	return "", nil
}
