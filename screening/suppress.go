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
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/partykey"
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
// the hit is acceptable, or that the party is the entry (Confirmed). It is
// keyed by the party's name key and the entry's content hash, so it lapses
// by itself when the entry changes.
//
// The name key is versioned (partykey.Scheme): a stored record carries the
// version that made Party (party_key_version in a FileStore's file, absent
// for version 1, so records written before keys were versioned read as
// version 1 and today's files are unchanged) and, when known, the name it
// was made from (party_name). A store re-keys a record made by an older
// version as it loads it, so a change to the name normaliser never voids
// what reviewers decided. Neither field is part of a Decision's JSON.
type Suppression struct {
	Party string `json:"party"` // the party's name key (see PartyKey)
	// PartyKeyVersion is the version of the name key Party was made with
	// (zero: version 1); a store sets it to the current version when it is
	// zero in Add.
	PartyKeyVersion namekey.Version `json:"-"`
	// PartyName is the party's name as screened, if known: a re-key starts
	// from it rather than from the old key.
	PartyName string    `json:"-"`
	EntryKey  string    `json:"entry_key"`  // "SOURCE:ID"
	EntryHash string    `json:"entry_hash"` // content hash of the entry when reviewed
	Kind      string    `json:"kind"`       // NotAMatch, Accepted or Confirmed
	Reason    string    `json:"reason"`
	Reviewer  string    `json:"reviewer"`
	Created   time.Time `json:"created"`
	Expires   time.Time `json:"expires,omitzero"` // zero: never
}

// suppressionLine is a Suppression as one line of a FileStore's file: its
// JSON fields and the party key's version (omitted for version 1) and name.
type suppressionLine struct {
	Suppression
	PartyKeyVersion namekey.Version `json:"party_key_version,omitempty"`
	PartyName       string          `json:"party_name,omitempty"`
}

func lineOf(s Suppression) suppressionLine {
	v := s.PartyKeyVersion
	if v == 1 {
		v = 0
	}
	return suppressionLine{Suppression: s, PartyKeyVersion: v, PartyName: s.PartyName}
}

// EntryKey returns the key of the list entry m matched.
func (m MatchRecord) EntryKey() rules.EntryKey {
	return rules.EntryKey{Source: rules.ListSource(m.List), ID: m.EntryID}
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

// StoreOption configures a MemoryStore or FileStore.
type StoreOption func(*storeConfig)

type storeConfig struct {
	keys *namekey.Scheme
}

// WithPartyKeys sets the party-name key scheme records are re-keyed to as
// they load (default partykey.Scheme(), the one PartyKey uses). Lookups
// must use keys of the scheme's current version.
func WithPartyKeys(s *namekey.Scheme) StoreOption {
	return func(c *storeConfig) {
		if s != nil {
			c.keys = s
		}
	}
}

// MemoryStore is an in-memory SuppressionStore.
type MemoryStore struct {
	mu      sync.RWMutex
	m       map[suppressionKey]Suppression
	keys    *namekey.Scheme
	rekeyed int
	// records is len(m), readable without the lock (see empty).
	records atomic.Int64
}

// empty reports whether the store holds no record: then no hit needs a
// party key or a look-up.
func (m *MemoryStore) empty() bool { return m.records.Load() == 0 }

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore(opts ...StoreOption) *MemoryStore {
	c := storeConfig{keys: partykey.Scheme()}
	for _, o := range opts {
		o(&c)
	}
	return &MemoryStore{m: make(map[suppressionKey]Suppression), keys: c.keys}
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
	m.stamp(&s)
	m.mu.Lock()
	m.put(s)
	m.mu.Unlock()
	return nil
}

// stamp sets the key version of a new record that states none: its caller
// made Party with PartyKey, the current version.
func (m *MemoryStore) stamp(s *Suppression) {
	if s.PartyKeyVersion == 0 {
		s.PartyKeyVersion = m.keys.Current()
	}
}

// put stores s under its party key, re-keyed to the current version if an
// older one made it. A key from a version newer than this program knows is
// kept as it is: it matches nothing here, and stays in the file for the
// program that wrote it.
func (m *MemoryStore) put(s Suppression) {
	if k, err := m.keys.Rekey(namekey.Key{Version: s.PartyKeyVersion, Text: s.Party}, s.PartyName); err == nil && k.Version != max(s.PartyKeyVersion, 1) {
		s.Party, s.PartyKeyVersion = k.Text, k.Version
		m.rekeyed++
	}
	k := suppressionKey{s.Party, s.EntryKey}
	if _, ok := m.m[k]; !ok {
		m.records.Add(1)
	}
	m.m[k] = s
}

// Rekeyed returns how many records were made by an older version of the
// party-name key and were re-keyed to the current one as they loaded.
func (m *MemoryStore) Rekeyed() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.rekeyed
}

