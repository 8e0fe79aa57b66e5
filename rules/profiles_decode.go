package rules

// Decoding profile definitions, built in (data/profiles.yaml) or in a
// policy file's profiles.define, with the shared YAML decoder.

import (
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// builtinProfileDefs parses the embedded profiles once.
var builtinProfileDefs = sync.OnceValue(func() []*profileDef {
	d := &yamlDecoder{file: "data/profiles.yaml"}
	defs := d.decodeProfilesFile(builtinProfilesYAML)
	d.checkProfileRefs(defs)
	if err := d.err(); err != nil {
		panic("rules: embedded profiles: " + err.Error())
	}
	return defs
})

// checkProfileRefs reports duplicate names and unknown extends among defs
// (the built-in profiles extend only each other).
func (d *yamlDecoder) checkProfileRefs(defs []*profileDef) {
	names := map[string]bool{}
	for _, def := range defs {
		if names[def.name] {
			d.fail(def.nameNode, "profiles", def.name, "profile %q defined twice", def.name)
		}
		names[def.name] = true
	}
	for _, def := range defs {
		for i, x := range def.extends {
			if !names[x] || x == def.name {
				d.fail(def.extendNodes[i], "profiles", x, "unknown profile %q", x)
			}
		}
	}
}

// decodeProfilesFile decodes a file holding "profiles: [ ... ]".
func (d *yamlDecoder) decodeProfilesFile(data []byte) []*profileDef {
	root := d.document(data)
	if root == nil {
		return nil
	}
	var defs []*profileDef
	for _, kv := range d.mapping(root, "") {
		switch kv.key {
		case "profiles":
			for i, n := range d.seq(kv.v, "profiles") {
				if def := d.profileDef(n, indexPath("profiles", i)); def != nil {
					defs = append(defs, def)
				}
			}
		default:
			d.unknownKey(kv, "")
		}
	}
	return defs
}

// profileDecoder decodes one profile definition: the definition so far and
// the countries and regions it has listed, to catch a second listing and a
// listing that is also removed.
type profileDecoder struct {
	d           *yamlDecoder
	def         *profileDef
	seenCountry map[Country]*yaml.Node
	seenRegion  map[Region]*yaml.Node
}

// profileKeys decodes each key of a profile definition.
var profileKeys = map[string]func(pd *profileDecoder, kv keyValue, fp string){
	"name":             (*profileDecoder).name,
	"description":      func(pd *profileDecoder, kv keyValue, fp string) { pd.def.description, _ = pd.d.str(kv.v, fp) },
	"citation":         func(pd *profileDecoder, kv keyValue, fp string) { pd.def.citation, _ = pd.d.str(kv.v, fp) },
	"notes":            func(pd *profileDecoder, kv keyValue, fp string) { pd.def.notes, _ = pd.d.str(kv.v, fp) },
	"as_of":            func(pd *profileDecoder, kv keyValue, fp string) { pd.def.asOf, _ = pd.d.date(kv.v, fp) },
	"status":           (*profileDecoder).status,
	"groups":           func(pd *profileDecoder, kv keyValue, fp string) { pd.def.groups = pd.d.groupList(kv.v, fp) },
	"exclude_groups":   func(pd *profileDecoder, kv keyValue, fp string) { pd.def.excludeGroups = pd.d.groupList(kv.v, fp) },
	"countries":        (*profileDecoder).countries,
	"regions":          (*profileDecoder).regions,
	"remove_countries": (*profileDecoder).removeCountries,
	"remove_regions":   (*profileDecoder).removeRegions,
	"extends":          (*profileDecoder).extends,
	"citations":        (*profileDecoder).citations,
	"sources":          (*profileDecoder).sources,
}

// profileDef decodes one profile definition.
func (d *yamlDecoder) profileDef(n *yaml.Node, path string) *profileDef {
	pd := &profileDecoder{d: d, def: &profileDef{status: StatusInForce}, seenCountry: map[Country]*yaml.Node{}, seenRegion: map[Region]*yaml.Node{}}
	for _, kv := range d.mapping(n, path) {
		if decode, ok := profileKeys[kv.key]; ok {
			decode(pd, kv, joinPath(path, kv.key))
		} else {
			d.unknownKey(kv, path)
		}
	}
	return pd.finish(n, path)
}

func (pd *profileDecoder) name(kv keyValue, fp string) {
	def := pd.def
	def.name, _ = pd.d.str(kv.v, fp)
	def.nameNode = kv.v
	if def.name != "" && !validProfileName(def.name) {
		pd.d.fail(kv.v, fp, def.name, "invalid profile name %q: want lower-case letters, digits and _", def.name)
	}
}

func (pd *profileDecoder) status(kv keyValue, fp string) {
	s, ok := pd.d.str(kv.v, fp)
	if !ok {
		return
	}
	switch s {
	case StatusInForce, StatusProposed, StatusNotEnforced:
		pd.def.status = s
	default:
		pd.d.fail(kv.v, fp, s, "unknown profile status %q: want in_force, proposed or not_enforced", s)
	}
}

func (pd *profileDecoder) countries(kv keyValue, fp string) {
	pd.def.countries = listEntries(pd.d, kv, fp, "country", pd.d.countryEntry, func(e countryEntry) Country { return e.c }, pd.seenCountry, pd.def.countries)
}

func (pd *profileDecoder) regions(kv keyValue, fp string) {
	pd.def.regions = listEntries(pd.d, kv, fp, "region", pd.d.regionEntry, func(e regionEntry) Region { return e.r }, pd.seenRegion, pd.def.regions)
}

func (pd *profileDecoder) removeCountries(kv keyValue, fp string) {
	pd.def.removeCountries = removals(pd.d, kv, fp, "country", pd.d.country, pd.seenCountry, pd.def.removeCountries)
}

func (pd *profileDecoder) removeRegions(kv keyValue, fp string) {
	pd.def.removeRegions = removals(pd.d, kv, fp, "region", pd.d.region, pd.seenRegion, pd.def.removeRegions)
}

// listEntries decodes a profile's countries or regions into list, refusing
// one listed twice; seen records where each was listed.
func listEntries[E any, K interface {
	comparable
	String() string
}](d *yamlDecoder, kv keyValue, fp, what string, decode func(*yaml.Node, string) (E, bool), key func(E) K, seen map[K]*yaml.Node, list []E) []E {
	for i, e := range d.seq(kv.v, fp) {
		ent, ok := decode(e, indexPath(fp, i))
		if !ok {
			continue
		}
		k := key(ent)
		if prev, dup := seen[k]; dup {
			d.fail(e, indexPath(fp, i), k.String(), "%s %q listed twice in profile (first at line %d)", what, k, prev.Line)
			continue
		}
		seen[k] = e
		list = append(list, ent)
	}
	return list
}

// removals decodes a profile's remove_countries or remove_regions into
// list, refusing one the profile also lists (seen).
func removals[K interface {
	comparable
	String() string
}](d *yamlDecoder, kv keyValue, fp, what string, decode func(*yaml.Node, string) (K, bool), seen map[K]*yaml.Node, list []K) []K {
	for i, e := range d.seq(kv.v, fp) {
		k, ok := decode(e, indexPath(fp, i))
		if !ok {
			continue
		}
		if _, both := seen[k]; both {
			d.fail(e, indexPath(fp, i), k.String(), "%s %q both added to and removed from profile", what, k)
			continue
		}
		list = append(list, k)
	}
	return list
}

func (pd *profileDecoder) extends(kv keyValue, fp string) {
	for i, e := range pd.d.seq(kv.v, fp) {
		if s, ok := pd.d.str(e, indexPath(fp, i)); ok {
			pd.def.extends = append(pd.def.extends, s)
			pd.def.extendNodes = append(pd.def.extendNodes, e)
		}
	}
}

func (pd *profileDecoder) citations(kv keyValue, fp string) {
	pd.def.citations = map[string]string{}
	for _, ckv := range pd.d.mapping(kv.v, fp) {
		cp := joinPath(fp, ckv.key)
		if _, err := parseCode(ckv.key); err != nil {
			pd.d.fail(ckv.k, cp, ckv.key, "unknown country or region %q", ckv.key)
			continue
		}
		if s, ok := pd.d.str(ckv.v, cp); ok {
			pd.def.citations[strings.ToUpper(ckv.key)] = s
		}
	}
}

func (pd *profileDecoder) sources(kv keyValue, fp string) {
	for i, e := range pd.d.seq(kv.v, fp) {
		if s, ok := pd.d.str(e, indexPath(fp, i)); ok {
			pd.def.sources = append(pd.def.sources, s)
		}
	}
}

// finish runs the checks that need the whole definition; nil when it has
// no name.
func (pd *profileDecoder) finish(n *yaml.Node, path string) *profileDef {
	d, def := pd.d, pd.def
	// A remove_countries entry written before the countries key is caught here.
	for _, c := range def.removeCountries {
		if n, both := pd.seenCountry[c]; both {
			d.fail(n, joinPath(path, "countries"), c.String(), "country %q both added to and removed from profile", c)
		}
	}
	for _, r := range def.removeRegions {
		if n, both := pd.seenRegion[r]; both {
			d.fail(n, joinPath(path, "regions"), r.String(), "region %q both added to and removed from profile", r)
		}
	}
	if def.name == "" {
		d.fail(n, joinPath(path, "name"), "", "profile has no name")
		return nil
	}
	if def.citation == "" {
		d.fail(n, joinPath(path, "citation"), "", "profile %q has no citation", def.name)
	}
	if def.asOf.IsZero() {
		d.fail(n, joinPath(path, "as_of"), "", "profile %q has no as_of date", def.name)
	}
	for _, g := range def.excludeGroups {
		if slices.Contains(def.groups, g) {
			d.fail(n, joinPath(path, "exclude_groups"), g.String(), "group %q both included and excluded", g)
		}
	}
	return def
}

// parseCode parses an ISO 3166-1 alpha-2 country code or an ISO 3166-2
// region code into a Destination.
func parseCode(s string) (Destination, error) {
	if strings.Contains(s, "-") {
		r, err := ParseRegion(s)
		if err != nil {
			return Destination{}, err
		}
		return Destination{Country: r.Country(), Region: r}, nil
	}
	c, err := ParseCountry(s)
	if err != nil {
		return Destination{}, err
	}
	return Destination{Country: c}, nil
}

func validProfileName(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_') {
			return false
		}
	}
	return true
}

