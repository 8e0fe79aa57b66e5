package screening

import (
	"time"

	"github.com/exportguard/exportguard/rules"
)

// Decision is the screening result for one Request. Its JSON form is the
// audit contract: field names and value sets are stable.
type Decision struct {
	ID string `json:"id"`
	// Outcome is "allow", "review", "license_required" or "deny" (and
	// "error" only in batch records for input that could not be read).
	Outcome   string           `json:"outcome"`
	Reasons   []Reason         `json:"reasons"`
	Matches   []MatchRecord    `json:"matches"`
	Locations []LocationRecord `json:"locations"`
	Items     []ItemRecord     `json:"items"`
	Versions  Versions         `json:"versions"`
	// AsOf is the date whose rules were applied (YYYY-MM-DD).
	AsOf string `json:"as_of"`
	// ScreenedAt is when the decision was made; the only field that differs
	// between two screenings of the same request on the same data.
	ScreenedAt time.Time `json:"screened_at"`
	// Error says what was wrong with the input, with line and field, in
	// batch error records.
	Error string `json:"error,omitempty"`
}

// InputErrors returns the request fields d could not read or found
// missing, one per input.invalid reason, most severe first like Reasons. It
// reads the reasons' evidence, so it works on a decision decoded from JSON.
func (d Decision) InputErrors() []*RequestError {
	var out []*RequestError
	for _, r := range d.Reasons {
		if r.Code != string(rules.ReasonInputInvalid) {
			continue
		}
		str := func(k string) string { s, _ := r.Evidence[k].(string); return s }
		out = append(out, &RequestError{Field: str("field"), Value: str("value"), Msg: str("problem")})
	}
	return out
}

// Reason is one finding. Code is stable and machine-readable: a registered
// rules.ReasonCode (for example "party.listed"; rules.Reasons lists them);
// Message is a sentence for a compliance officer; Citation
// names the regulation; Evidence says exactly what was seen.
type Reason struct {
	Code     string         `json:"code"`
	Outcome  string         `json:"outcome"`
	Message  string         `json:"message"`
	Citation string         `json:"citation"`
	Evidence map[string]any `json:"evidence,omitempty"`
}

// MatchRecord is one list entry that a party's name matched at or above the
// threshold in force, and whether the evidence confirms it.
type MatchRecord struct {
	Party       string        `json:"party"` // the party's name as given
	PartyRole   string        `json:"party_role"`
	List        string        `json:"list"` // list source code, e.g. "EL"
	EntryID     string        `json:"entry_id"`
	EntryName   string        `json:"entry_name"`
	MatchedName string        `json:"matched_name"` // the name or alias that matched
	WeakAlias   bool          `json:"weak_alias,omitempty"`
	Score       float64       `json:"score"`
	NameScore   float64       `json:"name_score"`
	Tokens      []TokenRecord `json:"tokens,omitempty"`
	Adjustments []Adjustment  `json:"adjustments,omitempty"`
	EntryHash   string        `json:"entry_hash"`
	// Via says how the party relates to the entry: "name" (the party
	// itself) or "parent" (its ultimate parent).
	Via string `json:"via"`
	// Strength is "confirmed" or "potential" (see docs/decisions.md).
	Strength string `json:"strength"`
	// Suppressed holds the reviewer's record when this hit was cleared
	// (kind not_a_match or accepted) or confirmed (kind confirmed).
	Suppressed *Suppression `json:"suppressed,omitempty"`
}

// TokenRecord is one aligned token pair of a name match.
type TokenRecord struct {
	Query      string  `json:"query"`
	Candidate  string  `json:"candidate"`
	Similarity float64 `json:"similarity"`
}

// Adjustment is a corroboration that raised or lowered a match score.
type Adjustment struct {
	Kind   string  `json:"kind"`
	Delta  float64 `json:"delta"`
	Detail string  `json:"detail,omitempty"`
}

// LocationRecord is where one client IP was located, and with which data.
type LocationRecord struct {
	IP      string `json:"ip"`
	Country string `json:"country"`
	// CountryClaims lists every source's answer when the geolocation
	// data's sources disagree about Country.
	CountryClaims      []CountryClaimRecord `json:"country_claims,omitempty"`
	RegisteredCountry  string               `json:"registered_country"`
	RepresentedCountry string               `json:"represented_country,omitempty"`
	Subdivisions       []string             `json:"subdivisions"`
	City               string               `json:"city,omitempty"`
	Network            string               `json:"network,omitempty"`
	Anonymizer         AnonymizerFlags      `json:"anonymizer"`
	NotRoutable        string               `json:"not_routable,omitempty"`
	Found              bool                 `json:"found"`
	Databases          []string             `json:"databases,omitempty"`
}

// AnonymizerFlags are the anonymizer signals for an IP.
type AnonymizerFlags struct {
	Checked          bool   `json:"checked"`
	Anonymous        bool   `json:"anonymous"`
	VPN              bool   `json:"vpn"`
	Tor              bool   `json:"tor"`
	Hosting          bool   `json:"hosting"`
	PublicProxy      bool   `json:"public_proxy"`
	ResidentialProxy bool   `json:"residential_proxy"`
	Confidence       int    `json:"confidence,omitempty"`
	Provider         string `json:"provider,omitempty"`
}

// ItemRecord is the classification and license determination of one item.
type ItemRecord struct {
	ID                 string  `json:"id,omitempty"`
	ECCN               string  `json:"eccn"`
	Classification     string  `json:"classification"` // the paragraph, e.g. "3A090.a"; "" when not classified
	TPP                float64 `json:"tpp,omitempty"`
	PerformanceDensity float64 `json:"performance_density,omitempty"`
	// LicenseRequired is true only when License is "required".
	LicenseRequired bool `json:"license_required"`
	// License is the three-valued answer: "required", "not_required" or
	// "unresolved" ("" when the item could not be determined; Error says
	// why). An unresolved item is not cleared: the decision has an
	// item.unresolved reason, and ResolveWith names the facts that would
	// decide it.
	License           string   `json:"license,omitempty"`
	ResolveWith       []string `json:"resolve_with,omitempty"`
	ReviewPolicy      string   `json:"review_policy,omitempty"`
	LicenseExceptions []string `json:"license_exceptions"` // exceptions that may apply
	GP10              bool     `json:"gp10,omitempty"`
	Citations         []string `json:"citations,omitempty"`
	Steps             []string `json:"steps,omitempty"`
	Error             string   `json:"error,omitempty"`
}

// Versions names the data a decision used, so it can be replayed.
type Versions struct {
	Library    string        `json:"library"`
	Policy     string        `json:"policy"` // content hash
	PolicyAsOf string        `json:"policy_as_of,omitempty"`
	Lists      []ListVersion `json:"lists"`
	GeoDBs     []GeoVersion  `json:"geo_dbs"`
}

// ListVersion is one list source in the snapshot used.
type ListVersion struct {
	Source     string `json:"source"`
	AsOf       string `json:"as_of"`
	AsOfFrom   string `json:"as_of_from,omitempty"` // where AsOf comes from (lists.AsOfBasis); empty: undated, or not recorded
	FetchedAt  string `json:"fetched_at,omitempty"` // last download or server confirmation (YYYY-MM-DD)
	Checksum   string `json:"checksum"`
	Entries    int    `json:"entries"`
	Evaluation bool   `json:"evaluation,omitempty"`
}

// GeoVersion is one geolocation database used.
type GeoVersion struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	BuildDate string `json:"build_date"`
	Embedded  bool   `json:"embedded,omitempty"`
}

// Version is the library version written into every decision.
const Version = "0.1.0"
