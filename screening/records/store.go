package records

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver, no cgo

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/partykey"
)

// DefaultRetention is how long records are kept unless WithRetention says
// longer: five years, the EAR's recordkeeping period (15 CFR 762.6),
// counted as 1,827 days so that two leap days fit.
const DefaultRetention = 1827 * 24 * time.Hour

// minRetention is the shortest retention accepted.
const minRetention = DefaultRetention

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("records: store closed")

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
