package screening

// Names: one name screened against the restricted-party lists, and what
// makes a list hit count.

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// nameSearch is one name screened against the lists: the party's own
// (via "name") or its ultimate parent's (via "parent").
type nameSearch struct {
	p        Party
	party    any // p.Name, boxed once for the evidence of every hit
	role     Role
	name     string
	via      string
	normName string // name normalised, for the strength rules
	partyKey string // the party's reviewer key; "" for a parent's name
}

// screenName searches the index for one name (the party's own, or its
// parent's) and turns each match into a record and a reason.
func (sc *screening) screenName(ctx context.Context, field string, p Party, role Role, name, via string, q match.Query) {
	q.Threshold = sc.w.threshold
	ms, err := sc.w.searchNames(ctx, q)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		sc.invalid(field, truncate(name, 80), err.Error())
		return
	}
	// a name that holds several (ACME LLC D/B/A ZORVATEK, ... F/K/A ...),
	// an address after its legal form (ACME LLC, 12 MAIN ROAD), a contact
	// person beside the company (JOHN SMITH - ACME LLC), or a person's
	// nickname in parentheses (ALEKSEY (LESHA) TSYDENOV): each name, the
	// head, the company or the name without the nickname, is screened too,
	// its hits kept where the whole name's are weaker
	parts := match.NameVariants(name, q.Type)
	for _, part := range parts {
		pq := q
		pq.Name = part
		pms, err := sc.w.searchNames(ctx, pq)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			continue // the whole name was searched; a part adds hits only
		}
		ms = match.MergeMatches(ms, pms)
	}
	if len(ms) == 0 {
		return
	}
	sc.matches = slices.Grow(sc.matches, len(ms))
	ns := nameSearch{p: p, party: p.Name, role: role, name: name, via: via, normName: match.Normalize(name)}
	// Reviewers clear or confirm hits on the party's own name only; a
	// store known to be empty needs no key.
	if via == "name" && !sc.noReviews() {
		ns.partyKey = PartyKey(p.Name)
	}
	for _, m := range ms {
		if !hitApplies(&m, q.Type, sc.date, q.Threshold, "the party") {
			continue
		}
		if mis := idMismatch(q.IDs, m.Entry.IDs); mis != "" {
			m.Adjustments = append(slices.Clone(m.Adjustments), match.Adjustment{Kind: "id_mismatch", Delta: -idMismatchPenalty,
				Detail: "the party gave " + mis})
			m.Score -= idMismatchPenalty
			if m.Score < q.Threshold {
				continue
			}
		}
		sc.nameHit(&ns, m)
	}
}

// noReviews reports whether the screener's reviewer records are known to be
// none: an in-memory store with no record. Another store is asked for
// every hit.
func (sc *screening) noReviews() bool {
	m, ok := sc.s.store.(*MemoryStore)
	return ok && m.empty()
}

// nameHit records list hit m of a name search: its match record, judged
// confirmed or potential, and its reason, or a reviewer's clearance.
func (sc *screening) nameHit(ns *nameSearch, m match.Match) {
	e := m.Entry
	f := sc.w.entryFacts(e)
	rec := matchRecord(ns, m, f.hash)
	var sup Suppression
	reviewed := false
	if ns.partyKey != "" {
		sup, reviewed = sc.s.store.Lookup(ns.partyKey, f.key, f.hash, sc.now)
	}
	exact := !m.Weak && f.isNormalized(e, ns.normName, m.Name)
	st := judge(sc.w.band.MatchStrength, exact, m, reviewed && sup.Kind == Confirmed)
	rec.Strength = st.level
	if reviewed && sup.Kind != Confirmed {
		rec.Suppressed = reviewRecord(sup)
		ev := hitEvidence(ns, m, f, rec.Score, 3)
		ev["reviewer"], ev["review_reason"], ev["kind"] = sup.Reviewer, sup.Reason, sup.Kind
		sc.add(rules.ReasonPartyMatchSuppressed,
			fmt.Sprintf("The %s %q matched %s entry %q, which %s cleared on %s (%s): %s.", roleLabel(ns.role), ns.p.Name, e.Source, e.Name,
				sup.Reviewer, sup.Created.Format(time.DateOnly), sup.Kind, sup.Reason),
			f.cite, ev)
		sc.matches = append(sc.matches, rec)
		return
	}
	more := f.listed + st.evidenceSize()
	if st.basis == basisReviewer {
		more += 3
	}
	if ns.via == "parent" && st.level == StrengthPotential {
		more++ // "via", see hitReason
	}
	ev := hitEvidence(ns, m, f, rec.Score, more)
	entryEvidence(e, f, ev)
	if st.basis == basisReviewer {
		rec.Suppressed = reviewRecord(sup)
		ev["reviewer"], ev["review_reason"], ev["kind"] = sup.Reviewer, sup.Reason, sup.Kind
	}
	why := st.explain(sc.w.band, m, ev)
	sc.matches = append(sc.matches, rec)
	sc.hitReason(ns, m, f.cite, st.level, rec.Score, why, ev)
}

// hitEvidence starts the evidence of hit m of entry f with the facts every
// hit states, with room for more entries besides: sized right, the map is
// made once and never grows.
func hitEvidence(ns *nameSearch, m match.Match, f *entryFacts, score float64, more int) map[string]any {
	ev := make(map[string]any, 7+more)
	matched := f.name
	if m.Name != m.Entry.Name {
		matched = m.Name
	}
	ev["party"], ev["role"], ev["list"], ev["entry_id"] = ns.party, roleAny(ns.role), f.source, f.id
	ev["entry_name"], ev["matched_name"], ev["score"] = f.name, matched, score
	return ev
}

