package records

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver, no cgo

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/partykey"
)

//go:embed migrations
var migrations embed.FS

// DefaultRetention is how long records are kept unless WithRetention says
// longer: five years, the EAR's recordkeeping period (15 CFR 762.6),
// counted as 1,827 days so that two leap days fit.
const DefaultRetention = 1827 * 24 * time.Hour

// minRetention is the shortest retention accepted.
const minRetention = DefaultRetention

// timeLayout is how times are stored: UTC, fixed width, so that text order
// is time order in both backends.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, s)
}

// Entry is what is recorded for one decision: which program made it, the
// request it answered and the decision itself (with its explanation and
// data versions).
type Entry struct {
	// Source names the program that made the decision ("orderservice",
	// "signup", "audit").
	Source   string
	Request  screening.Request
	Decision screening.Decision
	// Key, when not empty, makes storing idempotent: an entry whose Source
	// and Key are already stored is not stored again (AppendAll counts it as
	// already there; Append returns the stored record). A resumed batch run
	// keys each request by run and position. The key is not covered by the
	// chain hash.
	Key string
}

// Record is one stored decision. Request and Decision are the JSON bytes
// that were hashed; Hash covers them, the sequence number, the time, the
// source and PrevHash, so changing any stored byte breaks the chain.
type Record struct {
	Seq        int64           `json:"seq"`
	RecordedAt time.Time       `json:"recorded_at"`
	Source     string          `json:"source"`
	DecisionID string          `json:"decision_id"`
	Outcome    string          `json:"outcome"`
	Request    json.RawMessage `json:"request"`
	Decision   json.RawMessage `json:"decision"`
	PrevHash   string          `json:"prev_hash"`
	Hash       string          `json:"hash"`
}

// DecodeDecision returns the stored decision.
func (r Record) DecodeDecision() (screening.Decision, error) {
	var d screening.Decision
	if err := json.Unmarshal(r.Decision, &d); err != nil {
		return d, fmt.Errorf("record %d: decision: %w", r.Seq, err)
	}
	return d, nil
}

// DecodeRequest returns the stored request.
func (r Record) DecodeRequest() (screening.Request, error) {
	var q screening.Request
	if err := json.Unmarshal(r.Request, &q); err != nil {
		return q, fmt.Errorf("record %d: request: %w", r.Seq, err)
	}
	return q, nil
}

// chainHash is the hash of a record: SHA-256 over a version tag and every
// stored field, each length-prefixed so that no two different records
// encode alike, ending with the previous record's hash.
func chainHash(seq int64, recordedAt, source, decisionID, outcome string, req, dec []byte, prev string) string {
	h := sha256.New()
	var n [8]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte("exportguard-record-v1"))
	put([]byte(strconv.FormatInt(seq, 10)))
	put([]byte(recordedAt))
	put([]byte(source))
	put([]byte(decisionID))
	put([]byte(outcome))
	put(req)
	put(dec)
	put([]byte(prev))
	return hex.EncodeToString(h.Sum(nil))
}

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("records: store closed")

// dialect is what differs between the backends.
type dialect struct {
	name   string // "sqlite" or "postgres"
	goose  goose.Dialect
	driver string
	// lockHead is the clause that locks the chain head row for the rest of
	// the transaction ("FOR UPDATE"); SQLite locks the whole database at
	// BEGIN IMMEDIATE instead.
	lockHead string
	// dollar reports whether placeholders are $1, $2, … rather than ?.
	dollar bool
}

var (
	sqliteDialect   = dialect{name: "sqlite", goose: goose.DialectSQLite3, driver: "sqlite"}
	postgresDialect = dialect{name: "postgres", goose: goose.DialectPostgres, driver: "pgx", lockHead: " FOR UPDATE", dollar: true}
)

