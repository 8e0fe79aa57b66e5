package records

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/namekey"
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
	version := sup.PartyKeyVersion
	if version == 0 {
		version = s.partyKeys.Current() // made with screening.PartyKey
	}
	_, err := tx.ExecContext(ctx, s.d.q(`INSERT INTO suppressions (party, entry_key, entry_hash, kind, reason, reviewer, created, expires, case_id, party_key_version, party_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), sup.Party, sup.EntryKey, sup.EntryHash, sup.Kind, sup.Reason, sup.Reviewer,
		formatTime(sup.Created), expires, cid, int(version), sup.PartyName)
	if err != nil {
		return fmt.Errorf("suppression %s for %q: %w", sup.EntryKey, sup.Party, err)
	}
	return nil
}

// rekeySuppressions brings the party key of every suppression stored under
// an older version of the party-name key up to the current version (from
// the stored party name when there is one, else from the old key; see
// namekey.Scheme.Rekey), so that a changed normaliser never voids what
// reviewers decided. Rows of a newer version than this program knows are
// left as they are. Replicas opening at once compute the same keys.
func (s *Store) rekeySuppressions(ctx context.Context) error {
	cur := s.partyKeys.Current()
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT id, party, party_key_version, party_name FROM suppressions WHERE party_key_version < ?`), int(cur))
	if err != nil {
		return fmt.Errorf("re-keying suppressions: %w", err)
	}
	type rekey struct {
		id    int64
		party string
	}
	var todo []rekey
	for rows.Next() {
		var (
			id          int64
			party, name string
			version     int
		)
		if err := rows.Scan(&id, &party, &version, &name); err != nil {
			rows.Close()
			return fmt.Errorf("re-keying suppressions: %w", err)
		}
		k, err := s.partyKeys.Rekey(namekey.Key{Version: namekey.Version(version), Text: party}, name)
		if err != nil {
			continue
		}
		todo = append(todo, rekey{id, k.Text})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("re-keying suppressions: %w", err)
	}
	if len(todo) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range todo {
		if _, err := tx.ExecContext(ctx, s.d.q(`UPDATE suppressions SET party = ?, party_key_version = ? WHERE id = ?`), r.party, int(cur), r.id); err != nil {
			return fmt.Errorf("re-keying suppression %d: %w", r.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("re-keying suppressions: %w", err)
	}
	s.logger.Info("records: suppressions re-keyed to the current party key", "version", cur, "count", len(todo))
	return nil
}
