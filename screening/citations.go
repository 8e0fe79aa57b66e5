package screening

import "github.com/exportguard/exportguard/rules"

// listCitations names the legal basis of each list source, for reasons and
// reports (see docs/export-controls.md §3.1 in the project's references).
var listCitations = map[string]string{
	"EL":       "15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)",
	"SDN":      "31 CFR Chapter V; OFAC Specially Designated Nationals and Blocked Persons List",
	"DPL":      "15 CFR 764.3; BIS Denied Persons List (denial orders)",
	"UVL":      "15 CFR 744.15; Supp. No. 6 to Part 744 (Unverified List)",
	"MEU":      "15 CFR 744.21; Supp. No. 7 to Part 744 (Military End-User List)",
	"ISN":      "State Department nonproliferation sanctions (ISN)",
	"DTC":      "22 CFR 127.7; AECA statutory debarment (ITAR Debarred List)",
	"SSI":      "E.O. 13662 Directives; OFAC Sectoral Sanctions Identifications List",
	"FSE":      "E.O. 13608; OFAC Foreign Sanctions Evaders List",
	"CMIC":     "E.O. 13959 as amended by E.O. 14032; OFAC Non-SDN CMIC List",
	"PLC":      "OFAC Non-SDN Palestinian Legislative Council List",
	"CAP":      "31 CFR Part 561; OFAC CAPTA List",
	"MBS":      "CAATSA / E.O. 13849; OFAC Non-SDN Menu-Based Sanctions List",
	"UN":       "UN Security Council Consolidated List (UNSC resolutions)",
	"INTERNAL": "internal restricted-party list",
}

// The fixed citations of reason codes are in the registry
// (rules.ReasonInfo.Citation, added by addCited); these name the ones the
// engine combines with other citations or tests compare.
var (
	citeKYC   = rules.ReasonIPAnonymizer.Info().Citation // know-your-customer red flags
	citeHQ    = rules.ReasonPartyHQCountryOfConcern.Info().Citation
	citeInput = rules.ReasonInputInvalid.Info().Citation
)

func listCitation(source string) string {
	if c, ok := listCitations[source]; ok {
		return c
	}
	return "restricted-party list " + source
}
