package screening

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// screening is the state of one Screen call.
type screening struct {
	s   *Screener
	w   *world
	geo *geoloc.View // w.geo's databases, pinned for this screening; nil if none
	req *Request
	now time.Time

	date      time.Time
	dest      rules.Destination
	declared  []rules.Country // declared countries of parties, and the destination
	hqs       []rules.Country // headquarters and ultimate-parent headquarters
	behalf    []rules.Country // the same, of parties the end use is performed for
	reasons   []Reason
	outcomes  []rules.Outcome // parallel to reasons
	matches   []MatchRecord
	locations []LocationRecord
	items     []ItemRecord

	// place is the policy's answer for the last place checked: an order's
	// client IP is most often in its destination country, and a second
	// check of the same place on the same date is then free.
	place placeRules
}

// placeRules is what the policy says of one place on the screening date.
type placeRules struct {
	d         rules.Destination
	set       bool
	concern   []*rules.Profile
	embargo   rules.Embargo
	embargoed bool
}

// rulesFor returns the concern profiles and embargo of d on the screening
// date: from the call's last answer for consecutive checks of the same
// place, otherwise from the world's cache.
func (sc *screening) rulesFor(d rules.Destination) *placeRules {
	if !sc.place.set || sc.place.d != d {
		sc.place = sc.w.places.get(sc.w.policy, d, sc.date)
	}
	return &sc.place
}

func (sc *screening) run(ctx context.Context) {
	sc.resolveDate()
	sc.somethingToScreen()
	sc.destination()
	sc.parties(ctx)
	if ctx.Err() != nil {
		return
	}
	sc.ips()
	sc.itemChecks()
	sc.locationEvidence(ctx)
	sc.dataChecks()
}

// add records a reason whose outcome comes from the policy's mapping.
func (sc *screening) add(code rules.ReasonCode, msg, citation string, ev map[string]any) {
	sc.addOutcome(sc.w.policy.OutcomeFor(code), code, msg, citation, ev)
}

// addCited records a reason whose citation is its code's fixed one in the
// registry (rules.ReasonInfo.Fixed).
func (sc *screening) addCited(code rules.ReasonCode, msg string, ev map[string]any) {
	sc.add(code, msg, code.Info().Citation, ev)
}

func (sc *screening) addOutcome(o rules.Outcome, code rules.ReasonCode, msg, citation string, ev map[string]any) {
	sc.reasons = append(sc.reasons, Reason{Code: string(code), Outcome: o.String(), Message: msg, Citation: citation, Evidence: ev})
	sc.outcomes = append(sc.outcomes, o)
}

func (sc *screening) invalid(field, value, msg string) {
	sc.addCited(rules.ReasonInputInvalid, fmt.Sprintf("The request field %s could not be read (%s: %q); it was not screened and needs review.", field, msg, value),
		map[string]any{"field": field, "value": value, "problem": msg})
}

// missing records a field the request needs and left empty.
func (sc *screening) missing(field, msg string) {
	sc.addCited(rules.ReasonInputInvalid, msg, map[string]any{"field": field, "value": "", "problem": "missing"})
}

// somethingToScreen raises input.invalid for a request that names no party,
// destination, IP, item or location evidence: nothing would be checked,
// and an allow would say that something was.
func (sc *screening) somethingToScreen() {
	r := sc.req
	if strings.TrimSpace(r.Destination) != "" || len(r.IPs) > 0 || len(r.Items) > 0 || r.Location != nil {
		return
	}
	for _, p := range r.Parties {
		if strings.TrimSpace(p.Name) != "" {
			return
		}
	}
	sc.missing("request", "The request names no party, destination, client IP or item, so nothing could be screened; it needs review.")
}

