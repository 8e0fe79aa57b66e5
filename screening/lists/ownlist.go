package lists

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// InternalColumns returns the columns of a company's own deny/watch list CSV,
// read by LoadInternalCSV. Only name is required; columns may come in any
// order; unknown columns are an error (so a typo does not silently drop
// data).
//
//	name     the party's name
//	type     individual, entity, vessel, aircraft or empty
//	country  country of the party's address (ISO code or name)
//	aliases  other names, separated by ";"
//	id       your own stable identifier; if empty, one is derived from
//	         name and country
//	remarks  free text, kept as published
//
// Each call returns a new slice, so a caller that changes it changes no loader.
func InternalColumns() []string { return slices.Clone(internalColumns) }

var internalColumns = []string{"name", "type", "country", "aliases", "id", "remarks"}

// LoadInternalCSV reads a company's own list (see InternalColumns) as
// entries of SourceInternal. The file is UTF-8 (Windows-1252 text is
// decoded, with a warning), comma-separated, with a header row.
func LoadInternalCSV(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error) {
	rep := LoadReport{File: file, Format: FormatInternalCSV}
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, rep, &ParseError{File: file, Err: ErrEmptyFile}
	}
	if err != nil {
		return nil, rep, wrongFormat(file, "internal list CSV", "first line does not parse as CSV: "+err.Error())
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(internalColumns, h) {
			return nil, rep, wrongFormat(file, "internal list CSV", fmt.Sprintf("unknown column %q (columns are %s)", clip(h, 40), strings.Join(internalColumns, ", ")))
		}
		col[h] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, rep, wrongFormat(file, "internal list CSV", `no "name" column`)
	}
	var out []*Entry
	seen := map[string]bool{}
	var readErr error
	for line, rec := range csvRecords(ctx, cr, file, len(header), &rep, &readErr) {
		c := rowCtx{rep: &rep, file: file, line: line}
		get := func(name string) string {
			i, ok := col[name]
			if !ok {
				return ""
			}
			return c.field(name, rec[i])
		}
		e := &Entry{Source: SourceInternal, Name: get("name"), ID: get("id"), Remarks: get("remarks")}
		if e.Name == "" {
			rep.fail(errf(file, line, "name", "", ErrMissingField))
			continue
		}
		if t := get("type"); t != "" {
			if e.Type = parseType(t); e.Type == TypeUnknown {
				rep.fail(errf(file, line, "type", t, errors.New("not individual, entity, vessel or aircraft")))
				continue
			}
		}
		country := get("country")
		if country != "" {
			a := Address{CountryText: country}
			resolveAddress(&a, &rep)
			e.Addresses = []Address{a}
		}
		for _, a := range splitList(get("aliases"), ";") {
			e.Aliases = append(e.Aliases, Alias{Name: a, Kind: AliasAKA})
		}
		if e.ID == "" {
			e.ID = cslHashID(e.Name, country)[:16]
		}
		if seen[e.ID] {
			rep.fail(errf(file, line, "id", e.ID, ErrDuplicate))
			continue
		}
		seen[e.ID] = true
		rep.Loaded++
		out = append(out, e)
	}
	return out, rep, readErr
}

// sniffInternalCSV detects a company's own list: a CSV header with a name
// column. It runs after the published formats, whose headers also have
// one.
func sniffInternalCSV(h *fileHead) (bool, error) {
	return strings.HasPrefix(strings.Trim(h.firstLower, `" `), "name") || strings.Contains(h.firstLower, ",name"), nil
}
