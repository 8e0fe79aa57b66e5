package rules

import "strings"

// ResolveDestination turns free text ("CN", "CHN", "156", "China") into a
// Destination. Unknown text gives a *ResolveError; it never guesses.
func ResolveDestination(text string) (Destination, error) {
	t := strings.TrimSpace(text)
	if c, err := ParseCountry(t); err == nil {
		return Destination{Country: c}, nil
	}
	if r, err := ParseRegion(t); err == nil {
		return Destination{Country: r.Country(), Region: r}, nil
	}
	for _, c := range isoCountries {
		if strings.EqualFold(t, c.alpha3) || t == c.numeric || strings.EqualFold(t, c.name) ||
			(c.official != "" && strings.EqualFold(t, c.official)) || (c.common != "" && strings.EqualFold(t, c.common)) {
			return Destination{Country: MustParseCountry(c.alpha2)}, nil
		}
	}
	return Destination{}, &ResolveError{Input: text}
}
