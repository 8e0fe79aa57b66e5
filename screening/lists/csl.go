package lists

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// File formats detected and reported in LoadReport.Format. Each is registered,
// with its detector and loader, in listFormats (formats.go).
const (
	FormatCSLCSV       = "csl-csv"        // trade.gov consolidated.csv, 29 columns with _id
	FormatCSLCSVLegacy = "csl-csv-legacy" // trade.gov consolidated.csv before _id (2019 layout)
	FormatCSLJSON      = "csl-json"       // trade.gov consolidated.json {"results":[...]}
	FormatOFACSDN      = "ofac-sdn-csv"   // OFAC sdn.csv + add.csv + alt.csv + sdn_comments.csv
	FormatOFACCons     = "ofac-cons-csv"  // OFAC cons_prim.csv + cons_add.csv + cons_alt.csv + cons_comments.csv
	FormatDPL          = "bis-dpl-txt"    // BIS Denied Persons List dpl.txt (tab-delimited)
	FormatUNXML        = "un-xml"         // UN Security Council Consolidated List XML
	FormatInternalCSV  = "internal-csv"   // a company's own list, see LoadInternalCSV
)

// parseCSLSource returns the Source of a CSL "source" value, e.g. "Entity
// List (EL) - Bureau of Industry and Security": the code in parentheses (or
// the whole value), read by rules.ParseListSource ("NS-MBS List" is MBS).
// Only sources the registry says the CSL carries are accepted; the error
// (ErrUnknownSource) says when the code is that of a list the CSL does not
// carry (the UN list, a company's own) and the format to read it from.
func parseCSLSource(s string) (Source, error) {
	src, err := rules.ParseListSource(cslSourceCode(s))
	if err != nil {
		return "", ErrUnknownSource
	}
	if !slices.Contains(src.Info().Formats, FormatCSLCSV) {
		return "", fmt.Errorf("%w: %s is not on the Consolidated Screening List; read it from its own file (format %s)", ErrUnknownSource, src, strings.Join(src.Info().Formats, " or "))
	}
	return src, nil
}

// cslSourceCode returns the code a CSL "source" value names: the text in
// parentheses, or the whole value, without a trailing " List".
func cslSourceCode(s string) string {
	code := s
	if i, j := strings.IndexByte(s, '('), strings.IndexByte(s, ')'); i >= 0 && j > i {
		code = s[i+1 : j]
	}
	return strings.TrimSuffix(strings.TrimSpace(code), " List")
}

// LoadCSLCSV reads a trade.gov Consolidated Screening List CSV file (the
// current layout whose first column is _id, or the older one without it;
// the header decides). The Entity List file in testdata/lists/entity-list
// uses the same layout. file names the input in errors.
func LoadCSLCSV(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error) {
	var out []*Entry
	rep, err := DecodeCSLCSV(ctx, r, file, func(e *Entry) error { out = append(out, e); return nil })
	return out, rep, err
}

// DecodeCSLCSV is LoadCSLCSV streaming each entry to fn instead of
// collecting them; an error from fn stops decoding and is returned.
func DecodeCSLCSV(ctx context.Context, r io.Reader, file string, fn func(*Entry) error) (LoadReport, error) {
	rep := LoadReport{File: file, Format: FormatCSLCSV}
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return rep, &ParseError{File: file, Err: ErrEmptyFile}
	}
	if err != nil {
		return rep, wrongFormat(file, "CSL CSV", "first line does not parse as CSV: "+err.Error())
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")
		col[h] = i
	}
	for _, need := range []string{"source", "name", "alt_names", "addresses"} {
		if _, ok := col[need]; !ok {
			return rep, wrongFormat(file, "CSL CSV", fmt.Sprintf("header has no %q column (first line %q)", need, clip(strings.Join(header, ","), 80)))
		}
	}
	if _, ok := col["_id"]; !ok {
		rep.Format = FormatCSLCSVLegacy
	}
	seen := map[string]*Entry{}
	var readErr error
	for line, rec := range csvRecords(ctx, cr, file, len(header), &rep, &readErr) {
		c := rowCtx{rep: &rep, file: file, line: line}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return c.field(name, rec[i])
		}
		e, perr := cslEntry(&c, get, rep.Format == FormatCSLCSVLegacy)
		if perr != nil {
			rep.fail(perr)
			continue
		}
		if prev, ok := seen[e.Key()]; ok {
			if rep.Format == FormatCSLCSVLegacy && get("entity_number") == "" {
				// The 2019 layout has one row per name and address; rows
				// with the same name and FR notice are one listing (ITA
				// merges them under one _id today).
				mergeEntry(prev, e)
				rep.Loaded++
				continue
			}
			if prev.Hash() == e.Hash() {
				rep.Skipped++
				rep.warn(errf(file, line, "_id", e.ID, ErrDuplicate))
				continue
			}
			rep.fail(errf(file, line, "_id", e.ID, fmt.Errorf("%w with different content", ErrDuplicate)))
			continue
		}
		seen[e.Key()] = e
		rep.Loaded++
		if err := fn(e); err != nil {
			return rep, err
		}
	}
	if readErr != nil {
		return rep, readErr
	}
	if rep.Rows == 0 && rep.Failed == 0 {
		return rep, &ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: header only, no records", ErrEmptyFile)}
	}
	return rep, nil
}

