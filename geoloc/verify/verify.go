package verify

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/golang/geo/s2"
)

// Limitations is appended to the notes of every result: what no delay
// measurement can prove.
var Limitations = []string{
	"a delay bound locates whoever produced the reply: only replies signed by the device's own key locate the device; unsigned replies may come from a relay or proxy",
	"a cloned or extracted device key, or a relay holding it, cannot be detected from timing",
	"a device can add delay to look farther away but cannot look closer; large discs mean the location cannot be confirmed, not that the device was diverted",
	"landmark coordinates are taken as given (see each landmark's provenance); a misplaced landmark makes its disc wrong",
	"a device that stays where it is can still be used remotely from anywhere",
}

// Verify judges where the device measured by ms can be. declared is the
// site the device is supposed to be at; judge lists the countries (ISO
// 3166-1 alpha-2) and regions (ISO 3166-2) of concern. Countries are
// judged against the embedded Natural Earth boundaries unless a region with
// the same code is supplied with [WithRegions]; a code without a polygon is
// reported as not judged.
//
// Verify returns an error only for invalid input (an [InputError]); weak or
// missing evidence gives [VerdictInsufficient], never an error.
func Verify(ctx context.Context, declared Site, ms []Measurement, judge []string, opts ...Option) (Result, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.err != nil {
		return Result{}, cfg.err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := validate(declared, ms, judge); err != nil {
		return Result{}, err
	}
	res := Result{SpeedKMPerMS: cfg.speed}
	var notes []string

	// Which measurements locate the device.
	signed := 0
	for _, m := range ms {
		if m.Signed {
			signed++
		}
	}
	useUnsigned := cfg.acceptUnsign || signed == 0
	endpointOnly := signed == 0 && !cfg.acceptUnsign && len(ms) > 0
	var caps, likelyCaps []s2.Cap
	var used []int
	minRadius := math.Inf(1)
	for i, m := range ms {
		rtt := math.Max(m.MinRTT()-cfg.processingMS, 0)
		rkm := radiusKM(cfg.speed, rtt, m.Landmark.UncertaintyKM)
		d := Disc{Landmark: m.Landmark, MinRTTms: m.MinRTT(), RadiusKM: round1(rkm), Signed: m.Signed}
		if m.Signed || useUnsigned {
			d.Used = true
			center := s2.PointFromLatLng(s2.LatLngFromDegrees(m.Landmark.Lat, m.Landmark.Lon))
			caps = append(caps, s2.CapFromCenterAngle(center, kmToAngle(rkm)))
			used = append(used, i)
			minRadius = math.Min(minRadius, rkm)
			if cfg.likelySpeed > 0 {
				likelyCaps = append(likelyCaps, s2.CapFromCenterAngle(center, kmToAngle(radiusKM(cfg.likelySpeed, rtt, m.Landmark.UncertaintyKM))))
			}
		}
		res.Discs = append(res.Discs, d)
	}
	switch {
	case len(ms) == 0:
		notes = append(notes, "no measurements: nothing is known about the device's location")
	case endpointOnly:
		notes = append(notes, fmt.Sprintf("none of the %d replies was signed by the device: the regions below locate a network endpoint, not the device", len(ms)))
	case signed < len(ms) && !cfg.acceptUnsign:
		notes = append(notes, fmt.Sprintf("%d unsigned replies ignored: they may come from a relay", len(ms)-signed))
	case cfg.acceptUnsign && signed < len(ms):
		notes = append(notes, fmt.Sprintf("%d unsigned replies accepted as coming from the device, as configured", len(ms)-signed))
	}

	fs := newFeasibleSet(caps, cfg.maxCells)
	res.feasible = fs
	contradictory := len(caps) > 0 && fs.empty()
	if contradictory {
		notes = append(notes, contradictionNotes(ms, used, caps)...)
	} else if len(caps) > 0 {
		res.FeasibleAreaKM2 = math.Round(fs.areaKM2())
	}
	var lfs *feasibleSet
	if cfg.likelySpeed > 0 && len(likelyCaps) > 0 {
		lfs = newFeasibleSet(likelyCaps, cfg.maxCells)
		if lfs.empty() {
			notes = append(notes, fmt.Sprintf("at the calibrated speed of %.1f km/ms the discs have no common point: the calibration does not fit these paths", cfg.likelySpeed))
		} else {
			res.LikelyAreaKM2 = math.Round(lfs.areaKM2())
		}
	}

	judgeOne := func(code string, concern bool) RegionResult {
		rr := RegionResult{Region: code, Concern: concern}
		if why := whyNotJudged(caps, contradictory); why != "" {
			rr.Verdict, rr.Note = RegionNotJudged, why
			return rr
		}
		reg := cfg.lookup(code)
		if reg == nil {
			rr.Verdict, rr.Note = RegionNotJudged, "no polygon for this region"
			return rr
		}
		rr.Verdict = reg.judge(fs)
		if rr.Verdict == RegionExcluded {
			rr.By, rr.MarginKM = excludedBy(reg, caps, ms, used)
		}
		if reg.superset && rr.Verdict == RegionPossible {
			rr.Note = "polygon covers more than the region: exclusion is sound, inside is never claimed"
		}
		if lfs != nil && !lfs.empty() {
			rr.Likely = reg.judge(lfs)
		}
		return rr
	}

	// The declared site: a point, a country or region, or both (a row
	// each, before the regions of concern).
	seen := map[string]bool{}
	ndeclared := 0
	if declared.HasPoint {
		res.Regions = append(res.Regions, judgePoint(declared, caps, ms, used, contradictory))
		ndeclared++
	}
	if declared.Country != "" {
		res.Regions = append(res.Regions, judgeOne(declared.Country, false))
		seen[declared.Country] = true
		ndeclared++
	}
	for _, code := range judge {
		if seen[code] {
			// The declared country is itself of concern.
			for i := range res.Regions {
				if res.Regions[i].Region == code {
					res.Regions[i].Concern = true
				}
			}
			continue
		}
		seen[code] = true
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		res.Regions = append(res.Regions, judgeOne(code, true))
	}
	var declaredExcluded *RegionResult
	declaredJudged := false
	for i := range ndeclared {
		rr := res.Regions[i]
		if rr.Verdict == RegionExcluded && declaredExcluded == nil {
			declaredExcluded = &rr
		}
		if rr.Verdict != RegionNotJudged {
			declaredJudged = true
		}
	}
	if ndeclared > 0 {
		d := res.Regions[0]
		res.Declared = &d
		if declaredExcluded != nil {
			res.Declared = declaredExcluded
		}
	}

	// The overall verdict.
	var possible, unjudged []string
	inside := false
	for _, rr := range res.Regions {
		if !rr.Concern {
			continue
		}
		switch rr.Verdict {
		case RegionPossible:
			possible = append(possible, rr.Region)
		case RegionInside:
			possible = append(possible, rr.Region)
			inside = true
		case RegionNotJudged:
			unjudged = append(unjudged, rr.Region)
		}
	}
	tooFew := len(caps) < cfg.minLandmarks
	tooLarge := minRadius > cfg.maxDiscKM
	switch {
	case contradictory:
		res.Verdict = VerdictContradictory
	case len(caps) == 0 || endpointOnly:
		res.Verdict = VerdictInsufficient
	case tooFew:
		res.Verdict = VerdictInsufficient
		notes = append(notes, fmt.Sprintf("%d usable landmark(s); at least %d are required for a verdict", len(caps), cfg.minLandmarks))
	case declaredExcluded != nil:
		res.Verdict = VerdictInconsistent
		notes = append(notes, fmt.Sprintf("the declared site %s is excluded by %s (margin %.1f km)", declaredExcluded.Region, declaredExcluded.By, declaredExcluded.MarginKM))
	case len(possible) > 0 && tooLarge && !inside:
		res.Verdict = VerdictInsufficient
		notes = append(notes, fmt.Sprintf("the smallest disc has a radius of %.0f km (limit %.0f km): too large to confirm or exclude %s", minRadius, cfg.maxDiscKM, strings.Join(possible, ", ")))
	case len(possible) > 0:
		res.Verdict = VerdictConcernNotExcluded
		notes = append(notes, "not excluded: "+strings.Join(possible, ", "))
	case len(unjudged) > 0:
		res.Verdict = VerdictInsufficient
		notes = append(notes, "not judged (no polygon): "+strings.Join(unjudged, ", "))
	case res.Declared == nil:
		res.Verdict = VerdictInsufficient
		notes = append(notes, "no declared site: every judged region of concern is excluded, but there is nothing to confirm")
	case !declaredJudged:
		res.Verdict = VerdictInsufficient
		notes = append(notes, "the declared site "+declared.String()+" has no polygon and cannot be confirmed")
	default:
		res.Verdict = VerdictConsistent
	}
	res.Notes = append(notes, Limitations...)
	return res, nil
}

func (c *config) lookup(code string) *Region {
	if r, ok := c.regions[code]; ok {
		return r
	}
	if c.noEmbedded || len(code) != 2 {
		return nil
	}
	r, ok := Country(code)
	if !ok {
		return nil
	}
	return r
}

// radiusKM is the sound radius of a disc: the one-way propagation distance
// plus the landmark's uncertainty, widened by the sphere-versus-ellipsoid
// allowance and a small pad.
func radiusKM(speed, rttMS, uncertaintyKM float64) float64 {
	return (speed*rttMS/2+uncertaintyKM)*ellipsoidFactor + padKM
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// excludedBy names the landmark whose disc alone keeps farthest from the
// region, with the margin beyond the region's tolerance.
//
// The exact distance from the smallest disc's landmark s, usually the
// best, also bounds every other margin by the triangle inequality:
// margin_k <= dist(c_s, region) + dist(c_s, c_k) - r_k - tol. Landmarks
// are tried in decreasing order of that bound until it falls to the best
// margin found, so one exact point-to-polygon distance usually suffices.
func excludedBy(reg *Region, caps []s2.Cap, ms []Measurement, used []int) (string, float64) {
	s := 0
	for k, c := range caps {
		if c.Radius() < caps[s].Radius() {
			s = k
		}
	}
	ds := reg.distanceKM(caps[s].Center())
	best, bestMargin := -1, 0.0
	if m := ds - reg.tolKM - angleToKM(caps[s].Radius()); m > 0 {
		best, bestMargin = s, m
	}
	ub := make([]float64, len(caps))
	order := make([]int, 0, len(caps))
	for k, c := range caps {
		if k == s {
			continue
		}
		ub[k] = ds + angleToKM(caps[s].Center().Distance(c.Center())) - angleToKM(c.Radius()) - reg.tolKM
		order = append(order, k)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ub[b], ub[a]) })
	for _, k := range order {
		if ub[k] <= bestMargin {
			break
		}
		c := caps[k]
		r := angleToKM(c.Radius())
		if !reg.fartherThan(c.Center(), bestMargin+r+reg.tolKM) {
			continue
		}
		if margin := reg.distanceKM(c.Center()) - reg.tolKM - r; margin > bestMargin {
			best, bestMargin = k, margin
		}
	}
	if best < 0 {
		return ByIntersection, 0
	}
	return ms[used[best]].Landmark.ID, math.Floor(bestMargin*10) / 10
}

