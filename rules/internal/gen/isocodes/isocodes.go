// Package isocodes reads the iso-codes JSON files (testdata/iso3166,
// LGPL-2.1-or-later) and writes generated Go files, for the generators
// under rules/internal/gen. On any error it stops the program: the
// generators run only under go generate.
package isocodes

import (
	"encoding/json"
	"go/format"
	"log"
	"os"
	"path/filepath"
)

// A Country is an ISO 3166-1 entry of iso_3166-1.json.
type Country struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Numeric      string `json:"numeric"`
	Name         string `json:"name"`
	OfficialName string `json:"official_name"`
	CommonName   string `json:"common_name"`
}

// A Subdivision is an ISO 3166-2 entry of iso_3166-2.json.
type Subdivision struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Parent string `json:"parent"`
}

// Countries returns the ISO 3166-1 countries in dir, in file order.
func Countries(dir string) []Country {
	var f struct {
		C []Country `json:"3166-1"`
	}
	ReadJSON(filepath.Join(dir, "iso_3166-1.json"), &f)
	return f.C
}

// Subdivisions returns the ISO 3166-2 subdivisions in dir, in file order.
func Subdivisions(dir string) []Subdivision {
	var f struct {
		S []Subdivision `json:"3166-2"`
	}
	ReadJSON(filepath.Join(dir, "iso_3166-2.json"), &f)
	return f.S
}

// ReadJSON decodes the JSON file at path into v.
func ReadJSON(path string, v any) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

// WriteGo formats the Go source src and writes it to path.
func WriteGo(path string, src []byte) {
	out, err := format.Source(src)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		log.Fatal(err)
	}
}
