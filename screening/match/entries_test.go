package match

import (
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// cslPath is the partial official Consolidated Screening List CSV used
// until the embedded snapshot is available.
const cslPath = "/work/shared/data/csl/consolidated-2023-11-partial.csv"

var (
	cslOnce    sync.Once
	cslEntries []*lists.Entry
	cslErr     error
	sourceRe   = regexp.MustCompile(`\(([A-Z-]+)\)`)
)

// testEntries returns list entries built from real CSL rows.
func testEntries(t testing.TB) []*lists.Entry {
	t.Helper()
	cslOnce.Do(func() { cslEntries, cslErr = readCSL(cslPath) })
	if cslErr != nil {
		t.Skipf("list data: %v", cslErr)
	}
	return cslEntries
}

func readCSL(path string) ([]*lists.Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	get := func(row []string, k string) string { return strings.TrimSpace(row[col[k]]) }
	seen := map[string]bool{}
	var out []*lists.Entry
	for _, row := range rows[1:] {
		src := get(row, "source")
		code := src
		if m := sourceRe.FindStringSubmatch(src); m != nil {
			code = strings.TrimPrefix(m[1], "NS-")
		}
		e := &lists.Entry{Source: lists.Source(code), ID: get(row, "_id"), Name: get(row, "name")}
		if seen[e.Key()] {
			continue
		}
		seen[e.Key()] = true
		switch strings.ToLower(get(row, "type")) {
		case "individual":
			e.Type = lists.TypeIndividual
		case "entity":
			e.Type = lists.TypeEntity
		case "vessel":
			e.Type = lists.TypeVessel
		case "aircraft":
			e.Type = lists.TypeAircraft
		}
		for _, a := range strings.Split(get(row, "alt_names"), ";") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, lists.Alias{Name: a, Kind: lists.AliasAKA})
			}
		}
		for _, a := range strings.Split(get(row, "addresses"), ";") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			parts := strings.Split(a, ",")
			last := strings.TrimSpace(parts[len(parts)-1])
			c, _ := rules.ParseCountry(last)
			e.Addresses = append(e.Addresses, lists.Address{Street: a, CountryText: last, Country: c})
		}
		for _, d := range strings.Split(get(row, "dates_of_birth"), ";") {
			if d = strings.TrimSpace(d); d != "" {
				e.DatesOfBirth = append(e.DatesOfBirth, d)
			}
		}
		for _, id := range strings.Split(get(row, "ids"), ";") {
			p := strings.Split(id, ",")
			if len(p) >= 2 {
				e.IDs = append(e.IDs, lists.Identifier{Type: strings.TrimSpace(p[0]), Value: strings.TrimSpace(p[1])})
			}
		}
		out = append(out, e)
	}
	return out, nil
}
