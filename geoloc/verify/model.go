package verify

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/golang/geo/s2"
)

// Landmark is a vantage point at a known place that measured the device.
type Landmark struct {
	// ID names the landmark in results, e.g. "ripe-anchor-de-fra-as8492".
	ID string `json:"id"`
	// Lat and Lon are WGS84 degrees.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// UncertaintyKM is how far the landmark may be from (Lat, Lon).
	UncertaintyKM float64 `json:"uncertainty_km"`
	// Provenance says where the coordinates come from and when they were
	// last verified. It is carried into results, never interpreted.
	Provenance string `json:"provenance,omitempty"`
}

// Measurement is one landmark's round-trip times to the device.
type Measurement struct {
	Landmark Landmark `json:"landmark"`
	// RTTms are round-trip times in milliseconds; the minimum is used.
	RTTms []float64 `json:"rtt_ms"`
	// Signed reports whether every reply was signed by the device's own key
	// (remote attestation), so that the reply came from the device and not
	// from a relay.
	Signed bool `json:"signed"`
}

// MinRTT returns the smallest sample, or NaN when there are none.
func (m Measurement) MinRTT() float64 {
	if len(m.RTTms) == 0 {
		return math.NaN()
	}
	return slices.Min(m.RTTms)
}

// Site is the declared location of the device: a country or region code
// ("DE", "UA-43"), a point, or both. Each is judged (the point against the
// discs, the country as a region); either one excluded makes the site
// inconsistent.
type Site struct {
	// Country is an ISO 3166-1 alpha-2 or ISO 3166-2 code; empty if unknown.
	Country string `json:"country,omitempty"`
	// Lat and Lon are WGS84 degrees; used only when HasPoint is set.
	Lat      float64 `json:"lat,omitempty"`
	Lon      float64 `json:"lon,omitempty"`
	HasPoint bool    `json:"has_point,omitempty"`
}

// String returns the country code, or "@lat,lon" for a point, or both.
func (s Site) String() string {
	var b strings.Builder
	b.WriteString(s.Country)
	if s.HasPoint {
		fmt.Fprintf(&b, "@%.4f,%.4f", s.Lat, s.Lon)
	}
	return b.String()
}

// Verdict is the overall answer of [Verify].
type Verdict string

// Verdicts, from the most to the least serious finding. The decision engine
// maps VerdictInconsistent to item.location_inconsistent,
// VerdictConcernNotExcluded to item.location_concern_possible, and
// VerdictInsufficient and VerdictContradictory to item.location_unverified.
const (
	// VerdictContradictory: the discs have no common point. Something is
	// wrong with the measurements (landmark coordinates, anycast, a proxy,
	// units); nothing is concluded from them.
	VerdictContradictory Verdict = "contradictory"
	// VerdictInconsistent: the declared site is excluded.
	VerdictInconsistent Verdict = "inconsistent"
	// VerdictConcernNotExcluded: a judged country or region of concern is
	// possible (or certain).
	VerdictConcernNotExcluded Verdict = "concern_not_excluded"
	// VerdictInsufficient: the evidence cannot settle the question: too few
	// landmarks, discs too large, unsigned replies, or a region that has no
	// polygon.
	VerdictInsufficient Verdict = "insufficient_evidence"
	// VerdictConsistent: the declared site is possible and every judged
	// country or region of concern is excluded.
	VerdictConsistent Verdict = "consistent"
)

// Region verdicts in [RegionResult].
const (
	RegionExcluded  = "excluded"
	RegionInside    = "inside"
	RegionPossible  = "possible"
	RegionNotJudged = "not_judged"
)

// ByIntersection is the By of an exclusion that no single disc makes on its
// own: it follows from the intersection of several discs.
const ByIntersection = "intersection"

// RegionResult is the judgement of one country or region.
type RegionResult struct {
	// Region is the ISO code ("CN", "UA-43") or, for a declared point,
	// "@lat,lon".
	Region string `json:"region"`
	// Verdict is RegionExcluded, RegionInside, RegionPossible or
	// RegionNotJudged.
	Verdict string `json:"verdict"`
	// By is the ID of the landmark whose disc alone excludes the region
	// with the largest margin, or ByIntersection. Empty unless excluded.
	By string `json:"by,omitempty"`
	// MarginKM is how much farther that landmark's disc would have to reach
	// (after the boundary tolerance) to touch the region. Zero unless By
	// names a landmark.
	MarginKM float64 `json:"margin_km"`
	// Likely is the verdict at the calibrated speed set by
	// [WithLikelySpeed]: an estimate, never used for the overall verdict.
	Likely string `json:"likely,omitempty"`
	// Concern reports whether the region was in the list to judge (as
	// opposed to the declared site).
	Concern bool `json:"concern"`
	// Note explains a RegionNotJudged or a partial judgement.
	Note string `json:"note,omitempty"`
}

// Disc is one landmark's constraint as used: centre, the minimum RTT, and
// the radius that went into the computation (propagation distance, the
// landmark's uncertainty and the sphere-versus-ellipsoid allowance).
type Disc struct {
	Landmark Landmark `json:"landmark"`
	MinRTTms float64  `json:"min_rtt_ms"`
	RadiusKM float64  `json:"radius_km"`
	Signed   bool     `json:"signed"`
	// Used reports whether the disc constrained the feasible region (an
	// unsigned disc is not used unless unsigned replies are accepted, or no
	// reply at all was signed).
	Used bool `json:"used"`
}

// Result is the outcome of [Verify].
type Result struct {
	Verdict Verdict `json:"verdict"`
	// Declared is the judgement of the declared site: the first excluded
	// one of point and country, else the first given. The point and the
	// country are also the first rows of Regions.
	Declared *RegionResult `json:"declared,omitempty"`
	// Regions holds the declared point and country first, then each judged
	// region in the order asked.
	Regions []RegionResult `json:"regions"`
	// FeasibleAreaKM2 is an upper bound on the area of the feasible region:
	// the area of its cell covering. Zero when contradictory.
	FeasibleAreaKM2 float64 `json:"feasible_area_km2"`
	// LikelyAreaKM2 is the same at the calibrated speed, if one was set.
	LikelyAreaKM2 float64 `json:"likely_area_km2,omitempty"`
	// Discs are the landmark constraints, in the order of the measurements.
	Discs []Disc `json:"discs"`
	// SpeedKMPerMS is the one-way propagation speed used for the verdict.
	SpeedKMPerMS float64 `json:"speed_km_per_ms"`
	// Notes explain the verdict and always state what it does not prove.
	Notes []string `json:"notes"`

	feasible *feasibleSet
}

// Region returns the result for code, if it was judged.
func (r Result) Region(code string) (RegionResult, bool) {
	for _, rr := range r.Regions {
		if rr.Region == code {
			return rr, true
		}
	}
	return RegionResult{}, false
}

// ConcernsNotExcluded returns the judged regions of concern that are
// possible, inside or not judged, in the order asked.
func (r Result) ConcernsNotExcluded() []string {
	var out []string
	for _, rr := range r.Regions {
		if rr.Concern && rr.Verdict != RegionExcluded {
			out = append(out, rr.Region)
		}
	}
	return out
}

// FeasibleCells returns the s2 cells whose union covers the feasible
// region (empty when contradictory or without usable measurements), for
// drawing and export. The slice is a copy.
func (r Result) FeasibleCells() []s2.CellID {
	if r.feasible == nil {
		return nil
	}
	return slices.Clone(r.feasible.cells)
}
