package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// GroupLookup answers country-group membership on a date. *Policy and the
// package-level default implement it.
type GroupLookup interface {
	InGroup(c Country, g Group, date time.Time) bool
}

// EndUse is what the items will be used for, as far as the exporter knows.
// The zero EndUse (EndUseNone) means no end use of concern is known.
type EndUse string

// End uses the advanced-computing rules name.
const (
	EndUseNone           EndUse = ""
	EndUseSupercomputer  EndUse = "supercomputer"   // 15 CFR 744.23(a)(1)
	EndUseAdvancedIC     EndUse = "advanced_ic"     // advanced-node IC production, 744.23(a)(2)
	EndUseSMEDevelopment EndUse = "sme_development" // front-end SME development or production, 744.23(a)(4)
	EndUseAITraining     EndUse = "ai_training"     // AI-model training, BIS policy statement 2025-05-13
	EndUseMilitary       EndUse = "military"        // military or military-intelligence, 744.21, 744.22
)

var endUses = []EndUse{EndUseSupercomputer, EndUseAdvancedIC, EndUseSMEDevelopment, EndUseAITraining, EndUseMilitary}

// ParseEndUse parses an end use name such as "ai_training" (case and the
// choice of '-' or '_' do not matter; "" and "none" give EndUseNone).
func ParseEndUse(s string) (EndUse, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	if t == "" || t == "none" {
		return EndUseNone, nil
	}
	for _, u := range endUses {
		if string(u) == t {
			return u, nil
		}
	}
	return EndUseNone, &CodeError{"end use", s, "want one of none, supercomputer, advanced_ic, sme_development, ai_training, military"}
}

// String returns the end use name, or "none".
func (u EndUse) String() string {
	if u == EndUseNone {
		return "none"
	}
	return string(u)
}

