// Package geom holds the spherical geometry shared by package verify and
// its boundary generator: ring cleaning, loop orientation and the cell
// coverings used to judge regions quickly.
package geom

import (
	"math"

	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

const (
	// EarthRadiusKM is the mean Earth radius of the spherical model.
	EarthRadiusKM = 6371.01
	// PadKM absorbs floating-point and cell-geometry error.
	PadKM = 0.5
)

// KMToAngle converts a surface distance to an angle, capped at pi.
func KMToAngle(km float64) s1.Angle {
	a := km / EarthRadiusKM
	if a > math.Pi {
		a = math.Pi
	}
	return s1.Angle(a)
}

// CleanRing removes repeated vertices and zero-width spikes (a vertex
// whose neighbours coincide), which quantized boundary data contains and
// which upset loop orientation. It treats the ring as cyclic and returns
// nil when fewer than 3 vertices remain.
func CleanRing(pts []s2.Point) []s2.Point {
	out := make([]s2.Point, 0, len(pts))
	for _, p := range pts {
		switch {
		case len(out) > 0 && out[len(out)-1].ApproxEqual(p):
		case len(out) > 1 && out[len(out)-2].ApproxEqual(p):
			out = out[:len(out)-1]
		default:
			out = append(out, p)
		}
	}
	for changed := true; changed && len(out) >= 3; {
		changed = false
		n := len(out)
		switch {
		case out[n-1].ApproxEqual(out[0]):
			out, changed = out[:n-1], true
		case out[n-2].ApproxEqual(out[0]):
			out, changed = out[:n-1], true // spike at out[n-1]
		case out[n-1].ApproxEqual(out[1]):
			out, changed = out[1:], true // spike at out[0]
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// LoopFromRing builds an s2 loop from a cleaned ring and orients it to
// enclose the smaller of the two areas it bounds. The signed area decides,
// not the turning angle, which degenerate vertices distort.
func LoopFromRing(pts []s2.Point) *s2.Loop {
	l := s2.LoopFromPoints(pts)
	if l.Area() > 2*math.Pi {
		l.Invert()
	}
	return l
}

// Coverings returns a superset covering of the polygons widened by tolKM
// (plus PadKM) and a subset covering of the polygons shrunk by tolKM: the
// interior cells whose distance to every edge conservatively exceeds
// tolKM. Small pieces (under 200 edges) get a coarse covering and no
// interior cells.
func Coverings(polys []*s2.Polygon, tolKM float64) (cover, deep s2.CellUnion) {
	small := &s2.RegionCoverer{MaxLevel: 30, MaxCells: 4}
	rc := &s2.RegionCoverer{MaxLevel: 30, MaxCells: 32}
	ic := &s2.RegionCoverer{MaxLevel: 30, MaxCells: 256}
	boundary := s2.NewShapeIndex()
	var interior s2.CellUnion
	for _, poly := range polys {
		boundary.Add(poly)
		if poly.NumEdges() < 200 {
			cover = append(cover, small.Covering(poly)...)
			continue
		}
		cover = append(cover, rc.Covering(poly)...)
		interior = append(interior, ic.InteriorCovering(poly)...)
	}
	cover.Normalize()
	if tolKM > 0 {
		cover.ExpandByRadius(KMToAngle(tolKM+PadKM), 4)
	}
	tol := s1.ChordAngleFromAngle(KMToAngle(tolKM))
	q := s2.NewClosestEdgeQuery(boundary, s2.NewClosestEdgeQueryOptions().IncludeInteriors(false))
	for _, id := range interior {
		if !q.IsConservativeDistanceLessOrEqual(s2.NewMinDistanceToCellTarget(s2.CellFromCellID(id)), tol) {
			deep = append(deep, id)
		}
	}
	deep.Normalize()
	return cover, deep
}
