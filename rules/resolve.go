package rules

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/exportguard/exportguard/namekey"
)

// ResolveDestination turns free text naming a country or a sanctioned region
// into a Destination. It accepts:
//
//   - ISO 3166-1 alpha-2, alpha-3 and numeric codes ("CN", "chn", "156"), and
//     withdrawn ISO 3166-3 codes whose successor is one country ("BUR" is
//     MM); withdrawn codes of states that split ("SUN", "YUG", "CSK") are
//     rejected or ambiguous;
//   - ISO 3166-2 codes ("UA-43"), and the non-ISO codes geolocation and
//     address data use for the occupied regions of Ukraine ("RU-CR"), see
//     NormalizeRegionCode; CN-HK, CN-MO and CN-TW give the countries HK, MO
//     and TW;
//   - country names in English and about 160 other languages and scripts
//     (ISO 3166-1 names and their iso-codes translations, CLDR names), the
//     spellings used by the US, UN and OFAC screening lists ("Korea, North",
//     "China (PRC)", "Region: Crimea") and common short forms ("UAE", "DRC");
//   - names of the sanctioned regions of 15 CFR 746.6: Crimea (UA-43),
//     Sevastopol (UA-40), the so-called Donetsk (UA-14) and Luhansk (UA-09)
//     People's Republics, for which the oblast stands.
//
// Matching ignores case, width, accents, spaces and punctuation. Text that
// names no destination gives a *ResolveError with only the input; text that
// could name several ("Korea", "Congo", "Virgin Islands") gives a
// *ResolveError listing the candidates. It never guesses. Both wrap
// ErrUnknownDestination.
//
// The tables are built on first use and shared; ResolveDestination is safe
// for concurrent use and does not allocate for ASCII input that resolves.
func ResolveDestination(text string) (Destination, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return Destination{}, &ResolveError{Input: text}
	}
	tab := destinationTable()
	if d, ok := tab.code(t); ok {
		return d, nil
	}
	var buf [128]byte
	key := namekey.AppendPlace(buf[:0], t)
	if i, ok := tab.names[string(key)]; ok {
		return tab.results[i].outcome(text)
	}
	// "Korea, North" is "North Korea"; "Man, Isle of" is "Isle of Man".
	if a, b, ok := strings.Cut(t, ","); ok && !strings.Contains(b, ",") {
		key = namekey.AppendPlace(buf[:0], strings.TrimSpace(b)+" "+strings.TrimSpace(a))
		if i, ok := tab.names[string(key)]; ok {
			return tab.results[i].outcome(text)
		}
	}
	// Abbreviations, SAR forms, parenthetical aliases, address-like parts
	// (destination_forms.go).
	if r, ok := resolveForms(tab, t); ok {
		return r.outcome(text)
	}
	return Destination{}, &ResolveError{Input: text}
}

// NormalizeRegionCode maps a subdivision code as geolocation and address data
// write it to an ISO 3166-2 Region. It accepts ISO codes ("UA-43", "ua_43",
// "GB ENG"; pass a country and a subdivision reported separately, as MaxMind
// does, joined as "UA-43") and the non-ISO codes such data uses for the
// regions of Ukraine under Russian occupation: RU-CR and RU-CRI (UA-43,
// Crimea), RU-SEV (UA-40, Sevastopol), RU-DON and RU-DPR (UA-14, Donetsk),
// RU-LUG and RU-LPR (UA-09, Luhansk), RU-ZAP and RU-ZP (UA-23), RU-KHE and
// RU-HR (UA-65), UA-CR, UA-DN and UA-LU. It reports false for anything else.
func NormalizeRegionCode(code string) (Region, bool) {
	var buf [6]byte
	c, ok := regionCodeShape(&buf, strings.TrimSpace(code))
	if !ok {
		return Region{}, false
	}
	if r, ok := regionCodeAliasRegions()[string(c)]; ok {
		return r, true
	}
	r, err := ParseRegion(string(c))
	return r, err == nil
}

// regionCodeAliases maps codes that are not in ISO 3166-2 but occur in IP
// geolocation, map and address data for the regions of Ukraine under Russian
// occupation to the ISO 3166-2 code of the Ukrainian region. None of the keys
// is an ISO 3166-2 code (a test checks this).
//
// What was found (ISO 3166-2 itself, in testdata/iso3166, has only the UA
// codes; RU-ROS is Rostov oblast, a Russian region, and is not among them):
//   - RU-CR and RU-SEV: the codes Russian sources (GOST 7.67-style region
//     lists, OpenStreetMap-derived data) give the "Republic of Crimea" and
//     Sevastopol; the most common. RU-CRI occurs for Crimea too.
//   - RU-DON / RU-DPR and RU-LUG / RU-LPR: codes for the so-called Donetsk and
//     Luhansk People's Republics in Russian region lists and flag sets.
//   - RU-ZAP / RU-ZP and RU-KHE / RU-HR: Zaporizhzhia and Kherson oblasts in
//     the same lists (not 746.6 regions; mapped so the location is right).
//   - UA-CR, UA-DN, UA-LU: non-ISO Ukrainian codes for Crimea, Donetsk and
//     Luhansk in public blocklists and electricity-map zones. UA-CR there
//     covers Crimea with Sevastopol; it maps to UA-43.
//
// MaxMind GeoIP2 reports Crimea as country UA, subdivision 43 (see the
// Enterprise test database, 1.231.232.0/24), which needs no alias.
var regionCodeAliases = map[string]string{
	"RU-CR":  "UA-43",
	"RU-CRI": "UA-43",
	"RU-SEV": "UA-40",
	"RU-DON": "UA-14",
	"RU-DPR": "UA-14",
	"RU-LUG": "UA-09",
	"RU-LPR": "UA-09",
	"RU-ZAP": "UA-23",
	"RU-ZP":  "UA-23",
	"RU-KHE": "UA-65",
	"RU-HR":  "UA-65",
	"UA-CR":  "UA-43",
	"UA-DN":  "UA-14",
	"UA-LU":  "UA-09",
}

