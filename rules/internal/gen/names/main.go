// Command names generates rules/names_gen.go, the table that
// rules.ResolveDestination uses to turn free-text place names into
// destinations. Run it with `go generate ./rules` (see rules/generate_names.go).
//
// Sources, from most to least trusted (a tier only loses to a better one):
//
//	tier 1  aliases.txt in this directory: hand-curated spellings with their
//	        source (screening-list data, official short forms, sanctioned
//	        regions). May declare a name ambiguous or rejected.
//	tier 2  ISO 3166-1 English short, official and common names
//	        (testdata/iso3166, iso-codes); the ISO 3166-2 English names of the
//	        sanctioned regions UA-43, UA-40, UA-14, UA-09 and of CN-HK, CN-MO,
//	        CN-TW (which resolve to the countries HK, MO, TW).
//	tier 3  CLDR English region names (golang.org/x/text/language/display);
//	        ISO 3166-3 withdrawn codes and names whose successor is one
//	        country (or a known set of countries, which makes them ambiguous).
//	tier 4  every iso-codes translation of the names in tier 2 and the CLDR
//	        region names in every language x/text supports.
//
// Every name is also added with "A, B" turned into "B A" and with a trailing
// parenthetical removed. Names are stored under their namekey.Place. When a
// key's best tier names more than one destination, the key is stored as
// ambiguous with all of them as candidates; it never picks one.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/rules/internal/gen/isocodes"
)

type withdrawn struct {
	Alpha2  string `json:"alpha_2"`
	Alpha3  string `json:"alpha_3"`
	Alpha4  string `json:"alpha_4"`
	Numeric string `json:"numeric"`
	Name    string `json:"name"`
	Comment string `json:"comment"`
}

// subdivisionNames are the ISO 3166-2 codes whose names (in every language)
// resolve, and what they resolve to. The sanctioned regions of 15 CFR 746.6
// resolve to themselves; Hong Kong, Macao and Taiwan have their own ISO
// 3166-1 entries and resolve to those countries.
var subdivisionNames = map[string]string{
	"UA-43": "UA-43", // Avtonomna Respublika Krym (Crimea)
	"UA-40": "UA-40", // Sevastopol
	"UA-14": "UA-14", // Donetska oblast (stands for the so-called DNR)
	"UA-09": "UA-09", // Luhanska oblast (stands for the so-called LNR)
	"CN-HK": "HK",
	"CN-MO": "MO",
	"CN-TW": "TW",
}

// splitSuccessors lists the successors of ISO 3166-3 entries whose alpha-4
// code ends in HH or XX (no single successor). The sets come from the
// entries' own comments in iso_3166-3.json where it has one, and otherwise
// from the ISO 3166 newsletters that withdrew them. A withdrawn code or name
// with such a set resolves as ambiguous between them. Entries not listed
// here and without a single successor (USSR, Yugoslavia) are rejected.
// userAssigned are codes outside ISO 3166-1 that IP geolocation databases,
// CLDR and the World Bank use for a country: XK for Kosovo (CLDR region XK;
// MaxMind GeoIP2 reports it; World Bank XKX).
var userAssigned = []struct{ alpha2, alpha3 string }{{"XK", "XKX"}}

func userAssignedCodes() []isocodes.Country {
	var out []isocodes.Country
	for _, u := range userAssigned {
		out = append(out, isocodes.Country{Alpha2: u.alpha2, Alpha3: u.alpha3})
	}
	return out
}

var splitSuccessors = map[string][]string{
	"ANHH": {"BQ", "CW", "SX"},       // Netherlands Antilles, dissolved 2010-12-15 (ISO 3166 newsletter VI-8)
	"CSHH": {"CZ", "SK"},             // Czechoslovakia, 1993
	"CSXX": {"ME", "RS"},             // Serbia and Montenegro, 2006 (newsletter VI-1)
	"FQHH": {"AQ", "TF"},             // comment: "now split between AQ and TF"
	"GEHH": {"KI", "TV"},             // comment: "now split into Kiribati and Tuvalu"
	"NTHH": {"IQ", "SA"},             // comment: "formerly between Saudi Arabia and Iraq"
	"PCHH": {"FM", "MH", "MP", "PW"}, // comment: "divided into FM, MH, MP, and PW"
}

type candidate struct {
	dest string // "CN", "UA-43", "CG CD" (ambiguous) or "!" (rejected)
	tier int
}

