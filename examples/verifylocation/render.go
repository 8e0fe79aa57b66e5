package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/golang/geo/r1"
	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
)

// cellRing returns a cell's boundary as [lon, lat] pairs, each geodesic
// edge densified so that it draws correctly in longitude/latitude, with
// longitudes kept continuous across the antimeridian (they may leave
// [-180, 180]).
func cellRing(id s2.CellID) [][2]float64 {
	c := s2.CellFromCellID(id)
	n := 2
	if lvl := id.Level(); lvl < 8 {
		n = 2 << (8 - lvl)
	}
	var ring [][2]float64
	for k := range 4 {
		a, b := c.Vertex(k), c.Vertex((k+1)%4)
		for i := range n {
			ring = append(ring, lonLat(s2.Interpolate(float64(i)/float64(n), a, b)))
		}
	}
	ring = append(ring, ring[0])
	return continuous(ring)
}

// discRing returns the boundary of a spherical cap as [lon, lat] pairs.
func discRing(lat, lon, radiusKM float64, n int) [][2]float64 {
	center := s2.LatLngFromDegrees(lat, lon)
	d := math.Min(radiusKM/verify.EarthRadiusKM, math.Pi)
	lat1, lon1 := center.Lat.Radians(), center.Lng.Radians()
	ring := make([][2]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		brg := 2 * math.Pi * float64(i) / float64(n)
		lat2 := math.Asin(math.Sin(lat1)*math.Cos(d) + math.Cos(lat1)*math.Sin(d)*math.Cos(brg))
		lon2 := lon1 + math.Atan2(math.Sin(brg)*math.Sin(d)*math.Cos(lat1), math.Cos(d)-math.Sin(lat1)*math.Sin(lat2))
		ll := s2.LatLng{Lat: s1.Angle(lat2), Lng: s1.Angle(lon2)}.Normalized()
		ring = append(ring, [2]float64{round6(ll.Lng.Degrees()), round6(ll.Lat.Degrees())})
	}
	return ring
}

func lonLat(p s2.Point) [2]float64 {
	ll := s2.LatLngFromPoint(p)
	return [2]float64{round6(ll.Lng.Degrees()), round6(ll.Lat.Degrees())}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// continuous shifts longitudes by 360° where consecutive points jump by
// more than 180°.
func continuous(ring [][2]float64) [][2]float64 {
	for i := 1; i < len(ring); i++ {
		for ring[i][0]-ring[i-1][0] > 180 {
			ring[i][0] -= 360
		}
		for ring[i][0]-ring[i-1][0] < -180 {
			ring[i][0] += 360
		}
	}
	return ring
}

type feature struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
	Geometry   map[string]any `json:"geometry"`
}

// writeGeoJSON writes the feasible region (one MultiPolygon of s2 cells,
// a superset of the region), each used disc and each landmark.
func writeGeoJSON(w io.Writer, res verify.Result) error {
	var feats []feature
	var polys [][][][2]float64
	for _, id := range res.FeasibleCells() {
		polys = append(polys, [][][2]float64{cellRing(id)})
	}
	feats = append(feats, feature{"Feature",
		map[string]any{"kind": "feasible_region", "verdict": res.Verdict, "area_km2_upper_bound": res.FeasibleAreaKM2, "cells": len(polys)},
		map[string]any{"type": "MultiPolygon", "coordinates": polys}})
	for _, d := range res.Discs {
		feats = append(feats, feature{"Feature",
			map[string]any{"kind": "disc", "landmark": d.Landmark.ID, "radius_km": d.RadiusKM, "min_rtt_ms": d.MinRTTms, "signed": d.Signed, "used": d.Used},
			map[string]any{"type": "Polygon", "coordinates": [][][2]float64{continuous(discRing(d.Landmark.Lat, d.Landmark.Lon, d.RadiusKM, 128))}}})
		feats = append(feats, feature{"Feature",
			map[string]any{"kind": "landmark", "landmark": d.Landmark.ID, "provenance": d.Landmark.Provenance, "uncertainty_km": d.Landmark.UncertaintyKM},
			map[string]any{"type": "Point", "coordinates": [2]float64{d.Landmark.Lon, d.Landmark.Lat}}})
	}
	enc := json.NewEncoder(w)
	return enc.Encode(map[string]any{"type": "FeatureCollection", "features": feats})
}

