package lists

import (
	"time"

	"github.com/exportguard/exportguard/rules"
)

// Source is the code of a restricted-party list. It is rules.ListSource:
// the registry there (rules.ListSourceRegistry) gives each source's name,
// publisher, default outcome, citation and formats.
type Source = rules.ListSource

// The list sources exportguard knows (see rules.ListSourceRegistry).
const (
	SourceEL       = rules.SourceEL       // BIS Entity List
	SourceSDN      = rules.SourceSDN      // OFAC Specially Designated Nationals
	SourceDPL      = rules.SourceDPL      // BIS Denied Persons List
	SourceUVL      = rules.SourceUVL      // BIS Unverified List
	SourceMEU      = rules.SourceMEU      // BIS Military End User List
	SourceISN      = rules.SourceISN      // State Nonproliferation Sanctions
	SourceDTC      = rules.SourceDTC      // State ITAR Debarred
	SourceSSI      = rules.SourceSSI      // OFAC Sectoral Sanctions Identifications
	SourceFSE      = rules.SourceFSE      // OFAC Foreign Sanctions Evaders
	SourceCMIC     = rules.SourceCMIC     // OFAC Non-SDN Chinese Military-Industrial Complex
	SourcePLC      = rules.SourcePLC      // OFAC Non-SDN Palestinian Legislative Council
	SourceCAP      = rules.SourceCAP      // OFAC Correspondent Account or Payable-Through (CAPTA)
	SourceMBS      = rules.SourceMBS      // OFAC Non-SDN Menu-Based Sanctions
	SourceUN       = rules.SourceUN       // UN Security Council Consolidated List
	SourceInternal = rules.SourceInternal // a company's own deny/watch list
)

// EntryType is what kind of party a list entry is.
type EntryType string

// Entry types.
const (
	TypeUnknown    EntryType = ""
	TypeIndividual EntryType = "individual"
	TypeEntity     EntryType = "entity"
	TypeVessel     EntryType = "vessel"
	TypeAircraft   EntryType = "aircraft"
)

// AliasKind says how an alias relates to the primary name.
type AliasKind string

// Alias kinds, as used by OFAC (aka, fka, nka).
const (
	AliasAKA AliasKind = "aka"
	AliasFKA AliasKind = "fka"
	AliasNKA AliasKind = "nka"
)

// Alias is another name of a listed party.
type Alias struct {
	Name string    `json:"name"`
	Kind AliasKind `json:"kind,omitempty"`
	// Weak is true for OFAC "weak" aliases and UN "low quality" aliases,
	// which should count less in matching.
	Weak bool `json:"weak,omitempty"`
}

// Address is one address of a listed party. Country is resolved with
// rules.ResolveDestination; CountryText keeps the text as published.
type Address struct {
	Street      string        `json:"street,omitempty"`
	City        string        `json:"city,omitempty"`
	State       string        `json:"state,omitempty"`
	PostalCode  string        `json:"postal_code,omitempty"`
	CountryText string        `json:"country_text,omitempty"`
	Country     rules.Country `json:"country,omitzero"`
	Region      rules.Region  `json:"region,omitzero"`
}

// Identifier is a document or registration number (passport, tax ID, IMO, ...).
type Identifier struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Country string `json:"country,omitempty"`
}

// Entry is one party on one list. Entries from different sources stay
// distinct; Links names entries in other sources that are the same party.
type Entry struct {
	Source        Source       `json:"source"`
	ID            string       `json:"id"` // unique within Source
	Type          EntryType    `json:"type,omitempty"`
	Name          string       `json:"name"`
	Title         string       `json:"title,omitempty"` // position or title, as published
	Aliases       []Alias      `json:"aliases,omitempty"`
	Addresses     []Address    `json:"addresses,omitempty"`
	IDs           []Identifier `json:"ids,omitempty"`
	Programs      []string     `json:"programs,omitempty"`
	DatesOfBirth  []string     `json:"dates_of_birth,omitempty"` // as published: YYYY, YYYY-MM-DD, ranges
	Nationalities []string     `json:"nationalities,omitempty"`  // ISO alpha-2 where resolvable, else as published
	Citizenships  []string     `json:"citizenships,omitempty"`
	PlacesOfBirth []string     `json:"places_of_birth,omitempty"`
	ListedOn      time.Time    `json:"listed_on,omitzero"`
	EndDate       time.Time    `json:"end_date,omitzero"`
	// ListedOnRaw and EndDateRaw keep a published date that is a placeholder
	// or typo (such as 3033-09-30); the parsed field is then left zero.
	ListedOnRaw string `json:"listed_on_raw,omitempty"`
	EndDateRaw  string `json:"end_date_raw,omitempty"`
	// FederalRegister is the Federal Register notice(s), e.g. "84 FR 21236".
	FederalRegister string `json:"federal_register,omitempty"`
	// LicenseRequirement and LicensePolicy are the Entity List's own
	// license requirement and review policy for this entry.
	LicenseRequirement string   `json:"license_requirement,omitempty"`
	LicensePolicy      string   `json:"license_policy,omitempty"`
	Footnotes          []string `json:"footnotes,omitempty"` // Entity List footnotes, e.g. "FN 4"
	Remarks            string   `json:"remarks,omitempty"`
	SourceURL          string   `json:"source_url,omitempty"`
	// Links are keys ("SOURCE:ID") of entries in other sources that are the
	// same party.
	Links []string `json:"links,omitempty"`
}

// Key returns the entry's key "SOURCE:ID" (rules.EntryKey), unique across
// a snapshot.
func (e *Entry) Key() string { return e.EntryKey().String() }

// EntryKey returns the entry's source and ID as a rules.EntryKey.
func (e *Entry) EntryKey() rules.EntryKey { return rules.EntryKey{Source: e.Source, ID: e.ID} }

// Names returns the primary name followed by every alias name.
func (e *Entry) Names() []string {
	out := make([]string, 0, 1+len(e.Aliases))
	out = append(out, e.Name)
	for _, a := range e.Aliases {
		out = append(out, a.Name)
	}
	return out
}
