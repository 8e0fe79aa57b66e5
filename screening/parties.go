package screening

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

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

func displayName(p Party) string {
	if p.Name != "" {
		return p.Name
	}
	return "(unnamed)"
}

// roleAny is string(r) as an interface value, without allocating for the
// defined roles.
func roleAny(r Role) any {
	switch r {
	case RolePurchaser:
		return string(RolePurchaser)
	case RoleIntermediateConsignee:
		return string(RoleIntermediateConsignee)
	case RoleUltimateConsignee:
		return string(RoleUltimateConsignee)
	case RoleEndUser:
		return string(RoleEndUser)
	case RoleAccountHolder:
		return string(RoleAccountHolder)
	case RoleOnBehalfOf:
		return string(RoleOnBehalfOf)
	case RoleOther:
		return string(RoleOther)
	}
	return string(r)
}

func roleLabel(r Role) string {
	switch r {
	case "", RoleOther:
		return "party"
	case RolePurchaser:
		return "purchaser"
	case RoleIntermediateConsignee:
		return "intermediate consignee"
	case RoleUltimateConsignee:
		return "ultimate consignee"
	case RoleEndUser:
		return "end user"
	case RoleAccountHolder:
		return "account holder"
	case RoleOnBehalfOf:
		return "on behalf of"
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

// readParty reads party p's role, declared country and type, recording an
// input.invalid reason for each that cannot be read (an unknown role reads
// as "", an unreadable country as the zero Country, an unknown type as
// lists.TypeUnknown).
func (sc *screening) readParty(fn partyFields, p Party) (Role, rules.Country, lists.EntryType) {
	role, err := ParseRole(string(p.Role))
	if err != nil {
		sc.invalid(fn.role, string(p.Role), "unknown role")
	}
	var country rules.Country
	if strings.TrimSpace(p.Country) != "" {
		if d, ok := sc.resolve(fn.country, p.Country); ok {
			country = d.Country
		}
	}
	typ, ok := entryType(p.Type)
	if !ok {
		sc.invalid(fn.typ, p.Type, "want individual, entity, vessel or aircraft")
	}
	return role, country, typ
}

// partyFacts is what the parties step learns that later steps need.
type partyFacts struct {
	countries []rules.Country // the parties' declared countries, in request order
	hqs       []rules.Country // headquarters and ultimate-parent headquarters
	behalf    []rules.Country // the same, of parties the end use is performed for
}

// parties is the parties step: for each party it reads the role, country
// and type, runs the ownership checks, screens the name and the ultimate
// parent's name against the lists, and checks the headquarters countries.
func (sc *screening) parties(ctx context.Context) partyFacts {
	pf := partyFacts{countries: sc.countries.parties[:0], hqs: sc.countries.hqs[:0], behalf: sc.countries.behalf[:0]}
	for i, p := range sc.req.Parties {
		if ctx.Err() != nil {
			return pf
		}
		fn := partyFieldsOf(i)
		role, country, typ := sc.readParty(fn, p)
		pf.countries = appendCountry(pf.countries, country)
		sc.ownershipChecks(ctx, p, role)
		sc.partyName(ctx, fn, p, role, country, typ)
		sc.headquarters(&pf, p, role, fn.hqCountry, p.HQCountry, "headquartered")
		sc.headquarters(&pf, p, role, fn.parentCountry, p.ParentCountry, "owned by an ultimate parent headquartered")
		sc.parentName(ctx, fn, p, role)
	}
	return pf
}

// partyName screens the party's own name against the lists; a party with
// no name is recorded as missing, never passed.
func (sc *screening) partyName(ctx context.Context, fn partyFields, p Party, role Role, country rules.Country, typ lists.EntryType) {
	if strings.TrimSpace(p.Name) == "" {
		sc.missing(fn.name, fmt.Sprintf("The %s at %s has no name, so it was not screened against the restricted-party lists; it needs review.", roleLabel(role), fn.base))
		return
	}
	sc.screenName(ctx, fn.name, p, role, p.Name, "name", match.Query{
		Name: p.Name, Type: typ, Country: country, DateOfBirth: p.DateOfBirth, IDs: identifiers(p.IDs),
	})
}

// headquarters checks one headquarters country of the party (its own, or
// its ultimate parent's; what says which): it records the country in pf
// for the item checks, and a reason when the policy names the country one
// of concern.
func (sc *screening) headquarters(pf *partyFacts, p Party, role Role, field, text, what string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d, ok := sc.resolve(field, text)
	if !ok {
		return
	}
	if role == RoleOnBehalfOf {
		pf.behalf = appendCountry(pf.behalf, d.Country)
	} else {
		pf.hqs = appendCountry(pf.hqs, d.Country)
	}
	hqDest := rules.Destination{Country: d.Country}
	concern := sc.rulesFor(hqDest).concern
	if len(concern) == 0 {
		return
	}
	names := profileNames(concern)
	note := ""
	if hr := rules.AdvancedComputingHQ(); hr.Applies(sc.w.policy, hqDest, sc.date) {
		note = "; " + hr.Effect + " (" + hr.Citation + ")"
	}
	sc.addCited(rules.ReasonPartyHQCountryOfConcern,
		fmt.Sprintf("The %s %q is %s in %s, a country of concern (%s)%s.",
			roleLabel(role), displayName(p), what, placeName(hqDest), strings.Join(names, ", "), note),
		map[string]any{"party": p.Name, "role": string(role), "field": field, "country": d.Country.String(), "profiles": names})
}

// parentName screens the name of the party's ultimate parent, if given,
// as an entity in the parent's country.
func (sc *screening) parentName(ctx context.Context, fn partyFields, p Party, role Role) {
	if strings.TrimSpace(p.ParentName) == "" {
		return
	}
	var pc rules.Country
	if d, err := rules.ResolveDestination(p.ParentCountry); err == nil {
		pc = d.Country
	}
	sc.screenName(ctx, fn.parentName, p, role, p.ParentName, "parent", match.Query{Name: p.ParentName, Country: pc, Type: lists.TypeEntity})
}
