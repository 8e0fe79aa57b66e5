package lists

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// dplColumns is the header of BIS's dpl.txt.
var dplColumns = []string{"Name", "Street_Address", "City", "State", "Country", "Postal_Code",
	"Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation"}

// LoadDPL reads the BIS Denied Persons List in BIS's tab-delimited dpl.txt
// format. The file has one row per name and address; rows with the same
// name and FR_Citation are one denial order and become one entry with
// several addresses. The ID is ITA's CSL id for the same order,
// sha224(lower(name)+lower(FR citation)), so entries match the CSL's DPL
// rows. Effective_Date is ListedOn, Expiration_Date is EndDate.
func LoadDPL(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error) {
	rep := LoadReport{File: file, Format: FormatDPL}
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, rep, &ParseError{File: file, Err: ErrEmptyFile}
	}
	if err != nil || len(header) < len(dplColumns) || strings.TrimPrefix(header[0], "\ufeff") != "Name" || header[6] != "Effective_Date" {
		first := strings.Join(header, "\t")
		return nil, rep, wrongFormat(file, "BIS dpl.txt", fmt.Sprintf("first line %q is not the dpl.txt header (Name, Street_Address, …, FR_Citation, tab-separated)", clip(first, 80)))
	}
	var out []*Entry
	byID := map[string]*Entry{}
	var readErr error
	for line, rec := range csvRecords(ctx, cr, file, len(dplColumns), &rep, &readErr) {
		if len(rec) != len(dplColumns) {
			rep.fail(errf(file, line, "", fmt.Sprintf("%d fields, want %d", len(rec), len(dplColumns)), ErrColumnCount))
			continue
		}
		c := rowCtx{rep: &rep, file: file, line: line}
		for i := range rec {
			rec[i] = c.field(dplColumns[i], rec[i])
		}
		name, fr := rec[0], rec[11]
		if name == "" {
			rep.fail(errf(file, line, "Name", "", ErrMissingField))
			continue
		}
		e := &Entry{Source: SourceDPL, ID: cslHashID(name, fr), Name: name, FederalRegister: fr, Remarks: rec[10],
			SourceURL: "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls-and-us-person-controls/denied-persons-list"}
		var perr *ParseError
		if e.ListedOn, perr = c.date("Effective_Date", rec[6], &e.ListedOnRaw, "01/02/2006"); perr != nil {
			rep.fail(perr)
			continue
		}
		if e.EndDate, perr = c.date("Expiration_Date", rec[7], &e.EndDateRaw, "01/02/2006"); perr != nil {
			rep.fail(perr)
			continue
		}
		var lastUpdate string
		if _, perr = c.date("Last_Update", rec[9], &lastUpdate, time.DateOnly); perr != nil {
			rep.fail(perr)
			continue
		}
		addr := Address{Street: rec[1], City: rec[2], State: rec[3], CountryText: rec[4], PostalCode: rec[5]}
		resolveAddress(&addr, &rep)
		if addr != (Address{}) {
			e.Addresses = []Address{addr}
		}
		rep.Loaded++
		if prev, ok := byID[e.ID]; ok {
			mergeEntry(prev, e)
			continue
		}
		byID[e.ID] = e
		out = append(out, e)
	}
	if readErr != nil {
		return out, rep, readErr
	}
	if rep.Rows == 0 {
		return nil, rep, &ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: header only, no records", ErrEmptyFile)}
	}
	return out, rep, nil
}

// sniffDPL detects the Denied Persons List: a tab-delimited header with
// an effective_date column.
func sniffDPL(h *fileHead) (bool, error) {
	return strings.Contains(h.firstLower, "\t") && strings.Contains(h.firstLower, "effective_date"), nil
}
