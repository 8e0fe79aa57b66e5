package screening

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/rules"
)

// WithLocationRegions supplies polygons for regions of concern (for example
// Crimea, UA-43) used to judge location evidence. A region of concern
// without a polygon is judged through the country that contains it: it is
// excluded only when that whole country is.
func WithLocationRegions(rs ...*verify.Region) Option {
	return func(c *config) { c.locRegions = rs }
}

// locationEvidence is the location step: it judges delay measurements
// for an item or deployment (or a verifier's signed verdict on them)
// against the declared site and every country and region of concern in the
// policy's selected profiles.
func (sc *screening) locationEvidence(ctx context.Context) {
	le := sc.req.Location
	if le == nil || ctx.Err() != nil {
		return
	}
	if le.Attested != nil {
		sc.attestedLocation(le)
		return
	}
	site, ok := sc.declaredSite(le)
	if !ok {
		return
	}
	ms := make([]verify.Measurement, len(le.Measurements))
	for i, m := range le.Measurements {
		ms[i] = verify.Measurement{Landmark: verify.Landmark{ID: m.LandmarkID, Lat: m.Lat, Lon: m.Lon, UncertaintyKM: m.UncertaintyKM},
			RTTms: m.RTTms, Signed: m.Signed}
	}
	cs := sc.locationConcerns()
	var opts []verify.Option
	if len(sc.w.locRegions) > 0 {
		opts = append(opts, verify.WithRegions(sc.w.locRegions...))
	}
	res, err := verify.Verify(ctx, site, ms, cs.judge, opts...)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		var ie *verify.InputError
		if errors.As(err, &ie) {
			sc.invalid("location."+ie.Field, ie.Value, ie.Reason)
		} else {
			sc.invalid("location", "", err.Error())
		}
		return
	}
	concern := cs.notExcluded(&res)
	ev := locationVerdictEvidence(&res, site, len(ms), concern, cs.viaCountry)
	switch res.Verdict {
	case verify.VerdictContradictory, verify.VerdictInsufficient:
		sc.addCited(rules.ReasonItemLocationUnverified,
			fmt.Sprintf("The delay measurements do not verify where the item is (%s): %s.", res.Verdict, strings.Join(res.Notes, " ")),
			ev)
		return
	case verify.VerdictInconsistent:
		sc.addCited(rules.ReasonItemLocationInconsistent,
			fmt.Sprintf("The delay measurements exclude the declared site %s: the item is not where it was declared.", site),
			ev)
	}
	if len(concern) > 0 {
		sc.addCited(rules.ReasonItemLocationConcernPossible,
			fmt.Sprintf("The delay measurements do not exclude %s: the item may be in a country or region of concern.", strings.Join(concern, ", ")),
			ev)
	}
}

// declaredSite reads the declared site of le; false if its country cannot
// be read (an input.invalid reason says so).
func (sc *screening) declaredSite(le *LocationEvidence) (verify.Site, bool) {
	site := verify.Site{}
	if le.DeclaredCountry != "" {
		d, ok := sc.resolve("location.declared_country", le.DeclaredCountry)
		if !ok {
			return site, false
		}
		site.Country = d.Country.String()
	}
	if le.DeclaredLat != nil && le.DeclaredLon != nil {
		site.Lat, site.Lon, site.HasPoint = *le.DeclaredLat, *le.DeclaredLon, true
	}
	return site, true
}

// locationConcerns says what delay measurements are judged against.
type locationConcerns struct {
	judge          []string          // countries and regions to judge, in the policy's order
	concernCountry map[string]bool   // countries of concern in their own right
	viaCountry     map[string]string // region of concern without a polygon -> the country judged for it
}

// locationConcerns lists what to judge: the countries of concern, and the
// regions of concern that have polygons; the others through their country.
func (sc *screening) locationConcerns() locationConcerns {
	cs := locationConcerns{concernCountry: map[string]bool{}, viaCountry: map[string]string{}}
	have := map[string]bool{}
	for _, r := range sc.w.locRegions {
		have[r.Code()] = true
	}
	for _, p := range sc.w.policy.Profiles() {
		for _, c := range p.Countries(sc.date) {
			cs.judge = appendUnique(cs.judge, c.String())
			cs.concernCountry[c.String()] = true
		}
		for _, r := range p.Regions() {
			if have[r.String()] {
				cs.judge = appendUnique(cs.judge, r.String())
			} else {
				cs.viaCountry[r.String()] = r.Country().String()
				cs.judge = appendUnique(cs.judge, r.Country().String())
			}
		}
	}
	return cs
}

// notExcluded lists, sorted, the concerns res does not exclude: judged
// ones, and regions whose country is not excluded. A country judged only
// on behalf of its regions (Ukraine for Crimea and the so-called DNR/LNR)
// is not a concern itself.
func (cs locationConcerns) notExcluded(res *verify.Result) []string {
	var concern []string
	for _, c := range res.ConcernsNotExcluded() {
		if strings.Contains(c, "-") || cs.concernCountry[c] {
			concern = append(concern, c)
		}
	}
	for region, country := range cs.viaCountry {
		if rr, ok := res.Region(country); ok && rr.Verdict != verify.RegionExcluded {
			concern = appendUnique(concern, region)
		}
	}
	slices.Sort(concern)
	return concern
}

// locationVerdictEvidence is the evidence of a verdict on delay
// measurements from landmarks landmarks.
func locationVerdictEvidence(res *verify.Result, site verify.Site, landmarks int, concern []string, viaCountry map[string]string) map[string]any {
	var excluded []map[string]any
	for _, rr := range res.Regions {
		if rr.Concern && rr.Verdict == verify.RegionExcluded {
			excluded = append(excluded, map[string]any{"region": rr.Region, "by": rr.By, "margin_km": round4(rr.MarginKM)})
		}
	}
	ev := map[string]any{
		"verdict": string(res.Verdict), "feasible_area_km2": round4(res.FeasibleAreaKM2),
		"landmarks": landmarks, "concerns_not_excluded": concern, "notes": res.Notes,
	}
	if len(excluded) > 0 {
		ev["excluded"] = excluded
	}
	if len(viaCountry) > 0 {
		var via []string
		for r, c := range viaCountry {
			via = append(via, r+" via "+c)
		}
		slices.Sort(via)
		ev["judged_through_country"] = via
	}
	if res.Declared != nil {
		ev["declared"] = map[string]any{"site": site.String(), "verdict": res.Declared.Verdict, "by": res.Declared.By}
	}
	return ev
}

func appendUnique(ss []string, s string) []string {
	if !slices.Contains(ss, s) {
		ss = append(ss, s)
	}
	return ss
}
