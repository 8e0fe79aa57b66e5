package main

import (
	"bufio"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/exportguard/exportguard/screening"
)

// InputError is what is wrong with one input row or line: where (file and
// line), which field, the value given and why it was rejected. It becomes the
// "error" text of an error record.
type InputError struct {
	File    string // set when the run reads more than one input
	Line    int
	EndLine int    // last line of a record that spans several; 0 otherwise
	Field   string // CSV column or JSON path; "" when the row as a whole is bad
	Value   string
	Msg     string
}

func (e *InputError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.EndLine > e.Line {
		fmt.Fprintf(&b, "lines %d-%d: ", e.Line, e.EndLine)
	} else {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %s: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrBadHeader is wrapped by the error for a CSV header the audit cannot use
// (no id column, an unknown or repeated column). It is a configuration error:
// the run stops with exit code 2.
var ErrBadHeader = errors.New("bad CSV header")

// request is one request read from the input, with the line numbers needed to
// point at its rows, or the error that keeps it from being screened.
type request struct {
	req        screening.Request
	file       string // the input's name in errors ("" for a single input)
	line       int    // first line of the request
	partyLines []int  // line of each party, for errors the Screener reports
	itemLines  []int
	err        error // *InputError: the request becomes an error record
}

// source yields the requests of one input in order. Next returns io.EOF at
// the end; any other error is an I/O error that stops the run. Records is
// the number of input records read so far (CSV records after the header,
// malformed ones included; non-blank JSONL lines), so that a run can say
// how many records became how many requests.
type source interface {
	Next() (*request, error)
	Records() int
}

// idSet remembers which request ids were seen, in 8 bytes an id, so that a
// run over a million rows keeps bounded memory. Two different ids colliding
// in 64 bits is the only way it can be wrong (about 1 in 10^7 for 10^6 ids).
type idSet struct {
	seed maphash.Seed
	m    map[uint64]struct{}
}

func newIDSet() *idSet { return &idSet{seed: maphash.MakeSeed(), m: make(map[uint64]struct{})} }

func (s *idSet) key(id string) uint64 { return maphash.String(s.seed, id) }

// add records id and reports whether it was new.
func (s *idSet) add(id string) bool {
	k := s.key(id)
	if _, ok := s.m[k]; ok {
		return false
	}
	s.m[k] = struct{}{}
	return true
}

// detectFormat reports whether r holds JSONL (its first non-blank byte is
// '{') rather than CSV. It does not consume input.
func detectFormat(r *bufio.Reader) (jsonl bool, err error) {
	for n := 1; ; n++ {
		b, err := r.Peek(n)
		if len(b) < n {
			if err == io.EOF {
				return false, nil
			}
			return false, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF, 0xBB, 0xBF: // UTF-8 byte order mark
			continue
		default:
			return c == '{', nil
		}
	}
}

// newSource detects the format of r and returns a source reading it. file
// names the input in errors ("" for a single input); seen is shared by all
// inputs of a run so that an id used twice is caught across files.
func newSource(r io.Reader, file string, seen *idSet) (source, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	jsonl, err := detectFormat(br)
	if err != nil {
		return nil, err
	}
	if jsonl {
		return &jsonlSource{r: br, file: file, seen: seen}, nil
	}
	return newCSVSource(br, file, seen)
}
