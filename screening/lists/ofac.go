package lists

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// OFACFiles is one set of OFAC legacy CSV files, joined by ent_num: the SDN
// set sdn.csv, add.csv, alt.csv, sdn_comments.csv, or the non-SDN set
// cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv. Only
// Primary is required. The *Name fields name the files in errors.
type OFACFiles struct {
	Primary, Addresses, Aliases, Comments                 io.Reader
	PrimaryName, AddressesName, AliasesName, CommentsName string
	// NonSDN marks the consolidated non-SDN set: each entry's Source is then
	// derived from its programs (see NonSDNSource) instead of being SDN.
	NonSDN bool
}

// OFAC legacy CSV column counts (OFAC FAQ; no header row in the files).
const (
	ofacPrimaryCols  = 12 // ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
	ofacAddressCols  = 6  // ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
	ofacAliasCols    = 5  // ent_num, alt_num, alt_type, alt_name, alt_remarks
	ofacCommentsCols = 2  // ent_num, Remarks_Extended
)

var ofacPrimaryFields = []string{"ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
	"Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"}

// NonSDNSource returns the list an entry of OFAC's consolidated non-SDN
// file belongs to, from its program codes. The legacy CSV has no list
// column, so: a UKRAINE-EO13662 program means SSI, NS-PLC means PLC,
// CMIC-EO13959 means CMIC, 561-Related (the former Part 561 list, now CAPTA)
// means CAP, FSE-* means FSE; every other program in this file (CAATSA -
// RUSSIA, RUSSIA-EO14024 directives, BURMA-EO14014, ILLICIT-DRUGS-EO14059…)
// is on the Non-SDN Menu-Based Sanctions list (MBS).
func NonSDNSource(programs []string) Source {
	has := func(pred func(string) bool) bool {
		for _, p := range programs {
			if pred(p) {
				return true
			}
		}
		return false
	}
	switch {
	case has(func(p string) bool { return strings.Contains(p, "EO13662") }):
		return SourceSSI
	case has(func(p string) bool { return p == "NS-PLC" }):
		return SourcePLC
	case has(func(p string) bool { return strings.HasPrefix(p, "CMIC") }):
		return SourceCMIC
	case has(func(p string) bool { return p == "561-Related" || strings.HasPrefix(p, "CAPTA") }):
		return SourceCAP
	case has(func(p string) bool { return strings.HasPrefix(p, "FSE") }):
		return SourceFSE
	}
	return SourceMBS
}

type ofacRow struct {
	line int
	rec  []string
}

