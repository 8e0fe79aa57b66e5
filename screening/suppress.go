package screening

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Suppression kinds.
const (
	// NotAMatch records that the party is not the listed entry (a false positive).
	NotAMatch = "not_a_match"
	// Accepted records that the hit is known and acceptable (for example a
	// license is held).
	Accepted = "accepted"
	// Confirmed records that the party is the listed entry: the hit is
	// confirmed (party.listed, the list's outcome) whatever its score.
	Confirmed = "confirmed"
)

// Suppression is a reviewer's record that a party is not a list entry, that
// the hit is acceptable, or that the party is the entry (Confirmed). It is keyed by the normalised party and the
// entry's content hash, so it lapses by itself when the entry changes.
type Suppression struct {
	Party     string    `json:"party"`      // normalised party key (see PartyKey)
	EntryKey  string    `json:"entry_key"`  // "SOURCE:ID"
	EntryHash string    `json:"entry_hash"` // content hash of the entry when reviewed
	Kind      string    `json:"kind"`       // NotAMatch, Accepted or Confirmed
	Reason    string    `json:"reason"`
	Reviewer  string    `json:"reviewer"`
	Created   time.Time `json:"created"`
	Expires   time.Time `json:"expires,omitzero"` // zero: never
}

// Validate reports what is missing from s.
func (s *Suppression) Validate() error {
	var errs []error
	if s.Party == "" {
		errs = append(errs, errors.New("party is empty"))
	}
	if s.EntryKey == "" {
		errs = append(errs, errors.New("entry_key is empty"))
	}
	if s.EntryHash == "" {
		errs = append(errs, errors.New("entry_hash is empty"))
	}
	if s.Kind != NotAMatch && s.Kind != Accepted && s.Kind != Confirmed {
		errs = append(errs, fmt.Errorf("kind %q: want %q, %q or %q", s.Kind, NotAMatch, Accepted, Confirmed))
	}
	if s.Reviewer == "" {
		errs = append(errs, errors.New("reviewer is empty"))
	}
	if s.Reason == "" {
		errs = append(errs, errors.New("reason is empty"))
	}
	return errors.Join(errs...)
}

// active reports whether s applies at t.
func (s *Suppression) active(t time.Time) bool {
	return s.Expires.IsZero() || t.Before(s.Expires)
}

// SuppressionStore keeps reviewer records. Implementations are safe for
// concurrent use.
type SuppressionStore interface {
	// Lookup returns the record for party and entry if one is in force at t
	// and was made against the same entry content (hash).
	Lookup(party, entryKey, entryHash string, t time.Time) (Suppression, bool)
	// Add records s durably before returning.
	Add(ctx context.Context, s Suppression) error
}

type suppressionKey struct{ party, entry string }

// MemoryStore is an in-memory SuppressionStore.
type MemoryStore struct {
	mu sync.RWMutex
	m  map[suppressionKey]Suppression
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{m: make(map[suppressionKey]Suppression)}
}

// Lookup implements SuppressionStore.
func (m *MemoryStore) Lookup(party, entryKey, entryHash string, t time.Time) (Suppression, bool) {
	m.mu.RLock()
	s, ok := m.m[suppressionKey{party, entryKey}]
	m.mu.RUnlock()
	if !ok || s.EntryHash != entryHash || !s.active(t) {
		return Suppression{}, false
	}
	return s, true
}

// Add implements SuppressionStore. A later record for the same party and
// entry replaces an earlier one.
func (m *MemoryStore) Add(_ context.Context, s Suppression) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	m.mu.Lock()
	m.put(s)
	m.mu.Unlock()
	return nil
}

func (m *MemoryStore) put(s Suppression) {
	m.m[suppressionKey{s.Party, s.EntryKey}] = s
}

// FileStore is a SuppressionStore backed by an append-only JSONL file. Each
// Add writes one line and fsyncs before returning, so a record that Add
// reported as stored survives a crash. A line torn by a crash mid-write is
// detected on open, reported by Recovered, and cut off so later appends
// start on a clean line.
type FileStore struct {
	mem       *MemoryStore
	mu        sync.Mutex // serialises writers and refreshes; guards f and readOff
	f         *os.File
	path      string
	recovered int64 // bytes of a torn tail dropped on open
	readOff   int64 // how far the file has been read into mem
}