type table struct {
	byKey     map[string][]candidate
	codes     map[string]string // current alpha-2, alpha-3 and numeric codes, lower case -> alpha-2
	countries map[string]bool
	regions   map[string]bool
}

func (t *table) add(name, dest string, tier int) {
	for _, v := range variants(name) {
		key := namekey.Place(v)
		if key == "" {
			continue
		}
		if tier > 1 && len(key) <= 3 && isASCII(key) {
			// Vietnamese "Ý" (Italy), Bosnian "SAD" (USA), Estonian "Man"
			// (Isle of Man): as keys, "y", "sad" and "man" would turn
			// ordinary words into countries. Short names enter through
			// aliases.txt or not at all.
			continue
		}
		if _, code := t.codes[key]; code && tier > 1 {
			// A name whose key is a current code ("Irã" is not one, but a
			// two-letter translation may be) must not take the code over;
			// only curated aliases may live there.
			continue
		}
		t.byKey[key] = append(t.byKey[key], candidate{dest, tier})
	}
}

// addCode adds a withdrawn code as it is (no variants, no length limit).
func (t *table) addCode(code, dest string, tier int) {
	key := namekey.Place(code)
	t.byKey[key] = append(t.byKey[key], candidate{dest, tier})
}

// variants returns name, its "A, B" -> "B A" inversion and name without a
// trailing parenthetical.
func variants(name string) []string {
	out := []string{name}
	if a, b, ok := strings.Cut(name, ","); ok && !strings.Contains(b, ",") {
		out = append(out, strings.TrimSpace(b)+" "+strings.TrimSpace(a))
	}
	if i := strings.IndexAny(name, "(（"); i > 0 && (strings.HasSuffix(name, ")") || strings.HasSuffix(name, "）")) {
		out = append(out, strings.TrimSpace(name[:i]))
	}
	return out
}

// isoTranslations are the translation files of iso-codes.
type isoTranslations struct {
	countries map[string]map[string]struct {
		Name         string `json:"name"`
		OfficialName string `json:"official_name"`
		CommonName   string `json:"common_name"`
	}
	subdivisions map[string]map[string]struct {
		Name string `json:"name"`
	}
}

func main() {
	isoDir := flag.String("iso", "../testdata/iso3166", "directory with the iso-codes JSON files")
	aliases := flag.String("aliases", "internal/gen/names/aliases.txt", "curated aliases")
	out := flag.String("o", "names_gen.go", "output file")
	flag.Parse()

	countries := isocodes.Countries(*isoDir)
	subdivisions := isocodes.Subdivisions(*isoDir)
	var c3 struct {
		W []withdrawn `json:"3166-3"`
	}
	var tr isoTranslations
	isocodes.ReadJSON(filepath.Join(*isoDir, "iso_3166-3.json"), &c3)
	isocodes.ReadJSON(filepath.Join(*isoDir, "iso_3166-1.translations.json"), &tr.countries)
	isocodes.ReadJSON(filepath.Join(*isoDir, "iso_3166-2.translations.json"), &tr.subdivisions)

	t, byAlpha3 := newTable(countries, subdivisions)
	readAliases(*aliases, t) // tier 1: curated aliases
	t.addISONames(countries, subdivisions)
	t.addCLDRNames(countries)
	t.addWithdrawn(c3.W)
	t.addTranslations(tr, byAlpha3, countries)

	final, ambiguous := t.resolve()
	write(*out, final)
	for _, a := range ambiguous {
		fmt.Fprintln(os.Stderr, "ambiguous:", a)
	}
	fmt.Fprintf(os.Stderr, "%d keys, %d ambiguous below tier 1\n", len(final), len(ambiguous))
}

// newTable returns a table that knows every current code, and the alpha-2
// code of each alpha-3 one.
func newTable(countries []isocodes.Country, subdivisions []isocodes.Subdivision) (*table, map[string]string) {
	t := &table{
		byKey:     map[string][]candidate{},
		codes:     map[string]string{},
		countries: map[string]bool{},
		regions:   map[string]bool{},
	}
	byAlpha3 := map[string]string{}
	for _, c := range countries {
		t.countries[c.Alpha2] = true
		byAlpha3[c.Alpha3] = c.Alpha2
		for _, code := range []string{c.Alpha2, c.Alpha3, c.Numeric} {
			t.codes[strings.ToLower(code)] = c.Alpha2
		}
	}
	for _, s := range subdivisions {
		t.regions[s.Code] = true
	}
	// User-assigned codes that data sources emit as countries (the rules
	// package accepts them too, see rules/userassigned.go).
	for _, u := range userAssigned {
		t.countries[u.alpha2] = true
		t.codes[strings.ToLower(u.alpha2)] = u.alpha2
		t.codes[strings.ToLower(u.alpha3)] = u.alpha2
	}
	return t, byAlpha3
}

