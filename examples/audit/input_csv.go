package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/exportguard/exportguard/screening"
)

// csvColumns are the columns of the CSV contract, in documentation order.
var csvColumns = []string{"id", "role", "name", "address", "country", "destination", "ip", "hq_country",
	"parent_name", "parent_country", "dob", "eccn", "tpp", "die_area_mm2", "datacenter",
	"hbm_bandwidth_density", "dram_bandwidth", "end_use", "date"}

const (
	colID = iota
	colRole
	colName
	colAddress
	colCountry
	colDestination
	colIP
	colHQCountry
	colParentName
	colParentCountry
	colDOB
	colECCN
	colTPP
	colDieArea
	colDatacenter
	colHBM
	colDRAM
	colEndUse
	colDate
	numCols
)

// csvSource groups contiguous CSV rows with the same id into one request.
type csvSource struct {
	r    *csv.Reader
	file string
	cols [numCols]int // index of each contract column in a row, -1 if absent
	n    int          // number of header fields
	seen *idSet

	cur     *request // the request being assembled
	curID   string
	pending *request // a request finished early, returned by the next Next
	eof     bool
	records int
}

// Records returns the number of CSV records read after the header.
func (s *csvSource) Records() int { return s.records }

func newCSVSource(r io.Reader, file string, seen *idSet) (*csvSource, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	s := &csvSource{r: cr, file: file, seen: seen}
	for i := range s.cols {
		s.cols[i] = -1
	}
	head, err := cr.Read()
	if err == io.EOF {
		s.eof = true
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrBadHeader, s.where(1, err.Error()))
	}
	s.n = len(head)
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		c := colIndex(name)
		if c < 0 {
			return nil, fmt.Errorf("%w: %s", ErrBadHeader, s.where(1, fmt.Sprintf("unknown column %q (known: %s)", h, strings.Join(csvColumns, ", "))))
		}
		if s.cols[c] >= 0 {
			return nil, fmt.Errorf("%w: %s", ErrBadHeader, s.where(1, fmt.Sprintf("column %q appears twice", h)))
		}
		s.cols[c] = i
	}
	if s.cols[colID] < 0 {
		return nil, fmt.Errorf("%w: %s", ErrBadHeader, s.where(1, "no id column (the header must name the columns; id is required)"))
	}
	return s, nil
}

func (s *csvSource) where(line int, msg string) string {
	if s.file != "" {
		return fmt.Sprintf("%s: line %d: %s", s.file, line, msg)
	}
	return fmt.Sprintf("line %d: %s", line, msg)
}

func colIndex(name string) int {
	for i, c := range csvColumns {
		if c == name {
			return i
		}
	}
	return -1
}

func (s *csvSource) Next() (*request, error) {
	if s.pending != nil {
		r := s.pending
		s.pending = nil
		return r, nil
	}
	for !s.eof {
		rec, err := s.r.Read()
		if err == io.EOF {
			s.eof = true
			break
		}
		s.records++
		var line int
		var rowErr *InputError
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, err
			}
			line = pe.StartLine
			msg := "malformed CSV: " + pe.Err.Error()
			if pe.Line > pe.StartLine {
				msg += fmt.Sprintf(" (a quoted field opened on line %d is still open on line %d: the rows on lines %d-%d were read as part of this record, not as rows of their own)",
					pe.StartLine, pe.Line, pe.StartLine+1, pe.Line)
			}
			rowErr = s.errAt(line, "", "", msg)
			rowErr.EndLine = pe.Line
		} else {
			line, _ = s.r.FieldPos(0)
			end := s.endLine(rec)
			switch {
			case len(rec) != s.n:
				rowErr = s.errAt(line, "", "", fmt.Sprintf("row has %d fields, header has %d", len(rec), s.n))
				rowErr.EndLine = end
			case end > line && s.swallowsRows(rec):
				// RFC 4180 allows a line break in a quoted field (a
				// multi-line address), but an unclosed quote closed by a
				// later stray one reads the rows in between as one record,
				// silently: refuse a field whose lines look like rows.
				rowErr = s.errAt(line, "", "", fmt.Sprintf("a quoted field holds a line break, so lines %d-%d were read as one record (an unclosed quote?); put each row on one line",
					line, end))
				rowErr.EndLine = end
			}
		}
		id := ""
		if i := s.cols[colID]; i < len(rec) {
			id = strings.TrimSpace(rec[i])
		}
		if s.cur == nil || id != s.curID {
			done := s.cur
			s.start(id, line)
			if done != nil {
				s.add(rec, line, rowErr)
				return done, nil
			}
		}
		s.add(rec, line, rowErr)
	}
	if s.cur != nil {
		r := s.cur
		s.cur = nil
		return r, nil
	}
	return nil, io.EOF
}

