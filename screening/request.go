package screening

import (
	"fmt"

	"github.com/exportguard/exportguard/geoloc/attest"
)

// Role is the part a party plays in a transaction (15 CFR 748.5 terms, plus
// the account holder of a cloud service).
type Role string

// Party roles.
const (
	RolePurchaser             Role = "purchaser"
	RoleIntermediateConsignee Role = "intermediate_consignee"
	RoleUltimateConsignee     Role = "ultimate_consignee"
	RoleEndUser               Role = "end_user"
	RoleAccountHolder         Role = "account_holder"
	// RoleOnBehalfOf is a party for whom the end use is performed without
	// being a party to the export itself, such as the lab whose models a
	// university trains. Its headquarters count for the end-use rules
	// (the AI-training policy statement of 2025-05-13), not as a recipient's.
	RoleOnBehalfOf Role = "on_behalf_of"
	RoleOther      Role = "other"
)

var roles = map[Role]bool{RolePurchaser: true, RoleIntermediateConsignee: true, RoleUltimateConsignee: true,
	RoleEndUser: true, RoleAccountHolder: true, RoleOnBehalfOf: true, RoleOther: true}

// ParseRole parses a role name; the empty string gives RolePurchaser's
// neutral sibling RoleOther.
func ParseRole(s string) (Role, error) {
	if s == "" {
		return RoleOther, nil
	}
	r := Role(s)
	if !roles[r] {
		return "", fmt.Errorf("unknown role %q (want purchaser, intermediate_consignee, ultimate_consignee, end_user, account_holder, on_behalf_of or other)", s)
	}
	return r, nil
}

// Identifier is a document or registration number given for a party.
type Identifier struct {
	Type  string `json:"type,omitempty"`
	Value string `json:"value"`
}

// Party is one party to a transaction, as the customer declared it. Country
// fields take free text ("PRC", "中国", "Korea, North"); they are resolved
// with rules.ResolveDestination.
type Party struct {
	Role        Role         `json:"role,omitempty"`
	Name        string       `json:"name,omitempty"`
	Type        string       `json:"type,omitempty"` // "individual" (or "person"), "entity" (or "organization", "company"), "vessel", "aircraft", or "" when unknown
	Address     string       `json:"address,omitempty"`
	Country     string       `json:"country,omitempty"` // declared country of the party
	IDs         []Identifier `json:"ids,omitempty"`
	DateOfBirth string       `json:"dob,omitempty"`
	// HQCountry is where the party is headquartered (15 CFR 744.23(a)(3)).
	HQCountry string `json:"hq_country,omitempty"`
	// ParentName and ParentCountry name the ultimate parent and where it is
	// headquartered.
	ParentName    string `json:"parent_name,omitempty"`
	ParentCountry string `json:"parent_country,omitempty"`
}

// Item is an item in a transaction: a declared ECCN, chip parameters, or both.
// Numbers are datasheet figures; zero means "not given".
type Item struct {
	ID          string `json:"id,omitempty"`
	Description string `json:"description,omitempty"`
	ECCN        string `json:"eccn,omitempty"`
	// Computer is true for a computer, server or assembly containing the ICs (4A090).
	Computer bool `json:"computer,omitempty"`
	// TPP is the Total Processing Performance (3A090 Technical Note).
	TPP float64 `json:"tpp,omitempty"`
	// Throughputs are dense datasheet figures from which TPP is computed.
	Throughputs []Throughput `json:"throughputs,omitempty"`
	// ProcessingUnits describe an IC with several processing units (an NPU
	// and a GPU): TPP is aggregated over all of them (3A090 Technical
	// Note). Give either Throughputs or ProcessingUnits.
	ProcessingUnits []ProcessingUnit `json:"processing_units,omitempty"`
	// HTSCode is the Harmonized Tariff Schedule code; it decides 15 CFR
	// 746.8(a) for EAR99 items to Russia and Belarus.
	HTSCode    string  `json:"hts_code,omitempty"`
	DieAreaMM2 float64 `json:"die_area_mm2,omitempty"`
	// Datacenter says whether the part is designed or marketed for use in
	// datacenters (Note 2 to 3A090); nil when not known.
	Datacenter          *bool   `json:"datacenter,omitempty"`
	HBMBandwidthDensity float64 `json:"hbm_bandwidth_density,omitempty"` // GB/s/mm²
	DRAMBandwidthGBps   float64 `json:"dram_bandwidth,omitempty"`
	DesignerCountry     string  `json:"designer_country,omitempty"`
	Model               string  `json:"model,omitempty"`
}

// ProcessingUnit is one processing unit of an IC with its throughput figures.
type ProcessingUnit struct {
	Name        string       `json:"name,omitempty"`
	Throughputs []Throughput `json:"throughputs"`
}

// Throughput is one datasheet throughput figure.
type Throughput struct {
	TOPS      float64 `json:"tops"`
	BitLength int     `json:"bit_length"`
	Sparse    bool    `json:"sparse,omitempty"`
}

// Request is one transaction to screen: who, what, where, from which IP, and
// as of which date.
type Request struct {
	ID string `json:"id"`
	// Date is the as-of date, YYYY-MM-DD; empty means the screening day.
	Date        string   `json:"date,omitempty"`
	Parties     []Party  `json:"parties,omitempty"`
	Destination string   `json:"destination,omitempty"` // ship-to or service country, free text
	IPs         []string `json:"ips,omitempty"`
	Items       []Item   `json:"items,omitempty"`
	EndUse      string   `json:"end_use,omitempty"`
	// Location is evidence of where an item or deployment is, from signed
	// network delay measurements.
	Location *LocationEvidence `json:"location,omitempty"`
}

// LocationEvidence is a declared site and delay measurements from landmarks.
type LocationEvidence struct {
	DeclaredCountry string             `json:"declared_country,omitempty"`
	DeclaredLat     *float64           `json:"declared_lat,omitempty"`
	DeclaredLon     *float64           `json:"declared_lon,omitempty"`
	Measurements    []DelayMeasurement `json:"measurements"`
	// Attested, if set, is a verifier-signed verdict record used instead
	// of Measurements (see WithLocationVerifiers).
	Attested *attest.VerdictRecord `json:"attested,omitempty"`
}

// DelayMeasurement is a set of round-trip times from one landmark.
type DelayMeasurement struct {
	LandmarkID    string    `json:"landmark_id"`
	Lat           float64   `json:"lat"`
	Lon           float64   `json:"lon"`
	UncertaintyKM float64   `json:"uncertainty_km,omitempty"`
	RTTms         []float64 `json:"rtt_ms"`
	Signed        bool      `json:"signed"`
}
