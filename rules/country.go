package rules

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// isoCountry is one row of the generated ISO 3166-1 table.
type isoCountry struct {
	alpha2, alpha3, numeric, name, official, common string
}

// isoSubdivision is one row of the generated ISO 3166-2 table.
type isoSubdivision struct {
	code, name, kind string
}

// ErrInvalidCode is wrapped by every error the strict code parsers return, so a
// caller can test for it with errors.Is.
var ErrInvalidCode = errors.New("invalid code")

// A CodeError reports a code that could not be parsed. It carries the input.
type CodeError struct {
	Kind  string // "country", "region" or "group"
	Input string // the text as given
	Why   string // what is wrong with it
}

func (e *CodeError) Error() string {
	return fmt.Sprintf("invalid %s code %q: %s", e.Kind, e.Input, e.Why)
}

// Unwrap lets errors.Is(err, ErrInvalidCode) succeed.
func (e *CodeError) Unwrap() error { return ErrInvalidCode }

// Country is an ISO 3166-1 alpha-2 country code. It is a small comparable
// value, usable as a map key. The zero Country is "no country" and reports
// IsValid false; its String is "".
type Country struct {
	c [2]byte
}

// ParseCountry parses an ISO 3166-1 alpha-2 code such as "CN" (upper or lower
// case). It accepts only codes assigned in ISO 3166-1, and XK (Kosovo), the
// user-assigned code geolocation databases and CLDR use; for free text such as
// "Mainland China" or "中国" use ResolveDestination.
func ParseCountry(s string) (Country, error) {
	if len(s) != 2 {
		return Country{}, &CodeError{"country", s, "want two letters (ISO 3166-1 alpha-2)"}
	}
	up := [2]byte{upper(s[0]), upper(s[1])}
	if up[0] < 'A' || up[0] > 'Z' || up[1] < 'A' || up[1] > 'Z' {
		return Country{}, &CodeError{"country", s, "want two letters (ISO 3166-1 alpha-2)"}
	}
	if countryRow(string(up[:])) == nil {
		return Country{}, &CodeError{"country", s, "not an assigned ISO 3166-1 alpha-2 code"}
	}
	return Country{up}, nil
}

// MustParseCountry is like ParseCountry but panics on error. It is meant for
// constants and tests.
func MustParseCountry(s string) Country {
	c, err := ParseCountry(s)
	if err != nil {
		panic(err)
	}
	return c
}