// addISONames adds tier 2: ISO English names.
func (t *table) addISONames(countries []isocodes.Country, subdivisions []isocodes.Subdivision) {
	for _, c := range countries {
		for _, n := range []string{c.Name, c.OfficialName, c.CommonName} {
			if n != "" {
				t.add(n, c.Alpha2, 2)
			}
		}
	}
	for _, s := range subdivisions {
		if dest, ok := subdivisionNames[s.Code]; ok {
			t.add(s.Name, dest, 2)
		}
	}
}

// addCLDRNames adds tier 3: CLDR English names.
func (t *table) addCLDRNames(countries []isocodes.Country) {
	en := display.Regions(language.English)
	for _, c := range append(countries[:len(countries):len(countries)], userAssignedCodes()...) {
		if r, err := language.ParseRegion(c.Alpha2); err == nil {
			if n := en.Name(r); n != "" {
				t.add(n, c.Alpha2, 3)
			}
		}
	}
}

// addWithdrawn adds tier 3: the codes and names ISO 3166-3 withdrew, for
// their successor (or "!" when there is none to give).
func (t *table) addWithdrawn(ws []withdrawn) {
	for _, w := range ws {
		dest := "!"
		succ := w.Alpha4[2:]
		switch {
		case succ == "AA": // only the alpha-3 and numeric codes changed
			dest = w.Alpha2
		case t.countries[succ]:
			dest = succ
		case splitSuccessors[w.Alpha4] != nil:
			dest = strings.Join(splitSuccessors[w.Alpha4], " ")
		}
		if _, current := t.codes[strings.ToLower(w.Alpha2)]; !current {
			t.addCode(w.Alpha2, dest, 3)
		}
		if _, current := t.codes[strings.ToLower(w.Alpha3)]; !current {
			t.addCode(w.Alpha3, dest, 3)
		}
		if _, current := t.codes[w.Numeric]; w.Numeric != "" && !current {
			t.addCode(w.Numeric, dest, 3)
		}
		t.add(w.Name, dest, 3)
		if a, _, ok := strings.Cut(w.Name, ","); ok {
			t.add(a, dest, 3)
		}
	}
}

// addTranslations adds tier 4: iso-codes translations and CLDR names in
// every language it supports.
func (t *table) addTranslations(tr isoTranslations, byAlpha3 map[string]string, countries []isocodes.Country) {
	for _, lang := range sortedKeys(tr.countries) {
		for a3, n := range tr.countries[lang] {
			a2, ok := byAlpha3[a3]
			if !ok {
				log.Fatalf("iso_3166-1.translations.json: %s: unknown alpha-3 %q", lang, a3)
			}
			for _, s := range []string{n.Name, n.OfficialName, n.CommonName} {
				if s != "" {
					t.add(s, a2, 4)
				}
			}
		}
	}
	for _, lang := range sortedKeys(tr.subdivisions) {
		for code, n := range tr.subdivisions[lang] {
			if dest, ok := subdivisionNames[code]; ok && n.Name != "" {
				t.add(n.Name, dest, 4)
			}
		}
	}
	for _, tag := range display.Supported.Tags() {
		namer := display.Regions(tag)
		if namer == nil {
			continue
		}
		for _, c := range append(countries[:len(countries):len(countries)], userAssignedCodes()...) {
			r, err := language.ParseRegion(c.Alpha2)
			if err != nil {
				continue
			}
			if n := namer.Name(r); n != "" {
				t.add(n, c.Alpha2, 4)
			}
		}
	}
}

