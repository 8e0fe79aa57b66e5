package rules

import "strings"

// LicenseAnswer is a license determination's answer: a license is
// required, is not required, or the rule data and the query could not
// decide. The zero LicenseAnswer is LicenseUnresolved, so a Determination
// nobody filled in never reads as "not required" (fail closed).
type LicenseAnswer uint8

// The answers. Only LicenseNotRequired clears an item; a caller must treat
// LicenseUnresolved like a required license until a person has looked (the
// screening package turns it into review, reason item.unresolved).
const (
	// LicenseUnresolved: a rule could not be checked. Determination.Needs
	// names the facts that would decide it.
	LicenseUnresolved LicenseAnswer = iota
	// LicenseNotRequired: every rule was checked and none requires a
	// license.
	LicenseNotRequired
	// LicenseRequired: at least one rule requires a license (or, for GP10,
	// BIS authorization); Determination.Reasons says which.
	LicenseRequired
)

var licenseAnswerNames = [...]string{
	LicenseUnresolved:  "unresolved",
	LicenseNotRequired: "not_required",
	LicenseRequired:    "required",
}

// String returns "required", "not_required" or "unresolved".
func (a LicenseAnswer) String() string {
	if int(a) < len(licenseAnswerNames) {
		return licenseAnswerNames[a]
	}
	return "unresolved"
}

// ParseLicenseAnswer parses "required", "not_required" or "unresolved"
// (case and the choice of '-', '_' or ' ' do not matter).
func ParseLicenseAnswer(s string) (LicenseAnswer, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.NewReplacer("-", "_", " ", "_").Replace(t)
	for a, n := range licenseAnswerNames {
		if t == n {
			return LicenseAnswer(a), nil
		}
	}
	return LicenseUnresolved, &CodeError{Kind: "license answer", Input: s, Why: "want required, not_required or unresolved"}
}

// MarshalText implements encoding.TextMarshaler.
func (a LicenseAnswer) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseLicenseAnswer's
// rules.
func (a *LicenseAnswer) UnmarshalText(b []byte) error {
	v, err := ParseLicenseAnswer(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
