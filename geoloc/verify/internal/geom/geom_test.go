package geom

import (
	"math"
	"testing"

	"github.com/golang/geo/s2"
)

func pt(lat, lon float64) s2.Point { return s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon)) }

func TestCleanRing(t *testing.T) {
	a, b, c, d, e := pt(0, 0), pt(0, 1), pt(1, 1), pt(1, 0), pt(2, 2)
	cases := []struct {
		name string
		in   []s2.Point
		want int
	}{
		{"square", []s2.Point{a, b, c, d}, 4},
		{"closed", []s2.Point{a, b, c, d, a}, 4},
		{"repeated", []s2.Point{a, a, b, c, c, d}, 4},
		{"spike", []s2.Point{a, b, c, e, c, d}, 4},              // c -> e -> c
		{"spike across start", []s2.Point{e, a, b, c, d, a}, 4}, // a -> e -> a
		{"flat", []s2.Point{a, b, a}, 0},
	}
	for _, tc := range cases {
		got := CleanRing(tc.in)
		if len(got) != tc.want {
			t.Errorf("%s: %d vertices, want %d", tc.name, len(got), tc.want)
		}
	}
}

// A clockwise ring (as shapefiles store shells) still gives the small loop.
func TestLoopFromRingOrientation(t *testing.T) {
	cw := []s2.Point{pt(0, 0), pt(1, 0), pt(1, 1), pt(0, 1)}
	ccw := []s2.Point{pt(0, 0), pt(0, 1), pt(1, 1), pt(1, 0)}
	for _, ring := range [][]s2.Point{cw, ccw} {
		l := LoopFromRing(ring)
		if l.Area() > 2*math.Pi || !l.ContainsPoint(pt(0.5, 0.5)) {
			t.Errorf("area %v, contains centre %v", l.Area(), l.ContainsPoint(pt(0.5, 0.5)))
		}
	}
}

func TestCoverings(t *testing.T) {
	// A 1°×1° square near Frankfurt with 5 km tolerance: the covering holds
	// points 4 km outside, the deep interior does not reach 4 km inside.
	var ring []s2.Point
	for i := range 250 { // enough edges for a full covering
		f := float64(i) / 250 * 4
		switch {
		case f < 1:
			ring = append(ring, pt(50, 8+f))
		case f < 2:
			ring = append(ring, pt(50+(f-1), 9))
		case f < 3:
			ring = append(ring, pt(51, 9-(f-2)))
		default:
			ring = append(ring, pt(51-(f-3), 8))
		}
	}
	poly := s2.PolygonFromLoops([]*s2.Loop{LoopFromRing(CleanRing(ring))})
	cover, deep := Coverings([]*s2.Polygon{poly}, 5)
	outside := pt(49.964, 8.5) // 4 km south of the edge
	inside := pt(50.036, 8.5)  // 4 km north of the edge
	if !cover.ContainsPoint(outside) {
		t.Error("covering misses a point 4 km outside")
	}
	if deep.ContainsPoint(inside) {
		t.Error("deep interior holds a point 4 km inside")
	}
	if !deep.ContainsPoint(pt(50.5, 8.5)) {
		t.Error("deep interior misses the centre")
	}
}
