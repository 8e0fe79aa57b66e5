package verify

import (
	"slices"

	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// feasibleSet is an outer covering of the intersection of the caps: every
// point of the intersection lies in some cell. Cells marked inner lie
// entirely inside every cap.
type feasibleSet struct {
	caps  []s2.Cap
	cells []s2.CellID // sorted, non-overlapping
	inner []bool
	bound s2.Cap
}

// empty reports whether the caps provably have no common point.
func (f *feasibleSet) empty() bool { return len(f.cells) == 0 }

// areaKM2 returns the area of the covering, an upper bound on the area of
// the intersection.
func (f *feasibleSet) areaKM2() float64 {
	var sr float64
	for _, id := range f.cells {
		sr += s2.CellFromCellID(id).ExactArea()
	}
	return sr * EarthRadiusKM * EarthRadiusKM
}

// startCells returns the cells the subdivision starts from (the six faces
// when the smallest cap is large, else its cell-union bound) and the finest
// level it goes to (about 1/24 of the smallest radius, at least 1 km).
func startCells(caps []s2.Cap) ([]s2.CellID, int) {
	smallest := 0
	for i, c := range caps {
		if c.Radius() < caps[smallest].Radius() {
			smallest = i
		}
	}
	finest := caps[smallest].Radius() / 24
	if min := kmToAngle(1); finest < min {
		finest = min
	}
	maxLevel := s2.MinWidthMetric.MaxLevel(float64(finest))
	if caps[smallest].Radius() >= s1.Angle(1.5) {
		var start []s2.CellID
		for face := range 6 {
			start = append(start, s2.CellIDFromFace(face))
		}
		return start, maxLevel
	}
	return caps[smallest].CellUnionBound(), maxLevel
}

// meetsCaps reports whether cell may meet every cap still active (bit i of
// active: cap i does not yet contain the cell's parent), and returns the
// caps still active for its children: those that do not contain it.
func meetsCaps(caps []s2.Cap, cell s2.Cell, active uint64) (uint64, bool) {
	for i, c := range caps {
		if i < 64 && active&(1<<i) == 0 {
			continue
		}
		if !c.IntersectsCell(cell) {
			return active, false
		}
		if i < 64 && c.ContainsCell(cell) {
			active &^= 1 << i
		}
	}
	return active, true
}

type pending struct {
	id     s2.CellID
	active uint64 // bit i set: cap i does not yet contain the cell (caps < 64)
}

// newFeasibleSet subdivides s2 cells, breadth first, keeping every cell
// that may meet all caps. A cell contained in every cap is final; the
// others are split until they reach the finest level (about 1/24 of the
// smallest radius, at least 1 km) or the cell budget is spent. Both tests
// used (Cap.IntersectsCell, Cap.ContainsCell) are conservative in the sound
// direction, so the result always covers the intersection.
func newFeasibleSet(caps []s2.Cap, maxCells int) *feasibleSet {
	f := &feasibleSet{caps: caps}
	if len(caps) == 0 {
		return f
	}
	start, maxLevel := startCells(caps)
	all := uint64(1)<<min(len(caps), 64) - 1
	if len(caps) >= 64 {
		all = ^uint64(0)
	}
	queue := make([]pending, 0, 64)
	for _, id := range start {
		queue = append(queue, pending{id, all})
	}
	type out struct {
		id    s2.CellID
		inner bool
	}
	var done []out
	for len(queue) > 0 {
		next := queue[:0:0]
		for qi, pc := range queue {
			active, keep := meetsCaps(caps, s2.CellFromCellID(pc.id), pc.active)
			if !keep {
				continue
			}
			inner := active == 0 && len(caps) <= 64
			// Split unless final, at the finest level, or over budget
			// (counting the cells still waiting in this and the next round).
			over := len(done)+len(next)+4*(len(queue)-qi) > maxCells
			if inner || pc.id.Level() >= maxLevel || pc.id.IsLeaf() || over {
				done = append(done, out{pc.id, inner})
				continue
			}
			for ch := pc.id.ChildBegin(); ch != pc.id.ChildEnd(); ch = ch.Next() {
				next = append(next, pending{ch, active})
			}
		}
		queue = next
	}
	slices.SortFunc(done, func(a, b out) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	f.cells = make([]s2.CellID, len(done))
	f.inner = make([]bool, len(done))
	bound := s2.EmptyCap()
	for i, d := range done {
		f.cells[i] = d.id
		f.inner[i] = d.inner
		bound = bound.AddCap(s2.CellFromCellID(d.id).CapBound())
	}
	f.bound = bound
	return f
}
