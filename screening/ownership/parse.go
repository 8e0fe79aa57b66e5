package ownership

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// csvColumns are the columns of an ownership CSV file; only owner, owned
// and percent are required.
var csvColumns = []string{"owner", "owner_country", "owned", "owned_country", "percent", "start_date", "end_date"}

// LoadFile reads an ownership file: JSON (an array of edges) when its
// content starts with '[', CSV otherwise.
func LoadFile(path string) (*Graph, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
		return ParseJSON(name, data)
	}
	return ParseCSV(name, bytes.NewReader(data))
}

// ParseCSV reads ownership edges from CSV with the header
// owner, owner_country, owned, owned_country, percent, start_date, end_date
// (any order, any case; only owner, owned and percent are required). Dates
// are YYYY-MM-DD; percent may end in '%'. Every bad row is reported with its
// line and field, and no graph is returned if any row is bad.
func ParseCSV(name string, r io.Reader) (*Graph, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, col, err := readCSVHeader(name, cr)
	if err != nil {
		return nil, err
	}
	var edges []Edge
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// With FieldsPerRecord -1 the only csv.ParseErrors are broken
			// quotes, after which the rest of the file cannot be trusted;
			// any other error is the reader's, which it may return again
			// on every call.
			errs = append(errs, csvError(name, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			errs = append(errs, &ParseError{File: name, Line: line, Msg: fmt.Sprintf("%d fields, header has %d", len(rec), len(header))})
			continue
		}
		e, rowErrs := parseCSVRow(name, line, col, rec)
		if len(rowErrs) > 0 {
			errs = append(errs, rowErrs...)
			continue
		}
		edges = append(edges, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return New(name, edges)
}

// readCSVHeader reads the header row and returns it with the index of each
// column by its lower-case name. An unknown or repeated column, or a
// missing owner, owned or percent column, is an error on line 1.
func readCSVHeader(name string, cr *csv.Reader) ([]string, map[string]int, error) {
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &ParseError{File: name, Line: 1, Msg: "empty file: want a header with owner, owned, percent"}
	}
	if err != nil {
		return nil, nil, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(csvColumns, h) {
			return nil, nil, &ParseError{File: name, Line: 1, Field: "header", Value: h, Msg: "unknown column (want " + strings.Join(csvColumns, ", ") + ")"}
		}
		if _, dup := col[h]; dup {
			return nil, nil, &ParseError{File: name, Line: 1, Field: "header", Value: h, Msg: "duplicate column"}
		}
		col[h] = i
	}
	for _, req := range []string{"owner", "owned", "percent"} {
		if _, ok := col[req]; !ok {
			return nil, nil, &ParseError{File: name, Line: 1, Field: "header", Value: strings.Join(header, ","), Msg: "missing required column " + req}
		}
	}
	return header, col, nil
}

// parseCSVRow turns the record on line into an edge, using col to find the
// fields. It returns every problem of the row: fields that are not UTF-8
// (then nothing else is checked), a percent that is not a number, dates
// that are not YYYY-MM-DD.
func parseCSVRow(name string, line int, col map[string]int, rec []string) (Edge, []error) {
	get := func(c string) string {
		if i, ok := col[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	e := Edge{Owner: get("owner"), OwnerCountry: get("owner_country"), Owned: get("owned"), OwnedCountry: get("owned_country"), Line: line}
	var errs []error
	for _, c := range csvColumns {
		if v := get(c); !utf8.ValidString(v) {
			errs = append(errs, &ParseError{File: name, Line: line, Field: c, Value: strings.ToValidUTF8(v, "\uFFFD"), Msg: "invalid UTF-8"})
		}
	}
	if len(errs) > 0 {
		return Edge{}, errs
	}
	pct := strings.TrimSuffix(get("percent"), "%")
	p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
	if err != nil {
		return Edge{}, []error{&ParseError{File: name, Line: line, Field: "percent", Value: get("percent"), Msg: "not a number"}}
	}
	e.Percent = p
	for _, dc := range []struct {
		name string
		dst  *time.Time
	}{{"start_date", &e.Start}, {"end_date", &e.End}} {
		if v := get(dc.name); v != "" {
			d, err := time.Parse(time.DateOnly, v)
			if err != nil {
				errs = append(errs, &ParseError{File: name, Line: line, Field: dc.name, Value: v, Msg: "want a date as YYYY-MM-DD"})
				continue
			}
			*dc.dst = d
		}
	}
	if len(errs) > 0 {
		return Edge{}, errs
	}
	return e, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.StartLine, Msg: pe.Err.Error()}
	}
	return &ParseError{File: name, Msg: err.Error()}
}

// jsonEdge is the JSON form of an edge, with dates as YYYY-MM-DD.
type jsonEdge struct {
	Owner        string  `json:"owner"`
	OwnerCountry string  `json:"owner_country"`
	Owned        string  `json:"owned"`
	OwnedCountry string  `json:"owned_country"`
	Percent      float64 `json:"percent"`
	StartDate    string  `json:"start_date"`
	EndDate      string  `json:"end_date"`
}

// ParseJSON reads an array of edges: [{"owner": ..., "owned": ...,
// "percent": 50, "start_date": "2025-01-01"}]. Errors name the line of the
// element and the field.
func ParseJSON(name string, data []byte) (*Graph, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	jsonErr := func(err error) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return &ParseError{File: name, Line: lineAt(data, se.Offset), Msg: se.Error()}
		case errors.As(err, &te):
			return &ParseError{File: name, Line: lineAt(data, te.Offset), Field: te.Field, Value: te.Value, Msg: "wrong type, want " + te.Type.String()}
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return &ParseError{File: name, Line: lineAt(data, int64(len(data))), Msg: "unexpected end of JSON"}
		}
		return &ParseError{File: name, Line: lineAt(data, dec.InputOffset()), Msg: err.Error()}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, &ParseError{File: name, Line: 1, Msg: "want a JSON array of ownership edges"}
	}
	var edges []Edge
	var errs []error
	for dec.More() {
		line := lineAt(data, skipSpace(data, dec.InputOffset()))
		var r jsonEdge
		if err := dec.Decode(&r); err != nil {
			return nil, jsonErr(err)
		}
		e := Edge{Owner: r.Owner, OwnerCountry: r.OwnerCountry, Owned: r.Owned, OwnedCountry: r.OwnedCountry, Percent: r.Percent, Line: line}
		for _, dc := range []struct {
			field, v string
			dst      *time.Time
		}{{"start_date", r.StartDate, &e.Start}, {"end_date", r.EndDate, &e.End}} {
			if dc.v == "" {
				continue
			}
			d, err := time.Parse(time.DateOnly, dc.v)
			if err != nil {
				errs = append(errs, &ParseError{File: name, Line: line, Field: dc.field, Value: dc.v, Msg: "want a date as YYYY-MM-DD"})
				continue
			}
			*dc.dst = d
		}
		edges = append(edges, e)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return New(name, edges)
}

// skipSpace returns the offset of the first byte at or after off that is
// not white space or a comma.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return off
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}