// view is an equirectangular window centred on a longitude.
type view struct {
	lon0          float64 // central longitude
	minX, maxX    float64 // longitudes relative to lon0
	minY, maxY    float64 // latitudes
	width, height float64
	scale         float64
}

func (v view) xy(lon, lat float64) (float64, float64) {
	x := lon - v.lon0
	for x > 180 {
		x -= 360
	}
	for x < -180 {
		x += 360
	}
	return (x - v.minX) * v.scale, (v.maxY - lat) * v.scale
}

// newView frames the feasible region, or the used discs if there is
// none, with a margin.
func newView(res verify.Result) view {
	var pts [][2]float64
	for _, id := range res.FeasibleCells() {
		pts = append(pts, cellRing(id)...)
	}
	if len(pts) == 0 {
		for _, d := range res.Discs {
			pts = append(pts, discRing(d.Landmark.Lat, d.Landmark.Lon, math.Min(d.RadiusKM, 3000), 64)...)
		}
	} else if cells := res.FeasibleCells(); len(cells) > 0 {
		// Also frame the landmarks within 2,000 km of the feasible region,
		// so that the discs that shape it can be seen.
		var sum s2.Point
		for _, id := range cells {
			sum = s2.Point{Vector: sum.Add(id.Point().Vector)}
		}
		center := s2.Point{Vector: sum.Normalize()}
		for _, d := range res.Discs {
			p := s2.PointFromLatLng(s2.LatLngFromDegrees(d.Landmark.Lat, d.Landmark.Lon))
			if p.Distance(center).Radians()*verify.EarthRadiusKM < 2000 {
				pts = append(pts, [2]float64{d.Landmark.Lon, d.Landmark.Lat})
			}
		}
	}
	v := view{width: 1000}
	if len(pts) == 0 {
		v.minX, v.maxX, v.minY, v.maxY = -180, 180, -90, 90
	} else {
		// Central longitude: the circular mean of the points.
		var sx, sy float64
		for _, p := range pts {
			sx += math.Cos(p[0] * math.Pi / 180)
			sy += math.Sin(p[0] * math.Pi / 180)
		}
		v.lon0 = math.Atan2(sy, sx) * 180 / math.Pi
		v.minX, v.maxX, v.minY, v.maxY = 180, -180, 90, -90
		for _, p := range pts {
			x, _ := view{lon0: v.lon0}.rel(p[0])
			v.minX, v.maxX = math.Min(v.minX, x), math.Max(v.maxX, x)
			v.minY, v.maxY = math.Min(v.minY, p[1]), math.Max(v.maxY, p[1])
		}
		pad := math.Max(math.Max(v.maxX-v.minX, v.maxY-v.minY)*0.3, 2)
		v.minX, v.maxX = math.Max(v.minX-pad, -180), math.Min(v.maxX+pad, 180)
		v.minY, v.maxY = math.Max(v.minY-pad, -90), math.Min(v.maxY+pad, 90)
	}
	v.scale = v.width / (v.maxX - v.minX)
	v.height = (v.maxY - v.minY) * v.scale
	return v
}

func (v view) rel(lon float64) (float64, bool) {
	x := lon - v.lon0
	for x > 180 {
		x -= 360
	}
	for x < -180 {
		x += 360
	}
	return x, true
}

// path draws a ring as an SVG path, breaking it where it wraps around the
// edge of the map and skipping points closer than half a pixel.
func (v view) path(ring [][2]float64) string {
	var b strings.Builder
	var px, py float64
	var prevX float64
	started := false
	for i, p := range ring {
		rx, _ := v.rel(p[0])
		x, y := v.xy(p[0], p[1])
		switch {
		case !started || math.Abs(rx-prevX) > 180:
			fmt.Fprintf(&b, "M%.1f %.1f", x, y)
			started = true
		case math.Abs(x-px) < 0.5 && math.Abs(y-py) < 0.5 && i != len(ring)-1:
			continue
		default:
			fmt.Fprintf(&b, "L%.1f %.1f", x, y)
		}
		px, py, prevX = x, y, rx
	}
	return b.String()
}

