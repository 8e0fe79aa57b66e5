package screening

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// Match strengths (MatchRecord.Strength).
const (
	// StrengthConfirmed is a hit the evidence confirms: the list's outcome
	// applies (reason party.listed).
	StrengthConfirmed = "confirmed"
	// StrengthPotential is a name hit nothing confirms: a reviewer decides
	// (reason party.potential_match).
	StrengthPotential = "potential"
)

// Bases of a confirmed hit (evidence "strength_basis").
const (
	basisExactName    = "exact_name"
	basisCorroborated = "corroborated"
	basisReviewer     = "reviewer"
)

// idMismatchPenalty lowers a hit whose entry lists an identifier of the
// same type as one the party gave, with another value; the same weight as
// a contradicting date of birth in the matcher.
const idMismatchPenalty = 0.15

// strengthRules are the policy's match-strength rules with what every
// hit's explanation repeats, made once per world: the confirm threshold as
// an evidence value and as text.
type strengthRules struct {
	rules.MatchStrength
	confirm     any    // Confirm, boxed
	confirmText string // Confirm with two decimals
}

func newStrengthRules(ms rules.MatchStrength) strengthRules {
	return strengthRules{MatchStrength: ms, confirm: ms.Confirm, confirmText: strconv.FormatFloat(ms.Confirm, 'f', 2, 64)}
}

// strength is the judgement of one hit under the policy's match-strength
// rules, with what it rests on.
type strength struct {
	level string // StrengthConfirmed or StrengthPotential
	basis string // for confirmed hits: basisExactName, basisCorroborated or basisReviewer
	// exact is true when the normalised name equals the strong listed
	// name or alias that matched.
	exact bool
	// agree and contradict are the evidence kinds (rules.Evidence*) that
	// agreed with the entry and that contradicted it.
	agree, contradict []string
}

// evidenceOf reads the agreeing and contradicting evidence of a hit from its
// adjustments (the matcher's, and this package's vessel and identifier
// checks).
func evidenceOf(adj []match.Adjustment) (agree, contradict []string) {
	add := func(s []string, k string) []string {
		if !slices.Contains(s, k) {
			s = append(s, k)
		}
		return s
	}
	for _, a := range adj {
		switch a.Kind {
		case "id_match":
			agree = add(agree, rules.EvidenceIdentifier)
		case "dob_match":
			agree = add(agree, rules.EvidenceDateOfBirth)
		case "country_match":
			agree = add(agree, rules.EvidenceAddressCountry)
		case "id_mismatch":
			contradict = add(contradict, rules.EvidenceIdentifier)
		case "dob_mismatch":
			contradict = add(contradict, rules.EvidenceDateOfBirth)
		case "type_mismatch", "entry_is_" + string(lists.TypeVessel), "entry_is_" + string(lists.TypeAircraft):
			contradict = add(contradict, rules.EvidenceEntityType)
		}
	}
	return agree, contradict
}

// judge decides the strength of hit m under rules ms; exact tells whether
// the party's normalised name (see match.Normalize) is the strong listed
// name or alias that matched (see exactName). A reviewer's confirmation
// (reviewed) confirms whatever the evidence; a contradiction the policy
// names keeps the hit potential; otherwise an exact strong name, or a name
// score at or above ms.Confirm with agreeing evidence the policy names,
// confirms it.
func judge(ms rules.MatchStrength, exact bool, m match.Match, reviewed bool) strength {
	agree, contradict := evidenceOf(m.Adjustments)
	st := strength{level: StrengthPotential, agree: agree, contradict: contradict, exact: exact}
	switch {
	case reviewed:
		st.level, st.basis = StrengthConfirmed, basisReviewer
	case slices.ContainsFunc(contradict, ms.Contradicts):
	case ms.ExactName && st.exact:
		st.level, st.basis = StrengthConfirmed, basisExactName
	case m.NameScore >= ms.Confirm && slices.ContainsFunc(agree, ms.Corroborates):
		st.level, st.basis = StrengthConfirmed, basisCorroborated
	}
	return st
}

// exactName reports whether the party's normalised name normName is hit
// m's name, a strong (not weak) listed name or alias, normalised.
func exactName(normName string, m match.Match) bool {
	return !m.Weak && match.NormalizedEqual(normName, m.Name)
}

// evidenceSize is the number of evidence entries explain adds.
func (st strength) evidenceSize() int {
	n := 3 // strength, confirm_threshold, name_score
	if len(st.agree) > 0 {
		n++
	}
	if len(st.contradict) > 0 {
		n++
	}
	if st.level == StrengthConfirmed {
		n++ // strength_basis
	}
	return n
}

