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

// Limitations returns the notes appended to every result: what no delay
// measurement can prove. The caller may modify the result.
func Limitations() []string { return slices.Clone(limitations) }

var limitations = []string{
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
	v := &verification{cfg: &cfg, ms: ms, res: Result{SpeedKMPerMS: cfg.speed}}
	v.discs()
	v.measurementNotes()
	v.feasibleSets()
	if err := v.judgeRegions(ctx, declared, judge); err != nil {
		return Result{}, err
	}
	v.declaredResult()
	v.verdict(declared)
	v.res.Notes = append(v.notes, limitations...)
	return v.res, nil
}

// verification is one Verify call, built step by step: the discs, the
// feasible sets they leave, each region's verdict, then the overall one.
type verification struct {
	cfg   *config
	ms    []Measurement
	res   Result
	notes []string

	signed       int      // replies signed by the device
	endpointOnly bool     // no signed reply, and unsigned ones are not trusted
	caps         []s2.Cap // discs of the measurements used, at the bounding speed
	likelyCaps   []s2.Cap // the same at the calibrated speed, if any
	used         []int    // indexes in ms of the measurements used
	minRadius    float64  // km, of the smallest disc used

	fs, lfs       *feasibleSet // where the device can be (at the likely speed)
	contradictory bool         // the discs have no common point

	ndeclared        int           // rows of res.Regions for the declared site
	declaredExcluded *RegionResult // the first of them excluded, if any
	declaredJudged   bool          // some declared row has a verdict
}

// discs draws one disc per measurement and decides which locate the device:
// signed replies, and unsigned ones when configured or when none is signed.
func (v *verification) discs() {
	for _, m := range v.ms {
		if m.Signed {
			v.signed++
		}
	}
	useUnsigned := v.cfg.acceptUnsign || v.signed == 0
	v.endpointOnly = v.signed == 0 && !v.cfg.acceptUnsign && len(v.ms) > 0
	v.minRadius = math.Inf(1)
	for i, m := range v.ms {
		rtt := math.Max(m.MinRTT()-v.cfg.processingMS, 0)
		rkm := radiusKM(v.cfg.speed, rtt, m.Landmark.UncertaintyKM)
		d := Disc{Landmark: m.Landmark, MinRTTms: m.MinRTT(), RadiusKM: round1(rkm), Signed: m.Signed}
		if m.Signed || useUnsigned {
			d.Used = true
			center := s2.PointFromLatLng(s2.LatLngFromDegrees(m.Landmark.Lat, m.Landmark.Lon))
			v.caps = append(v.caps, s2.CapFromCenterAngle(center, kmToAngle(rkm)))
			v.used = append(v.used, i)
			v.minRadius = math.Min(v.minRadius, rkm)
			if v.cfg.likelySpeed > 0 {
				v.likelyCaps = append(v.likelyCaps, s2.CapFromCenterAngle(center, kmToAngle(radiusKM(v.cfg.likelySpeed, rtt, m.Landmark.UncertaintyKM))))
			}
		}
		v.res.Discs = append(v.res.Discs, d)
	}
}

// measurementNotes says which replies were used and what they locate.
func (v *verification) measurementNotes() {
	n := len(v.ms)
	switch {
	case n == 0:
		v.notes = append(v.notes, "no measurements: nothing is known about the device's location")
	case v.endpointOnly:
		v.notes = append(v.notes, fmt.Sprintf("none of the %d replies was signed by the device: the regions below locate a network endpoint, not the device", n))
	case v.signed < n && !v.cfg.acceptUnsign:
		v.notes = append(v.notes, fmt.Sprintf("%d unsigned replies ignored: they may come from a relay", n-v.signed))
	case v.cfg.acceptUnsign && v.signed < n:
		v.notes = append(v.notes, fmt.Sprintf("%d unsigned replies accepted as coming from the device, as configured", n-v.signed))
	}
}

// feasibleSets intersects the discs, at the bounding speed and, if one is
// calibrated, at the likely speed.
func (v *verification) feasibleSets() {
	v.fs = newFeasibleSet(v.caps, v.cfg.maxCells)
	v.res.feasible = v.fs
	v.contradictory = len(v.caps) > 0 && v.fs.empty()
	if v.contradictory {
		v.notes = append(v.notes, contradictionNotes(v.ms, v.used, v.caps)...)
	} else if len(v.caps) > 0 {
		v.res.FeasibleAreaKM2 = math.Round(v.fs.areaKM2())
	}
	if v.cfg.likelySpeed > 0 && len(v.likelyCaps) > 0 {
		v.lfs = newFeasibleSet(v.likelyCaps, v.cfg.maxCells)
		if v.lfs.empty() {
			v.notes = append(v.notes, fmt.Sprintf("at the calibrated speed of %.1f km/ms the discs have no common point: the calibration does not fit these paths", v.cfg.likelySpeed))
		} else {
			v.res.LikelyAreaKM2 = math.Round(v.lfs.areaKM2())
		}
	}
}