// q rewrites ? placeholders for the dialect.
func (d dialect) q(query string) string {
	if !d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Store keeps decision records, the review queue and reviewer
// suppressions in one SQL database (SQLite or PostgreSQL). It is safe for
// concurrent use, and several processes may share one PostgreSQL database
// (or one SQLite file): the chain head is locked in the transaction that
// appends, so the chain stays linear under any number of writers.
//
// Appends are group-committed: records that arrive while a transaction is
// being written go into the next one, and Append returns only after its
// record is committed.
type Store struct {
	db        *sql.DB
	d         dialect
	retention time.Duration
	logger    *slog.Logger
	now       func() time.Time
	maxBatch  int
	partyKeys *namekey.Scheme

	// prepared holds the statements of the append path, prepared once on
	// the database and bound to each transaction with Tx.StmtContext
	// (which reuses a connection's prepared statement): parsing them in every
	// transaction cost more than the inserts when batches are small.
	preparedMu sync.Mutex
	prepared   map[string]*sql.Stmt

	queue   chan *pending
	closing chan struct{}
	done    chan struct{}
	closeMu sync.Once
	closeEr error
}

// Option configures Open.
type Option func(*options)

type options struct {
	retention time.Duration
	logger    *slog.Logger
	now       func() time.Time
	maxBatch  int
	partyKeys *namekey.Scheme
}

// WithRetention sets how long records are kept (default DefaultRetention,
// five years). A shorter period is refused: 15 CFR 762.6 requires five.
func WithRetention(d time.Duration) Option { return func(o *options) { o.retention = d } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithClock sets the clock for record, case and disposition times
// (default time.Now).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithPartyKeys sets the party-name key scheme suppressions are re-keyed to
// when the store opens (default partykey.Scheme(), the one
// screening.PartyKey uses).
func WithPartyKeys(k *namekey.Scheme) Option { return func(o *options) { o.partyKeys = k } }

// WithMaxBatch sets how many records one transaction may hold (default 256).
func WithMaxBatch(n int) Option { return func(o *options) { o.maxBatch = n } }

// Open opens the store named by dsn and brings its schema up to date.
//
//	sqlite:PATH                 an SQLite file (created if missing)
//	postgres://USER@HOST/DB?…   a PostgreSQL database (pgx connection string)
//	postgresql://…              the same
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	o := options{retention: DefaultRetention, logger: slog.Default(), now: time.Now, maxBatch: 256, partyKeys: partykey.Scheme()}
	for _, f := range opts {
		f(&o)
	}
	if o.retention < minRetention {
		return nil, fmt.Errorf("records: retention %v is shorter than five years (15 CFR 762.6)", o.retention)
	}
	if o.maxBatch <= 0 {
		return nil, fmt.Errorf("records: max batch %d: want a positive number", o.maxBatch)
	}
	var (
		d       dialect
		connStr string
	)
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, fmt.Errorf("records: %q names no file", dsn)
		}
		d = sqliteDialect
		// WAL lets readers run beside the writer; FULL syncs every commit;
		// BEGIN IMMEDIATE takes the write lock at the start of a
		// transaction, which serialises appends across processes.
		connStr = "file:" + path + "?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(ON)&_txlock=immediate"
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		d, connStr = postgresDialect, dsn
	default:
		return nil, fmt.Errorf("records: data source %q: want sqlite:PATH or postgres://…", redact(dsn))
	}
	db, err := sql.Open(d.driver, connStr)
	if err != nil {
		return nil, fmt.Errorf("records: open %s: %w", redact(dsn), err)
	}
	if d.name == "sqlite" {
		db.SetMaxOpenConns(8)
	} else {
		db.SetMaxOpenConns(16)
	}
	if err := migrate(ctx, db, d, o.logger); err != nil {
		db.Close()
		return nil, fmt.Errorf("records: %s: %w", redact(dsn), err)
	}
	s := &Store{
		db: db, d: d, retention: o.retention, logger: o.logger, now: o.now, maxBatch: o.maxBatch, partyKeys: o.partyKeys,
		queue: make(chan *pending, 4*o.maxBatch), closing: make(chan struct{}), done: make(chan struct{}),
	}
	if err := s.rekeySuppressions(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("records: %s: %w", redact(dsn), err)
	}
	go s.writer()
	return s, nil
}

// redact hides a password in a connection string for messages.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return dsn[:scheme+3] + userinfo[:i] + ":***" + dsn[at:]
	}
	return dsn
}