func (sc *screening) resolveDate() {
	switch {
	case sc.req.Date != "":
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(sc.req.Date))
		if err != nil {
			sc.invalid("date", sc.req.Date, "want a date as YYYY-MM-DD")
			sc.date = dayOf(sc.now)
			return
		}
		sc.date = d
	case !sc.s.asOf.IsZero():
		sc.date = dayOf(sc.s.asOf)
	default:
		sc.date = dayOf(sc.now)
	}
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (sc *screening) resolve(field, text string) (rules.Destination, bool) {
	d, err := rules.ResolveDestination(text)
	if err != nil {
		sc.invalid(field, text, "not a known country or region")
		return rules.Destination{}, false
	}
	return d, true
}

func (sc *screening) destination() {
	if strings.TrimSpace(sc.req.Destination) == "" {
		return
	}
	d, ok := sc.resolve("destination", sc.req.Destination)
	if !ok {
		return
	}
	sc.dest = d
	sc.declared = appendCountry(sc.declared, d.Country)
	sc.checkPlace(destinationCodes, d, func() map[string]any {
		return map[string]any{"destination": d.String(), "as_given": sc.req.Destination}
	})
}

// placeCodes are the reason codes checkPlace raises for one kind of place.
type placeCodes struct {
	ip                         bool // the place is where a client IP is
	embargoed, regionEmbargoed rules.ReasonCode
	regionApproximated         rules.ReasonCode
	countryOfConcern           rules.ReasonCode
}

var (
	destinationCodes = placeCodes{
		embargoed:          rules.ReasonDestinationEmbargoed,
		regionEmbargoed:    rules.ReasonDestinationRegionEmbargoed,
		regionApproximated: rules.ReasonDestinationRegionApproximated,
		countryOfConcern:   rules.ReasonDestinationCountryOfConcern,
	}
	ipCodes = placeCodes{
		ip:                 true,
		embargoed:          rules.ReasonIPEmbargoed,
		regionEmbargoed:    rules.ReasonIPRegionEmbargoed,
		regionApproximated: rules.ReasonIPRegionApproximated,
		countryOfConcern:   rules.ReasonIPCountryOfConcern,
	}
)

// checkPlace raises embargo and country-of-concern reasons for a place, a
// destination or a client IP's location as codes says. evidence makes the
// reason's evidence; most places raise nothing, and it is then not made.
func (sc *screening) checkPlace(codes placeCodes, d rules.Destination, evidence func() map[string]any) {
	pr := sc.rulesFor(d)
	concern := pr.concern
	if !pr.embargoed && len(concern) == 0 {
		return
	}
	ev := evidence()
	names := profileNames(concern)
	if e, ok := pr.embargo, pr.embargoed; ok {
		ev = withEvidence(ev, "program", e.Program)
		if len(names) > 0 {
			ev = withEvidence(ev, "profiles", names)
		}
		what := "the embargoed destination " + placeName(e.Destination)
		code := codes.embargoed
		switch {
		case e.Approximate:
			// The oblast stands for the so-called DNR/LNR, which has no
			// boundary of its own: a person checks the place.
			code = codes.regionApproximated
			what = "region " + placeName(e.Destination) + ", which stands for an embargoed area it only approximates (" + e.Note + "); check whether the place is inside it"
		case e.Region:
			code = codes.regionEmbargoed
			what = "the embargoed region " + placeName(e.Destination)
		}
		subject := "The destination is"
		if codes.ip {
			subject = fmt.Sprintf("The client IP %v is located in", ev["ip"])
		}
		sc.add(code, fmt.Sprintf("%s %s (%s).", subject, what, e.Program), e.Citation, ev)
		return
	}
	if len(concern) == 0 {
		return
	}
	ev = withEvidence(ev, "profiles", names)
	subject := "The destination " + placeName(d)
	if codes.ip {
		subject = fmt.Sprintf("The client IP %v is located in %s, which", ev["ip"], placeName(d))
	}
	cites := make([]string, len(concern))
	for i, pr := range concern {
		cites[i] = pr.Citation
	}
	sc.add(codes.countryOfConcern, fmt.Sprintf("%s is a country of concern under %s.", subject, strings.Join(names, ", ")),
		strings.Join(dedupe(cites), "; "), ev)
}

