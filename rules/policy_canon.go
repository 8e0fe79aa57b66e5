package rules

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"
)

// embeddedDataDigest is the SHA-256 of the embedded data a policy is built
// on, so that the same file over different data has a different Version.
var embeddedDataDigest = sync.OnceValue(func() []byte {
	h := sha256.New()
	for _, name := range []string{"data/country_groups.csv", "data/country_group_changes.csv"} {
		b, _ := groupFS.ReadFile(name)
		h.Write(b)
		h.Write([]byte{0})
	}
	h.Write(builtinProfilesYAML)
	return h.Sum(nil)
})

type canonPolicy struct {
	Version         int                `json:"version"`
	Name            string             `json:"name"`
	AsOf            string             `json:"as_of"`
	Description     string             `json:"description,omitempty"`
	CountryGroups   canonGroups        `json:"country_groups"`
	Profiles        canonProfiles      `json:"profiles"`
	EmbargoProfiles []string           `json:"embargo_profiles"`
	Outcomes        map[string]string  `json:"outcomes"`
	Lists           map[string]string  `json:"lists"`
	Thresholds      canonThresholds    `json:"thresholds"`
	MatchStrength   canonMatchStrength `json:"match_strength"`
	DataFreshness   canonFreshness     `json:"data_freshness"`
	Affiliates      string             `json:"affiliates_rule_after_suspension"`
	ItemRulesFile   string             `json:"item_rules_file,omitempty"`
}

type canonGroups struct {
	Add    []canonGroupEntry `json:"add,omitempty"`
	Remove []canonGroupEntry `json:"remove,omitempty"`
}

type canonGroupEntry struct {
	Country string   `json:"country"`
	Groups  []string `json:"groups"`
	From    string   `json:"from,omitempty"`
	Until   string   `json:"until,omitempty"`
	Note    string   `json:"note,omitempty"`
}

type canonProfiles struct {
	Select []string       `json:"select"`
	Define []canonProfile `json:"define,omitempty"`
}

type canonThresholds struct {
	Match                float64 `json:"match"`
	Confirm              float64 `json:"confirm"`
	MinorityStakePercent float64 `json:"minority_stake_percent"`
}

type canonFreshness struct {
	MaxListAge  string `json:"max_list_age"`
	MaxGeoDBAge string `json:"max_geodb_age"`
}

func canonGroupList(list []groupOverride) []canonGroupEntry {
	var out []canonGroupEntry
	for _, o := range list {
		out = append(out, canonGroupEntry{Country: o.c.String(), Groups: groupStringsSorted(o.groups), From: dateString(o.s.from), Until: dateString(o.s.until), Note: o.note})
	}
	slices.SortStableFunc(out, func(a, b canonGroupEntry) int {
		if n := strings.Compare(a.Country, b.Country); n != 0 {
			return n
		}
		if n := strings.Compare(a.From, b.From); n != 0 {
			return n
		}
		return strings.Compare(strings.Join(a.Groups, ","), strings.Join(b.Groups, ","))
	})
	return out
}

func (s *policySpec) canonical() []byte {
	c := canonPolicy{
		Version: PolicyFormatVersion, Name: s.name, AsOf: s.asOf.Format(time.DateOnly), Description: s.description,
		CountryGroups:   canonGroups{Add: canonGroupList(s.groupAdd), Remove: canonGroupList(s.groupRemove)},
		Profiles:        canonProfiles{Select: slices.Sorted(slices.Values(s.selectNames))},
		EmbargoProfiles: slices.Sorted(slices.Values(s.embargoNames)),
		Outcomes:        map[string]string{}, Lists: map[string]string{},
		Thresholds:    canonThresholds{Match: s.match, Confirm: s.confirm, MinorityStakePercent: s.minority},
		MatchStrength: s.canonMatchStrength(),
		DataFreshness: canonFreshness{MaxListAge: s.maxListAge.String(), MaxGeoDBAge: s.maxGeoAge.String()},
		Affiliates:    s.affiliates, ItemRulesFile: s.itemRulesFile,
	}
	if c.Profiles.Select == nil {
		c.Profiles.Select = []string{}
	}
	if c.EmbargoProfiles == nil {
		c.EmbargoProfiles = []string{}
	}
	for _, def := range s.defines {
		c.Profiles.Define = append(c.Profiles.Define, def.canonical())
	}
	slices.SortFunc(c.Profiles.Define, func(a, b canonProfile) int { return strings.Compare(a.Name, b.Name) })
	for k, v := range s.outcomes {
		c.Outcomes[k] = v.String()
	}
	for k, v := range s.lists {
		c.Lists[k] = v.String()
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(err) // only strings, numbers and maps of strings
	}
	return append(b, '\n')
}
