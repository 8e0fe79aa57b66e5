package verify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

type geoJSONDoc struct {
	Type     string            `json:"type"`
	Features []json.RawMessage `json:"features"`
}

type geoJSONFeature struct {
	Type       string `json:"type"`
	Properties struct {
		Code        string   `json:"code"`
		ISO31662    string   `json:"iso_3166_2"`
		Codes       []string `json:"codes"`
		Name        string   `json:"name"`
		Superset    bool     `json:"superset"`
		ToleranceKM *float64 `json:"tolerance_km"`
		Source      string   `json:"source"`
	} `json:"properties"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// ParseRegions reads a GeoJSON FeatureCollection (or a single Feature) of
// regions. Each feature names its ISO 3166-1 or 3166-2 code in the
// property "code", "iso_3166_2" or "codes" (a list: one polygon standing
// for several codes), and may set "name", "source", "tolerance_km" (how
// far the polygon may be from the true boundary; default 0) and
// "superset" (the polygon only covers the region: never "inside").
// Geometries are Polygon or MultiPolygon with [lon, lat] positions. source
// names the input in errors.
func ParseRegions(r io.Reader, source string) ([]*Region, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &GeoJSONError{Source: source, Feature: -1, Err: err}
	}
	var doc geoJSONDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &GeoJSONError{Source: source, Feature: -1, Err: withLine(data, err)}
	}
	var feats []json.RawMessage
	switch doc.Type {
	case "FeatureCollection":
		feats = doc.Features
	case "Feature":
		feats = []json.RawMessage{data}
	default:
		return nil, &GeoJSONError{Source: source, Feature: -1, Field: "type", Err: fmt.Errorf("%q: want FeatureCollection or Feature", doc.Type)}
	}
	var out []*Region
	seen := map[string]int{}
	for i, raw := range feats {
		var f geoJSONFeature
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, &GeoJSONError{Source: source, Feature: i, Err: err}
		}
		if f.Type != "Feature" {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "type", Err: fmt.Errorf("%q: want Feature", f.Type)}
		}
		p := f.Properties
		codes, err := f.codes(source, i, seen)
		if err != nil {
			return nil, err
		}
		tol := 0.0
		if p.ToleranceKM != nil {
			tol = *p.ToleranceKM
		}
		polys, err := f.polygons(source, i)
		if err != nil {
			return nil, err
		}
		src := p.Source
		if src == "" {
			src = source
		}
		for _, c := range codes {
			reg, err := NewRegion(c, p.Name, polys, tol, p.Superset, src)
			if err != nil {
				return nil, &GeoJSONError{Source: source, Feature: i, Err: err}
			}
			out = append(out, reg)
		}
	}
	if len(out) == 0 {
		return nil, &GeoJSONError{Source: source, Feature: -1, Field: "features", Err: errors.New("no region")}
	}
	return out, nil
}

// codes returns the codes feature i stands for, checking each is valid and
// not defined by an earlier feature (seen).
func (f *geoJSONFeature) codes(source string, i int, seen map[string]int) ([]string, error) {
	p := f.Properties
	codes := p.Codes
	for _, c := range []string{p.Code, p.ISO31662} {
		if c != "" {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, &GeoJSONError{Source: source, Feature: i, Field: "properties", Err: errors.New(`no "code", "iso_3166_2" or "codes"`)}
	}
	for _, c := range codes {
		if !validCode(c) {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "properties.code", Err: fmt.Errorf("%q: not an ISO 3166-1 alpha-2 or ISO 3166-2 code", c)}
		}
		if j, dup := seen[c]; dup {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "properties.code", Err: fmt.Errorf("%q already defined by features[%d]", c, j)}
		}
		seen[c] = i
	}
	return codes, nil
}

// polygons returns the rings of feature i's Polygon or MultiPolygon.
func (f *geoJSONFeature) polygons(source string, i int) ([][][][2]float64, error) {
	if f.Geometry == nil {
		return nil, &GeoJSONError{Source: source, Feature: i, Field: "geometry", Err: errors.New("missing")}
	}
	var polys [][][][2]float64
	switch f.Geometry.Type {
	case "Polygon":
		var p [][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "geometry.coordinates", Err: err}
		}
		rings, err := positions(p)
		if err != nil {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "geometry.coordinates" + err.field, Err: err.err}
		}
		polys = [][][][2]float64{rings}
	case "MultiPolygon":
		var mp [][][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &mp); err != nil {
			return nil, &GeoJSONError{Source: source, Feature: i, Field: "geometry.coordinates", Err: err}
		}
		for k, p := range mp {
			rings, err := positions(p)
			if err != nil {
				return nil, &GeoJSONError{Source: source, Feature: i, Field: fmt.Sprintf("geometry.coordinates[%d]%s", k, err.field), Err: err.err}
			}
			polys = append(polys, rings)
		}
	default:
		return nil, &GeoJSONError{Source: source, Feature: i, Field: "geometry.type", Err: fmt.Errorf("%q: want Polygon or MultiPolygon", f.Geometry.Type)}
	}
	return polys, nil
}

type posError struct {
	field string
	err   error
}

func positions(p [][][]float64) ([][][2]float64, *posError) {
	rings := make([][][2]float64, len(p))
	for r, ring := range p {
		rings[r] = make([][2]float64, len(ring))
		for v, pos := range ring {
			if len(pos) < 2 {
				return nil, &posError{fmt.Sprintf("[%d][%d]", r, v), fmt.Errorf("position %v: want [lon, lat]", pos)}
			}
			rings[r][v] = [2]float64{pos[0], pos[1]}
		}
	}
	return rings, nil
}

// withLine adds the line number to a JSON syntax or type error.
func withLine(data []byte, err error) error {
	var off int64
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	default:
		return err
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return fmt.Errorf("line %d: %w", line, err)
}
