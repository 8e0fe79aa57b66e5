package records

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// The Store keeps reviewer suppressions in the same database as the cases
// that create them, so replicas sharing the database share them.
var _ screening.SuppressionStore = (*Store)(nil)

// Lookup implements screening.SuppressionStore: the newest suppression for
// party and entry that was made against the same entry content (hash) and
// is in force at t. A database error is logged and reported as no
// suppression, so the hit stays flagged (fail closed).
func (s *Store) Lookup(party, entryKey, entryHash string, t time.Time) (screening.Suppression, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var sup screening.Suppression
	var created, expires string
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT party, entry_key, entry_hash, kind, reason, reviewer, created, expires
		FROM suppressions WHERE party = ? AND entry_key = ? AND entry_hash = ? AND (expires = '' OR expires > ?)
		ORDER BY id DESC LIMIT 1`), party, entryKey, entryHash, formatTime(t)).
		Scan(&sup.Party, &sup.EntryKey, &sup.EntryHash, &sup.Kind, &sup.Reason, &sup.Reviewer, &created, &expires)
	if err == sql.ErrNoRows {
		return screening.Suppression{}, false
	}
	if err != nil {
		s.logger.Error("records: suppression lookup failed; the hit stays flagged", "party", party, "entry", entryKey, "err", err)
		return screening.Suppression{}, false
	}
	sup.Created, _ = parseTime(created)
	sup.Expires, _ = parseTime(expires)
	return sup, true
}

// Add implements screening.SuppressionStore: the record is committed
// before Add returns.
func (s *Store) Add(ctx context.Context, sup screening.Suppression) error {
	if err := sup.Validate(); err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.insertSuppression(ctx, tx, sup, 0); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) insertSuppression(ctx context.Context, tx *sql.Tx, sup screening.Suppression, caseID int64) error {
	if err := sup.Validate(); err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	expires := ""
	if !sup.Expires.IsZero() {
		expires = formatTime(sup.Expires)
	}
	var cid any
	if caseID > 0 {
		cid = caseID
	}
	_, err := tx.ExecContext(ctx, s.d.q(`INSERT INTO suppressions (party, entry_key, entry_hash, kind, reason, reviewer, created, expires, case_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), sup.Party, sup.EntryKey, sup.EntryHash, sup.Kind, sup.Reason, sup.Reviewer,
		formatTime(sup.Created), expires, cid)
	if err != nil {
		return fmt.Errorf("suppression %s for %q: %w", sup.EntryKey, sup.Party, err)
	}
	return nil
}
