package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

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

// jsonlWriter writes one decision a line.
type jsonlWriter struct {
	w     *bufio.Writer
	lines int
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	return &jsonlWriter{w: bufio.NewWriterSize(w, 256<<10)}
}

// WriteLine writes one encoded line (from encodeLine, whole, so a failed
// encoding never leaves half a line).
func (j *jsonlWriter) WriteLine(line []byte) error {
	if _, err := j.w.Write(line); err != nil {
		return err
	}
	j.lines++
	return nil
}

// Flush writes buffered lines to the underlying writer.
func (j *jsonlWriter) Flush() error { return j.w.Flush() }

// readDone reads an existing output file for -resume: it returns the ids it
// already holds and cuts a torn last line (one without its newline, left by
// an interrupted run) so that appending continues on a line boundary. A
// missing file holds no ids.
func readDone(path string, ids *idSet) (n int, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 256<<10)
	var good int64 // bytes up to the end of the last complete line
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] == '\n' {
			var rec struct {
				ID *string `json:"id"`
			}
			if jerr := json.Unmarshal(b, &rec); jerr != nil || rec.ID == nil {
				return n, fmt.Errorf("%s: line %d: not a decision record; refusing to resume into it", path, line)
			}
			ids.add(*rec.ID)
			n++
			good += int64(len(b))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
	}
	if st, err := f.Stat(); err == nil && st.Size() != good {
		if err := f.Truncate(good); err != nil {
			return n, fmt.Errorf("%s: cut torn last line: %w", path, err)
		}
	}
	return n, nil
}
