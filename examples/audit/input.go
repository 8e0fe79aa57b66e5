package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
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

func (s *idSet) has(id string) bool { _, ok := s.m[s.key(id)]; return ok }

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
	get := func(c int) string {
		if i := s.cols[c]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	fail := func(c int, value, msg string) {
		if r.err == nil {
			r.err = s.errAt(line, csvColumns[c], value, msg)
		}
	}
	for c := range numCols {
		if v := get(c); !utf8.ValidString(v) {
			fail(c, "", "invalid UTF-8")
			return
		}
	}

	// Request-wide fields must agree across the rows of a request.
	same := func(c int, dst *string, check func(string) error) {
		v := get(c)
		if v == "" {
			return
		}
		if check != nil {
			if err := check(v); err != nil {
				fail(c, v, err.Error())
				return
			}
		}
		if *dst != "" && *dst != v {
			fail(c, v, fmt.Sprintf("conflicts with %q given on an earlier row of request %q:", *dst, r.req.ID))
			return
		}
		*dst = v
	}
	same(colDestination, &r.req.Destination, checkCountry)
	same(colDate, &r.req.Date, checkDate)
	same(colEndUse, &r.req.EndUse, nil)
	if r.err != nil {
		return
	}

	if v := get(colIP); v != "" {
		for _, f := range strings.FieldsFunc(v, func(c rune) bool { return c == ';' || c == ' ' || c == ',' }) {
			if err := checkIP(f); err != nil {
				fail(colIP, f, err.Error())
				return
			}
			r.req.IPs = append(r.req.IPs, f)
		}
	}

	// A party.
	if hasAny(get, colRole, colName, colAddress, colCountry, colHQCountry, colParentName, colParentCountry, colDOB) {
		p := screening.Party{Name: get(colName), Address: get(colAddress), Country: get(colCountry),
			DateOfBirth: get(colDOB), HQCountry: get(colHQCountry), ParentName: get(colParentName), ParentCountry: get(colParentCountry)}
		role, err := screening.ParseRole(strings.ToLower(get(colRole)))
		if err != nil {
			fail(colRole, get(colRole), "unknown role (want purchaser, intermediate_consignee, ultimate_consignee, end_user, account_holder, on_behalf_of or other):")
			return
		}
		p.Role = role
		for _, c := range []int{colCountry, colHQCountry, colParentCountry} {
			if v := get(c); v != "" {
				if err := checkCountry(v); err != nil {
					fail(c, v, err.Error())
					return
				}
			}
		}
		if p.DateOfBirth != "" {
			if err := checkDOB(p.DateOfBirth); err != nil {
				fail(colDOB, p.DateOfBirth, err.Error())
				return
			}
		}
		r.req.Parties = append(r.req.Parties, p)
		r.partyLines = append(r.partyLines, line)
	}

	// An item.
	if hasAny(get, colECCN, colTPP, colDieArea, colDatacenter, colHBM, colDRAM) {
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
		r.req.Items = append(r.req.Items, it)
		r.itemLines = append(r.itemLines, line)
	}
}

func hasAny(get func(int) string, cols ...int) bool {
	for _, c := range cols {
		if get(c) != "" {
			return true
		}
	}
	return false
}

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

// validateRequest checks a request read from JSON with the same rules as the
// CSV columns. It returns the JSON path of the first bad field and its value.
func validateRequest(q *screening.Request) (field, value string, err error) {
	if q.Destination != "" {
		if err := checkCountry(q.Destination); err != nil {
			return "destination", q.Destination, err
		}
	}
	if q.Date != "" {
		if err := checkDate(q.Date); err != nil {
			return "date", q.Date, err
		}
	}
	for i, ip := range q.IPs {
		if err := checkIP(ip); err != nil {
			return fmt.Sprintf("ips[%d]", i), ip, err
		}
	}
	for i, p := range q.Parties {
		if p.Role != "" {
			if _, err := screening.ParseRole(string(p.Role)); err != nil {
				return fmt.Sprintf("parties[%d].role", i), string(p.Role), errors.New("unknown role")
			}
		}
		for _, c := range []struct{ name, v string }{{"country", p.Country}, {"hq_country", p.HQCountry}, {"parent_country", p.ParentCountry}} {
			if c.v != "" {
				if err := checkCountry(c.v); err != nil {
					return fmt.Sprintf("parties[%d].%s", i, c.name), c.v, err
				}
			}
		}
		if p.DateOfBirth != "" {
			if err := checkDOB(p.DateOfBirth); err != nil {
				return fmt.Sprintf("parties[%d].dob", i), p.DateOfBirth, err
			}
		}
	}
	for i, it := range q.Items {
		if it.ECCN != "" {
			if err := checkECCN(it.ECCN); err != nil {
				return fmt.Sprintf("items[%d].eccn", i), it.ECCN, err
			}
		}
		for _, n := range []struct {
			name string
			v    float64
		}{{"tpp", it.TPP}, {"die_area_mm2", it.DieAreaMM2}, {"hbm_bandwidth_density", it.HBMBandwidthDensity}, {"dram_bandwidth", it.DRAMBandwidthGBps}} {
			if n.v < 0 {
				return fmt.Sprintf("items[%d].%s", i, n.name), strconv.FormatFloat(n.v, 'g', -1, 64), errors.New("negative number")
			}
		}
	}
	return "", "", nil
}

// Cell checks. Their messages end where the quoted value is appended.

func checkCountry(v string) error {
	if _, err := rules.ResolveDestination(v); err != nil {
		return errors.New("unknown country or region")
	}
	return nil
}

func checkDate(v string) error {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return errors.New("invalid date (want YYYY-MM-DD)")
	}
	return nil
}

// checkDOB accepts the forms lists publish dates of birth in: YYYY,
// YYYY-MM and YYYY-MM-DD.
func checkDOB(v string) error {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return nil
			}
		}
	}
	return errors.New("invalid date of birth (want YYYY, YYYY-MM or YYYY-MM-DD)")
}

// checkIP accepts what the Screener accepts (geoloc.ParseIP).
func checkIP(v string) error {
	if _, err := geoloc.ParseIP(v); err != nil {
		return errors.New("invalid IP")
	}
	return nil
}

// checkECCN accepts what the Screener accepts (rules.ParseECCN), so that an
// ECCN the Screener cannot read makes an error record here rather than a
// fail-closed decision.
func checkECCN(v string) error {
	if _, err := rules.ParseECCN(v); err != nil {
		return errors.New("invalid ECCN (want e.g. 3A090, 3A090.a, 4A090 or EAR99)")
	}
	return nil
}

func parseNumber(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errors.New("not a number")
	}
	if f < 0 {
		return 0, errors.New("negative number")
	}
	return f, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "y", "1":
		return true, nil
	case "false", "no", "n", "0":
		return false, nil
	}
	return false, errors.New("not a boolean (want true or false)")
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
