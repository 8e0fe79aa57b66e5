package verify

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// destination moves from p by km along bearing (radians).
func destination(p s2.Point, km, bearing float64) s2.Point {
	ll := s2.LatLngFromPoint(p)
	d := km / EarthRadiusKM
	lat1, lon1 := ll.Lat.Radians(), ll.Lng.Radians()
	lat2 := math.Asin(math.Sin(lat1)*math.Cos(d) + math.Cos(lat1)*math.Sin(d)*math.Cos(bearing))
	lon2 := lon1 + math.Atan2(math.Sin(bearing)*math.Sin(d)*math.Cos(lat1), math.Cos(d)-math.Sin(lat1)*math.Sin(lat2))
	return s2.PointFromLatLng(s2.LatLng{Lat: s1.Angle(lat2), Lng: s1.Angle(lon2)}.Normalized())
}

// TestSoundness: for random true positions and landmarks, with RTTs never
// below the physical minimum, the true position is always in the feasible
// region, a declared site at the true position is never excluded, no
// country that contains the true position is excluded, and no country that
// does not contain it is judged "inside".
func TestSoundness(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(20261128, 1))
	ctx := context.Background()
	type box struct {
		code string
		reg  *Region
		rect s2.Rect
	}
	var boxes []box
	for _, c := range concernCountries {
		r, _ := Country(c)
		rect := s2.EmptyRect()
		for _, p := range r.Polygons() {
			rect = rect.Union(p.RectBound())
		}
		boxes = append(boxes, box{c, r, rect})
	}
	inCountry, contradictions, inside, excluded := 0, 0, 0, 0
	for i := range n {
		// The device: anywhere, or inside a country of concern.
		var truth s2.Point
		if i%2 == 0 {
			lat, lon := randomPoint(rng)
			truth = s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon))
		} else {
			b := boxes[rng.IntN(len(boxes))]
			for {
				lat := b.rect.Lat.Lo + rng.Float64()*b.rect.Lat.Length()
				lon := b.rect.Lng.Lo + rng.Float64()*b.rect.Lng.Length()
				if b.rect.Lng.IsInverted() {
					lon = b.rect.Lng.Lo + rng.Float64()*b.rect.Lng.Length()
					if lon > math.Pi {
						lon -= 2 * math.Pi
					}
				}
				truth = s2.PointFromLatLng(s2.LatLng{Lat: s1.Angle(lat), Lng: s1.Angle(lon)})
				if b.reg.ContainsPoint(s2.LatLngFromPoint(truth).Lat.Degrees(), s2.LatLngFromPoint(truth).Lng.Degrees()) {
					break
				}
			}
		}
		// Landmarks: some near, some anywhere; the reported position may be
		// off by up to the stated uncertainty.
		k := 1 + rng.IntN(6)
		ms := make([]Measurement, k)
		for j := range ms {
			var at s2.Point
			close := j == 0 && i%3 == 1 // a landmark next to the device, tight RTTs
			if close {
				at = destination(truth, rng.Float64()*50, rng.Float64()*2*math.Pi)
			} else if rng.IntN(2) == 0 {
				at = destination(truth, rng.Float64()*3000, rng.Float64()*2*math.Pi)
			} else {
				lat, lon := randomPoint(rng)
				at = s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon))
			}
			unc := rng.Float64() * 20
			reported := destination(at, rng.Float64()*unc, rng.Float64()*2*math.Pi)
			d := at.Distance(truth).Radians() * EarthRadiusKM
			min := 2 * d / SpeedOfLightKMPerMS
			spread := 1.0
			if close {
				spread = 0.05
			}
			rtts := []float64{min * (1 + spread*rng.ExpFloat64()), min * (1 + spread*rng.ExpFloat64())}
			if rng.IntN(4) == 0 {
				rtts = append(rtts, min) // exactly the physical minimum
			}
			for q := range rtts {
				rtts[q] = math.Max(rtts[q], 1e-9)
			}
			ll := s2.LatLngFromPoint(reported)
			ms[j] = Measurement{Landmark: Landmark{ID: "l", Lat: ll.Lat.Degrees(), Lon: ll.Lng.Degrees(), UncertaintyKM: unc}, RTTms: rtts, Signed: true}
		}
		tl := s2.LatLngFromPoint(truth)
		site := Site{Lat: tl.Lat.Degrees(), Lon: tl.Lng.Degrees(), HasPoint: true}
		var opts []Option
		if i%3 != 0 {
			opts = append(opts, WithMaxCells(512)) // coarser and faster; every third case uses the default
		}
		res, err := Verify(ctx, site, ms, concernCountries, opts...)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if res.Verdict == VerdictContradictory {
			contradictions++
			t.Errorf("case %d: contradictory for a real position %v; discs %+v", i, tl, res.Discs)
			continue
		}
		if !feasibleContains(res.feasible, truth) {
			t.Errorf("case %d: true position %v outside the feasible region", i, tl)
		}
		if res.Declared.Verdict == RegionExcluded {
			t.Errorf("case %d: true position %v excluded by %s", i, tl, res.Declared.By)
		}
		for _, b := range boxes {
			if !b.reg.ContainsPoint(tl.Lat.Degrees(), tl.Lng.Degrees()) {
				// "inside" must never be claimed for a region the device is
				// not in.
				rr, _ := res.Region(b.code)
				if rr.Verdict == RegionExcluded {
					excluded++
				}
				if rr.Verdict == RegionInside {
					t.Errorf("case %d: device at %v, %.1f km from %s, but %s judged inside", i, tl, b.reg.distanceKM(truth), b.code, b.code)
				}
				continue
			}
			inCountry++
			rr, _ := res.Region(b.code)
			if rr.Verdict == RegionInside {
				inside++
			}
			if rr.Verdict == RegionExcluded {
				t.Errorf("case %d: device at %v in %s, but %s excluded by %s (margin %.1f km)", i, tl, b.code, b.code, rr.By, rr.MarginKM)
			}
		}
		if t.Failed() && i > 50 {
			t.FailNow()
		}
	}
	t.Logf("%d cases, %d with the device in a country of concern (%d judged inside it); %d exclusions of countries the device was not in", n, inCountry, inside, excluded)
	if !testing.Short() && (inside < 50 || excluded < 1000) {
		t.Errorf("too few decisive cases to test soundness: %d inside, %d excluded", inside, excluded)
	}
}