// endLine returns the last line of the record just read: the line of its
// last field plus the line breaks inside that field.
func (s *csvSource) endLine(rec []string) int {
	end := 0
	for i, f := range rec {
		l, _ := s.r.FieldPos(i)
		end = max(end, l+strings.Count(f, "\n"))
	}
	return end
}

// start begins a new request with id at line.
func (s *csvSource) start(id string, line int) {
	s.cur = &request{req: screening.Request{ID: id}, file: s.file, line: line}
	s.curID = id
	switch {
	case id == "":
		s.cur.err = s.errAt(line, "id", "", "missing (every row needs the id of its request)")
	case !utf8.ValidString(id):
		s.cur.err = s.errAt(line, "id", "", "invalid UTF-8")
		s.cur.req.ID = strings.ToValidUTF8(id, "\ufffd")
	case !s.seen.add(id):
		s.cur.err = s.errAt(line, "id", id, "id seen before: the rows of one request must be contiguous and an id names one request")
	}
}

func (s *csvSource) errAt(line int, field, value, msg string) *InputError {
	if value != "" {
		msg = fmt.Sprintf("%s %q", msg, value)
	}
	return &InputError{File: s.file, Line: line, Field: field, Value: value, Msg: msg}
}

// add merges one row into the current request. The first error of any row
// taints the whole request.
func (s *csvSource) add(rec []string, line int, rowErr *InputError) {
	r := s.cur
	if rowErr != nil {
		if r.err == nil {
			r.err = rowErr
		}
		return
	}
	if r.err != nil {
		return
	}
	w := csvRow{s: s, r: r, rec: rec, line: line}
	for c := range numCols {
		if v := w.get(c); !utf8.ValidString(v) {
			w.fail(c, "", "invalid UTF-8")
			return
		}
	}

	// Request-wide fields must agree across the rows of a request.
	w.same(colDestination, &r.req.Destination, checkCountry)
	w.same(colDate, &r.req.Date, checkDate)
	w.same(colEndUse, &r.req.EndUse, nil)
	if r.err != nil {
		return
	}
	if !w.ips() {
		return
	}
	if hasAny(w.get, colRole, colName, colAddress, colCountry, colHQCountry, colParentName, colParentCountry, colDOB) && !w.party() {
		return
	}
	if hasAny(w.get, colECCN, colTPP, colDieArea, colDatacenter, colHBM, colDRAM) {
		w.item()
	}
}

// csvRow is one data row being added to the request r, with the readers
// of its fields. The first problem found is r's error; a reader that
// finds one reports false, and the row adds nothing more.
type csvRow struct {
	s    *csvSource
	r    *request
	rec  []string
	line int
}

// get returns column c of the row, trimmed; "" if the file has no such
// column.
func (w *csvRow) get(c int) string {
	if i := w.s.cols[c]; i >= 0 && i < len(w.rec) {
		return strings.TrimSpace(w.rec[i])
	}
	return ""
}

// fail records the problem with column c, unless the request has one.
func (w *csvRow) fail(c int, value, msg string) {
	if w.r.err == nil {
		w.r.err = w.s.errAt(w.line, csvColumns[c], value, msg)
	}
}

// same reads the request-wide column c into dst: it must pass check and
// agree with the value an earlier row of the request gave.
func (w *csvRow) same(c int, dst *string, check func(string) error) {
	v := w.get(c)
	if v == "" {
		return
	}
	if check != nil {
		if err := check(v); err != nil {
			w.fail(c, v, err.Error())
			return
		}
	}
	if *dst != "" && *dst != v {
		w.fail(c, v, fmt.Sprintf("conflicts with %q given on an earlier row of request %q:", *dst, w.r.req.ID))
		return
	}
	*dst = v
}