// cslEntry builds an Entry from one CSL record; get returns a cleaned field.
func cslEntry(c *rowCtx, get func(string) string, legacy bool) (*Entry, *ParseError) {
	srcText := get("source")
	src, srcErr := parseCSLSource(srcText)
	if srcErr != nil {
		return nil, errf(c.file, c.line, "source", srcText, srcErr)
	}
	e := &Entry{Source: src, Name: get("name"), Title: get("title")}
	if e.Name == "" {
		return nil, errf(c.file, c.line, "name", "", ErrMissingField)
	}
	e.ID = get("_id")
	if e.ID == "" {
		e.ID = get("entity_number")
	}
	if e.ID == "" {
		e.ID = cslHashID(e.Name, get("federal_register_notice"))
	}
	e.Type = parseType(get("type"))
	e.Programs = splitList(get("programs"), "; ")
	for _, a := range splitList(get("alt_names"), "; ") {
		e.Aliases = append(e.Aliases, Alias{Name: a, Kind: AliasAKA})
	}
	for _, a := range splitList(get("addresses"), "; ") {
		addr := parseCSLAddress(a)
		resolveAddress(&addr, c.rep)
		e.Addresses = append(e.Addresses, addr)
	}
	e.FederalRegister = get("federal_register_notice")
	var err *ParseError
	if e.ListedOn, err = c.date("start_date", get("start_date"), &e.ListedOnRaw, time.DateOnly); err != nil {
		return nil, err
	}
	if e.EndDate, err = c.date("end_date", get("end_date"), &e.EndDateRaw, time.DateOnly); err != nil {
		return nil, err
	}
	e.LicenseRequirement = get("license_requirement")
	e.LicensePolicy = get("license_policy")
	e.Remarks = get("remarks")
	if src == SourceEL {
		e.Footnotes = elFootnotes(e.Remarks)
	}
	e.DatesOfBirth = splitList(get("dates_of_birth"), "; ")
	e.Nationalities = resolveCountries(splitList(get("nationalities"), "; "))
	e.Citizenships = resolveCountries(splitList(get("citizenships"), "; "))
	e.PlacesOfBirth = splitList(get("places_of_birth"), "; ")
	for _, v := range []struct{ field, typ string }{
		{"call_sign", "Call Sign"}, {"vessel_type", "Vessel Type"}, {"vessel_flag", "Vessel Flag"},
		{"vessel_owner", "Vessel Owner"}, {"gross_tonnage", "Gross Tonnage"},
		{"gross_registered_tonnage", "Gross Registered Tonnage"},
	} {
		if s := get(v.field); s != "" {
			e.IDs = append(e.IDs, Identifier{Type: v.typ, Value: s})
		}
	}
	for _, s := range splitList(get("ids"), "; ") {
		e.IDs = append(e.IDs, parseCSLID(s, legacy))
	}
	e.SourceURL = get("source_information_url")
	if e.SourceURL == "" {
		e.SourceURL = get("source_list_url")
	}
	return e, nil
}

// cslHashID is ITA's id for list entries without an entity number:
// sha224 of lower(name) + lower(federal_register_notice).
func cslHashID(name, fr string) string {
	h := sha256.Sum224([]byte(strings.ToLower(name) + strings.ToLower(fr)))
	return hex.EncodeToString(h[:])
}

