package main

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/golang/geo/s2"
)

// crimeaGeoJSON is a copy of testdata/boundaries/crimea-ne10m.geojson (see
// testdata/boundaries/PROVENANCE.md): the piece of Natural Earth 4.1.0's
// admin-0 1:10m Russia polygon that holds the Crimean peninsula, standing
// as a superset for UA-43 (Crimea) and UA-40 (Sevastopol). A test keeps the
// copy identical to the original.
//
//go:embed regions/crimea-ne10m.geojson
var crimeaGeoJSON []byte

// enclosedBy maps the sanctioned regions the repository has no polygon of
// their own for to the embedded country whose Natural Earth polygon holds
// them whole: the Donetsk (UA-14) and Luhansk (UA-09) oblasts lie inside
// Natural Earth 4.1.0's Ukraine. That country's polygon stands for them as a
// superset: when it is excluded, so are they (sound, with the country's 5 km
// tolerance); it never makes them "inside", and a device anywhere in Ukraine
// leaves them possible (fail closed) until their own polygons are given
// with -regions.
var enclosedBy = map[string]string{"UA-14": "UA", "UA-09": "UA"}

// defaultRegions returns the region polygons used when -regions does not
// replace them: Crimea and Sevastopol from the embedded GeoJSON, and the
// enclosing-country supersets of enclosedBy.
func defaultRegions() ([]*verify.Region, error) {
	regs, err := verify.ParseRegions(bytes.NewReader(crimeaGeoJSON), "regions/crimea-ne10m.geojson")
	if err != nil {
		return nil, err
	}
	for _, code := range []string{"UA-14", "UA-09"} {
		r, err := enclosingSuperset(code, enclosedBy[code])
		if err != nil {
			return nil, err
		}
		regs = append(regs, r)
	}
	return regs, nil
}

// enclosingSuperset builds a superset region for code from the embedded
// polygon of the country that encloses it.
func enclosingSuperset(code, country string) (*verify.Region, error) {
	c, ok := verify.Country(country)
	if !ok {
		return nil, fmt.Errorf("region %s: no embedded boundary for %s", code, country)
	}
	var polys [][][][2]float64
	for _, p := range c.Polygons() {
		var rings [][][2]float64
		for _, l := range p.Loops() {
			ring := make([][2]float64, 0, l.NumVertices())
			for _, v := range l.Vertices() {
				ll := s2.LatLngFromPoint(v)
				ring = append(ring, [2]float64{ll.Lng.Degrees(), ll.Lat.Degrees()})
			}
			rings = append(rings, ring)
		}
		polys = append(polys, rings)
	}
	return verify.NewRegion(code, fmt.Sprintf("%s (superset: the whole of %s)", code, c.Name()), polys, c.ToleranceKM(), true,
		fmt.Sprintf("%s, standing for %s, which it encloses", c.Source(), code))
}
