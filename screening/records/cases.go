package records

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// Case statuses.
const (
	// StatusOpen is a case waiting for a reviewer (new, or reopened).
	StatusOpen = "open"
	// StatusEscalated is a case a reviewer passed on; it stays in the queue.
	StatusEscalated = "escalated"
	// StatusClosed is a case with a final disposition.
	StatusClosed = "closed"
)

// Disposition is a reviewer's conclusion on a case.
type Disposition string

// Dispositions.
const (
	// ConfirmedMatch: the party is the listed entry; the decision stands.
	ConfirmedMatch Disposition = "confirmed_match"
	// FalsePositive: the party is not the listed entry. Each unsuppressed
	// match of the decision becomes a suppression (screening.NotAMatch),
	// which lapses when the entry changes.
	FalsePositive Disposition = "false_positive"
	// Escalated: passed to someone with more authority; the case stays in
	// the queue.
	Escalated Disposition = "escalated"
	// LicenseObtained: a license covers the transaction.
	LicenseObtained Disposition = "license_obtained"
)

// InvalidError reports a disposition that cannot be recorded as given.
type InvalidError struct{ Msg string }

func (e *InvalidError) Error() string { return e.Msg }

// ParseDisposition reads a disposition name.
func ParseDisposition(s string) (Disposition, error) {
	switch d := Disposition(s); d {
	case ConfirmedMatch, FalsePositive, Escalated, LicenseObtained:
		return d, nil
	}
	return "", &InvalidError{fmt.Sprintf("disposition %q: want confirmed_match, false_positive, escalated or license_obtained", s)}
}

func (d Disposition) status() string {
	if d == Escalated {
		return StatusEscalated
	}
	return StatusClosed
}

// opensCase reports whether a decision with this outcome goes to review.
func opensCase(outcome string) bool { return outcome == "review" || outcome == "license_required" }

