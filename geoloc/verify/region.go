package verify

import (
	"fmt"
	"math"
	"regexp"
	"sync"

	"github.com/exportguard/exportguard/geoloc/verify/internal/geom"
	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// Region is a country or region with a polygon, judged by [Verify]. A
// Region is immutable and safe for concurrent use; the index structures
// are built on first use.
type Region struct {
	code     string
	name     string
	source   string
	tolKM    float64
	superset bool
	polys    []*s2.Polygon
	// cover and deep are precomputed coverings (embedded countries).
	cover, deep s2.CellUnion

	prep func() *prepared
}

type prepared struct {
	index    *s2.ShapeIndex // every piece
	bound    s2.Cap
	covering s2.CellUnion // superset of the region widened by the tolerance
	deep     s2.CellUnion // subset of the region shrunk by the tolerance
	tol      s1.ChordAngle
	pool     sync.Pool // *queries
}

// queries are per-goroutine edge queries on a region's index. Threshold
// tests (IsDistanceLess and friends) overwrite the query's options in
// github.com/golang/geo, so exact distances use a query of their own that
// never runs a threshold test.
type queries struct {
	interior *s2.EdgeQuery // threshold tests, interiors count as distance 0
	boundary *s2.EdgeQuery // threshold tests against the edges only
	exact    *s2.EdgeQuery // Distance only
}

var codeRE = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

// validCode reports whether code looks like an ISO 3166-1 alpha-2 or
// ISO 3166-2 code.
func validCode(code string) bool { return codeRE.MatchString(code) }

// NewRegion builds a region from polygons given as rings of [lon, lat]
// degree pairs (GeoJSON order). Each polygon is a shell followed by its
// holes; ring orientation does not matter (every ring is taken as the
// smaller of the two areas it bounds), rings need not repeat their first
// point. toleranceKM widens every judgement of the region: the largest
// distance between the polygon and the true boundary. A superset region
// (its polygon covers at least the true region, for example a peninsula
// holding two subdivisions) is never reported as "inside".
func NewRegion(code, name string, polygons [][][][2]float64, toleranceKM float64, superset bool, source string) (*Region, error) {
	if !validCode(code) {
		return nil, &InputError{Field: "region.code", Value: fmt.Sprintf("%q", code), Reason: "not an ISO 3166-1 alpha-2 or ISO 3166-2 code"}
	}
	if !(toleranceKM >= 0) || math.IsInf(toleranceKM, 0) {
		return nil, &InputError{Field: "region(" + code + ").tolerance_km", Value: fmt.Sprint(toleranceKM), Reason: "must be a finite value >= 0"}
	}
	if len(polygons) == 0 {
		return nil, &InputError{Field: "region(" + code + ").polygons", Reason: "no polygon"}
	}
	r := &Region{code: code, name: name, source: source, tolKM: toleranceKM, superset: superset}
	for pi, p := range polygons {
		var loops []*s2.Loop
		for ri, ring := range p {
			field := fmt.Sprintf("region(%s).polygons[%d][%d]", code, pi, ri)
			pts := make([]s2.Point, 0, len(ring))
			for vi, v := range ring {
				lon, lat := v[0], v[1]
				if !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
					return nil, &InputError{Field: fmt.Sprintf("%s[%d]", field, vi), Value: fmt.Sprintf("[%v, %v]", lon, lat), Reason: "not a [lon, lat] pair in degrees"}
				}
				pts = append(pts, s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon)))
			}
			if pts = geom.CleanRing(pts); pts == nil {
				return nil, &InputError{Field: field, Reason: "a ring needs at least 3 distinct points enclosing an area"}
			}
			l := geom.LoopFromRing(pts)
			if err := l.Validate(); err != nil {
				return nil, &InputError{Field: field, Reason: err.Error()}
			}
			loops = append(loops, l)
		}
		if len(loops) == 0 {
			continue
		}
		poly := s2.PolygonFromLoops(loops)
		if err := poly.Validate(); err != nil {
			return nil, &InputError{Field: fmt.Sprintf("region(%s).polygons[%d]", code, pi), Reason: err.Error()}
		}
		r.polys = append(r.polys, poly)
	}
	r.prep = sync.OnceValue(r.prepare)
	return r, nil
}

// Code returns the region's ISO code.
func (r *Region) Code() string { return r.code }

// Name returns the region's name as given by its source.
func (r *Region) Name() string { return r.name }

// Source says where the polygon comes from.
func (r *Region) Source() string { return r.source }

