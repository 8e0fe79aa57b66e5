package rules

import (
	"slices"
	"strings"
)

// ListSource is the code of a restricted-party list, as the US Consolidated
// Screening List spells it (EL, SDN, DPL, ...), plus UN for the UN Security
// Council list and INTERNAL for a company's own list. Every source the list
// loaders produce is a constant below with an entry in the registry
// (ListSources), which gives its name, publisher, the default meaning of a
// hit, its legal basis and the file formats that carry it. The zero
// ListSource is not a registered source.
type ListSource string

// The registered list sources, in the order of the registry.
const (
	SourceSDN      ListSource = "SDN"      // OFAC Specially Designated Nationals
	SourceDPL      ListSource = "DPL"      // BIS Denied Persons List
	SourceFSE      ListSource = "FSE"      // OFAC Foreign Sanctions Evaders
	SourceEL       ListSource = "EL"       // BIS Entity List
	SourceMEU      ListSource = "MEU"      // BIS Military End User List
	SourceUVL      ListSource = "UVL"      // BIS Unverified List
	SourceISN      ListSource = "ISN"      // State Nonproliferation Sanctions
	SourceSSI      ListSource = "SSI"      // OFAC Sectoral Sanctions Identifications
	SourceCMIC     ListSource = "CMIC"     // OFAC Non-SDN Chinese Military-Industrial Complex
	SourcePLC      ListSource = "PLC"      // OFAC Non-SDN Palestinian Legislative Council
	SourceCAP      ListSource = "CAP"      // OFAC Correspondent Account or Payable-Through (CAPTA)
	SourceMBS      ListSource = "MBS"      // OFAC Non-SDN Menu-Based Sanctions
	SourceUN       ListSource = "UN"       // UN Security Council Consolidated List
	SourceDTC      ListSource = "DTC"      // State ITAR Debarred
	SourceInternal ListSource = "INTERNAL" // a company's own deny/watch list
)

// ListSourceInfo is the registry entry of one list source.
type ListSourceInfo struct {
	Code ListSource
	// Name is the list's published name.
	Name string
	// Publisher is the agency that publishes the list.
	Publisher string
	// Outcome is what a hit means when a policy file sets nothing else
	// (the default policy's lists section; export-controls.md §3.1).
	Outcome Outcome
	// Citation is the legal basis a reason about a hit on the list cites.
	Citation string
	// Formats name the file formats (the lists package's Format* values)
	// that carry entries of this source.
	Formats []string
}

// The file formats the lists package reads, by the names its Format*
// constants give them.
const (
	formatCSLCSV       = "csl-csv"
	formatCSLCSVLegacy = "csl-csv-legacy"
	formatCSLJSON      = "csl-json"
	formatOFACSDN      = "ofac-sdn-csv"
	formatOFACCons     = "ofac-cons-csv"
	formatDPL          = "bis-dpl-txt"
	formatUNXML        = "un-xml"
	formatInternalCSV  = "internal-csv"
)

// csl lists the Consolidated Screening List formats, which carry every one of
// its 13 sources; extra adds a source's own publisher format.
func csl(extra ...string) []string {
	return append([]string{formatCSLCSV, formatCSLCSVLegacy, formatCSLJSON}, extra...)
}

