package screening

import "github.com/exportguard/exportguard/rules"

// The fixed citations of reason codes are in the registry
// (rules.ReasonInfo.Citation, added by addCited); these name the ones the
// engine combines with other citations or tests compare.
var (
	citeKYC   = rules.ReasonIPAnonymizer.Info().Citation // know-your-customer red flags
	citeHQ    = rules.ReasonPartyHQCountryOfConcern.Info().Citation
	citeInput = rules.ReasonInputInvalid.Info().Citation
)

// listCitation names the legal basis of a hit on list source, from the
// source registry (rules.ListSourceRegistry).
func listCitation(source string) string { return rules.ListSource(source).Citation() }