// FileStore is a SuppressionStore backed by an append-only JSONL file. Each
// Add writes one line and fsyncs before returning, so a record that Add
// reported as stored survives a crash. Several processes may share the
// file: every write, and every repair on open, happens under an exclusive
// file lock, so no process cuts or overwrites a line another is writing.
//
// Nothing in the file is ever deleted or truncated. A line torn by a
// crashed writer is ended with a newline (by the next OpenFileStore or Add)
// so that the next record starts on a line of its own; a complete line
// that is not a valid record is skipped and copied to the quarantine file
// (path + ".quarantine") for a person to look at, and reported by
// Quarantined.
type FileStore struct {
	mem         *MemoryStore
	mu          sync.Mutex // serialises writers and refreshes; guards f and readOff
	f           *os.File
	path        string
	recovered   int64 // bytes of a torn tail ended with a newline on open
	readOff     int64 // how far the file has been read into mem
	lines       int   // complete lines seen by load
	quarantined []QuarantinedLine
	// write appends b to the file; tests replace it to inject faults such
	// as a full disk.
	write func(f *os.File, b []byte) (int, error)
}

// QuarantinedLine is a complete line of a suppression file that is not a
// valid record. It stays in the file; a copy goes to the quarantine file.
type QuarantinedLine struct {
	Line   int    `json:"line"`   // 1-based line number in the suppression file
	Offset int64  `json:"offset"` // byte offset of the line's start
	Err    string `json:"error"`  // why it was not loaded
	Text   string `json:"text"`   // the line, without its newline
}

// maxQuarantineText bounds the copy of one bad line in the quarantine file
// and in Quarantined (the whole line stays in the suppression file).
const maxQuarantineText = 4096

// OpenFileStore opens (creating if needed) the JSONL file at path and loads
// its records. It takes the file lock before reading, so it never sees (or
// repairs) a line another process is still writing. A torn last line left
// by a crashed writer is ended with a newline; invalid lines are
// quarantined (see FileStore), not an error: the records around them load.
//
// Records made by an older version of the party-name key are re-keyed to
// the current one in memory (see Suppression, Rekeyed); the file keeps them
// as they were written.
func OpenFileStore(path string, opts ...StoreOption) (*FileStore, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("suppression store: %w", err)
	}
	fs := &FileStore{mem: NewMemoryStore(opts...), f: f, path: path, write: (*os.File).Write}
	if err := fs.open(); err != nil {
		f.Close()
		return nil, err
	}
	return fs, nil
}

// open loads the file under the lock and ends a torn tail.
func (fs *FileStore) open() error {
	unlock, err := lockFile(fs.f)
	if err != nil {
		return fmt.Errorf("suppression store %s: lock: %w", fs.path, err)
	}
	defer unlock()
	if _, err := fs.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("suppression store %s: %w", fs.path, err)
	}
	good, bad, err := fs.load(fs.f)
	if err != nil {
		return err
	}
	end, err := fs.f.Seek(0, io.SeekEnd)
	if err != nil {
		return fmt.Errorf("suppression store %s: %w", fs.path, err)
	}
	fs.readOff = end
	if good < end {
		// We hold the lock, so no live writer owns these bytes: a writer
		// crashed mid-line. End the line; it is quarantined with the rest.
		tail := make([]byte, end-good)
		if _, err := fs.f.ReadAt(tail, good); err != nil {
			return fmt.Errorf("suppression store %s: reading the torn tail: %w", fs.path, err)
		}
		fs.recovered = end - good
		if _, err := fs.write(fs.f, []byte{'\n'}); err != nil {
			return fmt.Errorf("suppression store %s: ending the torn last line: %w", fs.path, err)
		}
		if err := fs.f.Sync(); err != nil {
			return fmt.Errorf("suppression store %s: %w", fs.path, err)
		}
		fs.readOff = end + 1
		// Now a complete line: a record whose writer stopped just before
		// the newline loads, anything else is quarantined.
		if rec, err := parseSuppression(bytes.TrimSpace(tail)); err == nil {
			fs.mem.put(rec)
		} else if len(bytes.TrimSpace(tail)) > 0 {
			bad = append(bad, quarantine(fs.lines+1, good, tail, fmt.Errorf("torn line (no newline at the end of the file: a writer stopped mid-record): %w", err)))
		}
	}
	if len(bad) > 0 {
		if err := fs.writeQuarantine(bad); err != nil {
			return err
		}
		fs.quarantined = bad
	}
	return nil
}