// profileNames returns the names of ps.
func profileNames(ps []*rules.Profile) []string {
	names := make([]string, len(ps))
	for i, pr := range ps {
		names[i] = pr.Name
	}
	return names
}

func placeName(d rules.Destination) string {
	if d.Region.IsValid() {
		return fmt.Sprintf("%s (%s)", d.Region.Name(), d.Region)
	}
	return fmt.Sprintf("%s (%s)", d.Country.Name(), d.Country)
}

func withEvidence(ev map[string]any, k string, v any) map[string]any {
	if ev == nil {
		ev = map[string]any{}
	}
	ev[k] = v
	return ev
}

func appendCountry(cs []rules.Country, c rules.Country) []rules.Country {
	if c.IsValid() && !slices.Contains(cs, c) {
		cs = append(cs, c)
	}
	return cs
}

func dedupe(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// partyFields are the request field names of one party, for errors.
type partyFields struct {
	base, role, country, typ, name, hqCountry, parentCountry, parentName string
}

// firstPartyFields are the field names of the first parties, made once so
// that a request does not format them anew.
var firstPartyFields = func() (t [16]partyFields) {
	for i := range t {
		t[i] = newPartyFields(i)
	}
	return t
}()

func newPartyFields(i int) partyFields {
	b := "parties[" + strconv.Itoa(i) + "]"
	return partyFields{base: b, role: b + ".role", country: b + ".country", typ: b + ".type", name: b + ".name",
		hqCountry: b + ".hq_country", parentCountry: b + ".parent_country", parentName: b + ".parent_name"}
}

// partyFieldsOf returns the field names of party i.
func partyFieldsOf(i int) partyFields {
	if i < len(firstPartyFields) {
		return firstPartyFields[i]
	}
	return newPartyFields(i)
}

func (sc *screening) parties(ctx context.Context) {
	for i, p := range sc.req.Parties {
		if ctx.Err() != nil {
			return
		}
		fn := partyFieldsOf(i)
		field := fn.base
		role, err := ParseRole(string(p.Role))
		if err != nil {
			sc.invalid(fn.role, string(p.Role), "unknown role")
		}
		var country rules.Country
		if strings.TrimSpace(p.Country) != "" {
			if d, ok := sc.resolve(fn.country, p.Country); ok {
				country = d.Country
				sc.declared = appendCountry(sc.declared, country)
			}
		}
		typ, ok := entryType(p.Type)
		if !ok {
			sc.invalid(fn.typ, p.Type, "want individual, entity, vessel or aircraft")
		}
		sc.ownershipChecks(ctx, p, role)
		if strings.TrimSpace(p.Name) == "" {
			sc.missing(fn.name, fmt.Sprintf("The %s at %s has no name, so it was not screened against the restricted-party lists; it needs review.", roleLabel(role), field))
		} else {
			sc.screenName(ctx, fn.name, p, role, p.Name, "name", match.Query{
				Name: p.Name, Type: typ, Country: country, DateOfBirth: p.DateOfBirth, IDs: identifiers(p.IDs),
			})
		}
		for _, hq := range []struct{ field, text, what string }{
			{fn.hqCountry, p.HQCountry, "headquartered"},
			{fn.parentCountry, p.ParentCountry, "owned by an ultimate parent headquartered"},
		} {
			if strings.TrimSpace(hq.text) == "" {
				continue
			}
			d, ok := sc.resolve(hq.field, hq.text)
			if !ok {
				continue
			}
			if role == RoleOnBehalfOf {
				sc.behalf = appendCountry(sc.behalf, d.Country)
			} else {
				sc.hqs = appendCountry(sc.hqs, d.Country)
			}
			hqDest := rules.Destination{Country: d.Country}
			concern := sc.rulesFor(hqDest).concern
			if len(concern) == 0 {
				continue
			}
			names := profileNames(concern)
			note := ""
			if hr := rules.AdvancedComputingHQ(); hr.Applies(sc.w.policy, hqDest, sc.date) {
				note = "; " + hr.Effect + " (" + hr.Citation + ")"
			}
			sc.addCited(rules.ReasonPartyHQCountryOfConcern,
				fmt.Sprintf("The %s %q is %s in %s, a country of concern (%s)%s.",
					roleLabel(role), displayName(p), hq.what, placeName(hqDest), strings.Join(names, ", "), note),
				map[string]any{"party": p.Name, "role": string(role), "field": hq.field, "country": d.Country.String(), "profiles": names})
		}
		if strings.TrimSpace(p.ParentName) != "" {
			var pc rules.Country
			if d, err := rules.ResolveDestination(p.ParentCountry); err == nil {
				pc = d.Country
			}
			sc.screenName(ctx, fn.parentName, p, role, p.ParentName, "parent", match.Query{Name: p.ParentName, Country: pc, Type: lists.TypeEntity})
		}
	}
}

func displayName(p Party) string {
	if p.Name != "" {
		return p.Name
	}
	return "(unnamed)"
}

func roleLabel(r Role) string {
	if r == "" || r == RoleOther {
		return "party"
	}
	return strings.ReplaceAll(string(r), "_", " ")
}

func entryType(s string) (lists.EntryType, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return lists.TypeUnknown, true
	case "individual", "person":
		return lists.TypeIndividual, true
	case "entity", "organization", "organisation", "company":
		return lists.TypeEntity, true
	case "vessel":
		return lists.TypeVessel, true
	case "aircraft":
		return lists.TypeAircraft, true
	}
	return lists.TypeUnknown, false
}