// whyNotJudged says why no region or point can be judged from the discs
// caps, or returns "" when they can be.
func whyNotJudged(caps []s2.Cap, contradictory bool) string {
	switch {
	case len(caps) == 0:
		return "no usable measurement"
	case contradictory:
		return "the discs have no common point"
	}
	return ""
}

func judgePoint(site Site, caps []s2.Cap, ms []Measurement, used []int, contradictory bool) RegionResult {
	rr := RegionResult{Region: Site{Lat: site.Lat, Lon: site.Lon, HasPoint: true}.String()}
	if why := whyNotJudged(caps, contradictory); why != "" {
		rr.Verdict, rr.Note = RegionNotJudged, why
		return rr
	}
	p := s2.PointFromLatLng(s2.LatLngFromDegrees(site.Lat, site.Lon))
	rr.Verdict = RegionPossible
	for k, c := range caps {
		margin := angleToKM(c.Center().Distance(p)) - angleToKM(c.Radius())
		if margin > 0 && margin > rr.MarginKM {
			rr.Verdict, rr.By, rr.MarginKM = RegionExcluded, ms[used[k]].Landmark.ID, margin
		}
	}
	rr.MarginKM = round1(math.Floor(rr.MarginKM*10) / 10)
	return rr
}

// contradictionNotes names the pairs of discs that do not meet; if every
// pair meets, the three or more discs still have no common point.
func contradictionNotes(ms []Measurement, used []int, caps []s2.Cap) []string {
	var notes []string
	for i := range caps {
		for j := i + 1; j < len(caps); j++ {
			gap := angleToKM(caps[i].Center().Distance(caps[j].Center())) - angleToKM(caps[i].Radius()) - angleToKM(caps[j].Radius())
			if gap > 0 {
				notes = append(notes, fmt.Sprintf("the discs of %s and %s are %.1f km apart: check the landmark coordinates, anycast, proxies and units", ms[used[i]].Landmark.ID, ms[used[j]].Landmark.ID, gap))
			}
		}
	}
	if len(notes) == 0 {
		ids := make([]string, len(used))
		for k, i := range used {
			ids[k] = ms[i].Landmark.ID
		}
		notes = append(notes, "the discs of "+strings.Join(ids, ", ")+" meet in pairs but have no common point")
	}
	return notes
}