// LoadOFAC reads one OFAC legacy CSV file set. Rows in the address, alias
// and comments files that name an ent_num missing from the primary file
// fail with ErrOrphan. The report covers all files: Rows counts records in
// every file, Loaded those joined into an entry.
func LoadOFAC(ctx context.Context, f OFACFiles) ([]*Entry, LoadReport, error) {
	name := func(n, def string) string {
		if n == "" {
			return def
		}
		return n
	}
	pfx := "sdn"
	format := FormatOFACSDN
	if f.NonSDN {
		pfx = "cons"
		format = FormatOFACCons
	}
	primName := name(f.PrimaryName, map[bool]string{false: "sdn.csv", true: "cons_prim.csv"}[f.NonSDN])
	rep := LoadReport{File: primName, Format: format}
	if f.Primary == nil {
		return nil, rep, fmt.Errorf("%s: %w: no primary file", primName, ErrEmptyFile)
	}
	side := []ofacSide{
		{f.Addresses, name(f.AddressesName, map[bool]string{false: "add.csv", true: pfx + "_add.csv"}[f.NonSDN]), ofacAddressCols, nil},
		{f.Aliases, name(f.AliasesName, map[bool]string{false: "alt.csv", true: pfx + "_alt.csv"}[f.NonSDN]), ofacAliasCols, nil},
		{f.Comments, name(f.CommentsName, pfx+"_comments.csv"), ofacCommentsCols, nil},
	}
	for i := range side {
		if err := side[i].read(ctx, &rep); err != nil {
			return nil, rep, err
		}
	}
	adds, alts, comments := side[0].rows, side[1].rows, side[2].rows
	var out []*Entry
	seen := map[string]bool{}
	err := readOFAC(ctx, f.Primary, primName, ofacPrimaryCols, &rep, func(line int, rec []string) {
		c := rowCtx{rep: &rep, file: primName, line: line}
		for i := range rec {
			rec[i] = c.field(ofacPrimaryFields[i], rec[i])
		}
		id := rec[0]
		if seen[id] {
			rep.fail(errf(primName, line, "ent_num", id, ErrDuplicate))
			return
		}
		if rec[1] == "" {
			rep.fail(errf(primName, line, "SDN_Name", "", ErrMissingField))
			return
		}
		seen[id] = true
		e := ofacEntry(rec, f.NonSDN)
		// The side files' rows of this entry, in the order comments,
		// addresses, aliases; what is left at the end is orphaned.
		remarks := rec[11] + ofacComments(comments[id], side[2].name, &rep)
		delete(comments, id)
		e.Remarks = remarks
		e.Addresses = appendOFACAddresses(e.Addresses, adds[id], side[0].name, &rep)
		delete(adds, id)
		e.Aliases = appendOFACAliases(e.Aliases, alts[id], side[1].name, &rep)
		delete(alts, id)
		parseOFACRemarks(e, remarks)
		rep.Loaded++
		out = append(out, e)
	})
	if err != nil {
		return out, rep, err
	}
	for i, m := range []map[string][]ofacRow{adds, alts, comments} {
		reportOFACOrphans(&rep, side[i].name, m)
	}
	sort.Slice(rep.Errors, func(i, j int) bool {
		a, b := rep.Errors[i], rep.Errors[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return out, rep, nil
}

// ofacSide is one side file of an OFAC set (addresses, aliases or
// comments): its reader (nil if absent), name and column count, and once
// read its rows by entry id.
type ofacSide struct {
	r    io.Reader
	name string
	cols int
	rows map[string][]ofacRow
}

// read reads the side file's rows by entry id; an absent file has none.
func (s *ofacSide) read(ctx context.Context, rep *LoadReport) error {
	s.rows = map[string][]ofacRow{}
	if s.r == nil {
		return nil
	}
	return readOFAC(ctx, s.r, s.name, s.cols, rep, func(line int, rec []string) {
		s.rows[strings.TrimSpace(rec[0])] = append(s.rows[strings.TrimSpace(rec[0])], ofacRow{line, rec})
	})
}

// ofacEntry makes the entry of a primary-file row (fields already read):
// its id, name, type, programs, title and vessel identifiers. The source
// of a non-SDN entry comes from its programs.
func ofacEntry(rec []string, nonSDN bool) *Entry {
	e := &Entry{Source: SourceSDN, ID: rec[0], Name: rec[1], Title: rec[4]}
	switch rec[2] {
	case "":
		e.Type = TypeEntity // OFAC leaves SDN_Type empty for entities
	default:
		e.Type = parseType(rec[2])
	}
	e.Programs = splitPrograms(rec[3])
	if nonSDN {
		e.Source = NonSDNSource(e.Programs)
	}
	for i, typ := range []string{"Call Sign", "Vessel Type", "Tonnage", "GRT", "Vessel Flag", "Vessel Owner"} {
		if v := rec[5+i]; v != "" {
			e.IDs = append(e.IDs, Identifier{Type: typ, Value: v})
		}
	}
	return e
}

// ofacComments returns the extended remarks of an entry's rows in the
// comments file (file), in order, counting each row loaded.
func ofacComments(rows []ofacRow, file string, rep *LoadReport) string {
	var remarks string
	for _, cr := range rows {
		cc := rowCtx{rep: rep, file: file, line: cr.line}
		remarks += cc.field("Remarks_Extended", cr.rec[1])
		rep.Loaded++
	}
	return remarks
}

// appendOFACAddresses appends the addresses of an entry's rows in the
// address file (file) to dst, resolving their countries; an all-empty
// address is dropped. Each row counts as loaded.
func appendOFACAddresses(dst []Address, rows []ofacRow, file string, rep *LoadReport) []Address {
	for _, ar := range rows {
		cc := rowCtx{rep: rep, file: file, line: ar.line}
		a := Address{
			Street:      cc.field("Address", ar.rec[2]),
			City:        cc.field("City/State/Province/Postal Code", ar.rec[3]),
			CountryText: cc.field("Country", ar.rec[4]),
		}
		resolveAddress(&a, rep)
		if a != (Address{}) {
			dst = append(dst, a)
		}
		rep.Loaded++
	}
	return dst
}

// appendOFACAliases appends the aliases of an entry's rows in the alias
// file (file) to dst; OFAC marks low-quality ones "weak" in alt_remarks.
// Each row counts as loaded.
func appendOFACAliases(dst []Alias, rows []ofacRow, file string, rep *LoadReport) []Alias {
	for _, ar := range rows {
		cc := rowCtx{rep: rep, file: file, line: ar.line}
		kind := AliasKind(strings.ToLower(cc.field("alt_type", ar.rec[2])))
		al := Alias{Name: cc.field("alt_name", ar.rec[3]), Kind: kind}
		if strings.EqualFold(cc.field("alt_remarks", ar.rec[4]), "weak") {
			al.Weak = true
		}
		if al.Name != "" {
			dst = append(dst, al)
		}
		rep.Loaded++
	}
	return dst
}

// reportOFACOrphans fails every row left in m, a side file's (file) rows
// by entry id, whose entry the primary file does not have, in id order.
func reportOFACOrphans(rep *LoadReport, file string, m map[string][]ofacRow) {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, r := range m[id] {
			rep.fail(errf(file, r.line, "ent_num", id, ErrOrphan))
		}
	}
}

// readOFAC reads one headerless OFAC CSV file, checking the column count
// and the numeric ent_num, skipping the trailing 0x1A line.
func readOFAC(ctx context.Context, r io.Reader, file string, cols int, rep *LoadReport, fn func(line int, rec []string)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	first := true
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := recordLine(cr, rec)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if first {
				return wrongFormat(file, "OFAC CSV", "first line does not parse: "+pe.Err.Error())
			}
			rep.Rows++
			rep.fail(&ParseError{File: file, Line: pe.StartLine, Err: fmt.Errorf("%w: %w", ErrSyntax, pe.Err)})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a \r\n") == "" {
			continue // DOS end-of-file marker OFAC appends
		}
		if first {
			first = false
			if _, err := strconv.Atoi(strings.TrimSpace(rec[0])); err != nil || len(rec) != cols {
				return wrongFormat(file, "OFAC CSV", fmt.Sprintf("first row has %d fields starting %q; this file wants %d fields starting with a numeric ent_num", len(rec), clip(rec[0], 40), cols))
			}
		}
		rep.Rows++
		if len(rec) != cols {
			rep.fail(errf(file, line, "", fmt.Sprintf("%d fields, want %d", len(rec), cols), ErrColumnCount))
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSpace(rec[0])); err != nil {
			rep.fail(errf(file, line, "ent_num", rec[0], fmt.Errorf("%w: not a number", ErrSyntax)))
			continue
		}
		fn(line, rec)
	}
	if first {
		return &ParseError{File: file, Err: ErrEmptyFile}
	}
	return nil
}