// migrate applies the embedded migrations of d with goose. On PostgreSQL
// an advisory lock keeps two processes starting together from migrating
// at once.
func migrate(ctx context.Context, db *sql.DB, d dialect, logger *slog.Logger) error {
	sub, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return err
	}
	popts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if d.name == "postgres" {
		l, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		popts = append(popts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(d.goose, db, sub, popts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, r := range res {
		logger.Info("records schema migrated", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
	}
	return nil
}

// Backend returns "sqlite" or "postgres".
func (s *Store) Backend() string { return s.d.name }

// Retention returns how long records are kept.
func (s *Store) Retention() time.Duration { return s.retention }

// DB returns the underlying database, for tests and tools that read it.
func (s *Store) DB() *sql.DB { return s.db }

// Close stops accepting records, commits every record already handed to
// Append (so a graceful shutdown loses none), and closes the database.
func (s *Store) Close() error {
	s.closeMu.Do(func() {
		close(s.closing)
		<-s.done
		s.preparedMu.Lock()
		for _, st := range s.prepared {
			st.Close()
		}
		s.prepared = nil
		s.preparedMu.Unlock()
		s.closeEr = s.db.Close()
	})
	return s.closeEr
}

type pending struct {
	e          Entry
	req, dec   []byte
	parties    []string
	entries    []screening.MatchRecord
	reasons    []string
	recordedAt time.Time
	done       chan result
}

type result struct {
	rec Record
	err error
	// existed reports an entry whose key was already stored.
	existed bool
}

// Append stores e at the end of the chain and returns the stored record.
// It returns after the transaction holding the record has committed; an
// error means the record is not stored (unless ctx ended while waiting, in
// which case it may or may not be). A decision with outcome review or
// license_required opens a review case in the same transaction.
func (s *Store) Append(ctx context.Context, e Entry) (Record, error) {
	p, err := s.prepare(e)
	if err != nil {
		return Record{}, err
	}
	select {
	case <-s.closing:
		return Record{}, ErrClosed
	default:
	}
	select {
	case s.queue <- p:
	case <-s.closing:
		return Record{}, ErrClosed
	case <-ctx.Done():
		return Record{}, ctx.Err()
	}
	select {
	case r := <-p.done:
		return r.rec, r.err
	case <-ctx.Done():
		return Record{}, ctx.Err()
	case <-s.done:
		// The writer has stopped. It answers every record it took before
		// it stops; one that slipped into the queue after it drained it
		// was never stored.
		select {
		case r := <-p.done:
			return r.rec, r.err
		default:
			return Record{}, ErrClosed
		}
	}
}

// AppendAll stores entries at the end of the chain in their order (records of
// other writers may come between them) and returns how many it added: an
// entry with a Key already stored under its Source is not stored again. The
// entries are handed to the group-commit writer together, so a batch takes a
// few transactions rather than one per entry. It returns after every entry
// is committed; on an error, entries before the failing one may be stored,
// so a caller that retries should give them Keys.
func (s *Store) AppendAll(ctx context.Context, entries []Entry) (added int, err error) {
	ps := make([]*pending, len(entries))
	for i, e := range entries {
		if ps[i], err = s.prepare(e); err != nil {
			return 0, err
		}
	}
	sent := 0
	defer func() {
		// Wait for what was handed over, so that the count is exact.
		for _, p := range ps[:sent] {
			select {
			case r := <-p.done:
				if r.err != nil && err == nil {
					err = r.err
				}
				if r.err == nil && !r.existed {
					added++
				}
			case <-s.done:
				select {
				case r := <-p.done:
					if r.err == nil && !r.existed {
						added++
					}
				default:
					if err == nil {
						err = ErrClosed
					}
				}
			}
		}
	}()
	for _, p := range ps {
		select {
		case <-s.closing:
			return 0, ErrClosed
		default:
		}
		select {
		case s.queue <- p:
			sent++
		case <-s.closing:
			return 0, ErrClosed
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return 0, nil
}

func (s *Store) prepare(e Entry) (*pending, error) {
	if e.Source == "" {
		return nil, errors.New("records: entry has no source")
	}
	req, err := json.Marshal(e.Request)
	if err != nil {
		return nil, fmt.Errorf("records: request %q: %w", e.Request.ID, err)
	}
	dec, err := json.Marshal(e.Decision)
	if err != nil {
		return nil, fmt.Errorf("records: decision %q: %w", e.Decision.ID, err)
	}
	p := &pending{e: e, req: req, dec: dec, done: make(chan result, 1)}
	seen := map[string]bool{}
	for _, pt := range e.Request.Parties {
		for _, n := range []string{pt.Name, pt.ParentName} {
			if k := screening.PartyKey(n); k != "" && !seen[k] {
				seen[k] = true
				p.parties = append(p.parties, k)
			}
		}
	}
	p.entries = e.Decision.Matches
	codes := map[string]bool{}
	for _, r := range e.Decision.Reasons {
		if !codes[r.Code] {
			codes[r.Code] = true
			p.reasons = append(p.reasons, r.Code)
		}
	}
	return p, nil
}

// writer commits queued records in batches until Close, then drains the
// queue.
func (s *Store) writer() {
	defer close(s.done)
	for {
		var first *pending
		select {
		case first = <-s.queue:
		case <-s.closing:
			for {
				select {
				case p := <-s.queue:
					s.commit(s.gather(p))
				default:
					return
				}
			}
		}
		s.commit(s.gather(first))
	}
}

func (s *Store) gather(first *pending) []*pending {
	batch := []*pending{first}
	for len(batch) < s.maxBatch {
		select {
		case p := <-s.queue:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// commit writes batch in one transaction, retrying a few times when the
// database reports a conflict with another writer.
func (s *Store) commit(batch []*pending) {
	var recs []Record
	var existed []bool
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		recs, existed, err = s.commitOnce(batch)
		if err == nil {
			break
		}
		s.logger.Warn("records: commit failed", "records", len(batch), "attempt", attempt+1, "err", err)
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	for i, p := range batch {
		if err != nil {
			p.done <- result{err: fmt.Errorf("records: storing decision %q: %w", p.e.Decision.ID, err)}
			continue
		}
		p.done <- result{rec: recs[i], existed: existed[i]}
	}
}

func (s *Store) commitOnce(batch []*pending) ([]Record, []bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	var (
		seq  int64
		prev string
	)
	head, err := s.txStmt(ctx, tx, "SELECT seq, hash FROM chain_head WHERE id = 1"+s.d.lockHead)
	if err != nil {
		return nil, nil, err
	}
	defer head.Close()
	if err := head.QueryRowContext(ctx).Scan(&seq, &prev); err != nil {
		return nil, nil, fmt.Errorf("reading the chain head: %w", err)
	}
	now := s.now()
	at := formatTime(now)
	recs := make([]Record, len(batch))
	existed := make([]bool, len(batch))
	inBatch := map[[2]string]int{}
	// The statements run once per record and index row.
	var stmts [4]*sql.Stmt
	for i, q := range []string{
		`INSERT INTO records (seq, recorded_at, source, decision_id, outcome, request, decision, prev_hash, hash, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"INSERT INTO record_parties (seq, party_key) VALUES (?, ?)",
		"INSERT INTO record_entries (seq, entry_key, entry_hash, list) VALUES (?, ?, ?, ?)",
		"INSERT INTO record_reasons (seq, code) VALUES (?, ?)",
	} {
		st, err := s.txStmt(ctx, tx, q)
		if err != nil {
			return nil, nil, err
		}
		defer st.Close()
		stmts[i] = st
	}
	insRecord, insParty, insEntry, insReason := stmts[0], stmts[1], stmts[2], stmts[3]
	for i, p := range batch {
		var key any // NULL without a key
		if p.e.Key != "" {
			key = p.e.Key
			k := [2]string{p.e.Source, p.e.Key}
			if j, ok := inBatch[k]; ok {
				recs[i], existed[i] = recs[j], true
				continue
			}
			r, err := s.keyed(ctx, tx, p.e.Source, p.e.Key)
			if err == nil {
				recs[i], existed[i] = r, true
				continue
			}
			if !errors.Is(err, ErrNotFound) {
				return nil, nil, fmt.Errorf("looking up key %q: %w", p.e.Key, err)
			}
			inBatch[k] = i
		}
		seq++
		out := p.e.Decision.Outcome
		h := chainHash(seq, at, p.e.Source, p.e.Decision.ID, out, p.req, p.dec, prev)
		if _, err := insRecord.ExecContext(ctx, seq, at, p.e.Source, p.e.Decision.ID, out, p.req, p.dec, prev, h, key); err != nil {
			return nil, nil, fmt.Errorf("record %d: %w", seq, err)
		}
		for _, k := range p.parties {
			if _, err := insParty.ExecContext(ctx, seq, k); err != nil {
				return nil, nil, err
			}
		}
		for _, m := range p.entries {
			if _, err := insEntry.ExecContext(ctx, seq, m.EntryKey().String(), m.EntryHash, m.List); err != nil {
				return nil, nil, err
			}
		}
		for _, c := range p.reasons {
			if _, err := insReason.ExecContext(ctx, seq, c); err != nil {
				return nil, nil, err
			}
		}
		if opensCase(out) {
			if err := s.openCase(ctx, tx, seq, p.e.Decision.ID, out, at); err != nil {
				return nil, nil, err
			}
		}
		recs[i] = Record{Seq: seq, RecordedAt: now.UTC(), Source: p.e.Source, DecisionID: p.e.Decision.ID, Outcome: out,
			Request: p.req, Decision: p.dec, PrevHash: prev, Hash: h}
		prev = h
	}
	move, err := s.txStmt(ctx, tx, "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")
	if err != nil {
		return nil, nil, err
	}
	defer move.Close()
	if _, err := move.ExecContext(ctx, seq, prev); err != nil {
		return nil, nil, fmt.Errorf("moving the chain head: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, err
	}
	return recs, existed, nil
}

// txStmt returns query (with ? placeholders) as a statement of tx, prepared
// on the database the first time it is asked for. The caller closes it.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.preparedMu.Lock()
	st, ok := s.prepared[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, s.d.q(query)); err != nil {
			s.preparedMu.Unlock()
			return nil, err
		}
		if s.prepared == nil {
			s.prepared = map[string]*sql.Stmt{}
		}
		s.prepared[query] = st
	}
	s.preparedMu.Unlock()
	return tx.StmtContext(ctx, st), nil
}

// keyed returns the record stored under source and key in tx.
func (s *Store) keyed(ctx context.Context, tx *sql.Tx, source, key string) (Record, error) {
	st, err := s.txStmt(ctx, tx, "SELECT "+recordCols+" FROM records WHERE source = ? AND record_key = ?")
	if err != nil {
		return Record{}, err
	}
	defer st.Close()
	rows, err := st.QueryContext(ctx, source, key)
	if err != nil {
		return Record{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Record{}, err
		}
		return Record{}, ErrNotFound
	}
	return scanRecord(rows)
}

// Head returns the sequence number and hash of the last record ("" and 0
// for an empty store).
func (s *Store) Head(ctx context.Context) (int64, string, error) {
	var seq int64
	var h string
	err := s.db.QueryRowContext(ctx, "SELECT seq, hash FROM chain_head WHERE id = 1").Scan(&seq, &h)
	return seq, h, err
}

// Get returns the record with sequence number seq.
func (s *Store) Get(ctx context.Context, seq int64) (Record, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q("SELECT "+recordCols+" FROM records WHERE seq = ?"), seq)
	if err != nil {
		return Record{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Record{}, err
		}
		return Record{}, fmt.Errorf("record %d: %w", seq, ErrNotFound)
	}
	return scanRecord(rows)
}

// ErrNotFound reports a record or case that does not exist.
var ErrNotFound = errors.New("not found")

const recordCols = "seq, recorded_at, source, decision_id, outcome, request, decision, prev_hash, hash"

func scanRecord(rows *sql.Rows) (Record, error) {
	var r Record
	var at string
	var req, dec []byte
	if err := rows.Scan(&r.Seq, &at, &r.Source, &r.DecisionID, &r.Outcome, &req, &dec, &r.PrevHash, &r.Hash); err != nil {
		return r, err
	}
	t, err := parseTime(at)
	if err != nil {
		return r, fmt.Errorf("record %d: recorded_at %q: %w", r.Seq, at, err)
	}
	r.RecordedAt = t
	r.Request, r.Decision = req, dec
	return r, nil
}
