// Command boundarygen converts the Natural Earth admin-0 TopoJSON shipped by
// world-atlas into the compact boundary table embedded by package verify.
//
// It decodes the quantized, delta-encoded TopoJSON arcs, stitches them into
// rings per country, maps the ISO 3166-1 numeric ids to alpha-2 codes with
// the iso-codes table, and writes every ring as zig-zag varint deltas in the
// TopoJSON quantization grid (about 400 m by 190 m), with each country's
// precomputed s2 coverings. With -crimea-out it also writes the Crimean
// peninsula, which Natural Earth draws as part of Russia, as GeoJSON.
//
// Without -ref every country gets the tolerance given by -tolerance-m. With
// -ref it instead measures, per country, how far the embedded boundary may
// be from a finer one (the symmetric vertex Hausdorff distance between the
// country's boundary at the embedded scale and at the reference scale) and
// stores that distance, plus a fixed 1 km allowance, as the country's
// boundary tolerance. Package verify widens every judgement of a country by
// its tolerance, so that generalised coastlines and borders cannot turn into
// an unsound exclusion.
//
// Usage (see ../../generate.go):
//
//	go run ./internal/boundarygen -in countries-10m.json -tolerance-m 5000 \
//	    -iso iso_3166-1.json -out ne10m_countries.bin
//
// The -ref mode documents why the 1:50m layer is not embedded: measured
// against 1:10m, its boundaries are off by up to 51 km for Germany
// (Heligoland is missing) and 335 km for China (the Paracel Islands).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/exportguard/exportguard/geoloc/verify/internal/geom"
	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

