package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/exportguard/exportguard/screening"
)

// errorRecord is the output line for a request that could not be screened:
// outcome "error", the reason in Error, and empty (not null) lists so that
// every line has the same shape.
func errorRecord(id string, err error, v screening.Versions, now time.Time) screening.Decision {
	return screening.Decision{
		ID:         id,
		Outcome:    outcomeError,
		Error:      err.Error(),
		Reasons:    []screening.Reason{},
		Matches:    []screening.MatchRecord{},
		Locations:  []screening.LocationRecord{},
		Items:      []screening.ItemRecord{},
		Versions:   v,
		ScreenedAt: now.UTC(),
	}
}

// outcomeError is the outcome of an error record.
const outcomeError = "error"

// normalize replaces nil lists by empty ones so that the JSON has [] and not
// null, as the output contract promises.
func normalize(d *screening.Decision) {
	if d.Reasons == nil {
		d.Reasons = []screening.Reason{}
	}
	if d.Matches == nil {
		d.Matches = []screening.MatchRecord{}
	}
	if d.Locations == nil {
		d.Locations = []screening.LocationRecord{}
	}
	if d.Items == nil {
		d.Items = []screening.ItemRecord{}
	}
	for i := range d.Locations {
		if d.Locations[i].Subdivisions == nil {
			d.Locations[i].Subdivisions = []string{}
		}
	}
	for i := range d.Items {
		if d.Items[i].LicenseExceptions == nil {
			d.Items[i].LicenseExceptions = []string{}
		}
	}
	if d.Versions.Lists == nil {
		d.Versions.Lists = []screening.ListVersion{}
	}
	if d.Versions.GeoDBs == nil {
		d.Versions.GeoDBs = []screening.GeoVersion{}
	}
}

// linePool recycles the buffers decisions are encoded into.
var linePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// encodeLine encodes d as one JSON line into a pooled buffer; release it
// with putLine once written. Workers encode in parallel, so the single
// writer only copies bytes.
func encodeLine(d *screening.Decision) (*bytes.Buffer, error) {
	b := linePool.Get().(*bytes.Buffer)
	b.Reset()
	line, err := lineEncoder.Append(b.AvailableBuffer(), d)
	if err != nil {
		putLine(b)
		return nil, err
	}
	b.Write(append(line, '\n'))
	return b, nil
}

// lineEncoder writes the bytes encoding/json would, and the versions block
// once per data version.
var lineEncoder screening.DecisionEncoder

func putLine(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		linePool.Put(b)
	}
}

// jsonlWriter writes one decision a line and counts the lines that reached
// the underlying writer: a line still in its buffer, or cut by a failed
// write (a full disk), is not counted, so the summary never claims more
// records than the file holds.
type jsonlWriter struct {
	w       io.Writer
	buf     []byte
	lines   int   // complete lines written to w
	written int64 // bytes written to w
	err     error // the first write error; later writes fail with it
}

// jsonlBuffer is the size of the jsonlWriter's buffer.
const jsonlBuffer = 256 << 10

func newJSONLWriter(w io.Writer) *jsonlWriter {
	return &jsonlWriter{w: w, buf: make([]byte, 0, jsonlBuffer)}
}

// WriteLine writes one encoded line (from encodeLine, whole, so a failed
// encoding never leaves half a line).
func (j *jsonlWriter) WriteLine(line []byte) error {
	if j.err != nil {
		return j.err
	}
	if len(j.buf)+len(line) > jsonlBuffer {
		if err := j.Flush(); err != nil {
			return err
		}
	}
	j.buf = append(j.buf, line...)
	return nil
}

// Flush writes the buffered lines to the underlying writer. After a failed
// write only the lines that reached it whole are counted.
func (j *jsonlWriter) Flush() error {
	if j.err != nil {
		return j.err
	}
	if len(j.buf) == 0 {
		return nil
	}
	n, err := j.w.Write(j.buf)
	if err == nil && n < len(j.buf) {
		err = io.ErrShortWrite
	}
	// Lines end in the only newline they hold (JSON escapes newlines in
	// strings), so the complete lines written are the newlines written.
	j.lines += bytes.Count(j.buf[:n], []byte{'\n'})
	j.written += int64(n)
	j.buf = j.buf[:0]
	if err != nil {
		j.err = err
	}
	return err
}

// doneList is what an existing output file holds, for -resume: the id of
// each record in order (hashed, 8 bytes a record, so that a resumed run over
// millions of records keeps bounded memory).
type doneList struct {
	seed maphash.Seed
	ids  []uint64
}

func (d *doneList) key(id string) uint64 { return maphash.String(d.seed, id) }

// readDone reads an existing output file for -resume: it returns the ids of
// its records in order and cuts a torn last line (one without its newline,
// left by an interrupted run) so that appending continues on a line
// boundary. A missing file holds no records. It reads only the start of
// each line (where the encoder puts the id), so that a long output is
// scanned at the speed of the disk rather than decoded.
func readDone(path string) (*doneList, error) {
	done := &doneList{seed: maphash.MakeSeed()}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var (
		good     int64  // bytes up to the end of the last complete line
		head     []byte // the start of the current line
		size     int64  // bytes of the current line so far
		lastByte byte   // the last byte of the current line before its newline
	)
	for line := 1; ; {
		chunk, err := r.ReadSlice('\n')
		if len(head) < maxIDPrefix {
			head = append(head, chunk[:min(len(chunk), maxIDPrefix-len(head))]...)
		}
		size += int64(len(chunk))
		if t := bytes.TrimRight(chunk, "\r\n"); len(t) > 0 {
			lastByte = t[len(t)-1]
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			id, ok := recordID(head, lastByte == '}')
			if !ok {
				return nil, fmt.Errorf("%s: line %d: not a decision record; refusing to resume into it", path, line)
			}
			done.ids = append(done.ids, done.key(id))
			good += size
			line++
		}
		head, size, lastByte = head[:0], 0, 0
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if st, err := f.Stat(); err == nil && st.Size() != good {
		if err := f.Truncate(good); err != nil {
			return nil, fmt.Errorf("%s: cut torn last line: %w", path, err)
		}
	}
	return done, nil
}

// maxIDPrefix bounds the start of a record readDone looks at for its id.
const maxIDPrefix = 64 << 10

// recordID returns the id of a decision record from the start of its line:
// the line must start with {"id":"...", as encodeLine writes it; closed
// says whether it ends with }.
func recordID(head []byte, closed bool) (string, bool) {
	rest, ok := bytes.CutPrefix(head, []byte(`{"id":"`))
	if !ok || !closed {
		return "", false
	}
	// The id string runs to the first quote not escaped by a backslash.
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '"':
			raw := rest[:i]
			if bytes.IndexByte(raw, '\\') < 0 {
				return string(raw), utf8.Valid(raw)
			}
			var id string
			if json.Unmarshal(head[len(`{"id":`):len(`{"id":"`)+i+1], &id) != nil {
				return "", false
			}
			return id, true
		}
	}
	return "", false
}
