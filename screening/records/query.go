package records

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// Filter selects records. Empty fields select everything.
type Filter struct {
	// Party matches records with a party (or ultimate parent) whose
	// normalised name contains the normalised Party.
	Party string
	// Entry is a list entry key, "SOURCE:ID" (for example "EL:1234"): the
	// records whose decision matched it.
	Entry string
	// Outcome is "allow", "review", "license_required" or "deny".
	Outcome string
	// Reason is a reason code such as "party.listed".
	Reason string
	// From and To bound the time recorded: From ≤ t < To.
	From, To time.Time
	// AfterSeq returns records after this sequence number (for paging).
	AfterSeq int64
	// Limit is the most records returned by Query (default 100; Export has
	// no limit unless one is set).
	Limit int
}

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Party != "" {
		conds = append(conds, "seq IN (SELECT seq FROM record_parties WHERE party_key LIKE ?)")
		args = append(args, "%"+escapeLike(screening.PartyKey(f.Party))+"%")
	}
	if f.Entry != "" {
		conds = append(conds, "seq IN (SELECT seq FROM record_entries WHERE entry_key = ?)")
		args = append(args, f.Entry)
	}
	if f.Outcome != "" {
		conds = append(conds, "outcome = ?")
		args = append(args, f.Outcome)
	}
	if f.Reason != "" {
		conds = append(conds, "seq IN (SELECT seq FROM record_reasons WHERE code = ?)")
		args = append(args, f.Reason)
	}
	if !f.From.IsZero() {
		conds = append(conds, "recorded_at >= ?")
		args = append(args, formatTime(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "recorded_at < ?")
		args = append(args, formatTime(f.To))
	}
	if f.AfterSeq > 0 {
		conds = append(conds, "seq > ?")
		args = append(args, f.AfterSeq)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// escapeLike quotes LIKE wildcards. Both backends treat backslash as the
// escape character when the pattern says ESCAPE; party keys hold neither
// wildcard in practice, so they are simply dropped.
func escapeLike(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}

// Query returns the records that f selects, oldest first.
func (s *Store) Query(ctx context.Context, f Filter) ([]Record, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	var out []Record
	err := s.each(ctx, f, func(r Record) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

func (s *Store) each(ctx context.Context, f Filter, fn func(Record) error) error {
	where, args := f.where()
	q := "SELECT " + recordCols + " FROM records" + where + " ORDER BY seq"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.d.q(q), args...)
	if err != nil {
		return fmt.Errorf("records: query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Format is an export format.
type Format string

// Export formats.
const (
	// JSONL writes one Record per line, with the request and decision as
	// JSON objects: everything needed to verify the chain elsewhere.
	JSONL Format = "jsonl"
	// CSV writes one row per record with the columns CSVHeader returns.
	CSV Format = "csv"
)

// csvHeader is the header row of a CSV export; CSVHeader hands out copies.
var csvHeader = []string{"seq", "recorded_at", "source", "decision_id", "outcome", "reason_codes", "parties", "list_entries", "as_of", "hash", "prev_hash"}

// CSVHeader returns the header row of a CSV export. Each call returns a new
// slice, so a caller that changes it changes no export.
func CSVHeader() []string { return slices.Clone(csvHeader) }

// ParseFormat reads "jsonl" or "csv".
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case JSONL, CSV:
		return Format(s), nil
	}
	return "", fmt.Errorf("export format %q: want jsonl or csv", s)
}

// Export writes the records f selects to w, oldest first, and returns how
// many it wrote.
func (s *Store) Export(ctx context.Context, w io.Writer, format Format, f Filter) (int, error) {
	n := 0
	switch format {
	case JSONL:
		enc := json.NewEncoder(w)
		err := s.each(ctx, f, func(r Record) error {
			n++
			return enc.Encode(r)
		})
		return n, err
	case CSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return 0, err
		}
		err := s.each(ctx, f, func(r Record) error {
			var req screening.Request
			var d screening.Decision
			if err := json.Unmarshal(r.Request, &req); err != nil {
				return fmt.Errorf("record %d: request: %w", r.Seq, err)
			}
			if err := json.Unmarshal(r.Decision, &d); err != nil {
				return fmt.Errorf("record %d: decision: %w", r.Seq, err)
			}
			var codes, parties, entries []string
			for _, rs := range d.Reasons {
				codes = append(codes, rs.Code)
			}
			for _, p := range req.Parties {
				if p.Name != "" {
					parties = append(parties, p.Name)
				}
			}
			for _, m := range d.Matches {
				entries = append(entries, m.EntryKey().String())
			}
			n++
			return cw.Write([]string{strconv.FormatInt(r.Seq, 10), r.RecordedAt.Format(time.RFC3339Nano), r.Source, r.DecisionID,
				r.Outcome, strings.Join(codes, " "), strings.Join(parties, "; "), strings.Join(entries, " "), d.AsOf, r.Hash, r.PrevHash})
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return n, err
	}
	return 0, fmt.Errorf("export format %q: want jsonl or csv", format)
}

// Verification is the result of checking the chain.
type Verification struct {
	Records  int64  `json:"records"`
	FirstSeq int64  `json:"first_seq"`
	LastSeq  int64  `json:"last_seq"`
	HeadHash string `json:"head_hash"`
	// Problems name each record whose hash, link or number is wrong; empty
	// when the chain verifies.
	Problems []string `json:"problems"`
}

// OK reports whether the chain verified.
func (v Verification) OK() bool { return len(v.Problems) == 0 }

// maxProblems bounds how many problems a verification lists.
const maxProblems = 100

// Verify recomputes every record's hash in sequence order and checks that
// each names its predecessor's hash, that the numbers have no gaps, and
// that the chain head is the last record.
func (s *Store) Verify(ctx context.Context) (Verification, error) {
	v := Verification{Problems: []string{}}
	rows, err := s.db.QueryContext(ctx, "SELECT "+recordCols+" FROM records ORDER BY seq")
	if err != nil {
		return v, fmt.Errorf("records: verify: %w", err)
	}
	defer rows.Close()
	var prevSeq int64
	prev := ""
	problem := func(format string, args ...any) {
		if len(v.Problems) < maxProblems {
			v.Problems = append(v.Problems, fmt.Sprintf(format, args...))
		}
	}
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return v, err
		}
		if v.Records == 0 {
			v.FirstSeq = r.Seq
			if r.Seq != 1 {
				problem("record %d: the chain starts at %d, want 1", r.Seq, r.Seq)
			}
		} else if r.Seq != prevSeq+1 {
			problem("record %d: follows record %d (records %d–%d are missing)", r.Seq, prevSeq, prevSeq+1, r.Seq-1)
		}
		if r.PrevHash != prev {
			problem("record %d: prev_hash %s, but record %d has hash %s", r.Seq, short(r.PrevHash), prevSeq, short(prev))
		}
		// The stored time text is what was hashed.
		if want := chainHash(r.Seq, formatTime(r.RecordedAt), r.Source, r.DecisionID, r.Outcome, r.Request, r.Decision, r.PrevHash); want != r.Hash {
			problem("record %d: content does not match its hash %s (recomputed %s)", r.Seq, short(r.Hash), short(want))
		}
		v.Records++
		prevSeq, prev = r.Seq, r.Hash
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	v.LastSeq = prevSeq
	headSeq, headHash, err := s.Head(ctx)
	if err != nil {
		return v, err
	}
	v.HeadHash = headHash
	if headSeq != prevSeq || headHash != prev {
		problem("chain head is record %d (%s), but the last record is %d (%s)", headSeq, short(headHash), prevSeq, short(prev))
	}
	return v, nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	if h == "" {
		return `""`
	}
	return h
}