// ips adds the row's client IPs (separated by ";", "," or spaces).
func (w *csvRow) ips() bool {
	v := w.get(colIP)
	if v == "" {
		return true
	}
	for _, f := range strings.FieldsFunc(v, func(c rune) bool { return c == ';' || c == ' ' || c == ',' }) {
		if err := checkIP(f); err != nil {
			w.fail(colIP, f, err.Error())
			return false
		}
		w.r.req.IPs = append(w.r.req.IPs, f)
	}
	return true
}

// party adds the party the row describes.
func (w *csvRow) party() bool {
	get, fail := w.get, w.fail
	p := screening.Party{Name: get(colName), Address: get(colAddress), Country: get(colCountry),
		DateOfBirth: get(colDOB), HQCountry: get(colHQCountry), ParentName: get(colParentName), ParentCountry: get(colParentCountry)}
	role, err := screening.ParseRole(strings.ToLower(get(colRole)))
	if err != nil {
		fail(colRole, get(colRole), "unknown role (want purchaser, intermediate_consignee, ultimate_consignee, end_user, account_holder, on_behalf_of or other):")
		return false
	}
	p.Role = role
	for _, c := range []int{colCountry, colHQCountry, colParentCountry} {
		if v := get(c); v != "" {
			if err := checkCountry(v); err != nil {
				fail(c, v, err.Error())
				return false
			}
		}
	}
	if p.DateOfBirth != "" {
		if err := checkDOB(p.DateOfBirth); err != nil {
			fail(colDOB, p.DateOfBirth, err.Error())
			return false
		}
	}
	w.r.req.Parties = append(w.r.req.Parties, p)
	w.r.partyLines = append(w.r.partyLines, w.line)
	return true
}

// item adds the item the row describes.
func (w *csvRow) item() {
	get, fail := w.get, w.fail
	it := screening.Item{ECCN: get(colECCN)}
	if it.ECCN != "" {
		if err := checkECCN(it.ECCN); err != nil {
			fail(colECCN, it.ECCN, err.Error())
			return
		}
	}
	for _, n := range []struct {
		c   int
		dst *float64
	}{{colTPP, &it.TPP}, {colDieArea, &it.DieAreaMM2}, {colHBM, &it.HBMBandwidthDensity}, {colDRAM, &it.DRAMBandwidthGBps}} {
		if v := get(n.c); v != "" {
			f, err := parseNumber(v)
			if err != nil {
				fail(n.c, v, err.Error())
				return
			}
			*n.dst = f
		}
	}
	if v := get(colDatacenter); v != "" {
		b, err := parseBool(v)
		if err != nil {
			fail(colDatacenter, v, err.Error())
			return
		}
		it.Datacenter = &b
	}
	w.r.req.Items = append(w.r.req.Items, it)
	w.r.itemLines = append(w.r.itemLines, w.line)
}

func hasAny(get func(int) string, cols ...int) bool {
	for _, c := range cols {
		if get(c) != "" {
			return true
		}
	}
	return false
}

// swallowsRows reports whether a line break in rec looks like rows read
// into one field by an unclosed quote rather than a multi-line value. Only
// the address column (and columns the audit does not read, such as notes)
// may hold line breaks, and none of their later lines may carry as many
// delimiters as a whole row.
func (s *csvSource) swallowsRows(rec []string) bool {
	for i, f := range rec {
		_, rest, ok := strings.Cut(f, "\n")
		if !ok {
			continue
		}
		if s.contractColumn(i) && i != s.cols[colAddress] {
			return true
		}
		for ok {
			var ln string
			ln, rest, ok = strings.Cut(rest, "\n")
			if s.n > 2 && strings.Count(ln, string(s.r.Comma)) >= s.n-1 {
				return true
			}
		}
	}
	return false
}

// contractColumn reports whether field i of a row is one the audit reads.
func (s *csvSource) contractColumn(i int) bool {
	for _, c := range s.cols {
		if c == i {
			return true
		}
	}
	return false
}