func upper(b byte) byte {
	if b >= 'a' && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

func countryIndex(alpha2 string) int {
	if len(alpha2) == 2 {
		a, b := alpha2[0]-'A', alpha2[1]-'A'
		if a < 26 && b < 26 {
			return int(countrySlots[int(a)*26+int(b)]) - 1
		}
	}
	return -1
}

// countrySlots maps every two-letter code AA-ZZ to its index in
// isoCountries plus one; 0 for a code no ISO country has. A country is
// looked up for every place and party a request names.
var countrySlots = func() (t [26 * 26]uint16) {
	for i, r := range isoCountries {
		t[int(r.alpha2[0]-'A')*26+int(r.alpha2[1]-'A')] = uint16(i + 1)
	}
	return t
}()

// IsValid reports whether c is a country (not the zero value).
func (c Country) IsValid() bool { return c.c[0] != 0 }

// String returns the alpha-2 code, or "" for the zero Country.
func (c Country) String() string {
	if !c.IsValid() {
		return ""
	}
	return string(c.c[:])
}

// Alpha3 returns the ISO 3166-1 alpha-3 code, or "".
func (c Country) Alpha3() string {
	if r := countryRow(c.String()); r != nil {
		return r.alpha3
	}
	return ""
}

// Numeric returns the ISO 3166-1 numeric code as three digits, or "".
func (c Country) Numeric() string {
	if r := countryRow(c.String()); r != nil {
		return r.numeric
	}
	return ""
}

// Name returns the ISO 3166-1 English short name, or "".
func (c Country) Name() string {
	if r := countryRow(c.String()); r != nil {
		return r.name
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler. The zero Country encodes as "".
func (c Country) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCountry's rules;
// empty text gives the zero Country.
func (c *Country) UnmarshalText(b []byte) error { return unmarshalText(c, b, ParseCountry) }

// unmarshalText sets *dst to parse(b), or to the zero value for empty text:
// the UnmarshalText of the package's small value types.
func unmarshalText[T any](dst *T, b []byte, parse func(string) (T, error)) error {
	if len(b) == 0 {
		var zero T
		*dst = zero
		return nil
	}
	v, err := parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// Region is an ISO 3166-2 subdivision code such as "UA-43" (Crimea). The zero
// Region is "no region". A Region is a small comparable value.
type Region struct {
	country Country
	sub     [3]byte
}

// ParseRegion parses an ISO 3166-2 code such as "UA-43" or "ua-40". It accepts
// only codes present in ISO 3166-2 (iso-codes, see testdata/iso3166).
func ParseRegion(s string) (Region, error) {
	cc, sub, ok := strings.Cut(s, "-")
	if !ok || len(sub) == 0 || len(sub) > 3 {
		return Region{}, &CodeError{"region", s, "want CC-XXX (ISO 3166-2), e.g. UA-43"}
	}
	c, err := ParseCountry(cc)
	if err != nil {
		return Region{}, &CodeError{"region", s, "country part: " + err.(*CodeError).Why}
	}
	var r Region
	r.country = c
	for i := 0; i < len(sub); i++ {
		b := upper(sub[i])
		if !(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return Region{}, &CodeError{"region", s, "subdivision part must be letters or digits"}
		}
		r.sub[i] = b
	}
	if regionIndex(r.String()) < 0 {
		return Region{}, &CodeError{"region", s, "not an ISO 3166-2 subdivision code"}
	}
	return r, nil
}

// MustParseRegion is like ParseRegion but panics on error.
func MustParseRegion(s string) Region {
	r, err := ParseRegion(s)
	if err != nil {
		panic(err)
	}
	return r
}

func regionIndex(code string) int {
	i := sort.Search(len(isoSubdivisions), func(i int) bool { return isoSubdivisions[i].code >= code })
	if i < len(isoSubdivisions) && isoSubdivisions[i].code == code {
		return i
	}
	return -1
}

// IsValid reports whether r is a region (not the zero value).
func (r Region) IsValid() bool { return r.country.IsValid() }

// Country returns the country the region belongs to.
func (r Region) Country() Country { return r.country }

// Subdivision returns the part after the hyphen, e.g. "43" for UA-43.
func (r Region) Subdivision() string {
	n := 0
	for n < len(r.sub) && r.sub[n] != 0 {
		n++
	}
	return string(r.sub[:n])
}

// String returns the ISO 3166-2 code, or "" for the zero Region.
func (r Region) String() string {
	if !r.IsValid() {
		return ""
	}
	return r.country.String() + "-" + r.Subdivision()
}

// Name returns the ISO 3166-2 name of the subdivision, or "".
func (r Region) Name() string {
	if i := regionIndex(r.String()); i >= 0 {
		return isoSubdivisions[i].name
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler.
func (r Region) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseRegion's rules;
// empty text gives the zero Region.
func (r *Region) UnmarshalText(b []byte) error { return unmarshalText(r, b, ParseRegion) }

// Group is an EAR country group from 15 CFR Part 740 Supplement No. 1, such
// as A:5, B, D:5 or E:1. The zero Group is "no group".
type Group struct {
	letter byte // 'A', 'B', 'D' or 'E'
	num    uint8
}

// groupMax is the highest number of each lettered group; 0 means the group
// has no numbered sub-groups (B).
var groupMax = map[byte]uint8{'A': 6, 'B': 0, 'D': 5, 'E': 2}

// ParseGroup parses a country group such as "D:5", "d5", "A:6", "E:1" or "B".
func ParseGroup(s string) (Group, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Group{}, &CodeError{"group", s, "empty"}
	}
	l := upper(t[0])
	max, ok := groupMax[l]
	if !ok {
		return Group{}, &CodeError{"group", s, "letter must be A, B, D or E"}
	}
	rest := strings.TrimPrefix(t[1:], ":")
	if max == 0 {
		if rest != "" {
			return Group{}, &CodeError{"group", s, "group B has no sub-groups"}
		}
		return Group{letter: l}, nil
	}
	if len(rest) != 1 || rest[0] < '1' || rest[0] > '0'+max {
		return Group{}, &CodeError{"group", s, fmt.Sprintf("want %c:1 to %c:%d", l, l, max)}
	}
	return Group{letter: l, num: rest[0] - '0'}, nil
}

// MustParseGroup is like ParseGroup but panics on error.
func MustParseGroup(s string) Group {
	g, err := ParseGroup(s)
	if err != nil {
		panic(err)
	}
	return g
}

// IsValid reports whether g is a group (not the zero value).
func (g Group) IsValid() bool { return g.letter != 0 }

// String returns the group as written in the EAR ("D:5", "B"), or "".
func (g Group) String() string {
	switch {
	case !g.IsValid():
		return ""
	case g.num == 0:
		return string(g.letter)
	default:
		return string([]byte{g.letter, ':', '0' + g.num})
	}
}

// MarshalText implements encoding.TextMarshaler.
func (g Group) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; empty text gives the zero Group.
func (g *Group) UnmarshalText(b []byte) error { return unmarshalText(g, b, ParseGroup) }
