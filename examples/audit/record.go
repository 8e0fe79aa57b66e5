package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/exportguard/exportguard/screening/records"
)

// recordSource is the source of the audit's decision records.
const recordSource = "audit"

// errRecording is wrapped by the error of a batch that could not be stored.
var errRecording = errors.New("recording decisions")

// recordBatch is how many decisions are stored together: a few commits of
// the store's group-commit writer rather than one per decision.
const recordBatch = 512

// runFileSuffix names the file beside -out that holds the run's id, so that
// a resumed run keys its records as the first part did.
const runFileSuffix = ".run"

// recorder stores the audit's decisions in a records database before their
// lines are written: every line in the output is a stored decision. Each
// record is keyed by the run's id and the request's position in the input,
// so a resumed run that screens again the requests whose records were
// stored but whose lines were not written finds them stored and adds
// nothing. One batch is being stored while the next is gathered, so
// screening does not wait for the commits.
type recorder struct {
	st     *records.Store
	run    string
	batch  []records.Entry
	lines  []*bytes.Buffer
	flight *flight // the batch being stored; nil for none
	// failed is the first error: after it nothing more is stored or
	// written, so the output stays a prefix of the input.
	failed error
	// added counts records stored by this run; existed those an earlier,
	// interrupted run had stored already.
	added, existed int
}

// flight is a batch being stored.
type flight struct {
	n     int
	lines []*bytes.Buffer
	done  chan struct{}
	added int
	err   error
}

// openRecorder opens the records database dsn for a run writing to out
// ("" or "-" for stdout). A fresh run gets a new id, written to
// out+runFileSuffix; a resumed run reads it back.
func openRecorder(ctx context.Context, dsn, out string, resume bool, logger *slog.Logger) (*recorder, error) {
	run, err := runID(out, resume)
	if err != nil {
		return nil, err
	}
	st, err := records.Open(ctx, dsn, records.WithLogger(logger))
	if err != nil {
		return nil, err
	}
	return &recorder{st: st, run: run}, nil
}

// runID returns the id of the run writing to out.
func runID(out string, resume bool) (string, error) {
	newID := func() string {
		var b [12]byte
		rand.Read(b[:])
		return hex.EncodeToString(b[:])
	}
	if out == "" || out == "-" {
		return newID(), nil // a run to stdout cannot be resumed
	}
	path := out + runFileSuffix
	if resume {
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			id := strings.TrimSpace(string(b))
			if len(id) != 24 || strings.Trim(id, "0123456789abcdef") != "" {
				return "", fmt.Errorf("%s: %q is not a run id (24 hex digits)", path, id)
			}
			return id, nil
		case !errors.Is(err, os.ErrNotExist):
			return "", err
		}
		// No run file: acceptable only if nothing was written yet.
		if st, err := os.Stat(out); err == nil && st.Size() > 0 {
			return "", fmt.Errorf("%s is missing: %s was not written with -db (or the file was removed), so which of its decisions are recorded is unknown; rerun without -resume", path, out)
		}
	}
	id := newID()
	if err := writeSynced(path, []byte(id+"\n")); err != nil {
		return "", err
	}
	return id, nil
}

func writeSynced(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// add queues j's decision; when the batch is full it waits for the batch
// before to be stored, writes that batch's lines with write and starts
// storing this one.
func (r *recorder) add(ctx context.Context, j *job, write func(*bytes.Buffer) error) error {
	if r.failed != nil {
		putLine(j.line)
		return r.failed
	}
	r.batch = append(r.batch, records.Entry{Source: recordSource, Key: r.run + ":" + strconv.Itoa(j.pos),
		Request: j.r.req, Decision: j.d})
	r.lines = append(r.lines, j.line)
	if len(r.batch) < recordBatch {
		return nil
	}
	if err := r.land(write); err != nil {
		return err
	}
	r.launch(ctx)
	return nil
}

// launch starts storing the gathered batch.
func (r *recorder) launch(ctx context.Context) {
	f := &flight{n: len(r.batch), lines: r.lines, done: make(chan struct{})}
	batch := r.batch
	go func() {
		defer close(f.done)
		f.added, f.err = r.st.AppendAll(ctx, batch)
	}()
	r.flight = f
	r.batch, r.lines = make([]records.Entry, 0, recordBatch), make([]*bytes.Buffer, 0, recordBatch)
}

// land waits for the batch being stored and writes its lines. Lines whose
// decisions could not be stored are not written, so -resume screens them
// again.
func (r *recorder) land(write func(*bytes.Buffer) error) error {
	f := r.flight
	if f == nil {
		return r.failed
	}
	<-f.done
	r.flight = nil
	r.added += f.added
	if f.err != nil && r.failed == nil {
		r.failed = fmt.Errorf("%w: %w", errRecording, f.err)
	}
	if r.failed == nil {
		r.existed += f.n - f.added
	}
	for _, l := range f.lines {
		if r.failed == nil {
			if err := write(l); err != nil {
				r.failed = err
			}
		}
		putLine(l)
	}
	return r.failed
}

// flush stores and writes what is left: the batch being stored and the one
// being gathered.
func (r *recorder) flush(ctx context.Context, write func(*bytes.Buffer) error) error {
	if err := r.land(write); err != nil {
		r.discard()
		return err
	}
	if len(r.batch) == 0 {
		return nil
	}
	r.launch(ctx)
	return r.land(write)
}

// discard drops the gathered batch after a failure.
func (r *recorder) discard() {
	for _, l := range r.lines {
		putLine(l)
	}
	r.batch, r.lines = nil, nil
}

func (r *recorder) close() error { return r.st.Close() }