// explain is the sentence and evidence that say why a hit has its strength.
func (st strength) explain(ms strengthRules, m match.Match, ev map[string]any) string {
	ev["strength"] = constText(st.level)
	if len(st.agree) > 0 {
		ev["agreeing"] = st.agree
	}
	if len(st.contradict) > 0 {
		ev["contradicting"] = st.contradict
	}
	ev["confirm_threshold"] = ms.confirm
	ev["name_score"] = round4(m.NameScore)
	if st.level == StrengthConfirmed {
		ev["strength_basis"] = constText(st.basis)
		switch st.basis {
		case basisReviewer:
			return "a reviewer confirmed this match"
		case basisExactName:
			return "the name is exactly a listed name"
		default:
			var buf [4]string
			a := appendFiltered(buf[:0], st.agree, ms.Corroborates)
			verb := "agrees"
			if len(a) > 1 {
				verb = "agree"
			}
			b := make([]byte, 0, 96)
			b = append(b, "the name score "...)
			b = appendFixed2(b, m.NameScore)
			b = append(b, " reaches "...)
			b = append(b, ms.confirmText...)
			b = append(b, " and the "...)
			b = appendKinds(b, a)
			b = append(b, ' ')
			b = append(b, verb...)
			return string(b)
		}
	}
	var why []string
	if c := filter(st.contradict, ms.Contradicts); len(c) > 0 {
		why = append(why, "the "+joinKinds(c)+" contradicts the entry")
	} else {
		switch {
		case m.Weak:
			why = append(why, "the matched name is a weak alias")
		case !st.exact:
			why = append(why, "the name is not exactly a listed name")
		}
		switch a := filter(st.agree, ms.Corroborates); {
		case len(a) == 0:
			why = append(why, "no identifier, date of birth or address country agrees")
		case m.NameScore < ms.Confirm:
			why = append(why, fmt.Sprintf("the name score %.2f is below %.2f", m.NameScore, ms.Confirm))
		}
	}
	return strings.Join(why, "; ")
}

// constText boxes the strength levels and bases without allocating; any
// other s is boxed as usual.
func constText(s string) any {
	switch s {
	case StrengthConfirmed:
		return StrengthConfirmed
	case StrengthPotential:
		return StrengthPotential
	case basisExactName:
		return basisExactName
	case basisCorroborated:
		return basisCorroborated
	case basisReviewer:
		return basisReviewer
	}
	return s
}

func filter(kinds []string, keep func(string) bool) []string {
	return appendFiltered(nil, kinds, keep)
}

// appendFiltered appends the kinds that keep keeps to out.
func appendFiltered(out, kinds []string, keep func(string) bool) []string {
	for _, k := range kinds {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

// appendKinds appends evidence kinds to b for a sentence (see joinKinds).
func appendKinds(b []byte, kinds []string) []byte {
	for i, k := range kinds {
		switch {
		case i == 0:
		case i == len(kinds)-1:
			b = append(b, " and "...)
		default:
			b = append(b, ", "...)
		}
		for j := 0; j < len(k); j++ {
			if k[j] == '_' {
				b = append(b, ' ')
			} else {
				b = append(b, k[j])
			}
		}
	}
	return b
}

// joinKinds renders evidence kinds for a sentence: "date of birth and
// identifier".
func joinKinds(kinds []string) string {
	return string(appendKinds(nil, kinds))
}

// idMismatch returns the first identifier the party gave whose type the
// entry also lists, with another value, when no identifier of the party is
// among the entry's; "" otherwise.
func idMismatch(given []lists.Identifier, listed []lists.Identifier) string {
	if len(given) == 0 || len(listed) == 0 {
		return ""
	}
	for _, g := range given {
		for _, l := range listed {
			if v := idValue(g.Value); v != "" && v == idValue(l.Value) {
				return ""
			}
		}
	}
	for _, g := range given {
		gt, gv := idType(g.Type), idValue(g.Value)
		if gt == "" || len(gv) < 4 {
			continue
		}
		for _, l := range listed {
			if idType(l.Type) == gt && idValue(l.Value) != "" {
				return fmt.Sprintf("%s %s; the entry lists %s %s", g.Type, g.Value, l.Type, l.Value)
			}
		}
	}
	return ""
}

// idType folds an identifier type for comparison ("Passport", "passport
// no." and "PASSPORT" are one type).
func idType(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "."), " no")
	return strings.TrimSpace(s)
}

// idValue keeps the letters and digits of an identifier, upper-cased.
func idValue(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}
