package verify

import (
	"math"
	"math/rand/v2"

	"github.com/golang/geo/s2"
)

// city is a real place, WGS84 degrees (city centres as published by the
// cities' Wikipedia/GeoNames entries).
type city struct {
	name     string
	lat, lon float64
}

var (
	frankfurt = city{"fra", 50.1109, 8.6821}
	amsterdam = city{"ams", 52.3676, 4.9041}
	warsaw    = city{"waw", 52.2297, 21.0122}
	tokyo     = city{"tyo", 35.6762, 139.6503}
	shanghai  = city{"sha", 31.2304, 121.4737}
	taipei    = city{"tpe", 25.0330, 121.5654}
	seoul     = city{"sel", 37.5665, 126.9780}
	singapore = city{"sin", 1.3521, 103.8198}
	newYork   = city{"nyc", 40.7128, -74.0060}
	sydney    = city{"syd", -33.8688, 151.2093}
	suva      = city{"suv", -18.1416, 178.4419}
	apia      = city{"apw", -13.8507, -171.7514}
	nukualofa = city{"tbu", -21.1394, -175.2049}
	auckland  = city{"akl", -36.8485, 174.7633}
	anadyr    = city{"dyr", 64.7337, 177.4968}
	nome      = city{"ome", 64.5011, -165.4064}
	longyear  = city{"lyr", 78.2232, 15.6267}
	alert     = city{"yle", 82.5018, -62.3481}
	southPole = city{"spo", -90, 0}
	mcmurdo   = city{"mcm", -77.8419, 166.6863}
	berlin    = city{"ber", 52.5200, 13.4050}
)

// concernCountries are the countries of concern named in the issue.
var concernCountries = []string{"CN", "MO", "HK", "RU", "BY", "IR", "KP", "CU", "SY", "VE"}

func (c city) point() s2.Point { return s2.PointFromLatLng(s2.LatLngFromDegrees(c.lat, c.lon)) }

// greatCircleKM is the distance on the sphere of radius EarthRadiusKM.
func greatCircleKM(a, b city) float64 {
	return a.point().Distance(b.point()).Radians() * EarthRadiusKM
}

// minRTT is the physical minimum round trip between two places: light in
// vacuum along the great circle, there and back.
func minRTT(a, b city) float64 { return 2 * greatCircleKM(a, b) / SpeedOfLightKMPerMS }

// realisticRTTs are five samples of a fibre path inflated by route
// detours (factor), plus a fixed switching cost and positive jitter.
func realisticRTTs(rng *rand.Rand, from, to city, factor float64) []float64 {
	base := 2*greatCircleKM(from, to)/FibreSpeedKMPerMS*factor + 0.2
	out := make([]float64, 5)
	for i := range out {
		out[i] = base + rng.ExpFloat64()*0.5
	}
	return out
}

func lm(c city, uncertaintyKM float64) Landmark {
	return Landmark{ID: c.name, Lat: c.lat, Lon: c.lon, UncertaintyKM: uncertaintyKM, Provenance: "city centre, test"}
}

func measure(rng *rand.Rand, device city, signed bool, factor float64, from ...city) []Measurement {
	var ms []Measurement
	for _, c := range from {
		ms = append(ms, Measurement{Landmark: lm(c, 1), RTTms: realisticRTTs(rng, c, device, factor), Signed: signed})
	}
	return ms
}

// feasibleContains reports whether p lies in a cell of the covering.
func feasibleContains(f *feasibleSet, p s2.Point) bool {
	leaf := s2.CellIDFromLatLng(s2.LatLngFromPoint(p))
	for _, id := range f.cells {
		if id.Contains(leaf) {
			return true
		}
	}
	return false
}

func randomPoint(rng *rand.Rand) (float64, float64) {
	lat := math.Asin(2*rng.Float64()-1) * 180 / math.Pi
	lon := rng.Float64()*360 - 180
	return lat, lon
}
