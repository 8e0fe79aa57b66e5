package rules

import (
	"slices"
	"strings"

	"github.com/exportguard/exportguard/namekey"
)

// Destination text as people and data sources write it takes a handful of
// forms around a name the table knows. resolveForms tries them, in order,
// once the text as a whole is not a known name:
//
//  1. abbreviations expanded: World Bank "Rep.", "Dem.", "Fed.", "Sts.",
//     "RB", "PDR", "St."; "N." and "S." ("N. Korea"), then the inversion
//     ("Korea, Dem. People's Rep." is "Dem. People's Rep. Korea", that is
//     "Democratic People's Republic of Korea");
//  2. a Special Administrative Region: "SAR", "S.A.R." or "Special
//     Administrative Region" with or without "China" ("Macao SAR, China",
//     "China, Macao SAR", "Macau Special Administrative Region");
//  3. a parenthetical alias: "Burma (Myanmar)", "Korea, North (DPRK)",
//     "Iran (Islamic Republic)" — both parts are resolved and must agree,
//     or one must not resolve;
//  4. comma-separated parts, as in addresses: "Havana, Cuba" (a trailing
//     country after a city), "Crimea, Ukraine", "Taiwan, China",
//     "Simferopol, Crimea, Russia". A named sanctioned region wins over the
//     country written after it; Hong Kong, Macau and Taiwan win over
//     "China"; otherwise parts that name different countries are
//     ambiguous and the error lists them.
//
// Every step only rewrites the text and looks the result up in the same
// table; nothing is guessed, and text that resolves to nothing stays an
// error.
func resolveForms(tab *destTable, text string) (nameResolution, bool) {
	t := strings.TrimSpace(text)
	if r, ok := tab.lookupExpanded(t); ok {
		return r, true
	}
	if r, ok := tab.sar(t); ok {
		return r, true
	}
	if r, ok := tab.parenthetical(t); ok {
		return r, true
	}
	if r, ok := tab.commaParts(t); ok {
		return r, true
	}
	return nameResolution{}, false
}

// lookup looks s up as a whole name.
func (tab *destTable) lookup(s string) (nameResolution, bool) {
	var buf [128]byte
	if i, ok := tab.names[string(namekey.AppendPlace(buf[:0], s))]; ok {
		return tab.results[i], true
	}
	return nameResolution{}, false
}

// lookupOne resolves one part of a text: a code, a name, its inversion, or
// the name with its abbreviations expanded.
func (tab *destTable) lookupOne(s string) (nameResolution, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nameResolution{}, false
	}
	if d, ok := tab.code(s); ok {
		return nameResolution{dest: d}, true
	}
	if r, ok := tab.lookup(s); ok {
		return r, true
	}
	if a, b, ok := strings.Cut(s, ","); ok && !strings.Contains(b, ",") {
		if r, ok := tab.lookup(strings.TrimSpace(b) + " " + strings.TrimSpace(a)); ok {
			return r, true
		}
	}
	return tab.lookupExpanded(s)
}

// abbreviations are the short forms of words in country names that the
// World Bank's economy names and everyday writing use. A token matches with
// or without its final period, except where the period is what makes it an
// abbreviation ("S.", "N.", "Is.").
var abbreviations = map[string][]string{
	"rep":   {"Republic"},
	"repub": {"Republic"},
	"dem":   {"Democratic"},
	"fed":   {"Federation", "Federated"},
	"sts":   {"States"},
	"st":    {"Saint"},
	"ste":   {"Sainte"},
	"is.":   {"Islands", "Island"},
	"isl":   {"Islands", "Island"},
	"n.":    {"North"},
	"s.":    {"South"},
	"pdr":   {"People's Democratic Republic"},
	"rb":    {"Bolivarian Republic"},
	"utd":   {"United"},
}

// hasAbbreviation reports, without allocating, whether a word of s is one
// of the abbreviations.
func hasAbbreviation(s string) bool {
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' }) {
		if len(f) <= 5 && abbreviationKey(f) != "" {
			return true
		}
	}
	return false
}