func validate(declared Site, ms []Measurement, judge []string) error {
	if declared.Country != "" && !validCode(declared.Country) {
		return &InputError{Field: "declared.country", Value: fmt.Sprintf("%q", declared.Country), Reason: "not an ISO 3166-1 alpha-2 or ISO 3166-2 code"}
	}
	if declared.HasPoint && !validLatLon(declared.Lat, declared.Lon) {
		return &InputError{Field: "declared", Value: fmt.Sprintf("(%v, %v)", declared.Lat, declared.Lon), Reason: "latitude must be in [-90, 90] and longitude in [-180, 180]"}
	}
	for i, code := range judge {
		if !validCode(code) {
			return &InputError{Field: fmt.Sprintf("judge[%d]", i), Value: fmt.Sprintf("%q", code), Reason: "not an ISO 3166-1 alpha-2 or ISO 3166-2 code"}
		}
	}
	for i, m := range ms {
		f := fmt.Sprintf("measurements[%d]", i)
		l := m.Landmark
		if l.ID == "" {
			return &InputError{Field: f + ".landmark.id", Reason: "empty"}
		}
		if !validLatLon(l.Lat, l.Lon) {
			return &InputError{Field: f + ".landmark", Value: fmt.Sprintf("(%v, %v)", l.Lat, l.Lon), Reason: "latitude must be in [-90, 90] and longitude in [-180, 180]"}
		}
		if !(l.UncertaintyKM >= 0) || math.IsInf(l.UncertaintyKM, 0) {
			return &InputError{Field: f + ".landmark.uncertainty_km", Value: fmt.Sprint(l.UncertaintyKM), Reason: "must be a finite value >= 0"}
		}
		if len(m.RTTms) == 0 {
			return &InputError{Field: f + ".rtt_ms", Reason: "no samples"}
		}
		for j, v := range m.RTTms {
			if !(v > 0) || math.IsInf(v, 0) {
				return &InputError{Field: fmt.Sprintf("%s.rtt_ms[%d]", f, j), Value: fmt.Sprint(v), Reason: "must be a finite time > 0 ms"}
			}
		}
	}
	return nil
}

func validLatLon(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}