// countryEntry decodes "CN" or {country: CN, from:, until:, citation:, note:, unconfirmed:}.
func (d *yamlDecoder) countryEntry(n *yaml.Node, path string) (countryEntry, bool) {
	c, t, ok := termedEntry(d, n, path, "country", d.country)
	return countryEntry{c, t}, ok
}

// regionEntry decodes "UA-43" or {region: UA-43, from:, until:, citation:, note:, unconfirmed:}.
func (d *yamlDecoder) regionEntry(n *yaml.Node, path string) (regionEntry, bool) {
	r, t, ok := termedEntry(d, n, path, "region", d.region)
	return regionEntry{r, t}, ok
}

// termedEntry decodes a profile entry that is either a bare value or a mapping of
// the value under key with its terms (from, until, citation, note,
// unconfirmed); value decodes the value itself.
func termedEntry[T any](d *yamlDecoder, n *yaml.Node, path, key string, value func(*yaml.Node, string) (T, bool)) (T, entryTerms, bool) {
	var v T
	var t entryTerms
	if n.Kind == yaml.ScalarNode {
		v, ok := value(n, path)
		return v, t, ok
	}
	ok := true
	have := false
	for _, kv := range d.mapping(n, path) {
		fp := joinPath(path, kv.key)
		switch kv.key {
		case key:
			v, have = value(kv.v, fp)
			ok = ok && have
		case "from":
			t.s.from, _ = d.date(kv.v, fp)
		case "until":
			t.s.until, _ = d.date(kv.v, fp)
		case "citation":
			t.citation, _ = d.str(kv.v, fp)
		case "note":
			t.note, _ = d.str(kv.v, fp)
		case "unconfirmed":
			t.unconfirmed, _ = d.boolean(kv.v, fp)
		case "approximate":
			t.approximate, _ = d.boolean(kv.v, fp)
		default:
			d.unknownKey(kv, path)
		}
	}
	if n.Kind != yaml.MappingNode {
		return v, t, false
	}
	if !have && ok {
		d.fail(n, joinPath(path, key), "", "entry has no %s", key)
		return v, t, false
	}
	return v, t, ok && d.checkSpan(n, path, t.s)
}

func (d *yamlDecoder) checkSpan(n *yaml.Node, path string, s span) bool {
	if !s.from.IsZero() && !s.until.IsZero() && !s.from.Before(s.until) {
		d.fail(n, joinPath(path, "until"), s.until.Format(time.DateOnly), "until %s is not after from %s", s.until.Format(time.DateOnly), s.from.Format(time.DateOnly))
		return false
	}
	return true
}
