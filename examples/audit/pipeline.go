package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// screener is the part of *screening.Screener the audit uses.
type screener interface {
	Screen(ctx context.Context, req screening.Request) (screening.Decision, error)
	Versions() screening.Versions
}

// job is one request on its way through the pipeline.
type job struct {
	seq  int
	pos  int // the request's number in the input, from 1, skipped ones included
	r    *request
	d    screening.Decision
	line *bytes.Buffer // d encoded as one JSON line
	err  error         // encoding error
}

// pipeline screens the requests of src on workers in parallel and hands the
// decisions to emit in input order. At most window requests are in flight
// (read but not yet emitted), which bounds memory whatever the input size.
type pipeline struct {
	s       screener
	workers int
	window  int
	done    *doneList // records already written (-resume); nil for none
	now     func() time.Time

	// Set by run: the requests read from the inputs, and of them those
	// left out because done already holds their record.
	read, skipped int
}

// ErrResumeMismatch is wrapped by the error of a -resume run whose input
// does not begin with the requests the output file already holds.
var ErrResumeMismatch = errors.New("the input does not match the output being resumed")

// run reads all of srcs, screens and emits. It returns the first read or emit
// error; requests read before it are all emitted.
func (p *pipeline) run(ctx context.Context, srcs []source, emit func(*job) error) error {
	// An interrupt stops the reading; requests already read are still
	// screened and written, so that -resume can pick up after them.
	screenCtx := context.WithoutCancel(ctx)
	readCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *job, p.window)
	results := make(chan *job, p.window)
	slots := make(chan struct{}, p.window)

	var readErr error
	go func() {
		defer close(jobs)
		readErr = p.readAll(readCtx, srcs, jobs, slots)
	}()

	var wg sync.WaitGroup
	versions := p.s.Versions()
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				p.screen(screenCtx, j, versions)
				j.line, j.err = encodeLine(&j.d)
				results <- j
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	if err := emitInOrder(results, slots, emit, cancel); err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// readAll sends the requests of srcs, in order, as jobs, taking a slot for
// each so that at most window are in flight; it stops early when ctx is
// done. With -resume it first skips the requests the output already holds,
// and fails if they are not the input's first ones.
func (p *pipeline) readAll(ctx context.Context, srcs []source, jobs chan<- *job, slots chan<- struct{}) error {
	seq := 0
	for _, src := range srcs {
		for {
			r, err := src.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			p.read++
			if skip, err := p.skip(r); err != nil {
				return err
			} else if skip {
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			jobs <- &job{seq: seq, pos: p.read, r: r}
			seq++
		}
	}
	if p.done != nil && p.skipped < len(p.done.ids) {
		return fmt.Errorf("%w: the output holds %d records but the input has only %d requests",
			ErrResumeMismatch, len(p.done.ids), p.read)
	}
	return nil
}

// skip reports whether r, the p.read-th request, is already in the output
// being resumed. The output holds the first records of the input in input
// order; error records without an id are skipped by their position like
// any other.
func (p *pipeline) skip(r *request) (bool, error) {
	if p.done == nil || p.skipped >= len(p.done.ids) {
		return false, nil
	}
	if p.done.key(r.req.ID) != p.done.ids[p.skipped] {
		return false, fmt.Errorf("%w: request %d (line %d, id %q) is not the one on line %d of the output; was the input changed since?",
			ErrResumeMismatch, p.read, r.line, r.req.ID, p.skipped+1)
	}
	p.skipped++
	return true, nil
}

// emitInOrder hands the screened jobs to emit in input order, releasing a
// slot for each. After the first emit error it cancels the reading, drains
// the rest without emitting, and returns that error.
func emitInOrder(results <-chan *job, slots <-chan struct{}, emit func(*job) error, cancel context.CancelFunc) error {
	pending := make(map[int]*job, cap(slots))
	next := 0
	var emitErr error
	for j := range results {
		pending[j.seq] = j
		for {
			k, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if emitErr == nil {
				if emitErr = emit(k); emitErr != nil {
					cancel()
				}
			}
		}
	}
	return emitErr
}

// screen fills j.d: the Screener's decision, or an error record.
func (p *pipeline) screen(ctx context.Context, j *job, v screening.Versions) {
	if j.r.err != nil {
		j.d = errorRecord(j.r.req.ID, j.r.err, v, p.now())
		return
	}
	d, err := p.s.Screen(ctx, j.r.req)
	if err != nil {
		j.d = errorRecord(j.r.req.ID, &InputError{File: j.r.file, Line: j.r.line, Msg: "not screened: " + err.Error()}, v, p.now())
		return
	}
	if res := d.InputErrors(); len(res) > 0 {
		// Fields the Screener could not read: it still decided (review at
		// least, fail closed) and the decision keeps its findings; the error
		// field says which rows to fix.
		msgs := make([]string, len(res))
		for i, re := range res {
			msgs[i] = locate(j.r, re).Error()
		}
		d.Error = strings.Join(msgs, "; ")
	}
	normalize(&d)
	j.d = d
}

// locate turns a field error of the Screener into an input error pointing at
// the row that gave the field.
func locate(r *request, re *screening.RequestError) *InputError {
	line := r.line
	if i, ok := fieldIndex(re.Field, "parties["); ok && i < len(r.partyLines) {
		line = r.partyLines[i]
	} else if i, ok := fieldIndex(re.Field, "items["); ok && i < len(r.itemLines) {
		line = r.itemLines[i]
	}
	msg := re.Msg
	if re.Value != "" {
		msg += " " + strconv.Quote(re.Value)
	}
	return &InputError{File: r.file, Line: line, Field: re.Field, Value: re.Value, Msg: msg}
}

// fieldIndex parses i from a field path "prefix<i>]...".
func fieldIndex(field, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil
}
