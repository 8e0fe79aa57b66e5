package rules

import (
	"fmt"
	"strings"
)

// Outcome is what a screening decides. Outcomes are ordered by severity:
// OutcomeAllow < OutcomeReview < OutcomeLicenseRequired < OutcomeDeny, so the
// outcome of several reasons is the largest of theirs. The zero Outcome is
// "unset" and reports IsValid false.
type Outcome uint8

// The outcomes, least to most severe.
const (
	// OutcomeAllow means nothing found stands in the way.
	OutcomeAllow Outcome = iota + 1
	// OutcomeReview means a person must look before the transaction proceeds.
	OutcomeReview
	// OutcomeLicenseRequired means the transaction needs a license (or a
	// documented license exception) before it proceeds.
	OutcomeLicenseRequired
	// OutcomeDeny means the transaction must not proceed.
	OutcomeDeny
)

var outcomeNames = [...]string{
	OutcomeAllow:           "allow",
	OutcomeReview:          "review",
	OutcomeLicenseRequired: "license_required",
	OutcomeDeny:            "deny",
}

// ParseOutcome parses "allow", "review", "license_required" or "deny"
// (case-insensitive; "license-required" is accepted too).
func ParseOutcome(s string) (Outcome, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, "-", "_")
	for o := OutcomeAllow; o <= OutcomeDeny; o++ {
		if t == outcomeNames[o] {
			return o, nil
		}
	}
	return 0, &CodeError{Kind: "outcome", Input: s, Why: "want allow, review, license_required or deny"}
}

// MustParseOutcome is like ParseOutcome but panics on error. It is meant for
// constants and tests.
func MustParseOutcome(s string) Outcome {
	o, err := ParseOutcome(s)
	if err != nil {
		panic(err)
	}
	return o
}

// IsValid reports whether o is one of the four outcomes.
func (o Outcome) IsValid() bool { return o >= OutcomeAllow && o <= OutcomeDeny }

// String returns "allow", "review", "license_required" or "deny"; the zero
// Outcome gives "" and any other value "Outcome(n)".
func (o Outcome) String() string {
	switch {
	case o == 0:
		return ""
	case o.IsValid():
		return outcomeNames[o]
	default:
		return fmt.Sprintf("Outcome(%d)", uint8(o))
	}
}

// Max returns the more severe of o and p. An unset Outcome loses to any set one.
func (o Outcome) Max(p Outcome) Outcome {
	if p > o {
		return p
	}
	return o
}

// MarshalText implements encoding.TextMarshaler. The zero Outcome encodes as
// ""; an out-of-range value is an error.
func (o Outcome) MarshalText() ([]byte, error) {
	if o != 0 && !o.IsValid() {
		return nil, &CodeError{Kind: "outcome", Input: o.String(), Why: "out of range"}
	}
	return []byte(o.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseOutcome's rules;
// empty text gives the zero Outcome.
func (o *Outcome) UnmarshalText(b []byte) error { return unmarshalText(o, b, ParseOutcome) }