// judgeOne judges one country or region against the feasible sets.
func (v *verification) judgeOne(code string, concern bool) RegionResult {
	rr := RegionResult{Region: code, Concern: concern}
	if why := whyNotJudged(v.caps, v.contradictory); why != "" {
		rr.Verdict, rr.Note = RegionNotJudged, why
		return rr
	}
	reg := v.cfg.lookup(code)
	if reg == nil {
		rr.Verdict, rr.Note = RegionNotJudged, "no polygon for this region"
		return rr
	}
	rr.Verdict = reg.judge(v.fs)
	if rr.Verdict == RegionExcluded {
		rr.By, rr.MarginKM = excludedBy(reg, v.caps, v.ms, v.used)
	}
	if reg.superset && rr.Verdict == RegionPossible {
		rr.Note = "polygon covers more than the region: exclusion is sound, inside is never claimed"
	}
	if v.lfs != nil && !v.lfs.empty() {
		rr.Likely = reg.judge(v.lfs)
	}
	return rr
}

// judgeRegions judges the declared site (a point, a country or region, or
// both: a row each, first) and then each region of concern once.
func (v *verification) judgeRegions(ctx context.Context, declared Site, judge []string) error {
	seen := map[string]bool{}
	if declared.HasPoint {
		v.res.Regions = append(v.res.Regions, judgePoint(declared, v.caps, v.ms, v.used, v.contradictory))
		v.ndeclared++
	}
	if declared.Country != "" {
		v.res.Regions = append(v.res.Regions, v.judgeOne(declared.Country, false))
		seen[declared.Country] = true
		v.ndeclared++
	}
	for _, code := range judge {
		if seen[code] {
			// The declared country is itself of concern.
			for i := range v.res.Regions {
				if v.res.Regions[i].Region == code {
					v.res.Regions[i].Concern = true
				}
			}
			continue
		}
		seen[code] = true
		if err := ctx.Err(); err != nil {
			return err
		}
		v.res.Regions = append(v.res.Regions, v.judgeOne(code, true))
	}
	return nil
}

// declaredResult picks the row that stands for the declared site: the
// first excluded one, else the first.
func (v *verification) declaredResult() {
	for i := range v.ndeclared {
		rr := v.res.Regions[i]
		if rr.Verdict == RegionExcluded && v.declaredExcluded == nil {
			v.declaredExcluded = &rr
		}
		if rr.Verdict != RegionNotJudged {
			v.declaredJudged = true
		}
	}
	if v.ndeclared > 0 {
		d := v.res.Regions[0]
		v.res.Declared = &d
		if v.declaredExcluded != nil {
			v.res.Declared = v.declaredExcluded
		}
	}
}

// concernVerdicts lists the regions of concern not excluded and those not
// judged, and whether one is certainly inside.
func (v *verification) concernVerdicts() (possible, unjudged []string, inside bool) {
	for _, rr := range v.res.Regions {
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
	return possible, unjudged, inside
}

// verdict sets the overall verdict and says why.
func (v *verification) verdict(declared Site) {
	possible, unjudged, inside := v.concernVerdicts()
	tooFew := len(v.caps) < v.cfg.minLandmarks
	tooLarge := v.minRadius > v.cfg.maxDiscKM
	res := &v.res
	note := func(verdict Verdict, format string, args ...any) {
		res.Verdict = verdict
		v.notes = append(v.notes, fmt.Sprintf(format, args...))
	}
	switch {
	case v.contradictory:
		res.Verdict = VerdictContradictory
	case len(v.caps) == 0 || v.endpointOnly:
		res.Verdict = VerdictInsufficient
	case tooFew:
		note(VerdictInsufficient, "%d usable landmark(s); at least %d are required for a verdict", len(v.caps), v.cfg.minLandmarks)
	case v.declaredExcluded != nil:
		x := v.declaredExcluded
		note(VerdictInconsistent, "the declared site %s is excluded by %s (margin %.1f km)", x.Region, x.By, x.MarginKM)
	case len(possible) > 0 && tooLarge && !inside:
		note(VerdictInsufficient, "the smallest disc has a radius of %.0f km (limit %.0f km): too large to confirm or exclude %s", v.minRadius, v.cfg.maxDiscKM, strings.Join(possible, ", "))
	case len(possible) > 0:
		note(VerdictConcernNotExcluded, "not excluded: %s", strings.Join(possible, ", "))
	case len(unjudged) > 0:
		note(VerdictInsufficient, "not judged (no polygon): %s", strings.Join(unjudged, ", "))
	case res.Declared == nil:
		note(VerdictInsufficient, "no declared site: every judged region of concern is excluded, but there is nothing to confirm")
	case !v.declaredJudged:
		note(VerdictInsufficient, "the declared site %s has no polygon and cannot be confirmed", declared.String())
	default:
		res.Verdict = VerdictConsistent
	}
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