var regionCodeAliasRegions = sync.OnceValue(func() map[string]Region {
	m := make(map[string]Region, len(regionCodeAliases))
	for alias, iso := range regionCodeAliases {
		m[alias] = MustParseRegion(iso)
	}
	return m
})

// ownCountryRegions are ISO 3166-2 codes that ISO 3166-1 also lists as
// countries; ResolveDestination returns the country.
var ownCountryRegions = map[string]string{"CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW"}

// regionCodeShape upper-cases a "CC-SUB" code (separator '-', '_' or ' ',
// SUB one to three letters or digits) into a fixed buffer.
func regionCodeShape(b *[6]byte, s string) ([]byte, bool) {
	if len(s) < 4 || len(s) > 6 || (s[2] != '-' && s[2] != '_' && s[2] != ' ') {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := upper(s[i])
		switch {
		case i == 2:
			c = '-'
		case i < 2 && (c < 'A' || c > 'Z'):
			return nil, false
		case i > 2 && !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
			return nil, false
		}
		b[i] = c
	}
	return b[:len(s)], true
}

// nameResolution is what one table key resolves to.
type nameResolution struct {
	dest       Destination
	candidates []string // ambiguous: the destinations it could be
	rejected   bool     // known not to be a destination
}

func (r *nameResolution) outcome(input string) (Destination, error) {
	switch {
	case r.rejected:
		return Destination{}, &ResolveError{Input: input}
	case r.candidates != nil:
		return Destination{}, &ResolveError{Input: input, Candidates: append([]string(nil), r.candidates...)}
	}
	return r.dest, nil
}

type destTable struct {
	names   map[string]int32 // namekey.Place -> index in results
	results []nameResolution
	alpha3  map[string]Country
	numeric map[string]Country
}

var destinationTable = sync.OnceValue(buildDestTable)

// buildDestTable parses destinationNames (names_gen.go). The keys are
// substrings of the constant, so the map holds no copies.
func buildDestTable() *destTable {
	t := &destTable{
		names:   make(map[string]int32, 50000),
		alpha3:  make(map[string]Country, len(isoCountries)),
		numeric: make(map[string]Country, len(isoCountries)),
	}
	for _, c := range isoCountries {
		cc := Country{[2]byte{c.alpha2[0], c.alpha2[1]}}
		t.alpha3[c.alpha3] = cc
		t.numeric[c.numeric] = cc
	}
	for _, c := range userAssignedCountries {
		t.alpha3[c.alpha3] = Country{[2]byte{c.alpha2[0], c.alpha2[1]}}
	}
	rest := destinationNames
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		dest, keys, _ := strings.Cut(line, "\t")
		t.results = append(t.results, parseResolution(dest))
		i := int32(len(t.results) - 1)
		for keys != "" {
			var k string
			k, keys, _ = strings.Cut(keys, "\t")
			t.names[k] = i
		}
	}
	return t
}

func parseResolution(dest string) nameResolution {
	switch {
	case dest == "!":
		return nameResolution{rejected: true}
	case strings.Contains(dest, " "):
		return nameResolution{candidates: strings.Fields(dest)}
	case strings.Contains(dest, "-"):
		r := MustParseRegion(dest)
		return nameResolution{dest: Destination{Country: r.Country(), Region: r}}
	}
	return nameResolution{dest: Destination{Country: MustParseCountry(dest)}}
}

// code resolves t if it is a code: alpha-2, alpha-3, numeric or a
// subdivision code. Full-width forms count ("ＣＮ").
func (t *destTable) code(s string) (Destination, bool) {
	if len(s) > 18 {
		return Destination{}, false
	}
	if !codeIsASCII(s) {
		s = norm.NFKC.String(s)
	}
	switch {
	case len(s) == 2 && codeIsLetters(s):
		c, err := ParseCountry(s)
		if err != nil {
			return Destination{}, false // "UK", withdrawn codes: the name table
		}
		if !codeIsUpper(s) {
			// "na" is the UN list's "not available", not Namibia; a code
			// written in lower case yields to a rejected name.
			var buf [2]byte
			if i, ok := t.names[string(namekey.AppendPlace(buf[:0], s))]; ok && t.results[i].rejected {
				return Destination{}, false
			}
		}
		return Destination{Country: c}, true
	case len(s) == 3 && codeIsLetters(s):
		b := [3]byte{upper(s[0]), upper(s[1]), upper(s[2])}
		c, ok := t.alpha3[string(b[:])]
		return Destination{Country: c}, ok
	case len(s) == 3 && codeIsDigits(s):
		c, ok := t.numeric[s]
		return Destination{Country: c}, ok
	}
	if r, ok := NormalizeRegionCode(s); ok {
		if cc, ok := ownCountryRegions[r.String()]; ok {
			return Destination{Country: MustParseCountry(cc)}, true
		}
		return Destination{Country: r.Country(), Region: r}, true
	}
	return Destination{}, false
}

func codeIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func codeIsLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := upper(s[i]); c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

func codeIsUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func codeIsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