// Case is one decision waiting for, or given, a reviewer's disposition.
type Case struct {
	ID         int64     `json:"id"`
	Seq        int64     `json:"seq"` // the record of the decision
	DecisionID string    `json:"decision_id"`
	Outcome    string    `json:"outcome"`
	Status     string    `json:"status"`
	OpenedAt   time.Time `json:"opened_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// Disposition is the last disposition recorded ("" while none).
	Disposition string `json:"disposition"`
	// Reasons are the decision's reason codes; Lists the list sources of
	// its matches.
	Reasons []string `json:"reasons"`
	Lists   []string `json:"lists"`
	// Events is the case history, oldest first (CaseByID only).
	Events []Event `json:"events,omitempty"`
	// Record is the decision record (CaseByID only).
	Record *Record `json:"record,omitempty"`
}

// Event is one step in a case's history.
type Event struct {
	At          time.Time `json:"at"`
	Kind        string    `json:"kind"` // "opened", "disposition", "reopened"
	Disposition string    `json:"disposition,omitempty"`
	Reviewer    string    `json:"reviewer,omitempty"`
	Reason      string    `json:"reason,omitempty"`
}

func (s *Store) openCase(ctx context.Context, tx *sql.Tx, seq int64, decisionID, outcome, at string) error {
	var id int64
	ins, err := s.txStmt(ctx, tx, `INSERT INTO cases (seq, decision_id, outcome, status, opened_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer ins.Close()
	if err := ins.QueryRowContext(ctx, seq, decisionID, outcome, StatusOpen, at, at).Scan(&id); err != nil {
		return fmt.Errorf("opening a case for record %d: %w", seq, err)
	}
	ev, err := s.txStmt(ctx, tx, "INSERT INTO case_events (case_id, at, kind) VALUES (?, ?, 'opened')")
	if err != nil {
		return err
	}
	defer ev.Close()
	_, err = ev.ExecContext(ctx, id, at)
	return err
}

// CaseFilter selects cases for the queue. Empty fields select everything.
type CaseFilter struct {
	// Status is StatusOpen, StatusEscalated or StatusClosed; "queue" means
	// open or escalated.
	Status  string
	Outcome string
	Reason  string // a reason code of the decision
	List    string // a list source among the decision's matches, e.g. "EL"
	// OlderThan selects cases opened at least this long ago.
	OlderThan time.Duration
	Limit     int // default 100
}

// Cases returns the cases f selects, oldest first. A filter it cannot
// use is an [*InvalidError]; any other error is the store's.
func (s *Store) Cases(ctx context.Context, f CaseFilter) ([]Case, error) {
	var conds []string
	var args []any
	switch f.Status {
	case "":
	case "queue":
		conds = append(conds, "c.status IN ('open', 'escalated')")
	case StatusOpen, StatusEscalated, StatusClosed:
		conds = append(conds, "c.status = ?")
		args = append(args, f.Status)
	default:
		return nil, &InvalidError{Msg: fmt.Sprintf("case status %q: want open, escalated, closed or queue", f.Status)}
	}
	if f.Outcome != "" {
		conds = append(conds, "c.outcome = ?")
		args = append(args, f.Outcome)
	}
	if f.Reason != "" {
		conds = append(conds, "c.seq IN (SELECT seq FROM record_reasons WHERE code = ?)")
		args = append(args, f.Reason)
	}
	if f.List != "" {
		conds = append(conds, "c.seq IN (SELECT seq FROM record_entries WHERE list = ?)")
		args = append(args, f.List)
	}
	if f.OlderThan > 0 {
		conds = append(conds, "c.opened_at <= ?")
		args = append(args, formatTime(s.now().Add(-f.OlderThan)))
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q := "SELECT c.id, c.seq, c.decision_id, c.outcome, c.status, c.opened_at, c.updated_at, c.disposition FROM cases c"
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY c.id LIMIT " + strconv.Itoa(f.Limit)
	rows, err := s.db.QueryContext(ctx, s.d.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("records: cases: %w", err)
	}
	var out []Case
	for rows.Next() {
		var c Case
		var opened, updated string
		if err := rows.Scan(&c.ID, &c.Seq, &c.DecisionID, &c.Outcome, &c.Status, &opened, &updated, &c.Disposition); err != nil {
			rows.Close()
			return nil, err
		}
		c.OpenedAt, _ = parseTime(opened)
		c.UpdatedAt, _ = parseTime(updated)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.caseDetails(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) caseDetails(ctx context.Context, c *Case) error {
	var err error
	if c.Reasons, err = s.strings(ctx, "SELECT code FROM record_reasons WHERE seq = ? ORDER BY code", c.Seq); err != nil {
		return err
	}
	c.Lists, err = s.strings(ctx, "SELECT DISTINCT list FROM record_entries WHERE seq = ? ORDER BY list", c.Seq)
	return err
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CaseByID returns a case with its history and decision record.
func (s *Store) CaseByID(ctx context.Context, id int64) (Case, error) {
	var c Case
	var opened, updated string
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT id, seq, decision_id, outcome, status, opened_at, updated_at, disposition
		FROM cases WHERE id = ?`), id).Scan(&c.ID, &c.Seq, &c.DecisionID, &c.Outcome, &c.Status, &opened, &updated, &c.Disposition)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	c.OpenedAt, _ = parseTime(opened)
	c.UpdatedAt, _ = parseTime(updated)
	if err := s.caseDetails(ctx, &c); err != nil {
		return c, err
	}
	rows, err := s.db.QueryContext(ctx, s.d.q("SELECT at, kind, disposition, reviewer, reason FROM case_events WHERE case_id = ? ORDER BY id"), id)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&at, &e.Kind, &e.Disposition, &e.Reviewer, &e.Reason); err != nil {
			rows.Close()
			return c, err
		}
		e.At, _ = parseTime(at)
		c.Events = append(c.Events, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	rec, err := s.Get(ctx, c.Seq)
	if err != nil {
		return c, err
	}
	c.Record = &rec
	return c, nil
}

// QueueSize returns how many cases are open or escalated.
func (s *Store) QueueSize(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'escalated')").Scan(&n)
	return n, err
}

// DisposeRequest is a reviewer's disposition of a case.
type DisposeRequest struct {
	Disposition Disposition
	Reviewer    string
	Reason      string
	// Expires ends the suppressions a false positive creates (zero: they
	// last until the entry changes).
	Expires time.Time
}

// ErrCaseClosed is returned when a disposition is given for a closed case.
var ErrCaseClosed = errors.New("the case is closed")

// Dispose records a disposition, in one transaction with the suppressions
// a false positive creates. A closed case takes no further disposition
// until it is reopened.
func (s *Store) Dispose(ctx context.Context, id int64, r DisposeRequest) (Case, error) {
	if _, err := ParseDisposition(string(r.Disposition)); err != nil {
		return Case{}, err
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		return Case{}, &InvalidError{"disposition: the reviewer is empty"}
	}
	if strings.TrimSpace(r.Reason) == "" {
		return Case{}, &InvalidError{"disposition: the reason is empty; say why"}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Case{}, err
	}
	defer tx.Rollback()
	var status string
	var seq int64
	err = tx.QueryRowContext(ctx, s.d.q("SELECT status, seq FROM cases WHERE id = ?"+s.d.lockHead), id).Scan(&status, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Case{}, err
	}
	if status == StatusClosed {
		return Case{}, fmt.Errorf("case %d: %w", id, ErrCaseClosed)
	}
	now := s.now().UTC()
	at := formatTime(now)
	if r.Disposition == FalsePositive {
		var dec []byte
		if err := tx.QueryRowContext(ctx, s.d.q("SELECT decision FROM records WHERE seq = ?"), seq).Scan(&dec); err != nil {
			return Case{}, err
		}
		d, err := Record{Seq: seq, Decision: dec}.DecodeDecision()
		if err != nil {
			return Case{}, err
		}
		for _, m := range d.Matches {
			if m.Suppressed != nil {
				continue
			}
			sup := screening.Suppression{Party: screening.PartyKey(m.Party), PartyName: m.Party, EntryKey: m.EntryKey().String(), EntryHash: m.EntryHash,
				Kind: screening.NotAMatch, Reason: r.Reason, Reviewer: r.Reviewer, Created: now, Expires: r.Expires}
			if err := s.insertSuppression(ctx, tx, sup, id); err != nil {
				return Case{}, err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, s.d.q("UPDATE cases SET status = ?, disposition = ?, updated_at = ? WHERE id = ?"),
		r.Disposition.status(), string(r.Disposition), at, id); err != nil {
		return Case{}, err
	}
	if _, err := tx.ExecContext(ctx, s.d.q("INSERT INTO case_events (case_id, at, kind, disposition, reviewer, reason) VALUES (?, ?, 'disposition', ?, ?, ?)"),
		id, at, string(r.Disposition), r.Reviewer, r.Reason); err != nil {
		return Case{}, err
	}
	if err := tx.Commit(); err != nil {
		return Case{}, err
	}
	return s.CaseByID(ctx, id)
}

// Reopen reopens the closed cases whose decisions matched one of the
// entries in changed (entry key → what changed, as "SOURCE:ID" →
// "removed"), recording why. It returns the ids of the cases reopened.
// Suppressions made against the old entry content lapse by themselves
// (they are keyed by the entry hash).
func (s *Store) Reopen(ctx context.Context, changed map[string]string) ([]int64, error) {
	if len(changed) == 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	at := formatTime(s.now())
	var ids []int64
	for key, why := range changed {
		rows, err := tx.QueryContext(ctx, s.d.q(`SELECT DISTINCT c.id FROM cases c JOIN record_entries e ON e.seq = c.seq
			WHERE e.entry_key = ? AND c.status = 'closed'`), key)
		if err != nil {
			return nil, err
		}
		var these []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			these = append(these, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, id := range these {
			if _, err := tx.ExecContext(ctx, s.d.q("UPDATE cases SET status = 'open', updated_at = ? WHERE id = ? AND status = 'closed'"), at, id); err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, s.d.q("INSERT INTO case_events (case_id, at, kind, reason) VALUES (?, ?, 'reopened', ?)"),
				id, at, fmt.Sprintf("list entry %s %s", key, why)); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return ids, nil
}