// OpenFileStore opens (creating if needed) the JSONL file at path and loads
// its records. A malformed line that is not the last is an error naming the
// line: it means the file was edited or damaged, not torn by a crash.
func OpenFileStore(path string) (*FileStore, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("suppression store: %w", err)
	}
	fs := &FileStore{mem: NewMemoryStore(), f: f, path: path}
	good, err := fs.load(f)
	fs.readOff = good
	if err != nil {
		f.Close()
		return nil, err
	}
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("suppression store %s: %w", path, err)
	}
	if good < end {
		fs.recovered = end - good
		if err := f.Truncate(good); err != nil {
			f.Close()
			return nil, fmt.Errorf("suppression store %s: dropping torn tail: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("suppression store %s: %w", path, err)
		}
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("suppression store %s: %w", path, err)
	}
	return fs, nil
}

// load reads every complete record and returns the offset just past the last
// good line.
func (fs *FileStore) load(r io.Reader) (int64, error) {
	br := bufio.NewReader(r)
	var off int64
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] != '\n' {
			// A last line without its newline was torn by a crash.
			return off, nil
		}
		if len(b) > 0 {
			if trimmed := bytes.TrimSpace(b); len(trimmed) > 0 {
				var s Suppression
				bad := json.Unmarshal(trimmed, &s)
				if bad == nil {
					bad = s.Validate()
				}
				if bad != nil {
					if _, perr := br.Peek(1); perr == io.EOF {
						return off, nil // torn final line that happened to end in newline bytes
					}
					return 0, fmt.Errorf("suppression store %s:%d: %w", fs.path, line, bad)
				}
				fs.mem.put(s)
			}
			off += int64(len(b))
		}
		if err == io.EOF {
			return off, nil
		}
		if err != nil {
			return 0, fmt.Errorf("suppression store %s:%d: %w", fs.path, line, err)
		}
	}
}

// Recovered returns how many bytes of a torn final record were dropped on open.
func (fs *FileStore) Recovered() int64 { return fs.recovered }

// Lookup implements SuppressionStore. It first reads records that other
// processes appended to the file since the last look (one fstat when there
// are none), so a review recorded by another process applies at once.
func (fs *FileStore) Lookup(party, entryKey, entryHash string, t time.Time) (Suppression, bool) {
	fs.refresh()
	return fs.mem.Lookup(party, entryKey, entryHash, t)
}

// refresh loads the complete lines appended since readOff. A line still
// being written (no newline yet) waits for the next refresh; a line that
// does not parse is skipped (OpenFileStore reports such lines).
func (fs *FileStore) refresh() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f == nil {
		return
	}
	st, err := fs.f.Stat()
	if err != nil || st.Size() <= fs.readOff {
		return
	}
	buf := make([]byte, st.Size()-fs.readOff)
	n, _ := fs.f.ReadAt(buf, fs.readOff)
	buf = buf[:n]
	for {
		i := bytes.IndexByte(buf, '\n')
		if i < 0 {
			return
		}
		var s Suppression
		if json.Unmarshal(buf[:i], &s) == nil && s.Validate() == nil {
			fs.mem.mu.Lock()
			fs.mem.put(s)
			fs.mem.mu.Unlock()
		}
		fs.readOff += int64(i + 1)
		buf = buf[i+1:]
	}
}

// Add implements SuppressionStore: the record is written and fsynced before
// it becomes visible to Lookup.
func (fs *FileStore) Add(ctx context.Context, s Suppression) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f == nil {
		return fmt.Errorf("suppression store %s: closed", fs.path)
	}
	// O_APPEND plus an exclusive lock keeps lines whole when several
	// processes share the file.
	unlock, err := lockFile(fs.f)
	if err != nil {
		return fmt.Errorf("suppression store %s: lock: %w", fs.path, err)
	}
	_, werr := fs.f.Write(b)
	if werr == nil {
		werr = fs.f.Sync()
	}
	unlock()
	if werr != nil {
		return fmt.Errorf("suppression store %s: %w", fs.path, werr)
	}
	fs.mem.mu.Lock()
	fs.mem.put(s)
	fs.mem.mu.Unlock()
	return nil
}

// Close closes the file.
func (fs *FileStore) Close() error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f == nil {
		return nil
	}
	err := fs.f.Close()
	fs.f = nil
	return err
}