func identifiers(ids []Identifier) []lists.Identifier {
	if len(ids) == 0 {
		return nil
	}
	out := make([]lists.Identifier, len(ids))
	for i, id := range ids {
		out[i] = lists.Identifier{Type: id.Type, Value: id.Value}
	}
	return out
}

// screenName searches the index for one name (the party's own, or its
// parent's) and turns each match into a record and a reason.
func (sc *screening) screenName(ctx context.Context, field string, p Party, role Role, name, via string, q match.Query) {
	q.Threshold = sc.w.threshold
	ms, err := sc.w.index.Search(ctx, q)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		sc.invalid(field, truncate(name, 80), err.Error())
		return
	}
	band := sc.w.band
	normName := ""
	if len(ms) > 0 {
		normName = match.Normalize(name)
	}
	// Reviewers clear or confirm hits on the party's own name only.
	partyKey := ""
	if via == "name" && len(ms) > 0 {
		partyKey = PartyKey(p.Name)
	}
	for _, m := range ms {
		e := m.Entry
		if !hitApplies(&m, q.Type, sc.date, q.Threshold, "the party") {
			continue
		}
		if mis := idMismatch(q.IDs, e.IDs); mis != "" {
			m.Adjustments = append(slices.Clone(m.Adjustments), match.Adjustment{Kind: "id_mismatch", Delta: -idMismatchPenalty,
				Detail: "the party gave " + mis})
			m.Score -= idMismatchPenalty
			if m.Score < q.Threshold {
				continue
			}
		}
		id := sc.w.entryID(e)
		rec := MatchRecord{
			Party: p.Name, PartyRole: string(role), List: string(e.Source), EntryID: e.ID, EntryName: e.Name,
			MatchedName: m.Name, WeakAlias: m.Weak, Score: round4(m.Score), NameScore: round4(m.NameScore),
			EntryHash: id.hash, Via: via,
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
		ev := map[string]any{
			"party": p.Name, "role": string(role), "list": string(e.Source), "entry_id": e.ID,
			"entry_name": e.Name, "matched_name": m.Name, "score": rec.Score,
		}
		var sup Suppression
		reviewed := false
		if partyKey != "" {
			sup, reviewed = sc.s.store.Lookup(partyKey, id.key, id.hash, sc.now)
		}
		st := judge(band, normName, m, reviewed && sup.Kind == Confirmed)
		rec.Strength = st.level
		if reviewed && sup.Kind != Confirmed {
			rec.Suppressed = &sup
			ev["reviewer"], ev["review_reason"], ev["kind"] = sup.Reviewer, sup.Reason, sup.Kind
			sc.add(rules.ReasonPartyMatchSuppressed,
				fmt.Sprintf("The %s %q matched %s entry %q, which %s cleared on %s (%s): %s.", roleLabel(role), p.Name, e.Source, e.Name,
					sup.Reviewer, sup.Created.Format(time.DateOnly), sup.Kind, sup.Reason),
				listCitation(string(e.Source)), ev)
			sc.matches = append(sc.matches, rec)
			continue
		}
		if e.LicenseRequirement != "" {
			ev["license_requirement"] = e.LicenseRequirement
		}
		if e.LicensePolicy != "" {
			ev["license_policy"] = e.LicensePolicy
		}
		if len(e.Footnotes) > 0 {
			ev["footnotes"] = e.Footnotes
		}
		if e.FederalRegister != "" {
			ev["federal_register"] = e.FederalRegister
		}
		if st.basis == basisReviewer {
			rec.Suppressed = &sup
			ev["reviewer"], ev["review_reason"], ev["kind"] = sup.Reviewer, sup.Reason, sup.Kind
		}
		why := st.explain(band, m, ev)
		sc.matches = append(sc.matches, rec)
		switch {
		case st.level == StrengthPotential && via == "parent":
			ev["via"] = via
			sc.add(rules.ReasonPartyPotentialMatch,
				fmt.Sprintf("The ultimate parent %q of the %s %q may be %s entry %q (matched as %q, score %.2f): a potential match, because %s. A reviewer decides.",
					name, roleLabel(role), displayName(p), e.Source, e.Name, m.Name, rec.Score, why),
				listCitation(string(e.Source)), ev)
		case st.level == StrengthPotential:
			sc.add(rules.ReasonPartyPotentialMatch,
				fmt.Sprintf("The %s %q may be %s entry %q (matched as %q, score %.2f): a potential match, because %s. A reviewer decides.",
					roleLabel(role), p.Name, e.Source, e.Name, m.Name, rec.Score, why),
				listCitation(string(e.Source)), ev)
		case via == "parent":
			sc.add(rules.ReasonPartyParentListed,
				fmt.Sprintf("The ultimate parent %q of the %s %q matches %s entry %q (score %.2f), confirmed: %s.", name, roleLabel(role), displayName(p), e.Source, e.Name, rec.Score, why),
				listCitation(string(e.Source)), ev)
		default:
			sc.addOutcome(sc.w.policy.ListOutcome(string(e.Source)), rules.ReasonPartyListed,
				fmt.Sprintf("The %s %q matches %s entry %q as %q (score %.2f), confirmed: %s.", roleLabel(role), p.Name, e.Source, e.Name, m.Name, rec.Score, why),
				listCitation(string(e.Source)), ev)
		}
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

func (sc *screening) ips() {
	for i, text := range sc.req.IPs {
		addr, err := geoloc.ParseIP(text)
		if err != nil {
			sc.invalid("ips["+strconv.Itoa(i)+"]", text, "not an IP address")
			continue
		}
		ip := addr.String()
		if sc.w.geo == nil {
			sc.addCited(rules.ReasonDataMissing, fmt.Sprintf("No geolocation database is configured, so the client IP %s could not be located.", ip),
				map[string]any{"ip": ip, "missing": "geolocation database"})
			continue
		}
		loc, err := sc.locate(addr)
		if err != nil {
			sc.addCited(rules.ReasonDataMissing, fmt.Sprintf("The client IP %s could not be located: %v.", ip, err),
				map[string]any{"ip": ip, "error": err.Error()})
			continue
		}
		rec := locationRecord(loc, addr, ip)
		sc.locations = append(sc.locations, rec)
		// The evidence is made only for a reason: most IPs raise none.
		evidence := func() map[string]any {
			ev := map[string]any{"ip": ip}
			if rec.Network != "" {
				ev["network"] = rec.Network
			}
			if len(rec.Databases) > 0 {
				ev["databases"] = rec.Databases
			}
			return ev
		}
		if loc.NotRoutable != "" {
			ev := evidence()
			ev["not_routable"] = loc.NotRoutable
			sc.addCited(rules.ReasonIPNotRoutable, fmt.Sprintf("The client IP %s is not on the public internet (%s); it says nothing about location.", ip, loc.NotRoutable),
				ev)
			continue
		}
		country, cerr := rules.ParseCountry(loc.Country)
		if !loc.Found || cerr != nil {
			sc.addCited(rules.ReasonIPUnknown, fmt.Sprintf("The client IP %s has no country in the geolocation data.", ip), evidence())
		} else {
			d := rules.Destination{Country: country}
			subdivision := ""
			for _, sub := range loc.Subdivisions {
				if r, ok := rules.NormalizeRegionCode(sub); ok {
					if e, emb := sc.w.policy.Embargo(rules.Destination{Country: r.Country(), Region: r}, sc.date); emb && e.Region {
						d = rules.Destination{Country: r.Country(), Region: r}
						subdivision = sub
						break
					}
				}
			}
			sc.ipPlace(loc, d, func() map[string]any {
				ev := evidence()
				ev["country"] = country.String()
				if subdivision != "" {
					ev["subdivision"] = subdivision
				}
				return ev
			})
			sc.ipMismatch(ip, loc, country, d.Country)
		}
		if a := loc.Anonymizer; a.Anonymous || a.VPN || a.Tor || a.Hosting || a.PublicProxy || a.ResidentialProxy {
			sc.addCited(rules.ReasonIPAnonymizer, fmt.Sprintf("The client IP %s belongs to %s; its location cannot be trusted.", ip, anonymizerKinds(a)),
				map[string]any{"ip": ip, "signals": anonymizerList(a), "provider": a.Provider})
		}
	}
}

func anonymizerList(a geoloc.Anonymizer) []string {
	var out []string
	for _, f := range []struct {
		on   bool
		name string
	}{{a.VPN, "vpn"}, {a.Tor, "tor_exit"}, {a.Hosting, "hosting"}, {a.PublicProxy, "public_proxy"}, {a.ResidentialProxy, "residential_proxy"}, {a.Anonymous, "anonymous"}} {
		if f.on {
			out = append(out, f.name)
		}
	}
	return out
}

func anonymizerKinds(a geoloc.Anonymizer) string {
	names := map[string]string{"vpn": "a VPN", "tor_exit": "a Tor exit node", "hosting": "a hosting provider",
		"public_proxy": "a public proxy", "residential_proxy": "a residential proxy", "anonymous": "an anonymizing network"}
	var parts []string
	for _, k := range anonymizerList(a) {
		parts = append(parts, names[k])
	}
	return strings.Join(parts, ", ")
}

// locationRecord is the decision's record of loc; ip is addr as text, used
// when loc is addr's location (it nearly always is).
func locationRecord(loc geoloc.Location, addr netip.Addr, ip string) LocationRecord {
	rec := LocationRecord{
		IP: ip, Country: loc.Country, CountryClaims: claimRecords(loc.CountryClaims), RegisteredCountry: loc.RegisteredCountry,
		RepresentedCountry: loc.RepresentedCountry, Subdivisions: loc.Subdivisions, City: loc.City,
		NotRoutable: loc.NotRoutable, Found: loc.Found,
		Anonymizer: AnonymizerFlags{
			Checked: loc.Anonymizer.Checked, Anonymous: loc.Anonymizer.Anonymous, VPN: loc.Anonymizer.VPN, Tor: loc.Anonymizer.Tor,
			Hosting: loc.Anonymizer.Hosting, PublicProxy: loc.Anonymizer.PublicProxy, ResidentialProxy: loc.Anonymizer.ResidentialProxy,
			Confidence: loc.Anonymizer.Confidence, Provider: loc.Anonymizer.Provider,
		},
	}
	if loc.IP != addr {
		rec.IP = loc.IP.String()
	}
	if rec.Subdivisions == nil {
		rec.Subdivisions = []string{}
	}
	if loc.Network.IsValid() {
		rec.Network = loc.Network.String()
	}
	for _, s := range loc.Sources {
		if !slices.Contains(rec.Databases, s.Database) {
			rec.Databases = append(rec.Databases, s.Database)
		}
	}
	return rec
}

// dataChecks raises data.* reasons for evaluation, stale and missing data.
func (sc *screening) dataChecks() {
	w := sc.w
	if len(w.evaluation) > 0 {
		sc.addCited(rules.ReasonDataEvaluationSnapshot, "This decision used embedded evaluation data with old as-of dates; production screening must load current lists and geolocation databases.",
			map[string]any{"data": slices.Clone(w.evaluation)})
	}
	if len(w.listSources) == 0 {
		sc.addCited(rules.ReasonDataMissing, "No restricted-party list is loaded, so no party could be screened.", map[string]any{"missing": "lists"})
	}
	maxList := w.policy.MaxListAge()
	for _, si := range w.listSources {
		if si.Evaluation {
			continue
		}
		if si.Undated() {
			sc.addCited(rules.ReasonDataUndated, fmt.Sprintf("The %s list (%s) has no date: its file states none and it was not downloaded by a list updater, so its age is unknown. State its date (a %s file beside it) or fetch it.",
				si.Source, strings.Join(si.Files, ", "), lists.AsOfSuffix),
				map[string]any{"source": string(si.Source), "files": slices.Clone(si.Files)})
			continue
		}
		// Data ages from the last time it was known to be current: its
		// date, or a later download or server confirmation (HTTP 304).
		current := si.CurrentAt()
		age := sc.now.Sub(current)
		if age > maxList {
			ev := map[string]any{"source": string(si.Source), "as_of": dateOrEmpty(si.AsOf), "max_age_days": int(maxList.Hours() / 24)}
			if si.AsOfFrom != "" {
				ev["as_of_from"] = string(si.AsOfFrom)
			}
			if !si.FetchedAt.IsZero() {
				ev["fetched_at"] = dateOrEmpty(si.FetchedAt)
			}
			sc.addCited(rules.ReasonDataStale, fmt.Sprintf("The %s list is %s old (as of %s); the policy allows %s.", si.Source, days(age), dateOrEmpty(current), days(maxList)),
				ev)
		}
	}
	if len(sc.req.IPs) == 0 {
		return
	}
	maxGeo := w.policy.MaxGeoDBAge()
	for _, db := range w.geoDBs {
		if db.Embedded {
			continue
		}
		age := sc.now.Sub(db.BuildTime)
		if db.BuildTime.IsZero() || age > maxGeo {
			sc.addCited(rules.ReasonDataStale, fmt.Sprintf("The geolocation database %s is %s old (built %s); the policy allows %s.", db.Name, days(age), dateOrEmpty(db.BuildTime), days(maxGeo)),
				map[string]any{"database": db.Name, "build_date": dateOrEmpty(db.BuildTime), "max_age_days": int(maxGeo.Hours() / 24)})
		}
	}
}

func days(d time.Duration) string {
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// decision assembles the Decision: reasons ranked by outcome (most severe
// first, otherwise in the order found), the overall outcome the most severe.
func (sc *screening) decision() Decision {
	var buf [32]int
	idx := buf[:0]
	for i := range sc.reasons {
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(sc.outcomes[b], sc.outcomes[a]) })
	reasons := make([]Reason, len(idx))
	top := rules.OutcomeAllow
	for i, j := range idx {
		reasons[i] = sc.reasons[j]
		top = max(top, sc.outcomes[j])
	}
	d := Decision{
		ID: sc.req.ID, Outcome: top.String(), Reasons: reasons,
		Matches: nonNil(sc.matches), Locations: nonNil(sc.locations), Items: nonNil(sc.items),
		Versions: sc.w.versions, AsOf: sc.date.Format(time.DateOnly),
	}
	return d
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