// splitPrograms splits OFAC's "SDGT] [IFSR" program field.
func splitPrograms(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "] [") {
		if p = strings.Trim(strings.TrimSpace(p), "[]"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ofacIDPrefixes are the identifier labels OFAC uses inside Remarks.
var ofacIDPrefixes = []string{
	"Unified Social Credit Code (USCC)", "Vessel Registration Identification", "Business Registration Document #",
	"Business Registration Number", "Aircraft Manufacturer's Serial Number (MSN)", "Digital Currency Address - ",
	"Legal Entity Number", "Registration Number", "Registration ID", "National ID No.", "Passport",
	"Tax ID No.", "Cedula No.", "Identification Number", "Company Number", "Driver's License No.",
	"Matricula Mercantil No", "V.A.T. Number", "D-U-N-S Number", "Public Registration Number",
	"SWIFT/BIC", "C.U.R.P.", "R.F.C.", "RFC", "NIT #", "RUC #", "RIF #", "D.N.I.", "ISIN", "MMSI", "IMO",
	"Website", "Email Address",
}

var quotedAliasRE = regexp.MustCompile(`^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '(.+)'\.?$`)

// parseOFACRemarks extracts what OFAC's legacy files keep only in Remarks:
// weak aliases ("a.k.a. 'X'"), dates and places of birth, nationality,
// citizenship and identity documents.
func parseOFACRemarks(e *Entry, remarks string) {
	if remarks == "" {
		return
	}
	for _, it := range strings.Split(remarks, "; ") {
		it = strings.TrimSpace(it)
		it = strings.TrimPrefix(it, "alt. ")
		if m := quotedAliasRE.FindStringSubmatch(it); m != nil {
			kind := AliasAKA
			switch m[1] {
			case "f.k.a.":
				kind = AliasFKA
			case "n.k.a.":
				kind = AliasNKA
			}
			e.Aliases = append(e.Aliases, Alias{Name: m[2], Kind: kind, Weak: true})
			continue
		}
		it = strings.TrimSuffix(it, ".")
		switch {
		case strings.HasPrefix(it, "DOB "):
			e.DatesOfBirth = append(e.DatesOfBirth, ofacDate(strings.TrimPrefix(it, "DOB ")))
			continue
		case strings.HasPrefix(it, "POB "):
			e.PlacesOfBirth = append(e.PlacesOfBirth, strings.TrimPrefix(it, "POB "))
			continue
		case strings.HasPrefix(it, "nationality "):
			e.Nationalities = append(e.Nationalities, resolveCountries([]string{strings.TrimPrefix(it, "nationality ")})...)
			continue
		case strings.HasPrefix(it, "Listing Date ("):
			// Non-SDN programs state when the entry was listed, e.g.
			// "Listing Date (CMIC) 03 Jun 2021".
			if i := strings.Index(it, ") "); i > 0 && e.ListedOn.IsZero() {
				if d, err := time.Parse("02 Jan 2006", it[i+2:]); err == nil {
					e.ListedOn = d
				}
			}
			continue
		case strings.HasPrefix(it, "citizen "):
			e.Citizenships = append(e.Citizenships, resolveCountries([]string{strings.TrimPrefix(it, "citizen ")})...)
			continue
		}
		for _, p := range ofacIDPrefixes {
			// it starts with p and a space (p+" " would allocate per item)
			if !strings.HasPrefix(it, p) || !(strings.HasSuffix(p, " ") || len(it) > len(p) && it[len(p)] == ' ') {
				continue
			}
			rest := strings.TrimSpace(strings.TrimPrefix(it, p))
			id := Identifier{Type: strings.TrimSpace(p)}
			if i := strings.Index(rest, " ("); i > 0 {
				tail := rest[i+2:]
				if j := strings.IndexByte(tail, ')'); j > 0 {
					id.Country = tail[:j]
					if d, ok := resolveCountry(id.Country); ok {
						id.Country = d.Country.String()
					}
				}
				rest = rest[:i]
			} else if i := strings.Index(rest, " "); i > 0 && (p == "Passport" || p == "National ID No.") {
				rest = rest[:i]
			}
			id.Value = rest
			e.IDs = append(e.IDs, id)
			break
		}
	}
}

// ofacDate turns OFAC's "12 Feb 1961" into "1961-02-12" and "Feb 1961" into
// "1961-02"; other forms (years, "circa 1960", ranges) are kept as published.
func ofacDate(s string) string {
	if t, err := time.Parse("02 Jan 2006", s); err == nil {
		return t.Format(time.DateOnly)
	}
	if t, err := time.Parse("Jan 2006", s); err == nil {
		return t.Format("2006-01")
	}
	return s
}

// LoadOFACDir reads the OFAC file set in dir: sdn.csv (with add.csv,
// alt.csv, sdn_comments.csv when present) or cons_prim.csv (with cons_add,
// cons_alt, cons_comments). File names are matched case-insensitively.
func LoadOFACDir(ctx context.Context, dir string) ([]*Entry, LoadReport, error) {
	files, err := findOFACFiles(dir)
	if err != nil {
		return nil, LoadReport{File: dir}, err
	}
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	open := func(p string) (io.Reader, string, error) {
		if p == "" {
			return nil, "", nil
		}
		fh, err := os.Open(p)
		if err != nil {
			return nil, "", err
		}
		closers = append(closers, fh)
		return fh, filepath.Base(p), nil
	}
	var set OFACFiles
	set.NonSDN = files.nonSDN
	if set.Primary, set.PrimaryName, err = open(files.paths[0]); err != nil {
		return nil, LoadReport{File: dir}, err
	}
	if set.Addresses, set.AddressesName, err = open(files.paths[1]); err != nil {
		return nil, LoadReport{File: dir}, err
	}
	if set.Aliases, set.AliasesName, err = open(files.paths[2]); err != nil {
		return nil, LoadReport{File: dir}, err
	}
	if set.Comments, set.CommentsName, err = open(files.paths[3]); err != nil {
		return nil, LoadReport{File: dir}, err
	}
	return LoadOFAC(ctx, set)
}

type ofacDirFiles struct {
	nonSDN bool
	paths  [4]string // primary, address, alias, comments ("" if absent)
}

func findOFACFiles(dir string) (ofacDirFiles, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ofacDirFiles{}, err
	}
	byName := map[string]string{}
	for _, e := range ents {
		if !e.IsDir() {
			byName[strings.ToLower(e.Name())] = filepath.Join(dir, e.Name())
		}
	}
	var f ofacDirFiles
	switch {
	case byName["sdn.csv"] != "":
		f.paths = [4]string{byName["sdn.csv"], byName["add.csv"], byName["alt.csv"], byName["sdn_comments.csv"]}
	case byName["cons_prim.csv"] != "":
		f.nonSDN = true
		f.paths = [4]string{byName["cons_prim.csv"], byName["cons_add.csv"], byName["cons_alt.csv"], byName["cons_comments.csv"]}
	default:
		return f, fmt.Errorf("%s: %w: no sdn.csv or cons_prim.csv", dir, ErrWrongFormat)
	}
	return f, nil
}

// sniffOFAC returns the detector of the OFAC file set whose primary file is
// called primary (sdn.csv or cons_prim.csv): rows with no header, led by a
// numeric id. A file of that shape under another name is a secondary file
// of a set (add, alt, comments), which is refused with the way to load it.
func sniffOFAC(primary string) func(h *fileHead) (bool, error) {
	return func(h *fileHead) (bool, error) {
		i := bytes.IndexByte(h.first, ',')
		if i <= 0 || !isDigits(string(h.first[:i])) {
			return false, nil
		}
		switch strings.ToLower(h.name) {
		case primary:
			return true, nil
		case "sdn.csv", "cons_prim.csv":
			return false, nil
		}
		return false, &ParseError{File: h.name, Err: fmt.Errorf("%w: an OFAC secondary file (add/alt/comments); load its directory or its sdn.csv / cons_prim.csv", ErrWrongFormat)}
	}
}

// sniffOFACDir returns the detector of an OFAC directory: the non-SDN set
// (cons_*.csv) when nonSDN, else the SDN set.
func sniffOFACDir(nonSDN bool) func(dir string) (bool, error) {
	return func(dir string) (bool, error) {
		f, err := findOFACFiles(dir)
		if err != nil {
			return false, err
		}
		return f.nonSDN == nonSDN, nil
	}
}

// loadOFACPath loads the OFAC file set at path: its directory, or its
// primary file with the files beside it. It returns the files read,
// primary first.
func loadOFACPath(ctx context.Context, path string) ([]*Entry, LoadReport, []string, error) {
	dir := path
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		dir = filepath.Dir(path)
	}
	f, err := findOFACFiles(dir)
	if err != nil {
		return nil, LoadReport{}, nil, err
	}
	var files []string
	for _, p := range f.paths {
		if p != "" {
			files = append(files, p)
		}
	}
	entries, rep, err := LoadOFACDir(ctx, dir)
	if err != nil {
		return nil, LoadReport{}, nil, err
	}
	return entries, rep, files, nil
}
