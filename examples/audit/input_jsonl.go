package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/exportguard/exportguard/screening"
)

// jsonlSource reads one screening.Request per line.
type jsonlSource struct {
	r       *bufio.Reader
	file    string
	line    int
	seen    *idSet
	records int
	long    bool // the last line read was longer than maxLine (and cut)
}

// Records returns the number of non-blank lines read.
func (s *jsonlSource) Records() int { return s.records }

// maxLine bounds one JSONL line (and so the memory one request can take).
const maxLine = 4 << 20

func (s *jsonlSource) Next() (*request, error) {
	for {
		raw, err := s.readLine()
		if err != nil {
			return nil, err
		}
		s.line++
		trimmed := bytes.TrimSpace(raw)
		if s.line == 1 {
			trimmed = bytes.TrimPrefix(trimmed, []byte("\ufeff"))
		}
		if len(trimmed) == 0 && !s.long {
			continue
		}
		s.records++
		return s.parse(trimmed), nil
	}
}

// readLine returns the next line with its newline; a line longer than
// maxLine is returned cut to its first maxLine bytes, with s.long set, and
// the rest of it is skipped.
func (s *jsonlSource) readLine() ([]byte, error) {
	var buf []byte
	s.long = false
	for {
		chunk, err := s.r.ReadSlice('\n')
		if room := maxLine - len(buf); len(chunk) > room {
			buf = append(buf, chunk[:max(room, 0)]...)
			s.long = true
		} else {
			buf = append(buf, chunk...)
		}
		switch {
		case err == nil:
			return buf, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, nil
		default:
			return nil, err
		}
	}
}

func (s *jsonlSource) errAt(field, value, msg string) *InputError {
	if value != "" {
		msg = fmt.Sprintf("%s %q", msg, value)
	}
	return &InputError{File: s.file, Line: s.line, Field: field, Value: value, Msg: msg}
}

func (s *jsonlSource) parse(b []byte) *request {
	r := &request{file: s.file, line: s.line}
	if s.long {
		// Salvage the id from the start of the line so the error record
		// says which request it was.
		r.req.ID = leadingID(b)
		r.err = s.errAt("", "", fmt.Sprintf("line longer than %d bytes (4 MiB); not read", maxLine))
		return r
	}
	if !utf8.Valid(b) {
		r.err = s.errAt("", "", "invalid UTF-8")
		// Salvage the id so the error record says which request it was.
		var id struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(bytes.ToValidUTF8(b, []byte("\ufffd")), &id) == nil {
			r.req.ID = id.ID
		}
		return r
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r.req); err != nil {
		var id struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(b, &id) == nil {
			var sid string
			if json.Unmarshal(id.ID, &sid) == nil {
				r.req.ID = sid
			}
		}
		r.req = screening.Request{ID: r.req.ID}
		field := ""
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field = te.Field
			r.err = s.errAt(field, "", fmt.Sprintf("want a JSON %s, got %s", te.Type, te.Value))
			return r
		}
		r.err = s.errAt("", "", "not a JSON request: "+err.Error())
		return r
	}
	if dec.More() {
		r.err = s.errAt("", "", "more than one JSON value on the line")
		return r
	}
	if r.req.ID == "" {
		r.err = s.errAt("id", "", "missing")
		return r
	}
	if !s.seen.add(r.req.ID) {
		r.err = s.errAt("id", r.req.ID, "id seen before: an id names one request")
		return r
	}
	if f, v, err := validateRequest(&r.req); err != nil {
		r.err = s.errAt(f, v, err.Error())
	}
	for range r.req.Parties {
		r.partyLines = append(r.partyLines, s.line)
	}
	for range r.req.Items {
		r.itemLines = append(r.itemLines, s.line)
	}
	return r
}

// leadingID returns the request id of a JSON object cut short, when "id" is
// one of its members before the cut, and "" otherwise.
func leadingID(b []byte) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return ""
		}
		if k == "id" {
			var id string
			if dec.Decode(&id) != nil {
				return ""
			}
			return id
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
