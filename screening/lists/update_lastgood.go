package lists

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"
)

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
