package lists

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/exportguard/exportguard/rules"
)

// field cleans one published field: it decodes invalid UTF-8 as
// Windows-1252 (recording a warning), trims spaces and treats OFAC's "-0-"
// null as empty.
type rowCtx struct {
	rep  *LoadReport
	file string
	line int
}

func (c *rowCtx) field(name, s string) string {
	if !utf8.ValidString(s) {
		dec, err := charmap.Windows1252.NewDecoder().String(s)
		if err == nil {
			c.rep.warn(&ParseError{File: c.file, Line: c.line, Field: name, Value: strings.ToValidUTF8(s, "\uFFFD"), Err: ErrRecoded})
			s = dec
		} else {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
	}
	if hasC1(s) {
		// Windows-1252 bytes that an earlier step decoded as Latin-1 show
		// up as C1 control characters (U+0080-U+009F): "HA\u0092Assif".
		c.rep.warn(&ParseError{File: c.file, Line: c.line, Field: name, Value: s, Err: ErrRecoded})
		s = fixC1(s)
	}
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

// placeholderYear is the first year treated as a publisher placeholder
// (BIS and CSL files contain dates such as 3033-01-17).
const placeholderYear = 2200

// firstYear is the first year taken as real; earlier years are publisher
// typos (dpl.txt has a Last_Update of 1023-11-01).
const firstYear = 1900

// date parses a published date in one of layouts. Empty text gives the zero
// time. A placeholder or typo (year >= 2200 or < 1900) gives the zero time, keeps the raw text
// in *raw and records a warning. Anything else that does not parse returns a
// *ParseError.
func (c *rowCtx) date(field, s string, raw *string, layouts ...string) (time.Time, *ParseError) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range layouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if t.Year() >= placeholderYear || t.Year() < firstYear {
			*raw = s
			c.rep.warn(&ParseError{File: c.file, Line: c.line, Field: field, Value: s, Err: ErrPlaceholderDate})
			return time.Time{}, nil
		}
		// A calendar date, whatever zone the file gave it in.
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, &ParseError{File: c.file, Line: c.line, Field: field, Value: s, Err: ErrBadDate}
}

// splitList splits a "; "-joined published list, dropping empty items.
func splitList(s, sep string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, sep)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// countryCache remembers rules.ResolveDestination's answer for each
// distinct published country text (a few hundred in practice). It is a
// memo of a pure function; it stops growing at countryCacheMax entries so
// that junk input cannot grow it without bound.
var countryCache = struct {
	sync.RWMutex
	m map[string]rules.Destination // invalid Destination: unresolved
}{m: map[string]rules.Destination{}}

const countryCacheMax = 10000

func resolveCountry(text string) (rules.Destination, bool) {
	if text == "" {
		return rules.Destination{}, false
	}
	countryCache.RLock()
	d, ok := countryCache.m[text]
	countryCache.RUnlock()
	if ok {
		return d, d.IsValid()
	}
	d, err := rules.ResolveDestination(stripCountryNoise(text))
	if err != nil {
		d = rules.Destination{}
	}
	countryCache.Lock()
	if len(countryCache.m) < countryCacheMax {
		countryCache.m[text] = d
	}
	countryCache.Unlock()
	return d, d.IsValid()
}

// stripCountryNoise removes decorations the publishers add to country
// names that no resolver should have to know, such as a trailing period.
func stripCountryNoise(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ".")
}

// resolveAddress fills a.Country and a.Region from a.CountryText, counting
// unresolved text in rep.
func resolveAddress(a *Address, rep *LoadReport) {
	if a.CountryText == "" {
		return
	}
	if d, ok := resolveCountry(a.CountryText); ok {
		a.Country, a.Region = d.Country, d.Region
	} else if rep != nil {
		rep.UnresolvedCountries++
	}
}

// resolveCountries maps published country names to ISO alpha-2 codes where
// they resolve and keeps the text otherwise.
func resolveCountries(in []string) []string {
	for i, s := range in {
		if d, ok := resolveCountry(s); ok {
			in[i] = d.Country.String()
		}
	}
	return in
}

func errf(file string, line int, field, value string, err error) *ParseError {
	return &ParseError{File: file, Line: line, Field: field, Value: value, Err: err}
}

func wrongFormat(file, format, why string) error {
	return &ParseError{File: file, Err: fmt.Errorf("%w: not a %s file: %s", ErrWrongFormat, format, why)}
}

func hasC1(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xC2 && s[i+1] >= 0x80 && s[i+1] <= 0x9F {
			return true
		}
	}
	return false
}

// fixC1 maps each C1 control character to the Windows-1252 character of
// the same byte value.
func fixC1(s string) string {
	dec := charmap.Windows1252.DecodeByte
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 && r <= 0x9F {
			r = dec(byte(r))
		}
		b.WriteRune(r)
	}
	return b.String()
}

// recordLine is the line where the record just read starts, or 0 when the
// reader returned no record.
func recordLine(cr *csv.Reader, rec []string) int {
	if len(rec) == 0 {
		return 0
	}
	line, _ := cr.FieldPos(0)
	return line
}

// csvRecords yields each record of cr that parses, with the line it starts
// on, counting every record in rep.Rows. A record encoding/csv cannot parse
// is reported in rep (as a wrong column count against the header's fields,
// or a syntax error) and skipped. Reading stops at the end of the input, or
// with *errp set when ctx is done or on a read error that is not a parse
// error.
func csvRecords(ctx context.Context, cr *csv.Reader, file string, fields int, rep *LoadReport, errp *error) iter.Seq2[int, []string] {
	return func(yield func(int, []string) bool) {
		for {
			if err := ctx.Err(); err != nil {
				*errp = err
				return
			}
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			line := recordLine(cr, rec)
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rep.Rows++
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					rep.fail(errf(file, pe.StartLine, "", fmt.Sprintf("%d fields, want %d", len(rec), fields), ErrColumnCount))
				} else {
					rep.fail(&ParseError{File: file, Line: pe.StartLine, Err: fmt.Errorf("%w: %w", ErrSyntax, pe.Err)})
				}
				continue
			}
			if err != nil {
				*errp = fmt.Errorf("%s: %w", file, err)
				return
			}
			rep.Rows++
			if !yield(line, rec) {
				return
			}
		}
	}
}
