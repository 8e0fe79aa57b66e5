package rules

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// Kinds of evidence about a party that the match-strength rules name
// (policy match_strength.corroborated_by and contradicted_by).
const (
	// EvidenceIdentifier is a document or registration number of the party.
	EvidenceIdentifier = "identifier"
	// EvidenceDateOfBirth is the party's date of birth.
	EvidenceDateOfBirth = "date_of_birth"
	// EvidenceAddressCountry is the party's declared country, compared with
	// the entry's address and nationality countries.
	EvidenceAddressCountry = "address_country"
	// EvidenceEntityType is the kind of party (individual, entity, vessel,
	// aircraft).
	EvidenceEntityType = "entity_type"
)

var (
	corroborationKinds = []string{EvidenceIdentifier, EvidenceDateOfBirth, EvidenceAddressCountry}
	contradictionKinds = []string{EvidenceIdentifier, EvidenceDateOfBirth, EvidenceEntityType}
)

// MatchStrength holds the rules that make a name hit on a restricted-party
// list confirmed (reason party.listed, the list's outcome) rather than
// potential (reason party.potential_match, a reviewer looks). See
// docs/decisions.md.
type MatchStrength struct {
	// Match is the score at or above which a candidate is a hit at all
	// (thresholds.match).
	Match float64
	// Confirm is the name score at or above which one agreeing piece of
	// evidence in CorroboratedBy confirms a hit (thresholds.confirm).
	Confirm float64
	// ExactName confirms a hit whose normalised name equals a strong (not
	// weak) listed name or alias.
	ExactName bool
	// CorroboratedBy are the kinds of agreeing evidence that confirm a hit
	// whose name score reaches Confirm: EvidenceIdentifier,
	// EvidenceDateOfBirth, EvidenceAddressCountry.
	CorroboratedBy []string
	// ContradictedBy are the kinds of contradicting evidence that keep a
	// hit potential whatever its name (the score penalty they carry can
	// clear it): EvidenceIdentifier, EvidenceDateOfBirth,
	// EvidenceEntityType.
	ContradictedBy []string
}

// Corroborates reports whether agreeing evidence of kind confirms a hit.
func (m MatchStrength) Corroborates(kind string) bool { return slices.Contains(m.CorroboratedBy, kind) }

// Contradicts reports whether contradicting evidence of kind keeps a hit
// potential.
func (m MatchStrength) Contradicts(kind string) bool { return slices.Contains(m.ContradictedBy, kind) }

// MatchStrength returns the policy's match-strength rules. The slices are
// copies.
func (p *Policy) MatchStrength() MatchStrength {
	s := p.spec
	return MatchStrength{
		Match: s.match, Confirm: s.confirm, ExactName: s.exactName,
		CorroboratedBy: slices.Clone(s.corroboratedBy), ContradictedBy: slices.Clone(s.contradictedBy),
	}
}

// matchStrength decodes the match_strength section: {exact_name: bool,
// corroborated_by: [kinds], contradicted_by: [kinds]}. Keys it leaves out
// keep their values from the base policy.
func (d *yamlDecoder) matchStrength(n *yaml.Node, path string, spec *policySpec) {
	for _, kv := range d.mapping(n, path) {
		kp := joinPath(path, kv.key)
		switch kv.key {
		case "exact_name":
			if b, ok := d.boolean(kv.v, kp); ok {
				spec.exactName = b
			}
		case "corroborated_by":
			spec.corroboratedBy = d.evidenceKinds(kv.v, kp, corroborationKinds)
		case "contradicted_by":
			spec.contradictedBy = d.evidenceKinds(kv.v, kp, contradictionKinds)
		default:
			d.unknownKey(kv, path)
		}
	}
}

// evidenceKinds decodes a list of evidence kinds, each one of allowed and
// listed once. The result is never nil, so an empty list stays empty.
func (d *yamlDecoder) evidenceKinds(n *yaml.Node, path string, allowed []string) []string {
	out := []string{}
	for i, e := range d.seq(n, path) {
		ip := indexPath(path, i)
		s, ok := d.str(e, ip)
		switch {
		case !ok:
		case !slices.Contains(allowed, s):
			d.fail(e, ip, s, "unknown evidence kind %q: want one of %s", s, joinOr(allowed))
		case slices.Contains(out, s):
			d.fail(e, ip, s, "evidence kind %q listed twice", s)
		default:
			out = append(out, s)
		}
	}
	return out
}

func joinOr(ss []string) string {
	out := ""
	for i, s := range ss {
		switch {
		case i == 0:
		case i == len(ss)-1:
			out += " or "
		default:
			out += ", "
		}
		out += s
	}
	return out
}

// canonMatchStrength is the match_strength section of the canonical form.
type canonMatchStrength struct {
	ExactName      bool     `json:"exact_name"`
	CorroboratedBy []string `json:"corroborated_by"`
	ContradictedBy []string `json:"contradicted_by"`
}

func (s *policySpec) canonMatchStrength() canonMatchStrength {
	c := canonMatchStrength{ExactName: s.exactName,
		CorroboratedBy: slices.Sorted(slices.Values(s.corroboratedBy)),
		ContradictedBy: slices.Sorted(slices.Values(s.contradictedBy))}
	if c.CorroboratedBy == nil {
		c.CorroboratedBy = []string{}
	}
	if c.ContradictedBy == nil {
		c.ContradictedBy = []string{}
	}
	return c
}