// MarshalText implements encoding.TextMarshaler.
func (u EndUse) MarshalText() ([]byte, error) { return []byte(u), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEndUse's rules.
func (u *EndUse) UnmarshalText(b []byte) error {
	v, err := ParseEndUse(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// DefaultGroupLookup returns the GroupLookup that answers group membership
// from the embedded country-group data (the package-level InGroup). It is a
// function, not a variable, so no caller can swap the answer for every other
// caller in the process.
func DefaultGroupLookup() GroupLookup { return embeddedGroupLookup{} }

type embeddedGroupLookup struct{}

func (embeddedGroupLookup) InGroup(c Country, g Group, date time.Time) bool {
	return InGroup(c, g, date)
}

// LicenseQuery asks whether exporting an item needs a license under the
// advanced-computing rules and the Part 746 embargoes, on a date.
type LicenseQuery struct {
	Item        Item
	Destination Destination
	// PartyHQ lists the headquarters countries of the parties (purchaser,
	// consignees, end user) and of their ultimate parents. Empty means
	// unknown: the headquarters rule then cannot be checked and is reported
	// as unresolved.
	PartyHQ []Country
	// OnBehalfOfHQ lists the headquarters countries of parties for or on
	// behalf of whom the end use is performed (for example the lab whose
	// models a university trains), when they are not parties themselves.
	OnBehalfOfHQ []Country
	EndUse       EndUse
	// Date is the day the determination is made as of; it is required.
	Date time.Time
	// ExportFrom is the country shipped from; the zero Country means the
	// United States.
	ExportFrom Country
}

// ExceptionCheck reports whether a license exception is available.
type ExceptionCheck struct {
	Name     string `json:"name"`
	Eligible bool   `json:"eligible"`
	Why      string `json:"why"`
	Citation string `json:"citation"`
}

// Step is one rule checked during a determination, with its finding.
type Step struct {
	Rule     string `json:"rule"`
	Applies  bool   `json:"applies"`
	Finding  string `json:"finding"`
	Citation string `json:"citation"`
}

// Determination is the answer to a LicenseQuery.
type Determination struct {
	Classification Classification `json:"classification"`
	// License is the answer: LicenseRequired when any rule requires a
	// license (or, for GP10, BIS authorization), LicenseUnresolved when no
	// rule requires one but a rule could not be checked, LicenseNotRequired
	// otherwise. An eligible entry in Exceptions means a required export may
	// go under that exception instead, on its conditions.
	//
	// It replaces the boolean LicenseRequired of earlier versions, which
	// read false when a rule could not be checked: test
	// d.License == LicenseRequired where that field was read, and treat
	// LicenseUnresolved as not cleared.
	License LicenseAnswer `json:"license"`
	// Needs names the facts that would decide what is unresolved, such as
	// "the headquarters country of each party and of its ultimate parent"
	// or "the item's HTS code"; set whenever Unresolved is.
	Needs []string `json:"needs,omitempty"`
	// ReviewPolicy is the most restrictive review policy of the rules that
	// apply: ReviewDenial, ReviewCaseByCase, ReviewApproval, or "".
	ReviewPolicy string           `json:"review_policy,omitempty"`
	Exceptions   []ExceptionCheck `json:"exceptions,omitempty"`
	Steps        []Step           `json:"steps"`
	// GP10 warns that the item is a PRC-designed chip meeting 3A090 (General
	// Prohibition 10 guidance of 2025-05-13): no license exception applies.
	GP10 bool `json:"gp10,omitempty"`
	// Reasons are one sentence per rule that requires a license.
	Reasons []string `json:"reasons,omitempty"`
	// Unresolved lists what the rule data or the query could not decide; a
	// caller must send such a determination to review (fail closed).
	Unresolved []string `json:"unresolved,omitempty"`
	// RuleSet names the item rules used and their as-of date.
	RuleSet string `json:"rule_set"`
}

// ErrInvalidQuery is wrapped by every *QueryError.
var ErrInvalidQuery = errors.New("invalid license query")

// A QueryError reports an invalid LicenseQuery field.
type QueryError struct {
	Field, Value, Msg string
}

func (e *QueryError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("license query: %s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("license query: %s = %q: %s", e.Field, e.Value, e.Msg)
}

// Unwrap lets errors.Is(err, ErrInvalidQuery) succeed.
func (e *QueryError) Unwrap() error { return ErrInvalidQuery }

var countryUS = MustParseCountry("US")

// DetermineLicense decides, as of q.Date, whether exporting q.Item to
// q.Destination needs a license under the advanced-computing rules
// (742.6(a)(6), 744.23, the AI Diffusion rule in its window, the 2025 GP10 and
// AI-training guidance, the 2026 China/Macau review lane) and the Part 746
// embargoes; which review policy applies; and which license exceptions are
// available, with a cited step for every rule checked.
//
// A nil rules uses DefaultItemRules; a nil groups uses DefaultGroupLookup.
// Invalid items give an *ItemError, invalid queries a *QueryError, dates
// before the rule data's horizon ErrBeforeHorizon.
func DetermineLicense(rules *ItemRules, groups GroupLookup, q LicenseQuery) (Determination, error) {
	if rules == nil {
		rules = DefaultItemRules()
	}
	if groups == nil {
		groups = DefaultGroupLookup()
	}
	if q.Date.IsZero() {
		return Determination{}, &QueryError{"Date", "", "required: a determination is always as of a date"}
	}
	t, err := rules.checkDate(q.Date)
	if err != nil {
		return Determination{}, err
	}
	if !q.Destination.IsValid() {
		return Determination{}, &QueryError{"Destination", q.Destination.String(), "no destination country"}
	}
	if q.Destination.Region.IsValid() && q.Destination.Region.Country() != q.Destination.Country {
		return Determination{}, &QueryError{"Destination.Region", q.Destination.Region.String(), "not in destination country " + q.Destination.Country.String()}
	}
	for i, c := range q.PartyHQ {
		if !c.IsValid() {
			return Determination{}, &QueryError{fmt.Sprintf("PartyHQ[%d]", i), "", "zero Country"}
		}
	}
	for i, c := range q.OnBehalfOfHQ {
		if !c.IsValid() {
			return Determination{}, &QueryError{fmt.Sprintf("OnBehalfOfHQ[%d]", i), "", "zero Country"}
		}
	}
	if q.EndUse != EndUseNone && !slices.Contains(endUses, q.EndUse) {
		return Determination{}, &QueryError{"EndUse", string(q.EndUse), "unknown end use"}
	}
	cls, err := rules.Classify(q.Item, t)
	if err != nil {
		return Determination{}, err
	}
	var hts string
	if q.Item.HTSCode != "" {
		if hts, err = htsDigits(q.Item); err != nil {
			return Determination{}, err
		}
	}
	ev := evaluations.Get().(*evaluation)
	buf := ev.buf
	*ev = evaluation{r: rules, g: groups, q: q, t: t, c: cls, hts: hts, buf: buf}
	ev.run()
	d := ev.d
	*ev = evaluation{buf: ev.buf[:0]}
	if cap(ev.buf) > 4<<10 {
		ev.buf = nil
	}
	evaluations.Put(ev)
	return d, nil
}
