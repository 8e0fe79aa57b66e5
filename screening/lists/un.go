package lists

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// unRecord is one INDIVIDUAL or ENTITY of the UN Security Council
// Consolidated List XML (https://www.un.org/sc/resources/sc-sanctions.xsd).
type unRecord struct {
	DataID       string      `xml:"DATAID"`
	First        string      `xml:"FIRST_NAME"`
	Second       string      `xml:"SECOND_NAME"`
	Third        string      `xml:"THIRD_NAME"`
	Fourth       string      `xml:"FOURTH_NAME"`
	ListType     string      `xml:"UN_LIST_TYPE"`
	Reference    string      `xml:"REFERENCE_NUMBER"`
	ListedOn     string      `xml:"LISTED_ON"`
	Comments     string      `xml:"COMMENTS1"`
	OrigScript   string      `xml:"NAME_ORIGINAL_SCRIPT"`
	Titles       []string    `xml:"TITLE>VALUE"`
	Designations []string    `xml:"DESIGNATION>VALUE"`
	Nationality  []string    `xml:"NATIONALITY>VALUE"`
	Aliases      []unAlias   `xml:"INDIVIDUAL_ALIAS"`
	EAliases     []unAlias   `xml:"ENTITY_ALIAS"`
	Addresses    []unAddress `xml:"INDIVIDUAL_ADDRESS"`
	EAddresses   []unAddress `xml:"ENTITY_ADDRESS"`
	DOBs         []unDOB     `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	POBs         []unAddress `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents    []unDoc     `xml:"INDIVIDUAL_DOCUMENT"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unAddress struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Zip     string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
}

type unDOB struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
}

type unDoc struct {
	Type     string `xml:"TYPE_OF_DOCUMENT"`
	Number   string `xml:"NUMBER"`
	Country  string `xml:"ISSUING_COUNTRY"`
	Country2 string `xml:"COUNTRY_OF_ISSUE"`
}

// LoadUNXML reads the UN Security Council Consolidated List XML with a
// streaming decoder. The ID is the UN reference number (e.g. "QDi.001");
// aliases of QUALITY "Low" are Weak; "f.k.a." aliases are AliasFKA. The
// report's AsOf is the list's dateGenerated. LISTED_ON may carry an
// xs:date zone ("2015-04-07-04:00"); the calendar date is kept.
func LoadUNXML(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error) {
	rep := LoadReport{File: file, Format: FormatUNXML}
	dec := xml.NewDecoder(r)
	var out []*Entry
	seen := map[string]bool{}
	root, sawText := false, false
	for {
		if err := ctx.Err(); err != nil {
			return out, rep, err
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := dec.InputPos()
		if err != nil {
			if !root {
				if rep.Rows == 0 && line <= 1 && errors.Is(err, io.ErrUnexpectedEOF) {
					return nil, rep, &ParseError{File: file, Err: ErrEmptyFile}
				}
				return nil, rep, wrongFormat(file, "UN consolidated XML", err.Error())
			}
			// The XML is broken from here on: nothing after it can be read.
			// The unreadable rest counts as one failed row.
			rep.Rows++
			rep.fail(&ParseError{File: file, Line: line, Err: fmt.Errorf("%w: %w", ErrSyntax, err)})
			return out, rep, nil
		}
		if cd, ok := tok.(xml.CharData); ok && !root && len(strings.TrimSpace(string(cd))) > 0 {
			sawText = true
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if err := unRoot(se, file, &rep); err != nil {
				return nil, rep, err
			}
			root = true
			continue
		}
		typ, ok := unEntryTypes[se.Name.Local]
		if !ok {
			continue
		}
		rep.Rows++
		var rec unRecord
		if err := dec.DecodeElement(&rec, &se); err != nil {
			l, _ := dec.InputPos()
			rep.fail(&ParseError{File: file, Line: l, Field: se.Name.Local, Err: fmt.Errorf("%w: %w", ErrSyntax, err)})
			return out, rep, nil
		}
		e, perr := unEntry(&rec, typ, &rowCtx{rep: &rep, file: file, line: line})
		if perr != nil {
			rep.fail(perr)
			continue
		}
		if seen[e.ID] {
			rep.fail(errf(file, line, "REFERENCE_NUMBER", e.ID, ErrDuplicate))
			continue
		}
		seen[e.ID] = true
		rep.Loaded++
		out = append(out, e)
	}
	if !root {
		if sawText {
			return nil, rep, wrongFormat(file, "UN consolidated XML", "no <CONSOLIDATED_LIST> element (text, not XML)")
		}
		return nil, rep, &ParseError{File: file, Err: ErrEmptyFile}
	}
	return out, rep, nil
}

// unEntryTypes are the elements of the UN list that are entries.
var unEntryTypes = map[string]EntryType{"INDIVIDUAL": TypeIndividual, "ENTITY": TypeEntity}

// unRoot checks that se, the first element, is the list's root and takes
// the list's date (dateGenerated) from it.
func unRoot(se xml.StartElement, file string, rep *LoadReport) error {
	if se.Name.Local != "CONSOLIDATED_LIST" {
		return wrongFormat(file, "UN consolidated XML", fmt.Sprintf("root element is <%s>, want <CONSOLIDATED_LIST>", se.Name.Local))
	}
	for _, a := range se.Attr {
		if a.Name.Local == "dateGenerated" {
			if t, err := time.Parse(time.RFC3339, a.Value); err == nil {
				rep.AsOf = t
			}
		}
	}
	return nil
}

// unEntry makes the entry of one INDIVIDUAL or ENTITY record; c locates
// its errors and records its field warnings.
func unEntry(rec *unRecord, typ EntryType, c *rowCtx) (*Entry, *ParseError) {
	var parts []string
	for _, p := range []string{rec.First, rec.Second, rec.Third, rec.Fourth} {
		if p = c.field("NAME", p); p != "" {
			parts = append(parts, p)
		}
	}
	e := &Entry{Source: SourceUN, Type: typ, Name: strings.Join(parts, " ")}
	e.ID = c.field("REFERENCE_NUMBER", rec.Reference)
	if e.ID == "" {
		e.ID = c.field("DATAID", rec.DataID)
	}
	if e.ID == "" {
		return nil, errf(c.file, c.line, "REFERENCE_NUMBER", "", ErrMissingField)
	}
	if e.Name == "" {
		return nil, errf(c.file, c.line, "FIRST_NAME", "", ErrMissingField)
	}
	var perr *ParseError
	if e.ListedOn, perr = c.date("LISTED_ON", c.field("LISTED_ON", rec.ListedOn), &e.ListedOnRaw, time.DateOnly, "2006-01-02Z07:00"); perr != nil {
		return nil, perr
	}
	if lt := c.field("UN_LIST_TYPE", rec.ListType); lt != "" {
		e.Programs = []string{lt}
	}
	var titles []string
	for _, t := range append(append([]string{}, rec.Titles...), rec.Designations...) {
		if t = c.field("TITLE", t); t != "" {
			titles = append(titles, t)
		}
	}
	e.Title = strings.Join(titles, "; ")
	e.Remarks = c.field("COMMENTS1", rec.Comments)
	if s := c.field("NAME_ORIGINAL_SCRIPT", rec.OrigScript); s != "" {
		e.Aliases = append(e.Aliases, Alias{Name: s, Kind: AliasAKA})
	}
	e.Aliases = unAliases(e.Aliases, rec, c)
	e.Addresses = unAddresses(rec, c)
	for _, n := range rec.Nationality {
		if n = c.field("NATIONALITY", n); n != "" {
			e.Nationalities = append(e.Nationalities, n)
		}
	}
	e.Nationalities = resolveCountries(e.Nationalities)
	e.DatesOfBirth = unDatesOfBirth(rec)
	e.PlacesOfBirth = unPlacesOfBirth(rec, c)
	e.IDs = unDocuments(rec, c)
	e.SourceURL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
	return e, nil
}

// unAliases appends to dst the record's aliases (both XML layouts);
// quality "Low" is a weak alias, "f.k.a." a former name.
func unAliases(dst []Alias, rec *unRecord, c *rowCtx) []Alias {
	for _, a := range append(rec.Aliases, rec.EAliases...) {
		name := c.field("ALIAS_NAME", a.Name)
		if name == "" {
			continue
		}
		q := strings.ToLower(c.field("QUALITY", a.Quality))
		al := Alias{Name: name, Kind: AliasAKA, Weak: q == "low"}
		if q == "f.k.a." {
			al.Kind = AliasFKA
		}
		dst = append(dst, al)
	}
	return dst
}

// unAddresses returns the record's non-empty addresses (both XML
// layouts), their countries resolved.
func unAddresses(rec *unRecord, c *rowCtx) []Address {
	var out []Address
	for _, a := range append(rec.Addresses, rec.EAddresses...) {
		addr := Address{Street: c.field("STREET", a.Street), City: c.field("CITY", a.City), State: c.field("STATE_PROVINCE", a.State),
			PostalCode: c.field("ZIP_CODE", a.Zip), CountryText: c.field("COUNTRY", a.Country)}
		if addr == (Address{}) {
			continue
		}
		resolveAddress(&addr, c.rep)
		out = append(out, addr)
	}
	return out
}

// unDatesOfBirth returns the record's dates of birth as text: a date, a
// year, or a range of years, "circa" when the list says approximately.
func unDatesOfBirth(rec *unRecord) []string {
	var out []string
	for _, d := range rec.DOBs {
		var s string
		switch {
		case d.Date != "":
			s = strings.TrimSpace(d.Date)
		case d.FromYear != "" || d.ToYear != "":
			s = strings.TrimSpace(d.FromYear) + " to " + strings.TrimSpace(d.ToYear)
		case d.Year != "":
			s = strings.TrimSpace(d.Year)
		default:
			continue
		}
		if strings.EqualFold(strings.TrimSpace(d.Type), "APPROXIMATELY") {
			s = "circa " + s
		}
		out = append(out, s)
	}
	return out
}

// unPlacesOfBirth returns the record's places of birth as "city, state,
// country".
func unPlacesOfBirth(rec *unRecord, c *rowCtx) []string {
	var out []string
	for _, p := range rec.POBs {
		var parts []string
		for _, s := range []string{p.City, p.State, p.Country} {
			if s = c.field("PLACE_OF_BIRTH", s); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, ", "))
		}
	}
	return out
}

// unDocuments returns the record's identity documents that have a number,
// their issuing countries resolved to ISO codes where known.
func unDocuments(rec *unRecord, c *rowCtx) []Identifier {
	var out []Identifier
	for _, d := range rec.Documents {
		id := Identifier{Type: c.field("TYPE_OF_DOCUMENT", d.Type), Value: c.field("NUMBER", d.Number), Country: c.field("ISSUING_COUNTRY", d.Country)}
		if id.Country == "" {
			id.Country = c.field("COUNTRY_OF_ISSUE", d.Country2)
		}
		if dst, ok := resolveCountry(id.Country); ok {
			id.Country = dst.Country.String()
		}
		if id.Value != "" {
			out = append(out, id)
		}
	}
	return out
}

// sniffUNXML detects the UN list's XML: the only format that starts with
// markup.
func sniffUNXML(h *fileHead) (bool, error) { return h.lead == '<', nil }