const (
	magic         = "EGNE2\n"
	earthRadiusKM = geom.EarthRadiusKM
	// extraToleranceM is added to every measured tolerance: the reference
	// scale is itself generalised and the measurement uses vertices only.
	extraToleranceM = 1000
)

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			ID         *string         `json:"id"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

type isoTable struct {
	Countries []struct {
		Alpha2  string `json:"alpha_2"`
		Numeric string `json:"numeric"`
		Name    string `json:"name"`
	} `json:"3166-1"`
}

// ring is a closed ring in quantized grid coordinates, without the repeated
// closing point.
type ring [][2]int64

type country struct {
	alpha2  string
	numeric int
	name    string
	polys   [][]ring // polygon -> rings (first is the shell in TopoJSON)
	tolM    uint64
}

type grid struct{ sx, sy, tx, ty float64 }

func (g grid) latLng(p [2]int64) s2.LatLng {
	return s2.LatLngFromDegrees(float64(p[1])*g.sy+g.ty, float64(p[0])*g.sx+g.tx)
}

func main() {
	in := flag.String("in", "", "TopoJSON file with a \"countries\" object (world-atlas)")
	ref := flag.String("ref", "", "optional finer TopoJSON of the same edition, used to measure boundary tolerances")
	isoPath := flag.String("iso", "", "iso-codes iso_3166-1.json")
	out := flag.String("out", "", "output file")
	source := flag.String("source", "", "source description stored in the output")
	crimea := flag.String("crimea-out", "", "also write the Crimean peninsula (drawn as part of Russia) as GeoJSON to this file")
	tolM := flag.Uint64("tolerance-m", 5000, "boundary tolerance in metres stored for every country when -ref is not given")
	flag.Parse()
	if *in == "" || *isoPath == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *ref, *isoPath, *out, *source, *tolM); err != nil {
		log.Fatal(err)
	}
	if *crimea != "" {
		if err := writeCrimea(*in, *isoPath, *crimea); err != nil {
			log.Fatal(err)
		}
	}
}

func run(in, ref, isoPath, out, source string, tolM uint64) error {
	numToAlpha, err := loadISO(isoPath)
	if err != nil {
		return err
	}
	countries, g, sum, err := loadTopology(in, numToAlpha)
	if err != nil {
		return err
	}
	if ref != "" {
		refCountries, rg, _, err := loadTopology(ref, numToAlpha)
		if err != nil {
			return err
		}
		byCode := map[string]*country{}
		for _, c := range refCountries {
			byCode[c.alpha2] = c
		}
		for _, c := range countries {
			r, ok := byCode[c.alpha2]
			if !ok {
				log.Printf("%s (%s): not in reference %s; tolerance left at 0 + %d m", c.alpha2, c.name, filepath.Base(ref), extraToleranceM)
				c.tolM = extraToleranceM
				continue
			}
			d := hausdorffKM(c, g, r, rg)
			c.tolM = uint64(math.Ceil(d*1000)) + extraToleranceM
		}
	} else {
		for _, c := range countries {
			c.tolM = tolM
		}
	}
	if source == "" {
		source = filepath.Base(in)
	}
	source = fmt.Sprintf("%s sha256:%s", source, sum)
	return write(out, source, g, countries)
}

func loadISO(path string) (map[int]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t isoTable
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := map[int]string{}
	for _, c := range t.Countries {
		var n int
		if _, err := fmt.Sscanf(c.Numeric, "%d", &n); err != nil {
			return nil, fmt.Errorf("%s: %s: numeric %q: %w", path, c.Alpha2, c.Numeric, err)
		}
		m[n] = c.Alpha2
	}
	return m, nil
}

// loadTopology reads the quantized TopoJSON world atlas at path and returns
// its countries (keyed to ISO 3166-1 alpha-2 through numToAlpha, sorted by
// code, geometries of one code merged), the quantization grid and the
// file's SHA-256. Geometries without an ISO numeric id are skipped with a
// log line.
func loadTopology(path string, numToAlpha map[int]string) ([]*country, grid, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, grid{}, "", err
	}
	h := sha256.Sum256(b)
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, grid{}, "", fmt.Errorf("%s: %w", path, err)
	}
	if t.Type != "Topology" || t.Transform == nil {
		return nil, grid{}, "", fmt.Errorf("%s: not a quantized TopoJSON topology", path)
	}
	g := grid{t.Transform.Scale[0], t.Transform.Scale[1], t.Transform.Translate[0], t.Transform.Translate[1]}
	arcs := decodeArcs(t.Arcs)
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, grid{}, "", fmt.Errorf("%s: no \"countries\" object", path)
	}
	byCode := map[string]*country{}
	var order []string
	for gi, geom := range obj.Geometries {
		if geom.ID == nil {
			log.Printf("%s: geometry %d (%s) has no ISO numeric id; skipped", filepath.Base(path), gi, geom.Properties.Name)
			continue
		}
		var num int
		if _, err := fmt.Sscanf(*geom.ID, "%d", &num); err != nil {
			return nil, grid{}, "", fmt.Errorf("%s: geometry %d: id %q: %w", path, gi, *geom.ID, err)
		}
		alpha, ok := numToAlpha[num]
		if !ok {
			log.Printf("%s: geometry %d (%s): numeric %d not in ISO 3166-1; skipped", filepath.Base(path), gi, geom.Properties.Name, num)
			continue
		}
		polys, err := polygonArcs(geom.Type, geom.Arcs)
		if err != nil {
			return nil, grid{}, "", fmt.Errorf("%s: geometry %d: %w", path, gi, err)
		}
		c, ok := byCode[alpha]
		if !ok {
			c = &country{alpha2: alpha, numeric: num, name: geom.Properties.Name}
			byCode[alpha] = c
			order = append(order, alpha)
		} else {
			log.Printf("%s: %s: merging %q into %q", filepath.Base(path), alpha, geom.Properties.Name, c.name)
		}
		if err := c.addPolygons(arcs, polys); err != nil {
			return nil, grid{}, "", fmt.Errorf("%s: geometry %d (%s): %w", path, gi, geom.Properties.Name, err)
		}
	}
	sort.Strings(order)
	out := make([]*country, 0, len(order))
	for _, a := range order {
		out = append(out, byCode[a])
	}
	return out, g, hex.EncodeToString(h[:]), nil
}

// decodeArcs turns the delta-encoded arcs of a quantized topology into
// absolute grid positions.
func decodeArcs(delta [][][2]int64) [][][2]int64 {
	arcs := make([][][2]int64, len(delta))
	for i, a := range delta {
		var x, y int64
		abs := make([][2]int64, len(a))
		for j, p := range a {
			x += p[0]
			y += p[1]
			abs[j] = [2]int64{x, y}
		}
		arcs[i] = abs
	}
	return arcs
}

// polygonArcs reads the arc indexes of a Polygon or MultiPolygon geometry
// as polygons of rings of arc indexes; other types are an error.
func polygonArcs(typ string, raw json.RawMessage) ([][][]int, error) {
	switch typ {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("arcs: %w", err)
		}
		return [][][]int{p}, nil
	case "MultiPolygon":
		var polys [][][]int
		if err := json.Unmarshal(raw, &polys); err != nil {
			return nil, fmt.Errorf("arcs: %w", err)
		}
		return polys, nil
	default:
		return nil, fmt.Errorf("unsupported type %q", typ)
	}
}

// addPolygons stitches each polygon's rings from arcs and adds the polygon
// to c, leaving out rings of fewer than three points and polygons left
// without rings.
func (c *country) addPolygons(arcs [][][2]int64, polys [][][]int) error {
	for _, p := range polys {
		var rings []ring
		for _, r := range p {
			rr, err := stitch(arcs, r)
			if err != nil {
				return err
			}
			if len(rr) >= 3 {
				rings = append(rings, rr)
			}
		}
		if len(rings) > 0 {
			c.polys = append(c.polys, rings)
		}
	}
	return nil
}

func stitch(arcs [][][2]int64, idx []int) (ring, error) {
	var r ring
	for k, i := range idx {
		var pts [][2]int64
		if i >= 0 {
			if i >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range", i)
			}
			pts = arcs[i]
		} else {
			j := ^i
			if j >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range", i)
			}
			a := arcs[j]
			pts = make([][2]int64, len(a))
			for n := range a {
				pts[n] = a[len(a)-1-n]
			}
		}
		if k > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		for _, p := range pts {
			if len(r) > 0 && r[len(r)-1] == p {
				continue
			}
			r = append(r, p)
		}
	}
	for len(r) > 1 && r[len(r)-1] == r[0] {
		r = r[:len(r)-1]
	}
	return r, nil
}

// polygons builds one s2 polygon per TopoJSON polygon (shell plus holes).
// Pieces are kept apart because pieces cut at the antimeridian share edges,
// which a single s2.Polygon does not allow.
func polygons(c *country, g grid) []*s2.Polygon {
	var out []*s2.Polygon
	for _, p := range c.polys {
		var loops []*s2.Loop
		for _, r := range p {
			pts := make([]s2.Point, 0, len(r))
			for _, q := range r {
				pts = append(pts, s2.PointFromLatLng(g.latLng(q)))
			}
			if pts = geom.CleanRing(pts); pts == nil {
				continue
			}
			loops = append(loops, geom.LoopFromRing(pts))
		}
		if len(loops) > 0 {
			out = append(out, s2.PolygonFromLoops(loops))
		}
	}
	return out
}

// hausdorffKM returns the symmetric Hausdorff distance, over vertices,
// between the boundaries of a and b.
func hausdorffKM(a *country, ag grid, b *country, bg grid) float64 {
	ia, ib := s2.NewShapeIndex(), s2.NewShapeIndex()
	for _, p := range polygons(a, ag) {
		ia.Add(p)
	}
	for _, p := range polygons(b, bg) {
		ib.Add(p)
	}
	opts := s2.NewClosestEdgeQueryOptions().IncludeInteriors(false)
	qa, qb := s2.NewClosestEdgeQuery(ia, opts), s2.NewClosestEdgeQuery(ib, opts)
	var worst s1.ChordAngle
	var worstAt s2.LatLng
	side := func(q *s2.EdgeQuery, idx *s2.ShapeIndex) {
		for sid := int32(0); sid < int32(idx.Len()); sid++ {
			sh := idx.Shape(sid)
			for e := 0; e < sh.NumEdges(); e++ {
				v := sh.Edge(e).V0
				d := q.Distance(s2.NewMinDistanceToPointTarget(v))
				if d > worst {
					worst, worstAt = d, s2.LatLngFromPoint(v)
				}
			}
		}
	}
	side(qb, ia) // embedded vertices against the reference boundary
	side(qa, ib) // reference vertices against the embedded boundary
	km := worst.Angle().Radians() * earthRadiusKM
	log.Printf("%s %-28s tolerance %8.1f km (worst at %.3f,%.3f)", a.alpha2, a.name, km, worstAt.Lat.Degrees(), worstAt.Lng.Degrees())
	return km
}

func write(path, source string, g grid, cs []*country) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { n := binary.PutUvarint(buf[:], v); w.Write(buf[:n]) }
	sv := func(v int64) { n := binary.PutVarint(buf[:], v); w.Write(buf[:n]) }
	str := func(s string) { uv(uint64(len(s))); io.WriteString(w, s) }
	w.WriteString(magic)
	str(source)
	for _, v := range []float64{g.sx, g.sy, g.tx, g.ty} {
		binary.Write(w, binary.LittleEndian, v)
	}
	uv(uint64(len(cs)))
	for _, c := range cs {
		if len(c.alpha2) != 2 {
			return errors.New("bad alpha-2 " + c.alpha2)
		}
		w.WriteString(c.alpha2)
		uv(uint64(c.numeric))
		str(c.name)
		uv(c.tolM)
		// Coverings judged against at run time, precomputed here because
		// they take seconds for the largest countries.
		cover, deep := geom.Coverings(polygons(c, g), float64(c.tolM)/1000)
		for _, cu := range []s2.CellUnion{cover, deep} {
			uv(uint64(len(cu)))
			var prev uint64
			for _, id := range cu {
				uv(uint64(id) - prev)
				prev = uint64(id)
			}
		}
		uv(uint64(len(c.polys)))
		for _, p := range c.polys {
			uv(uint64(len(p)))
			for _, r := range p {
				uv(uint64(len(r)))
				var px, py int64
				for _, q := range r {
					sv(q[0] - px)
					sv(q[1] - py)
					px, py = q[0], q[1]
				}
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeCrimea extracts the piece of Natural Earth's Russia that contains
// Simferopol: the Crimean peninsula, Autonomous Republic of Crimea (UA-43)
// and Sevastopol (UA-40) together.
func writeCrimea(in, isoPath, out string) error {
	numToAlpha, err := loadISO(isoPath)
	if err != nil {
		return err
	}
	countries, g, sum, err := loadTopology(in, numToAlpha)
	if err != nil {
		return err
	}
	simferopol := s2.PointFromLatLng(s2.LatLngFromDegrees(44.9521, 34.1024))
	for _, c := range countries {
		if c.alpha2 != "RU" {
			continue
		}
		polys := polygons(c, g)
		for i, p := range polys {
			if !p.ContainsPoint(simferopol) {
				continue
			}
			var rings [][][2]float64
			for _, r := range c.polys[i] {
				var ring [][2]float64
				for _, q := range r {
					ll := g.latLng(q)
					ring = append(ring, [2]float64{math.Round(ll.Lng.Degrees()*1e6) / 1e6, math.Round(ll.Lat.Degrees()*1e6) / 1e6})
				}
				ring = append(ring, ring[0])
				rings = append(rings, ring)
			}
			fc := map[string]any{
				"type": "FeatureCollection",
				"features": []any{map[string]any{
					"type": "Feature",
					"properties": map[string]any{
						"codes":        []string{"UA-43", "UA-40"},
						"name":         "Crimean peninsula (Autonomous Republic of Crimea and Sevastopol)",
						"superset":     true,
						"tolerance_km": 5,
						"source":       fmt.Sprintf("Natural Earth 4.1.0 admin-0 1:10m, piece of id 643 containing Simferopol; %s sha256:%s", filepath.Base(in), sum),
					},
					"geometry": map[string]any{"type": "Polygon", "coordinates": rings},
				}},
			}
			b, err := json.MarshalIndent(fc, "", " ")
			if err != nil {
				return err
			}
			return os.WriteFile(out, append(b, '\n'), 0o644)
		}
	}
	return errors.New("no piece of RU contains Simferopol")
}