// resolve picks, for every key, the destinations of its best tier.
func (t *table) resolve() (map[string]string, []string) {
	final := map[string]string{}
	var ambiguous []string
	for key, cs := range t.byKey {
		best := cs[0].tier
		for _, c := range cs {
			best = min(best, c.tier)
		}
		set := map[string]bool{}
		for _, c := range cs {
			if c.tier != best {
				continue
			}
			for _, d := range strings.Fields(c.dest) {
				set[d] = true
			}
		}
		if len(set) > 1 && set["!"] {
			// Rejection wins: ISO 3166-3 numeric 891 was both Serbia and
			// Montenegro and Yugoslavia.
			if best == 1 {
				log.Fatalf("key %q: rejected and resolved in aliases.txt", key)
			}
			set = map[string]bool{"!": true}
		}
		dests := sortedKeys(set)
		if len(dests) > 1 && best > 1 && !declaredAmbiguous(cs, best) {
			ambiguous = append(ambiguous, fmt.Sprintf("%s -> %v (tier %d)", key, dests, best))
		}
		final[key] = strings.Join(dests, " ")
	}
	sort.Strings(ambiguous)
	return final, ambiguous
}

func declaredAmbiguous(cs []candidate, tier int) bool {
	for _, c := range cs {
		if c.tier == tier && strings.Contains(c.dest, " ") {
			return true
		}
	}
	return false
}

// readAliases reads aliases.txt: "DEST | alias | note" lines; DEST is an
// alpha-2 code, an ISO 3166-2 code, several codes separated by spaces
// (ambiguous), or "!" (rejected: not a destination).
func readAliases(path string, t *table) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		parts := strings.Split(text, "|")
		if len(parts) < 2 {
			log.Fatalf("%s:%d: want DEST | alias | note, got %q", path, line, text)
		}
		dest := strings.Join(strings.Fields(parts[0]), " ")
		alias := strings.TrimSpace(parts[1])
		for _, d := range strings.Fields(dest) {
			if d != "!" && !t.countries[d] && !t.regions[d] {
				log.Fatalf("%s:%d: %q is not an ISO 3166-1 alpha-2 or 3166-2 code", path, line, d)
			}
		}
		key := namekey.Place(alias)
		if key == "" {
			log.Fatalf("%s:%d: alias %q has an empty key", path, line, alias)
		}
		// A rejected alias may share its key with a code ("N/A" and NA,
		// Namibia): ResolveDestination then takes only the upper-case
		// code as a code.
		if cc, ok := t.codes[key]; ok && cc != dest && dest != "!" {
			log.Fatalf("%s:%d: alias %q has the key of the code %s but resolves to %s", path, line, alias, cc, dest)
		}
		for _, c := range t.byKey[key] {
			if c.tier == 1 && c.dest != dest {
				log.Fatalf("%s:%d: alias %q (key %q) resolves to %s here and to %s before", path, line, alias, key, dest, c.dest)
			}
		}
		t.byKey[key] = append(t.byKey[key], candidate{dest, 1})
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

// write emits the table grouped by destination: one line per destination,
// the destination first, then its keys, tab-separated.
func write(path string, final map[string]string) {
	byDest := map[string][]string{}
	for key, dest := range final {
		byDest[dest] = append(byDest[dest], key)
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by rules/internal/gen/names from testdata/iso3166 (iso-codes, LGPL-2.1-or-later),\n")
	fmt.Fprintf(&b, "// golang.org/x/text/language/display %s (CLDR) and rules/internal/gen/names/aliases.txt. DO NOT EDIT.\n\n", textVersion())
	b.WriteString("package rules\n\n")
	fmt.Fprintf(&b, "// destinationNames holds %d lookup keys (namekey.Place of a place name) for\n", len(final))
	b.WriteString("// ResolveDestination. Each line is a destination, then its keys, separated by\n")
	b.WriteString("// tabs. A destination is an ISO 3166-1 alpha-2 code, an ISO 3166-2 code,\n")
	b.WriteString("// several codes separated by spaces (the key is ambiguous), or \"!\" (the key\n")
	b.WriteString("// is known not to be a destination).\n")
	b.WriteString("const destinationNames = \"\" +\n")
	dests := sortedKeys(byDest)
	for i, d := range dests {
		keys := byDest[d]
		sort.Strings(keys)
		sep := " +"
		if i == len(dests)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "\t%q%s\n", d+"\t"+strings.Join(keys, "\t")+"\n", sep)
	}
	isocodes.WriteGo(path, b.Bytes())
}

// textVersion is the golang.org/x/text version the CLDR names came from.
func textVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "golang.org/x/text" {
				return d.Version
			}
		}
	}
	return "(unknown version)"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
