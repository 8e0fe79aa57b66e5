package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

func parsePolicy(filename string, data []byte, base *policySpec) (*Policy, error) {
	if len(data) > MaxPolicySize {
		return nil, errPolicyTooLarge(filename, int64(len(data)))
	}
	d := &yamlDecoder{file: filename}
	var spec *policySpec
	if base != nil {
		spec = base.clone()
	} else {
		spec = &policySpec{outcomes: defaultOutcomes(), lists: map[string]Outcome{}}
	}
	root := d.document(data)
	if root == nil {
		return nil, d.err()
	}
	spec.root = root
	d.policySpec(root, spec)
	if err := d.err(); err != nil {
		return nil, err
	}
	p := d.build(filename, spec)
	if err := d.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// policySections decodes each top-level key of a policy file into the spec.
var policySections = map[string]func(d *yamlDecoder, kv keyValue, spec *policySpec){
	"version":     (*yamlDecoder).specVersion,
	"name":        (*yamlDecoder).specName,
	"description": func(d *yamlDecoder, kv keyValue, spec *policySpec) { spec.description, _ = d.str(kv.v, kv.key) },
	"as_of": func(d *yamlDecoder, kv keyValue, spec *policySpec) {
		spec.asOf, _ = d.date(kv.v, kv.key)
		spec.asOfSet = true
	},
	"country_groups": (*yamlDecoder).specCountryGroups,
	"profiles":       (*yamlDecoder).specProfiles,
	"embargo_profiles": func(d *yamlDecoder, kv keyValue, spec *policySpec) {
		spec.embargoNames, spec.embargoNodes = d.nameList(kv.v, kv.key)
	},
	"outcomes":                         (*yamlDecoder).specOutcomes,
	"lists":                            (*yamlDecoder).specLists,
	"thresholds":                       (*yamlDecoder).specThresholds,
	"match_strength":                   func(d *yamlDecoder, kv keyValue, spec *policySpec) { d.matchStrength(kv.v, kv.key, spec) },
	"data_freshness":                   (*yamlDecoder).specFreshness,
	"affiliates_rule_after_suspension": (*yamlDecoder).specAffiliates,
	"item_rules_file":                  (*yamlDecoder).specItemRulesFile,
}

// policySpec decodes a policy document over spec, section by section in
// file order, then reports what a complete policy lacks.
func (d *yamlDecoder) policySpec(root *yaml.Node, spec *policySpec) {
	for _, kv := range d.mapping(root, "") {
		if decode, ok := policySections[kv.key]; ok {
			decode(d, kv, spec)
		} else {
			d.unknownKey(kv, "")
		}
	}
	d.requireComplete(root, spec)
}

func (d *yamlDecoder) specVersion(kv keyValue, spec *policySpec) {
	spec.versionSet = true
	if s, ok := d.str(kv.v, kv.key); ok {
		if n, err := strconv.Atoi(s); err != nil || n != PolicyFormatVersion {
			d.fail(kv.v, kv.key, s, "unsupported policy format version %q: want %d", s, PolicyFormatVersion)
		} else {
			spec.version = n
		}
	}
}

func (d *yamlDecoder) specName(kv keyValue, spec *policySpec) {
	var ok bool
	spec.name, ok = d.str(kv.v, kv.key)
	spec.nameSet = true
	if ok && strings.TrimSpace(spec.name) == "" {
		d.fail(kv.v, kv.key, spec.name, "blank policy name %q", spec.name)
	}
}

func (d *yamlDecoder) specCountryGroups(kv keyValue, spec *policySpec) {
	fp := kv.key
	spec.groupAdd, spec.groupRemove = nil, nil
	for _, gkv := range d.mapping(kv.v, fp) {
		gp := joinPath(fp, gkv.key)
		if gkv.key != "add" && gkv.key != "remove" {
			d.unknownKey(gkv, fp)
			continue
		}
		for i, e := range d.seq(gkv.v, gp) {
			o, ok := d.groupOverride(e, indexPath(gp, i))
			switch {
			case !ok:
			case gkv.key == "add":
				spec.groupAdd = append(spec.groupAdd, o)
			default:
				spec.groupRemove = append(spec.groupRemove, o)
			}
		}
	}
}

func (d *yamlDecoder) specProfiles(kv keyValue, spec *policySpec) {
	fp := kv.key
	for _, pkv := range d.mapping(kv.v, fp) {
		pp := joinPath(fp, pkv.key)
		switch pkv.key {
		case "define":
			spec.defines = nil
			for i, e := range d.seq(pkv.v, pp) {
				if def := d.profileDef(e, indexPath(pp, i)); def != nil {
					spec.defines = append(spec.defines, def)
				}
			}
		case "select":
			spec.selectNames, spec.selectNodes = d.nameList(pkv.v, pp)
			spec.selectPresent = true
		default:
			d.unknownKey(pkv, fp)
		}
	}
}

func (d *yamlDecoder) specOutcomes(kv keyValue, spec *policySpec) {
	for _, okv := range d.mapping(kv.v, kv.key) {
		op := joinPath(kv.key, okv.key)
		if !ReasonCode(okv.key).IsValid() {
			d.fail(okv.k, op, okv.key, "unknown reason code %q", okv.key)
			continue
		}
		if o, ok := d.outcome(okv.v, op); ok {
			spec.outcomes[okv.key] = o
		}
	}
}

func (d *yamlDecoder) specLists(kv keyValue, spec *policySpec) {
	for _, lkv := range d.mapping(kv.v, kv.key) {
		lp := joinPath(kv.key, lkv.key)
		if !ListSource(lkv.key).IsValid() {
			d.fail(lkv.k, lp, lkv.key, "unknown list source %q: want one of %s", lkv.key, strings.Join(sourceCodes(), ", "))
			continue
		}
		if o, ok := d.outcome(lkv.v, lp); ok {
			spec.lists[lkv.key] = o
		}
	}
}

// thresholdRange is the range of one key of thresholds:, and the field of
// the spec it sets.
type thresholdRange struct {
	what string
	max  float64
	unit string
	set  func(*policySpec) *float64
}

var thresholdKeys = map[string]thresholdRange{
	"match":                  {"match threshold", 1, "", func(s *policySpec) *float64 { return &s.match }},
	"confirm":                {"confirm threshold", 1, "", func(s *policySpec) *float64 { return &s.confirm }},
	"minority_stake_percent": {"minority stake", 100, " (percent)", func(s *policySpec) *float64 { return &s.minority }},
}

func (d *yamlDecoder) specThresholds(kv keyValue, spec *policySpec) {
	for _, tkv := range d.mapping(kv.v, kv.key) {
		tp := joinPath(kv.key, tkv.key)
		r, known := thresholdKeys[tkv.key]
		if !known {
			d.unknownKey(tkv, kv.key)
			continue
		}
		f, ok := d.float(tkv.v, tp)
		switch {
		case !ok:
		case f <= 0 || f > r.max:
			d.fail(tkv.v, tp, tkv.v.Value, "%s %s out of range: want more than 0 and at most %g%s", r.what, tkv.v.Value, r.max, r.unit)
		default:
			*r.set(spec) = f
		}
	}
}

func (d *yamlDecoder) specFreshness(kv keyValue, spec *policySpec) {
	for _, fkv := range d.mapping(kv.v, kv.key) {
		dp := joinPath(kv.key, fkv.key)
		var into *time.Duration
		switch fkv.key {
		case "max_list_age":
			into = &spec.maxListAge
		case "max_geodb_age":
			into = &spec.maxGeoAge
		default:
			d.unknownKey(fkv, kv.key)
			continue
		}
		if v, ok := d.duration(fkv.v, dp); ok {
			*into = v
		}
	}
}

func (d *yamlDecoder) specAffiliates(kv keyValue, spec *policySpec) {
	if s, ok := d.str(kv.v, kv.key); ok {
		if s != AffiliatesInForce && s != AffiliatesSuspended {
			d.fail(kv.v, kv.key, s, "unknown Affiliates rule status %q: want in_force or suspended", s)
		} else {
			spec.affiliates = s
		}
	}
}

func (d *yamlDecoder) specItemRulesFile(kv keyValue, spec *policySpec) {
	if s, ok := d.str(kv.v, kv.key); ok {
		if strings.TrimSpace(s) == "" || strings.ContainsRune(s, 0) {
			d.fail(kv.v, kv.key, s, "invalid item rules file name %q", s)
		} else {
			spec.itemRulesFile, spec.itemRulesNode = s, kv.v
		}
	}
}

// requireComplete reports every setting a complete policy needs and the
// merged spec lacks.
func (d *yamlDecoder) requireComplete(root *yaml.Node, spec *policySpec) {
	for _, m := range []struct {
		missing    bool
		field, msg string
	}{
		{!spec.versionSet, "version", fmt.Sprintf("missing version: want version: %d", PolicyFormatVersion)},
		{!spec.nameSet, "name", "missing policy name"},
		{!spec.asOfSet, "as_of", "missing as_of date"},
	} {
		if m.missing {
			d.fail(root, m.field, "", "%s", m.msg)
		}
	}
	for _, src := range sourceCodes() {
		if _, ok := spec.lists[src]; !ok {
			d.fail(root, "lists."+src, "", "no outcome for list source %q", src)
		}
	}
	for _, m := range []struct {
		missing    bool
		field, msg string
	}{
		{spec.match == 0, "thresholds.match", "missing match threshold"},
		{spec.minority == 0, "thresholds.minority_stake_percent", "missing minority stake threshold"},
		{spec.confirm == 0, "thresholds.confirm", "missing confirm threshold"},
		{spec.corroboratedBy == nil || spec.contradictedBy == nil, "match_strength", "missing match_strength.corroborated_by or contradicted_by"},
		{spec.maxListAge == 0, "data_freshness.max_list_age", "missing max_list_age"},
		{spec.maxGeoAge == 0, "data_freshness.max_geodb_age", "missing max_geodb_age"},
		{spec.affiliates == "", "affiliates_rule_after_suspension", "missing affiliates_rule_after_suspension"},
		{!spec.selectPresent, "profiles.select", "missing profiles.select"},
	} {
		if m.missing {
			d.fail(root, m.field, "", "%s", m.msg)
		}
	}
}

func (d *yamlDecoder) nameList(n *yaml.Node, path string) ([]string, []*yaml.Node) {
	names := []string{}
	var nodes []*yaml.Node
	for i, e := range d.seq(n, path) {
		if s, ok := d.str(e, indexPath(path, i)); ok {
			if j := slices.Index(names, s); j >= 0 {
				d.fail(e, indexPath(path, i), s, "profile %q listed twice (first at line %d)", s, nodes[j].Line)
				continue
			}
			names = append(names, s)
			nodes = append(nodes, e)
		}
	}
	return names, nodes
}

// groupOverride decodes {country: UA, groups: [B], from:, until:, note:}.
func (d *yamlDecoder) groupOverride(n *yaml.Node, path string) (groupOverride, bool) {
	o := groupOverride{node: n, path: path}
	ok := true
	var haveC, haveG bool
	for _, kv := range d.mapping(n, path) {
		fp := joinPath(path, kv.key)
		switch kv.key {
		case "country":
			var good bool
			o.c, good = d.country(kv.v, fp)
			haveC, ok = true, ok && good
		case "groups":
			before := len(d.errs)
			o.groups = d.groupList(kv.v, fp)
			haveG, ok = true, ok && len(d.errs) == before
		case "from":
			o.s.from, _ = d.date(kv.v, fp)
		case "until":
			o.s.until, _ = d.date(kv.v, fp)
		case "note":
			o.note, _ = d.str(kv.v, fp)
		default:
			d.unknownKey(kv, path)
		}
	}
	if n.Kind != yaml.MappingNode {
		return o, false
	}
	if !haveC {
		d.fail(n, joinPath(path, "country"), "", "entry has no country")
		ok = false
	}
	if !haveG || (ok && len(o.groups) == 0) {
		d.fail(n, joinPath(path, "groups"), "", "entry has no groups")
		ok = false
	}
	return o, ok && d.checkSpan(n, path, o.s)
}

// build resolves a merged spec into a Policy, reporting contradictions and
// unknown references.
func (d *yamlDecoder) build(filename string, spec *policySpec) *Policy {
	p := &Policy{
		name: spec.name, description: spec.description, asOf: day(spec.asOf),
		outcomes: spec.outcomes, lists: spec.lists, match: spec.match, minority: spec.minority,
		maxListAge: spec.maxListAge, maxGeoDBAge: spec.maxGeoAge, affiliates: spec.affiliates, spec: spec,
	}
	if spec.itemRulesFile != "" {
		p.itemRules = spec.itemRulesFile
		if !filepath.IsAbs(p.itemRules) {
			p.itemRules = filepath.Join(filepath.Dir(filename), p.itemRules)
		}
	}
	p.groups = d.buildGroups(spec)
	defs := d.profileDefs(spec)
	d.checkExtends(spec, defs)
	if len(d.errs) > 0 {
		return nil
	}
	p.profiles = map[string]*Profile{}
	for name, def := range defs {
		p.profiles[name] = &Profile{Name: def.name, Description: def.description, Citation: def.citation,
			AsOf: def.asOf, Status: def.status, Notes: def.notes, def: def, groups: p.groups, asOf: p.asOf}
	}
	for _, pr := range p.profiles {
		for _, x := range pr.def.extends {
			pr.extends = append(pr.extends, p.profiles[x])
		}
	}
	p.selected = d.pickProfiles(p, spec.selectNames, spec.selectNodes, "profiles.select")
	p.embargo = d.pickProfiles(p, spec.embargoNames, spec.embargoNodes, "embargo_profiles")
	if len(d.errs) > 0 {
		return nil
	}
	p.canonical = spec.canonical()
	h := sha256.New()
	h.Write(p.canonical)
	h.Write([]byte{0})
	h.Write(embeddedDataDigest())
	p.version = "sha256:" + hex.EncodeToString(h.Sum(nil))
	return p
}

// buildGroups applies the country-group overrides. An addition and a
// removal of the same country and group on overlapping dates contradict
// each other, as do two overlapping additions (or removals).
func (d *yamlDecoder) buildGroups(spec *policySpec) *policyGroups {
	pg := &policyGroups{base: defaultGroups(), add: map[Country][]groupSpan{}, remove: map[Country][]groupSpan{}}
	type seenOverride struct {
		s    span
		add  bool
		line int
	}
	seen := map[Country]map[Group][]seenOverride{}
	check := func(list []groupOverride, add bool, into map[Country][]groupSpan) {
		for _, o := range list {
			for _, g := range o.groups {
				if seen[o.c] == nil {
					seen[o.c] = map[Group][]seenOverride{}
				}
				for _, prev := range seen[o.c][g] {
					if prev.s.overlaps(o.s) {
						what := "both added to and removed from"
						if prev.add == add {
							what = "overridden twice for overlapping dates in"
						}
						d.fail(o.node, o.path, o.c.String(), "country %q %s group %q (see line %d)", o.c, what, g, prev.line)
					}
				}
				seen[o.c][g] = append(seen[o.c][g], seenOverride{s: o.s, add: add, line: o.node.Line})
				into[o.c] = append(into[o.c], groupSpan{g: g, s: o.s})
			}
		}
	}
	check(spec.groupAdd, true, pg.add)
	check(spec.groupRemove, false, pg.remove)
	return pg
}

// profileDefs returns the built-in profile definitions and the policy's
// own, refusing a second definition of a name.
func (d *yamlDecoder) profileDefs(spec *policySpec) map[string]*profileDef {
	defs := map[string]*profileDef{}
	for _, def := range builtinProfileDefs() {
		defs[def.name] = def
	}
	for _, def := range spec.defines {
		if _, dup := defs[def.name]; dup {
			if slices.ContainsFunc(builtinProfileDefs(), func(b *profileDef) bool { return b.name == def.name }) {
				d.fail(def.nameNode, "profiles.define", def.name, "profile %q is built in: define a new name and extend it", def.name)
			} else {
				d.fail(def.nameNode, "profiles.define", def.name, "profile %q defined twice", def.name)
			}
			continue
		}
		defs[def.name] = def
	}
	return defs
}

// checkExtends reports a policy profile that extends an unknown profile,
// and cycles of extends.
func (d *yamlDecoder) checkExtends(spec *policySpec, defs map[string]*profileDef) {
	for _, def := range spec.defines {
		for i, x := range def.extends {
			if _, ok := defs[x]; !ok {
				d.fail(def.extendNodes[i], "profiles.define", x, "unknown profile %q", x)
			}
		}
	}
	state := map[string]int{} // 1: being visited, 2: done
	var visit func(name string, via *yaml.Node) bool
	visit = func(name string, via *yaml.Node) bool {
		switch state[name] {
		case 1:
			d.fail(via, "profiles.define", name, "profile %q extends itself", name)
			return false
		case 2:
			return true
		}
		state[name] = 1
		def := defs[name]
		for i, x := range def.extends {
			if _, ok := defs[x]; !ok {
				continue
			}
			var n *yaml.Node
			if i < len(def.extendNodes) {
				n = def.extendNodes[i]
			}
			if !visit(x, n) {
				return false
			}
		}
		state[name] = 2
		return true
	}
	for _, def := range spec.defines {
		if state[def.name] == 0 {
			visit(def.name, def.nameNode)
		}
	}
}

// pickProfiles resolves profile names to p's profiles, sorted by name.
func (d *yamlDecoder) pickProfiles(p *Policy, names []string, nodes []*yaml.Node, field string) []*Profile {
	var out []*Profile
	for i, n := range names {
		pr, ok := p.profiles[n]
		if !ok {
			d.fail(nodes[i], field, n, "unknown profile %q", n)
			continue
		}
		out = append(out, pr)
	}
	slices.SortFunc(out, func(a, b *Profile) int { return strings.Compare(a.Name, b.Name) })
	return out
}