func quarantine(line int, off int64, text []byte, err error) QuarantinedLine {
	text = bytes.TrimRight(text, "\r\n")
	if len(text) > maxQuarantineText {
		text = text[:maxQuarantineText]
	}
	return QuarantinedLine{Line: line, Offset: off, Err: err.Error(), Text: string(text)}
}

// load reads every complete line, loading valid records and returning the
// invalid ones, and the offset just past the last complete line.
func (fs *FileStore) load(r io.Reader) (int64, []QuarantinedLine, error) {
	br := bufio.NewReader(r)
	var off int64
	var bad []QuarantinedLine
	fs.lines = 0
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] != '\n' {
			return off, bad, nil // a torn tail: the caller ends it
		}
		if len(b) > 0 {
			fs.lines = line
			if trimmed := bytes.TrimSpace(b); len(trimmed) > 0 {
				s, perr := parseSuppression(trimmed)
				if perr != nil {
					bad = append(bad, quarantine(line, off, b, perr))
				} else {
					fs.mem.put(s)
				}
			}
			off += int64(len(b))
		}
		if err == io.EOF {
			return off, bad, nil
		}
		if err != nil {
			return 0, nil, fmt.Errorf("suppression store %s:%d: %w", fs.path, line, err)
		}
	}
}

func parseSuppression(b []byte) (Suppression, error) {
	var l suppressionLine
	if err := json.Unmarshal(b, &l); err != nil {
		return l.Suppression, err
	}
	s := l.Suppression
	s.PartyKeyVersion, s.PartyName = l.PartyKeyVersion, l.PartyName
	return s, s.Validate()
}

// writeQuarantine appends to the quarantine file the bad lines it does not
// hold yet (by offset, so reopening does not copy a line twice). Called
// with the store's file lock held.
func (fs *FileStore) writeQuarantine(bad []QuarantinedLine) error {
	qpath := fs.path + ".quarantine"
	seen := map[int64]bool{}
	if b, err := os.ReadFile(qpath); err == nil {
		for _, l := range bytes.Split(b, []byte{'\n'}) {
			var q QuarantinedLine
			if json.Unmarshal(l, &q) == nil {
				seen[q.Offset] = true
			}
		}
	}
	var out []byte
	for _, q := range bad {
		if seen[q.Offset] {
			continue
		}
		b, err := json.Marshal(q)
		if err != nil {
			return err
		}
		out = append(append(out, b...), '\n')
	}
	if len(out) == 0 {
		return nil
	}
	qf, err := os.OpenFile(qpath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("suppression store %s: quarantine: %w", fs.path, err)
	}
	_, err = qf.Write(out)
	if err == nil {
		err = qf.Sync()
	}
	if cerr := qf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("suppression store %s: quarantine: %w", fs.path, err)
	}
	return nil
}

// Quarantined returns the lines found invalid when the store was opened,
// each with its line number and why. They stay in the file and are copied
// to path + ".quarantine".
func (fs *FileStore) Quarantined() []QuarantinedLine { return slices.Clone(fs.quarantined) }

// Rekeyed returns how many records made by an older version of the
// party-name key were re-keyed as they loaded.
func (fs *FileStore) Rekeyed() int { return fs.mem.Rekeyed() }

// Recovered returns how many bytes of a torn final record OpenFileStore
// found (and ended with a newline, then quarantined). Nothing is dropped.
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
// does not parse is skipped (the next OpenFileStore quarantines it).
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
		if s, err := parseSuppression(buf[:i]); err == nil {
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
	fs.mem.stamp(&s)
	b, err := json.Marshal(lineOf(s))
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
	// A writer that died mid-line (or a write cut short by a full disk)
	// leaves the file without a final newline: start a new line, so this
	// record is not glued onto the torn one.
	torn, werr := fs.endsTorn()
	if torn {
		b = append([]byte{'\n'}, b...)
	}
	if werr == nil {
		_, werr = fs.write(fs.f, b)
	}
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

// endsTorn reports whether the file's last byte is not a newline. Called
// with the file lock held.
func (fs *FileStore) endsTorn() (bool, error) {
	st, err := fs.f.Stat()
	if err != nil || st.Size() == 0 {
		return false, err
	}
	var last [1]byte
	if _, err := fs.f.ReadAt(last[:], st.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
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
