package records

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/exportguard/exportguard/screening"
)

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