// sources is the registry. Adding a source means adding a constant above, an
// entry here, an outcome in default_policy.yaml, and the loader that
// produces it (screening/lists); a test fails for each one forgotten.
var sources = [...]ListSourceInfo{
	{SourceSDN, "Specially Designated Nationals and Blocked Persons List", "Treasury OFAC", OutcomeDeny,
		"31 CFR Chapter V; OFAC Specially Designated Nationals and Blocked Persons List", csl(formatOFACSDN)},
	{SourceDPL, "Denied Persons List", "Commerce BIS", OutcomeDeny,
		"15 CFR 764.3; BIS Denied Persons List (denial orders)", csl(formatDPL)},
	{SourceFSE, "Foreign Sanctions Evaders List", "Treasury OFAC", OutcomeDeny,
		"E.O. 13608; OFAC Foreign Sanctions Evaders List", csl(formatOFACCons)},
	{SourceEL, "Entity List", "Commerce BIS", OutcomeLicenseRequired,
		"15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)", csl()},
	{SourceMEU, "Military End-User List", "Commerce BIS", OutcomeLicenseRequired,
		"15 CFR 744.21; Supp. No. 7 to Part 744 (Military End-User List)", csl()},
	{SourceUVL, "Unverified List", "Commerce BIS", OutcomeReview,
		"15 CFR 744.15; Supp. No. 6 to Part 744 (Unverified List)", csl()},
	{SourceISN, "Nonproliferation Sanctions", "State ISN", OutcomeReview,
		"State Department nonproliferation sanctions (ISN)", csl()},
	{SourceSSI, "Sectoral Sanctions Identifications List", "Treasury OFAC", OutcomeReview,
		"E.O. 13662 Directives; OFAC Sectoral Sanctions Identifications List", csl(formatOFACCons)},
	{SourceCMIC, "Non-SDN Chinese Military-Industrial Complex Companies List", "Treasury OFAC", OutcomeReview,
		"E.O. 13959 as amended by E.O. 14032; OFAC Non-SDN CMIC List", csl(formatOFACCons)},
	{SourcePLC, "Non-SDN Palestinian Legislative Council List", "Treasury OFAC", OutcomeReview,
		"OFAC Non-SDN Palestinian Legislative Council List", csl(formatOFACCons)},
	{SourceCAP, "List of Foreign Financial Institutions Subject to Correspondent Account or Payable-Through Account Sanctions (CAPTA)", "Treasury OFAC", OutcomeReview,
		"31 CFR Part 561; OFAC CAPTA List", csl(formatOFACCons)},
	{SourceMBS, "Non-SDN Menu-Based Sanctions List", "Treasury OFAC", OutcomeReview,
		"CAATSA / E.O. 13849; OFAC Non-SDN Menu-Based Sanctions List", csl(formatOFACCons)},
	{SourceUN, "United Nations Security Council Consolidated List", "UN Security Council", OutcomeReview,
		"UN Security Council Consolidated List (UNSC resolutions)", []string{formatUNXML}},
	{SourceDTC, "ITAR Debarred List", "State DDTC", OutcomeReview,
		"22 CFR 127.7; AECA statutory debarment (ITAR Debarred List)", csl()},
	{SourceInternal, "internal restricted-party list", "the user", OutcomeDeny,
		"internal restricted-party list", []string{formatInternalCSV}},
}

var sourceIndex = func() map[ListSource]int {
	m := make(map[ListSource]int, len(sources))
	for i, s := range sources {
		if _, dup := m[s.Code]; dup {
			panic("rules: list source registered twice: " + string(s.Code))
		}
		m[s.Code] = i
	}
	return m
}()

// ListSourceRegistry returns the registry: every list source with its name,
// publisher, default outcome, citation and formats, in the registry's order
// (most severe default first). The caller may modify the result.
func ListSourceRegistry() []ListSourceInfo {
	out := slices.Clone(sources[:])
	for i := range out {
		out[i].Formats = slices.Clone(out[i].Formats)
	}
	return out
}

// ListSources returns the codes of the registered list sources (the ones a
// policy maps to outcomes), sorted.
func ListSources() []string { return slices.Sorted(slices.Values(sourceCodes())) }

// sourceCodes returns the registered codes in the registry's order.
func sourceCodes() []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = string(s.Code)
	}
	return out
}

// LookupListSource returns the registry entry of code.
func LookupListSource(code ListSource) (ListSourceInfo, bool) {
	i, ok := sourceIndex[code]
	if !ok {
		return ListSourceInfo{}, false
	}
	return sources[i], true
}

// ParseListSource returns the registered source s names. It accepts the
// spellings used by OFAC and the CSL: any case, an "NS-" prefix ("NS-MBS",
// "ns-cmic") and "CAPTA" for CAP; anything else is an error that quotes s.
func ParseListSource(s string) (ListSource, error) {
	c := ListSource(canonicalSource(s))
	if _, ok := sourceIndex[c]; ok {
		return c, nil
	}
	return "", &CodeError{Kind: "list source", Input: s, Why: "want one of " + strings.Join(sourceCodes(), ", ")}
}

// canonicalSource maps the spellings ParseListSource accepts to a code.
func canonicalSource(s string) string {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "NS-")
	if t == "CAPTA" {
		t = "CAP"
	}
	return t
}

// IsValid reports whether s is a registered source.
func (s ListSource) IsValid() bool { _, ok := sourceIndex[s]; return ok }

// String returns the code, e.g. "SDN".
func (s ListSource) String() string { return string(s) }

// Info returns s's registry entry; the zero ListSourceInfo if s is not
// registered.
func (s ListSource) Info() ListSourceInfo { i, _ := LookupListSource(s); return i }

// Citation returns the legal basis of a hit on s; for an unregistered
// source, "restricted-party list " and its code.
func (s ListSource) Citation() string {
	if i, ok := LookupListSource(s); ok {
		return i.Citation
	}
	return "restricted-party list " + string(s)
}