func parseType(s string) EntryType {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "individual":
		return TypeIndividual
	case "entity":
		return TypeEntity
	case "vessel":
		return TypeVessel
	case "aircraft":
		return TypeAircraft
	}
	return TypeUnknown
}

// parseCSLAddress splits one flattened CSL address. ITA joins the address
// parts with ", " and ends with the ISO country code; the parts before it
// are kept together in Street because city/state/postal code cannot be told
// apart reliably once flattened.
func parseCSLAddress(s string) Address {
	s = strings.TrimSpace(s)
	i := strings.LastIndex(s, ", ")
	last := s
	if i >= 0 {
		last = s[i+2:]
	}
	if isCode2(last) {
		if i < 0 {
			return Address{CountryText: last}
		}
		return Address{Street: strings.TrimSpace(s[:i]), CountryText: last}
	}
	return Address{Street: s}
}

func isCode2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// parseCSLID parses one CSL "ids" item: "Type, Value[, CC]" in the current
// layout, "[CC, ]Value, Type" in the 2019 layout.
func parseCSLID(s string, legacy bool) Identifier {
	parts := strings.Split(s, ", ")
	if len(parts) == 1 {
		return Identifier{Value: s}
	}
	if legacy {
		id := Identifier{Type: strings.TrimSpace(parts[len(parts)-1])}
		rest := parts[:len(parts)-1]
		if len(rest) > 1 && isCode2(rest[0]) {
			id.Country, rest = rest[0], rest[1:]
		}
		id.Value = strings.Join(rest, ", ")
		return id
	}
	id := Identifier{Type: parts[0]}
	rest := parts[1:]
	if len(rest) > 1 && isCode2(rest[len(rest)-1]) {
		id.Country, rest = rest[len(rest)-1], rest[:len(rest)-1]
	}
	id.Value = strings.Join(rest, ", ")
	return id
}

var footnoteRE = regexp.MustCompile(`Entity List footnote\(s\) ([0-9][0-9, ]*)`)

// elFootnotes returns "FN 1", "FN 2", ... from the Entity List file's
// "Entity List footnote(s) 1, 2" remark.
func elFootnotes(remarks string) []string {
	m := footnoteRE.FindStringSubmatch(remarks)
	if m == nil {
		return nil
	}
	var out []string
	for _, n := range splitList(m[1], ",") {
		out = append(out, "FN "+n)
	}
	return out
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// mergeEntry adds e's aliases, addresses and identifiers that dst lacks,
// and keeps the earlier listing date.
func mergeEntry(dst, e *Entry) {
	for _, a := range e.Aliases {
		if !slices.Contains(dst.Aliases, a) {
			dst.Aliases = append(dst.Aliases, a)
		}
	}
	for _, a := range e.Addresses {
		if !slices.Contains(dst.Addresses, a) {
			dst.Addresses = append(dst.Addresses, a)
		}
	}
	for _, id := range e.IDs {
		if !slices.Contains(dst.IDs, id) {
			dst.IDs = append(dst.IDs, id)
		}
	}
	if !e.ListedOn.IsZero() && (dst.ListedOn.IsZero() || e.ListedOn.Before(dst.ListedOn)) {
		dst.ListedOn = e.ListedOn
	}
}

// isCSLHeader reports whether h's first line is a CSL CSV header, of
// either layout.
func isCSLHeader(h *fileHead) bool {
	return strings.Contains(h.firstLower, "alt_names") && strings.Contains(h.firstLower, "source")
}

// hasCSLID reports whether h's first column is _id (the current layout).
func hasCSLID(h *fileHead) bool {
	return strings.HasPrefix(strings.TrimLeft(h.firstLower, `"`), "_id")
}

// sniffCSLCSV detects the CSL CSV in its current layout, led by _id.
func sniffCSLCSV(h *fileHead) (bool, error) { return isCSLHeader(h) && hasCSLID(h), nil }

// sniffCSLCSVLegacy detects the CSL CSV in its layout before _id.
func sniffCSLCSVLegacy(h *fileHead) (bool, error) { return isCSLHeader(h) && !hasCSLID(h), nil }