func (v view) rect() s2.Rect {
	wrap := func(deg float64) float64 {
		return math.Remainder(deg, 360) * math.Pi / 180
	}
	return s2.Rect{
		Lat: r1.Interval{Lo: v.minY * math.Pi / 180, Hi: v.maxY * math.Pi / 180},
		Lng: s1.IntervalFromEndpoints(wrap(v.lon0+v.minX), wrap(v.lon0+v.maxX)),
	}
}

// writeSVG draws country outlines (Natural Earth 1:10m), the used discs
// (solid) and ignored ones (dashed), the landmarks, the declared point and
// the feasible region in an equirectangular projection.
func writeSVG(w io.Writer, res verify.Result, site verify.Site) error {
	v := newView(res)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n", v.width, v.height+60, v.width, v.height+60)
	fmt.Fprintf(&b, `<rect width="%.0f" height="%.0f" fill="#eef4fa"/>`+"\n", v.width, v.height)
	fmt.Fprintf(&b, `<g fill="none" stroke="#777" stroke-width="0.6"><!-- %s -->`+"\n", html.EscapeString(verify.BoundarySource()))
	viewRect := viewBound(v)
	for _, ci := range verify.Countries() {
		reg, ok := verify.Country(ci.Code)
		if !ok {
			continue
		}
		for _, poly := range reg.Polygons() {
			if !poly.RectBound().Intersects(viewRect) {
				continue
			}
			for _, l := range poly.Loops() {
				ring := make([][2]float64, 0, l.NumVertices()+1)
				for i := 0; i <= l.NumVertices(); i++ {
					ring = append(ring, lonLat(l.Vertex(i%l.NumVertices())))
				}
				fmt.Fprintf(&b, `<path d="%s"><title>%s %s</title></path>`+"\n", v.path(ring), ci.Code, html.EscapeString(ci.Name))
			}
		}
	}
	b.WriteString("</g>\n")
	fmt.Fprintf(&b, `<g fill="#d62728" fill-opacity="0.45" stroke="#d62728" stroke-width="0.4"><title>feasible region (cell covering, %.0f km² upper bound)</title>`+"\n", res.FeasibleAreaKM2)
	for _, id := range res.FeasibleCells() {
		fmt.Fprintf(&b, `<path d="%sZ"/>`+"\n", v.path(cellRing(id)))
	}
	b.WriteString("</g>\n")
	for _, d := range res.Discs {
		dash := ""
		if !d.Used {
			dash = ` stroke-dasharray="4 3"`
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#1f77b4" stroke-width="1.2"%s><title>%s: min RTT %.2f ms, radius %.1f km</title></path>`+"\n",
			v.path(discRing(d.Landmark.Lat, d.Landmark.Lon, d.RadiusKM, 256)), dash, html.EscapeString(d.Landmark.ID), d.MinRTTms, d.RadiusKM)
		x, y := v.xy(d.Landmark.Lon, d.Landmark.Lat)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="#1f77b4"/><text x="%.1f" y="%.1f" fill="#1f3f6f">%s</text>`+"\n", x, y, x+5, y-5, html.EscapeString(d.Landmark.ID))
	}
	if site.HasPoint {
		x, y := v.xy(site.Lon, site.Lat)
		fmt.Fprintf(&b, `<path d="M%.1f %.1fl5 5m0 -10l-10 10" stroke="#000" stroke-width="2"/><text x="%.1f" y="%.1f">declared</text>`+"\n", x-5, y-5, x+7, y+12)
	}
	fmt.Fprintf(&b, `<text x="8" y="%.0f">verdict: %s — declared %s — feasible area ≤ %.0f km²</text>`+"\n", v.height+20, res.Verdict, html.EscapeString(site.String()), res.FeasibleAreaKM2)
	fmt.Fprintf(&b, `<text x="8" y="%.0f" fill="#555">red: feasible region (s2 cells); blue: landmark discs at %.1f km/ms (dashed: not used); grey: %s</text>`+"\n", v.height+40, res.SpeedKMPerMS, html.EscapeString(verify.BoundarySource()))
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func viewBound(v view) s2.Rect {
	if v.maxX-v.minX >= 359 {
		return s2.FullRect()
	}
	return v.rect()
}