// reviewRecord is a reviewer's record for a match record: a copy of sup,
// made only for a hit a reviewer cleared or confirmed.
func reviewRecord(sup Suppression) *Suppression { return &sup }

// matchRecord is the decision's record of hit m; its strength and any
// reviewer's record are the caller's to fill.
func matchRecord(ns *nameSearch, m match.Match, hash string) MatchRecord {
	e := m.Entry
	rec := MatchRecord{
		Party: ns.p.Name, PartyRole: string(ns.role), List: string(e.Source), EntryID: e.ID, EntryName: e.Name,
		MatchedName: m.Name, WeakAlias: m.Weak, Score: round4(m.Score), NameScore: round4(m.NameScore),
		EntryHash: hash, Via: ns.via,
	}
	if len(m.Tokens) > 0 {
		rec.Tokens = make([]TokenRecord, len(m.Tokens))
		for i, t := range m.Tokens {
			rec.Tokens[i] = TokenRecord{Query: t.Query, Candidate: t.Candidate, Similarity: round4(t.Similarity)}
		}
	}
	if len(m.Adjustments) > 0 {
		rec.Adjustments = make([]Adjustment, len(m.Adjustments))
		for i, a := range m.Adjustments {
			rec.Adjustments[i] = Adjustment{Kind: a.Kind, Delta: round4(a.Delta), Detail: a.Detail}
		}
	}
	return rec
}

// entryEvidence adds what list entry e (with facts f) says of its license
// requirement and listing to ev.
func entryEvidence(e *lists.Entry, f *entryFacts, ev map[string]any) {
	if f.license != nil {
		ev["license_requirement"] = f.license
	}
	if f.policy != nil {
		ev["license_policy"] = f.policy
	}
	if len(e.Footnotes) > 0 {
		ev["footnotes"] = e.Footnotes
	}
	if f.register != nil {
		ev["federal_register"] = f.register
	}
}

// hitReason records the reason for a hit of strength level that no
// reviewer cleared: a potential match for a reviewer to decide, or the
// party (or its parent) listed.
func (sc *screening) hitReason(ns *nameSearch, m match.Match, cite, level string, score float64, why string, ev map[string]any) {
	e := m.Entry
	p, role := ns.p, ns.role
	m2 := sc.msg()
	switch {
	case level == StrengthPotential && ns.via == "parent":
		ev["via"] = "parent"
		m2.s("The ultimate parent ").q(ns.name).s(" of the ").s(roleLabel(role)).s(" ").q(displayName(p)).s(" may be ").s(string(e.Source)).
			s(" entry ").q(e.Name).s(" (matched as ").q(m.Name).s(", score ").f2(score).s("): a potential match, because ").s(why).s(". A reviewer decides.")
		sc.add(rules.ReasonPartyPotentialMatch, m2.done(), cite, ev)
	case level == StrengthPotential:
		m2.s("The ").s(roleLabel(role)).s(" ").q(p.Name).s(" may be ").s(string(e.Source)).s(" entry ").q(e.Name).
			s(" (matched as ").q(m.Name).s(", score ").f2(score).s("): a potential match, because ").s(why).s(". A reviewer decides.")
		sc.add(rules.ReasonPartyPotentialMatch, m2.done(), cite, ev)
	case ns.via == "parent":
		m2.s("The ultimate parent ").q(ns.name).s(" of the ").s(roleLabel(role)).s(" ").q(displayName(p)).s(" matches ").s(string(e.Source)).
			s(" entry ").q(e.Name).s(" (score ").f2(score).s("), confirmed: ").s(why).s(".")
		sc.add(rules.ReasonPartyParentListed, m2.done(), cite, ev)
	default:
		m2.s("The ").s(roleLabel(role)).s(" ").q(p.Name).s(" matches ").s(string(e.Source)).s(" entry ").q(e.Name).
			s(" as ").q(m.Name).s(" (score ").f2(score).s("), confirmed: ").s(why).s(".")
		sc.addOutcome(sc.w.policy.ListOutcome(string(e.Source)), rules.ReasonPartyListed, m2.done(), cite, ev)
	}
}

// vesselPenalty lowers a party's match against a vessel or aircraft entry.
const vesselPenalty = 0.25

// hitApplies reports whether list hit m counts, as of date, for a searcher
// of type typ (who names it in the adjustment: "the party", "an owner";
// an owner has no type). An entry listed after date does not: screening as
// of an earlier date, it did not apply then. Parties and owners are
// persons and organisations: a company that shares a tanker's name ("Dover
// Corp", the SDN vessel DOVER) is not that tanker, so a vessel or aircraft
// entry matched by anything but its own kind loses vesselPenalty and counts
// only if m still reaches threshold.
func hitApplies(m *match.Match, typ lists.EntryType, date time.Time, threshold float64, who string) bool {
	e := m.Entry
	if !e.ListedOn.IsZero() && e.ListedOn.After(date) {
		return false
	}
	if craft := e.Type == lists.TypeVessel || e.Type == lists.TypeAircraft; craft && typ != e.Type {
		m.Adjustments = append(slices.Clone(m.Adjustments), match.Adjustment{Kind: "entry_is_" + string(e.Type), Delta: -vesselPenalty,
			Detail: fmt.Sprintf("the entry is a %s; %s is not", e.Type, who)})
		m.Score -= vesselPenalty
		return m.Score >= threshold
	}
	return true
}

// round4 rounds to four decimals, half away from zero (so a -0.15 penalty
// stays -0.15).
func round4(f float64) float64 {
	return math.Round(f*10000) / 10000
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
