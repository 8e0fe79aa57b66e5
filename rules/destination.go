package rules

import (
	"errors"
	"fmt"
	"strings"
)

// Destination is where an item goes or a service is used: a country, and
// optionally an ISO 3166-2 region within it (for example UA-43, Crimea).
type Destination struct {
	Country Country `json:"country"`
	Region  Region  `json:"region,omitzero"`
}

// String returns "UA-43" for a region, "CN" for a country, or "".
func (d Destination) String() string {
	if d.Region.IsValid() {
		return d.Region.String()
	}
	return d.Country.String()
}

// IsValid reports whether d names a country.
func (d Destination) IsValid() bool { return d.Country.IsValid() }

// ErrUnknownDestination is wrapped by the error ResolveDestination returns for
// text it cannot resolve.
var ErrUnknownDestination = errors.New("unknown destination")

// A ResolveError reports free text that does not resolve to one destination.
type ResolveError struct {
	Input      string   // the text as given
	Candidates []string // for ambiguous input, the destinations it could mean
}

func (e *ResolveError) Error() string {
	if len(e.Candidates) > 0 {
		return fmt.Sprintf("ambiguous destination %q: could be %s", e.Input, strings.Join(e.Candidates, ", "))
	}
	return fmt.Sprintf("unknown destination %q", e.Input)
}

// Unwrap lets errors.Is(err, ErrUnknownDestination) succeed.
func (e *ResolveError) Unwrap() error { return ErrUnknownDestination }
