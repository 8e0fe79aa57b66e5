package screening

import (
	"strconv"
	"strings"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
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
