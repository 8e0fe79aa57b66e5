package rules

import (
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

// DefaultGroupLookup answers group membership from the embedded country-group
// data (the package-level InGroup).
var DefaultGroupLookup GroupLookup = embeddedGroupLookup{}

type embeddedGroupLookup struct{}

func (embeddedGroupLookup) InGroup(c Country, g Group, date time.Time) bool {
	return InGroup(c, g, date)
}