// abbreviationKey is the abbreviations key of a token, or "".
func abbreviationKey(tok string) string {
	if len(tok) > 5 {
		return ""
	}
	var buf [5]byte
	for i := 0; i < len(tok); i++ {
		buf[i] = tok[i]
		if c := tok[i]; c >= 'A' && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	low := string(buf[:len(tok)])
	if _, ok := abbreviations[low]; ok && strings.HasSuffix(low, ".") {
		return low
	}
	base := strings.TrimSuffix(low, ".")
	if _, ok := abbreviations[base]; ok {
		return base
	}
	return ""
}

// lookupExpanded expands abbreviations in s and looks up the result and, for
// "X, Y", the inversions "Y X", "Y of X" and "Y of the X". Each
// abbreviation with two readings ("Fed." as Federation or Federated) is
// tried both ways.
func (tab *destTable) lookupExpanded(s string) (nameResolution, bool) {
	if !hasAbbreviation(s) {
		return nameResolution{}, false
	}
	fields := strings.Fields(strings.ReplaceAll(s, ",", " , "))
	for _, variant := range expandAll(fields) {
		if r, ok := tab.lookup(variant); ok {
			return r, true
		}
		a, b, ok := strings.Cut(variant, ",")
		if !ok || strings.Contains(b, ",") {
			continue
		}
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		for _, inv := range []string{b + " " + a, b + " of " + a, b + " of the " + a} {
			if r, ok := tab.lookup(inv); ok {
				return r, true
			}
		}
	}
	return nameResolution{}, false
}

// expandAll returns the texts fields make with every abbreviation replaced
// by each of its readings (at most a few: names hold one or two).
func expandAll(fields []string) []string {
	out := []string{""}
	for _, f := range fields {
		readings := []string{f}
		if k := abbreviationKey(f); k != "" {
			readings = abbreviations[k]
		}
		next := make([]string, 0, len(out)*len(readings))
		for _, o := range out {
			for _, r := range readings {
				switch {
				case o == "":
					next = append(next, r)
				case r == ",":
					next = append(next, o+",")
				default:
					next = append(next, o+" "+r)
				}
			}
		}
		if len(next) > 16 {
			next = next[:16]
		}
		out = next
	}
	return out
}

// sarWords are the words that mark a Special Administrative Region and the
// words for China that come with them; sar removes them and accepts the rest
// only if it names Hong Kong or Macau.
var sarWords = []string{"special administrative region of the people's republic of china", "special administrative region", "s.a.r.", "sar",
	"people's republic of china", "prc", "china", "of the", "of"}

func (tab *destTable) sar(s string) (nameResolution, bool) {
	if !containsFoldASCII(s, "sar") && !containsFoldASCII(s, "administrative") {
		return nameResolution{}, false
	}
	rest := " " + strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(strings.ToLower(s)) + " "
	for _, w := range sarWords {
		rest = strings.ReplaceAll(rest, " "+w+" ", " ")
	}
	r, ok := tab.lookupOne(rest)
	if !ok || r.rejected || r.candidates != nil {
		return nameResolution{}, false
	}
	if c := r.dest.Country.String(); c != "HK" && c != "MO" {
		return nameResolution{}, false
	}
	return r, true
}

// parenthetical resolves "X (Y)": the name and its alias in parentheses.
func (tab *destTable) parenthetical(s string) (nameResolution, bool) {
	open := strings.IndexByte(s, '(')
	end := strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return nameResolution{}, false
	}
	outer := strings.TrimSpace(s[:open] + " " + s[end+1:])
	inner := strings.TrimSpace(s[open+1 : end])
	a, aok := tab.lookupOne(outer)
	if !aok && strings.Contains(outer, ",") {
		a, aok = tab.commaParts(outer)
	}
	b, bok := tab.lookupOne(inner)
	return combine([]nameResolution{a, b}, []bool{aok, bok})
}

// commaParts resolves text whose comma-separated parts name places: a city
// and its country, a region and the country claimed for it, an address.
func (tab *destTable) commaParts(s string) (nameResolution, bool) {
	if !strings.Contains(s, ",") {
		return nameResolution{}, false
	}
	parts := strings.Split(s, ",")
	if len(parts) > 8 {
		parts = parts[len(parts)-8:]
	}
	rs := make([]nameResolution, len(parts))
	oks := make([]bool, len(parts))
	for i, p := range parts {
		rs[i], oks[i] = tab.lookupOne(p)
	}
	return combine(rs, oks)
}

// combine merges the resolutions of the parts of one text (ok false: the
// part names nothing known). Rejected parts ("unknown") count as naming
// nothing. A region wins over its own or another country (the sanctioned
// region is what decides; "Crimea, Russia" is UA-43), and the first region
// named wins over later ones (addresses name the most specific place
// first: "Sevastopol, Crimea" is UA-40); Hong Kong, Macau and
// Taiwan win over China; an ambiguous part is settled by a part naming one
// of its candidates; any other disagreement is ambiguous.
func combine(rs []nameResolution, oks []bool) (nameResolution, bool) {
	var regions, countries []Destination
	var ambiguous [][]string
	for i, r := range rs {
		switch {
		case !oks[i] || r.rejected:
		case r.candidates != nil:
			ambiguous = append(ambiguous, r.candidates)
		case r.dest.Region.IsValid():
			if !slices.Contains(regions, r.dest) {
				regions = append(regions, r.dest)
			}
		default:
			if !slices.Contains(countries, r.dest) {
				countries = append(countries, r.dest)
			}
		}
	}
	if len(regions) > 0 {
		// Addresses go from the most specific place to the least:
		// "Sevastopol, Crimea" is the city UA-40.
		return nameResolution{dest: regions[0]}, true
	}
	if len(countries) == 2 {
		for i, c := range countries {
			other := countries[1-i].Country.String()
			if s := c.Country.String(); other == "CN" && (s == "HK" || s == "MO" || s == "TW") {
				countries = []Destination{c}
				break
			}
		}
	}
	switch {
	case len(countries) > 1:
		return candidatesOf(countries), true
	case len(countries) == 1:
		for _, cands := range ambiguous {
			if !slices.Contains(cands, countries[0].String()) {
				return candidatesOf(countries, cands...), true
			}
		}
		return nameResolution{dest: countries[0]}, true
	case len(ambiguous) > 0:
		return nameResolution{candidates: ambiguous[0]}, true
	}
	return nameResolution{}, false
}

// candidatesOf is an ambiguous resolution listing ds and extra, sorted.
func candidatesOf(ds []Destination, extra ...string) nameResolution {
	var cs []string
	for _, d := range ds {
		cs = append(cs, d.String())
	}
	for _, e := range extra {
		if !slices.Contains(cs, e) {
			cs = append(cs, e)
		}
	}
	slices.Sort(cs)
	return nameResolution{candidates: cs}
}

// containsFoldASCII reports whether s contains sub (lower-case ASCII),
// ignoring ASCII case, without allocating.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}