// ToleranceKM is the boundary tolerance applied to every judgement.
func (r *Region) ToleranceKM() float64 { return r.tolKM }

// Superset reports whether the polygon is only known to cover the region.
func (r *Region) Superset() bool { return r.superset }

// Polygons returns the region's s2 polygons (one per piece). The caller
// must not modify them.
func (r *Region) Polygons() []*s2.Polygon { return r.polys }

// ContainsPoint reports whether the region's polygon contains the point
// (lat, lon in degrees), without tolerance.
func (r *Region) ContainsPoint(lat, lon float64) bool {
	p := s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon))
	for _, poly := range r.polys {
		if poly.ContainsPoint(p) {
			return true
		}
	}
	return false
}

func kmToAngle(km float64) s1.Angle {
	a := km / EarthRadiusKM
	if a > math.Pi {
		a = math.Pi
	}
	return s1.Angle(a)
}

func angleToKM(a s1.Angle) float64 { return a.Radians() * EarthRadiusKM }

func (r *Region) prepare() *prepared {
	p := &prepared{index: s2.NewShapeIndex(), tol: s1.ChordAngleFromAngle(kmToAngle(r.tolKM))}
	bound := s2.EmptyCap()
	for _, poly := range r.polys {
		p.index.Add(poly)
		bound = bound.AddCap(poly.CapBound())
	}
	p.bound = bound.Expanded(kmToAngle(r.tolKM + padKM))
	if r.cover != nil {
		p.covering, p.deep = r.cover, r.deep
	} else {
		p.covering, p.deep = geom.Coverings(r.polys, r.tolKM)
	}
	p.pool.New = func() any {
		return &queries{
			interior: s2.NewClosestEdgeQuery(p.index, s2.NewClosestEdgeQueryOptions()),
			boundary: s2.NewClosestEdgeQuery(p.index, s2.NewClosestEdgeQueryOptions().IncludeInteriors(false)),
			exact:    s2.NewClosestEdgeQuery(p.index, s2.NewClosestEdgeQueryOptions()),
		}
	}
	return p
}

// judge classifies the region against a feasible set: excluded (no cell
// within the tolerance of the region), inside (every cell inside the
// region shrunk by the tolerance) or possible.
func (r *Region) judge(fs *feasibleSet) string {
	p := r.prep()
	if !p.bound.Intersects(fs.bound) {
		return RegionExcluded
	}
	q := p.pool.Get().(*queries)
	defer p.pool.Put(q)
	overlap := false
	for _, id := range fs.cells {
		if !p.covering.IntersectsCellID(id) {
			continue
		}
		if q.interior.IsConservativeDistanceLessOrEqual(s2.NewMinDistanceToCellTarget(s2.CellFromCellID(id)), p.tol) {
			overlap = true
			break
		}
	}
	if !overlap {
		return RegionExcluded
	}
	if r.superset {
		return RegionPossible
	}
	for _, id := range fs.cells {
		if p.deep.ContainsCellID(id) {
			continue
		}
		if !r.containsCellDeep(p, q, id) {
			return RegionPossible
		}
	}
	return RegionInside
}

func (r *Region) containsCellDeep(p *prepared, q *queries, id s2.CellID) bool {
	cell := s2.CellFromCellID(id)
	in := false
	for _, poly := range r.polys {
		if poly.ContainsCell(cell) {
			in = true
			break
		}
	}
	if !in {
		return false
	}
	// ContainsCell already ensures no edge crosses the cell; the edges must
	// also stay farther than the tolerance.
	return !q.boundary.IsConservativeDistanceLessOrEqual(s2.NewMinDistanceToCellTarget(cell), p.tol)
}

// distanceKM returns the distance from a point to the region (0 inside).
func (r *Region) distanceKM(pt s2.Point) float64 {
	p := r.prep()
	q := p.pool.Get().(*queries)
	defer p.pool.Put(q)
	return angleToKM(q.exact.Distance(s2.NewMinDistanceToPointTarget(pt)).Angle())
}

// fartherThan reports whether the point is farther than km from the
// region. It is much cheaper than distanceKM: the search stops at the
// first edge within km, and prunes everything beyond it.
func (r *Region) fartherThan(pt s2.Point, km float64) bool {
	p := r.prep()
	q := p.pool.Get().(*queries)
	defer p.pool.Put(q)
	return !q.interior.IsDistanceLess(s2.NewMinDistanceToPointTarget(pt), s1.ChordAngleFromAngle(kmToAngle(km)))
}
