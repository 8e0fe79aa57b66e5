package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

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

func (d *yamlDecoder) policySpec(root *yaml.Node, spec *policySpec) {
	for _, kv := range d.mapping(root, "") {
		fp := kv.key
		switch kv.key {
		case "version":
			spec.versionSet = true
			if s, ok := d.str(kv.v, fp); ok {
				if n, err := strconv.Atoi(s); err != nil || n != PolicyFormatVersion {
					d.fail(kv.v, fp, s, "unsupported policy format version %q: want %d", s, PolicyFormatVersion)
				} else {
					spec.version = n
				}
			}
		case "name":
			var ok bool
			spec.name, ok = d.str(kv.v, fp)
			spec.nameSet = true
			if ok && strings.TrimSpace(spec.name) == "" {
				d.fail(kv.v, fp, spec.name, "blank policy name %q", spec.name)
			}
		case "description":
			spec.description, _ = d.str(kv.v, fp)
		case "as_of":
			spec.asOf, _ = d.date(kv.v, fp)
			spec.asOfSet = true
		case "country_groups":
			spec.groupAdd, spec.groupRemove = nil, nil
			for _, gkv := range d.mapping(kv.v, fp) {
				gp := joinPath(fp, gkv.key)
				switch gkv.key {
				case "add", "remove":
					for i, e := range d.seq(gkv.v, gp) {
						if o, ok := d.groupOverride(e, indexPath(gp, i)); ok {
							if gkv.key == "add" {
								spec.groupAdd = append(spec.groupAdd, o)
							} else {
								spec.groupRemove = append(spec.groupRemove, o)
							}
						}
					}
				default:
					d.unknownKey(gkv, fp)
				}
			}
		case "profiles":
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
		case "embargo_profiles":
			spec.embargoNames, spec.embargoNodes = d.nameList(kv.v, fp)
		case "outcomes":
			for _, okv := range d.mapping(kv.v, fp) {
				op := joinPath(fp, okv.key)
				if !ReasonCode(okv.key).IsValid() {
					d.fail(okv.k, op, okv.key, "unknown reason code %q", okv.key)
					continue
				}
				if o, ok := d.outcome(okv.v, op); ok {
					spec.outcomes[okv.key] = o
				}
			}
		case "lists":
			for _, lkv := range d.mapping(kv.v, fp) {
				lp := joinPath(fp, lkv.key)
				src := lkv.key
				if !ListSource(src).IsValid() {
					d.fail(lkv.k, lp, lkv.key, "unknown list source %q: want one of %s", lkv.key, strings.Join(sourceCodes(), ", "))
					continue
				}
				if o, ok := d.outcome(lkv.v, lp); ok {
					spec.lists[src] = o
				}
			}
		case "thresholds":
			for _, tkv := range d.mapping(kv.v, fp) {
				tp := joinPath(fp, tkv.key)
				switch tkv.key {
				case "match":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 1 {
							d.fail(tkv.v, tp, tkv.v.Value, "match threshold %s out of range: want more than 0 and at most 1", tkv.v.Value)
						} else {
							spec.match = f
						}
					}
				case "confirm":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 1 {
							d.fail(tkv.v, tp, tkv.v.Value, "confirm threshold %s out of range: want more than 0 and at most 1", tkv.v.Value)
						} else {
							spec.confirm = f
						}
					}
				case "minority_stake_percent":
					if f, ok := d.float(tkv.v, tp); ok {
						if f <= 0 || f > 100 {
							d.fail(tkv.v, tp, tkv.v.Value, "minority stake %s out of range: want more than 0 and at most 100 (percent)", tkv.v.Value)
						} else {
							spec.minority = f
						}
					}
				default:
					d.unknownKey(tkv, fp)
				}
			}
		case "match_strength":
			d.matchStrength(kv.v, fp, spec)
		case "data_freshness":
			for _, fkv := range d.mapping(kv.v, fp) {
				dp := joinPath(fp, fkv.key)
				switch fkv.key {
				case "max_list_age":
					if v, ok := d.duration(fkv.v, dp); ok {
						spec.maxListAge = v
					}
				case "max_geodb_age":
					if v, ok := d.duration(fkv.v, dp); ok {
						spec.maxGeoAge = v
					}
				default:
					d.unknownKey(fkv, fp)
				}
			}
		case "affiliates_rule_after_suspension":
			if s, ok := d.str(kv.v, fp); ok {
				if s != AffiliatesInForce && s != AffiliatesSuspended {
					d.fail(kv.v, fp, s, "unknown Affiliates rule status %q: want in_force or suspended", s)
				} else {
					spec.affiliates = s
				}
			}
		case "item_rules_file":
			if s, ok := d.str(kv.v, fp); ok {
				if strings.TrimSpace(s) == "" || strings.ContainsRune(s, 0) {
					d.fail(kv.v, fp, s, "invalid item rules file name %q", s)
				} else {
					spec.itemRulesFile, spec.itemRulesNode = s, kv.v
				}
			}
		default:
			d.unknownKey(kv, "")
		}
	}
	if !spec.versionSet {
		d.fail(root, "version", "", "missing version: want version: %d", PolicyFormatVersion)
	}
	if !spec.nameSet {
		d.fail(root, "name", "", "missing policy name")
	}
	if !spec.asOfSet {
		d.fail(root, "as_of", "", "missing as_of date")
	}
	for _, src := range sourceCodes() {
		if _, ok := spec.lists[src]; !ok {
			d.fail(root, "lists."+src, "", "no outcome for list source %q", src)
		}
	}
	if spec.match == 0 {
		d.fail(root, "thresholds.match", "", "missing match threshold")
	}
	if spec.minority == 0 {
		d.fail(root, "thresholds.minority_stake_percent", "", "missing minority stake threshold")
	}
	if spec.confirm == 0 {
		d.fail(root, "thresholds.confirm", "", "missing confirm threshold")
	}
	if spec.corroboratedBy == nil || spec.contradictedBy == nil {
		d.fail(root, "match_strength", "", "missing match_strength.corroborated_by or contradicted_by")
	}
	if spec.maxListAge == 0 {
		d.fail(root, "data_freshness.max_list_age", "", "missing max_list_age")
	}
	if spec.maxGeoAge == 0 {
		d.fail(root, "data_freshness.max_geodb_age", "", "missing max_geodb_age")
	}
	if spec.affiliates == "" {
		d.fail(root, "affiliates_rule_after_suspension", "", "missing affiliates_rule_after_suspension")
	}
	if !spec.selectPresent {
		d.fail(root, "profiles.select", "", "missing profiles.select")
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

	// Country-group overrides: an addition and a removal of the same country
	// and group on overlapping dates contradict each other, as do two
	// overlapping additions (or removals).
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
	p.groups = pg

	// Profiles: the built-in ones, then the policy's own.
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
	for _, def := range spec.defines {
		for i, x := range def.extends {
			if _, ok := defs[x]; !ok {
				d.fail(def.extendNodes[i], "profiles.define", x, "unknown profile %q", x)
			}
		}
	}
	// Reject cycles of extends.
	state := map[string]int{}
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
			if _, ok := defs[x]; ok {
				var n *yaml.Node
				if i < len(def.extendNodes) {
					n = def.extendNodes[i]
				}
				if !visit(x, n) {
					return false
				}
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
	if len(d.errs) > 0 {
		return nil
	}
	p.profiles = map[string]*Profile{}
	for name, def := range defs {
		p.profiles[name] = &Profile{Name: def.name, Description: def.description, Citation: def.citation,
			AsOf: def.asOf, Status: def.status, Notes: def.notes, def: def, groups: pg, asOf: p.asOf}
	}
	for _, pr := range p.profiles {
		for _, x := range pr.def.extends {
			pr.extends = append(pr.extends, p.profiles[x])
		}
	}
	pick := func(names []string, nodes []*yaml.Node, field string) []*Profile {
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
	p.selected = pick(spec.selectNames, spec.selectNodes, "profiles.select")
	p.embargo = pick(spec.embargoNames, spec.embargoNodes, "embargo_profiles")
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
