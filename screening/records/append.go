package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/screening"
)

type pending struct {
	e        Entry
	req, dec []byte
	parties  []string
	entries  []screening.MatchRecord
	reasons  []string
	done     chan result
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
	ins, err := s.prepareAppend(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	defer ins.close()
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
		if _, err := ins.record.ExecContext(ctx, seq, at, p.e.Source, p.e.Decision.ID, out, p.req, p.dec, prev, h, key); err != nil {
			return nil, nil, fmt.Errorf("record %d: %w", seq, err)
		}
		if err := ins.index(ctx, seq, p); err != nil {
			return nil, nil, err
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

// appendStmts are the statements commitOnce runs once per record and per
// index row.
type appendStmts struct {
	record, party, entry, reason *sql.Stmt
}

// prepareAppend prepares the append statements in tx.
func (s *Store) prepareAppend(ctx context.Context, tx *sql.Tx) (*appendStmts, error) {
	st := &appendStmts{}
	for _, q := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&st.record, `INSERT INTO records (seq, recorded_at, source, decision_id, outcome, request, decision, prev_hash, hash, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.party, "INSERT INTO record_parties (seq, party_key) VALUES (?, ?)"},
		{&st.entry, "INSERT INTO record_entries (seq, entry_key, entry_hash, list) VALUES (?, ?, ?, ?)"},
		{&st.reason, "INSERT INTO record_reasons (seq, code) VALUES (?, ?)"},
	} {
		p, err := s.txStmt(ctx, tx, q.query)
		if err != nil {
			st.close()
			return nil, err
		}
		*q.dst = p
	}
	return st, nil
}

// close closes the statements prepared.
func (st *appendStmts) close() {
	for _, p := range []*sql.Stmt{st.record, st.party, st.entry, st.reason} {
		if p != nil {
			p.Close()
		}
	}
}

// index writes the index rows of record seq: its parties' keys, its list
// entries and its reason codes.
func (st *appendStmts) index(ctx context.Context, seq int64, p *pending) error {
	for _, k := range p.parties {
		if _, err := st.party.ExecContext(ctx, seq, k); err != nil {
			return err
		}
	}
	for _, m := range p.entries {
		if _, err := st.entry.ExecContext(ctx, seq, m.EntryKey().String(), m.EntryHash, m.List); err != nil {
			return err
		}
	}
	for _, c := range p.reasons {
		if _, err := st.reason.ExecContext(ctx, seq, c); err != nil {
			return err
		}
	}
	return nil
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
