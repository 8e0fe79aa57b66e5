package rules

// The JSON format of an item rules file (rules/data/item_rules.json), as
// decoded before ParseItemRules checks it.

type fileDates struct {
	Effective       string `json:"effective"`
	PredatesHorizon bool   `json:"predates_horizon"`
	Compliance      string `json:"compliance"`
	NotEnforcedFrom string `json:"not_enforced_from"`
	Until           string `json:"until"`
	SuspendedFrom   string `json:"suspended_from"`
	SuspendedUntil  string `json:"suspended_until"`
}

type fileItems struct {
	Items    []string `json:"items"`
	IncludeZ bool     `json:"include_z"`
}

type fileArea struct {
	Groups    []string `json:"groups"`
	Countries []string `json:"countries"`
	Regions   []string `json:"regions"`
}

type fileItemRules struct {
	Schema      int             `json:"schema"`
	Name        string          `json:"name"`
	AsOf        string          `json:"as_of"`
	Horizon     string          `json:"horizon"`
	HorizonNote string          `json:"horizon_note"`
	SameAs      []fileSameAs    `json:"same_as"`
	Paragraphs  []fileParagraph `json:"paragraphs"`
	Note2       struct {
		NonDatacenterTPPBelow float64 `json:"non_datacenter_tpp_below"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"note2"`
	Z struct {
		ECCNs []string `json:"eccns"`
		fileDates
		Citation string `json:"citation"`
		Source   string `json:"source"`
	} `json:"z"`
	Rules          []fileRule         `json:"rules"`
	ReviewPolicies []fileReviewPolicy `json:"review_policies"`
	ReviewLanes    []fileReviewLane   `json:"review_lanes"`
	Exceptions     []fileException    `json:"exceptions"`
}

type fileSameAs struct {
	Country string `json:"country"`
	As      string `json:"as"`
	fileDates
	Citation string `json:"citation"`
}

type fileParagraph struct {
	ECCN  string `json:"eccn"`
	Kind  string `json:"kind"`
	AnyOf []struct {
		TPPMin       float64 `json:"tpp_min"`
		TPPBelow     float64 `json:"tpp_below"`
		DensityMin   float64 `json:"density_min"`
		DensityBelow float64 `json:"density_below"`
	} `json:"any_of"`
	HBMDensityAbove float64 `json:"hbm_density_above"`
	Contains        string  `json:"contains"`
	fileDates
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

type fileRule struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	fileItems
	fileArea
	ExcludeGroups      []string `json:"exclude_groups"`
	ExcludeCountries   []string `json:"exclude_countries"`
	Worldwide          bool     `json:"worldwide"`
	HQGroups           []string `json:"hq_groups"`
	HQCountries        []string `json:"hq_countries"`
	EndUses            []string `json:"end_uses"`
	DesignerCountries  []string `json:"designer_countries"`
	Models             []string `json:"models"`
	Exceptions         []string `json:"exceptions"`
	HTSPrefixes        []string `json:"hts_prefixes"`
	HTSListsComplete   bool     `json:"hts_lists_complete"`
	ApproximateRegions []string `json:"approximate_regions"`
	Approximation      string   `json:"approximation"`
	Review             string   `json:"review"`
	ReviewCitation     string   `json:"review_citation"`
	ReviewBy           string   `json:"review_by"`
	fileDates
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

type fileReviewPolicy struct {
	ID                         string   `json:"id"`
	DenialGroups               []string `json:"denial_groups"`
	DenialCountries            []string `json:"denial_countries"`
	DenialHQGroups             []string `json:"denial_hq_groups"`
	DenialHQCountries          []string `json:"denial_hq_countries"`
	ApprovalHQGroups           []string `json:"approval_hq_groups"`
	ApprovalHQCountries        []string `json:"approval_hq_countries"`
	CaseByCaseExceptDatacenter []string `json:"case_by_case_except_datacenter"`
	ApprovalOverDestination    bool     `json:"approval_over_destination_denial"`
	ApprovalNote               string   `json:"approval_note"`
	fileDates
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

type fileReviewLane struct {
	ID                  string   `json:"id"`
	AppliesTo           string   `json:"applies_to"`
	Countries           []string `json:"countries"`
	ExportFrom          []string `json:"export_from"`
	TPPBelow            float64  `json:"tpp_below"`
	DRAMBandwidthBelow  float64  `json:"dram_bandwidth_below"`
	HQGroupsExcluded    []string `json:"hq_groups_excluded"`
	HQCountriesExcluded []string `json:"hq_countries_excluded"`
	LaneHQAllowed       bool     `json:"hq_in_lane_countries_allowed"`
	LaneHQNote          string   `json:"hq_in_lane_countries_note"`
	Conditions          string   `json:"conditions"`
	fileDates
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

type fileException struct {
	Name string `json:"name"`
	fileItems
	fileArea
	ExcludeGroups    []string `json:"exclude_groups"`
	ExcludeCountries []string `json:"exclude_countries"`
	HQGroups         []string `json:"hq_groups"`
	HQCountries      []string `json:"hq_countries"`
	NotForDatacenter []string `json:"not_for_datacenter"`
	HBMDensityBelow  float64  `json:"hbm_density_below"`
	Requires         string   `json:"requires"`
	Condition        string   `json:"condition"`
	fileDates
	Citation string `json:"citation"`
	Source   string `json:"source"`
}
