package lists

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors wrapped by ParseError.Err and by loader errors, for use
// with errors.Is.
var (
	// ErrWrongFormat means a file is not in the format the loader reads (for
	// example an OFAC sdn.csv given to the CSL loader).
	ErrWrongFormat = errors.New("wrong file format")
	// ErrEmptyFile means a file had no data at all.
	ErrEmptyFile = errors.New("empty file")
	// ErrColumnCount means a row has a different number of fields than the
	// format defines.
	ErrColumnCount = errors.New("wrong number of fields")
	// ErrBadDate means a date field does not parse.
	ErrBadDate = errors.New("bad date")
	// ErrPlaceholderDate flags a publisher's placeholder or typo date such as
	// 3033-01-17. The raw text is kept and the date is left unset; it is a
	// warning, not a failed row.
	ErrPlaceholderDate = errors.New("placeholder date")
	// ErrRecoded flags a field that was not valid UTF-8 and was decoded as
	// Windows-1252 (a superset of Latin-1). It is a warning.
	ErrRecoded = errors.New("invalid UTF-8, decoded as Windows-1252")
	// ErrMissingField means a required field (name, id) is empty.
	ErrMissingField = errors.New("missing required field")
	// ErrUnknownSource means a CSL row names a source list this package does
	// not know.
	ErrUnknownSource = errors.New("unknown source list")
	// ErrOrphan means an OFAC address, alias or comment row refers to an
	// ent_num that is not in the primary file.
	ErrOrphan = errors.New("refers to an entry not in the primary file")
	// ErrDuplicate means two rows have the same ID within one source.
	ErrDuplicate = errors.New("duplicate id")
	// ErrSyntax means the file is syntactically broken at this point (for
	// example an unterminated quote or malformed XML).
	ErrSyntax = errors.New("syntax error")
)

// ParseError reports a problem with one row (or one element) of a list file.
type ParseError struct {
	File  string // base name of the file, e.g. "dpl.txt"
	Line  int    // 1-based line where the row starts; 0 if unknown
	Field string // field name as the publisher spells it, if any
	Value string // the offending value, if any
	Err   error  // one of the Err* sentinels, possibly wrapped
}

// Error returns e.g. `dpl.txt:17: field Effective_Date: bad date "13/45/2020"`.
func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	s += ": "
	if e.Field != "" {
		s += "field " + e.Field + ": "
	}
	s += e.Err.Error()
	if e.Value != "" {
		s += fmt.Sprintf(" %q", e.Value)
	}
	return s
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadReport counts what a loader did with one file (or one OFAC file set).
// Every row is either loaded or failed: Rows == Loaded + Failed + Skipped.
type LoadReport struct {
	File   string // file name; for OFAC sets, the primary file
	Format string // detected format, one of the Format* constants
	// AsOf is the publication date the file states (UN dateGenerated),
	// zero if the format carries none.
	AsOf   time.Time
	Rows   int // data rows (records) read, header excluded
	Loaded int // entries produced
	Failed int // rows rejected; each has an entry in Errors
	// Skipped counts rows deliberately not loaded, such as exact duplicates
	// or rows of a source excluded by the caller.
	Skipped int
	Errors  []*ParseError // one per failed row (and file-level problems)
	// Warnings are problems that did not stop a row from loading: recoded
	// Latin-1 text, placeholder dates, exact duplicates.
	Warnings []*ParseError
	// UnresolvedCountries counts addresses whose country text did not
	// resolve to an ISO country; the text stays in Address.CountryText.
	UnresolvedCountries int
}

// Err returns nil if no row failed, else an error joining every ParseError.
func (r *LoadReport) Err() error {
	if len(r.Errors) == 0 {
		return nil
	}
	errs := make([]error, len(r.Errors))
	for i, e := range r.Errors {
		errs[i] = e
	}
	return errors.Join(errs...)
}

func (r *LoadReport) fail(pe *ParseError) {
	r.Failed++
	r.Errors = append(r.Errors, pe)
}

func (r *LoadReport) warn(pe *ParseError) { r.Warnings = append(r.Warnings, pe) }
