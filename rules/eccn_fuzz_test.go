package rules

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
)

// eccnRE is a second, independent statement of ParseECCN's grammar.
var eccnRE = regexp.MustCompile(`^([Ee][Aa][Rr]99|[0-9][A-Ea-e][0-9]{3}(\.([a-zA-Z]|[1-9][0-9]?)(\.([a-zA-Z]|[1-9][0-9]?))*)?)$`)

func FuzzParseECCN(f *testing.F) {
	for _, s := range []string{
		"3A090.a", "4A090.a", "5A992.z", "3A001.z", "EAR99", "3a090a", "3A090", "3a090.A",
		"3A001.b.1.a", "4E091", "", "3A090.", "ear99", "EAR99.a", "3A090..a", "9E515.y.99",
		"3A001.a.1.b.2.c.3.d", "5A002.a.1.b.2.c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseECCN(s)
		// Paragraphs longer than 11 bytes are refused even when well formed.
		wantOK := eccnRE.MatchString(s) && (len(s) <= 5 || len(s)-6 <= 11)
		if (err == nil) != wantOK {
			t.Fatalf("ParseECCN(%q) error = %v, regexp says valid = %v", s, err, wantOK)
		}
		if err != nil {
			if e.IsValid() {
				t.Fatalf("ParseECCN(%q) returned a valid ECCN with error %v", s, err)
			}
			return
		}
		str := e.String()
		if !strings.EqualFold(str, s) {
			t.Fatalf("ParseECCN(%q).String() = %q, differs beyond case", s, str)
		}
		e2, err := ParseECCN(str)
		if err != nil || e2 != e || e2.String() != str {
			t.Fatalf("round trip %q -> %q -> %v, %v", s, str, e2, err)
		}
		b, _ := e.MarshalText()
		var e3 ECCN
		if err := e3.UnmarshalText(b); err != nil || e3 != e {
			t.Fatalf("text round trip %q: %v, %v", s, e3, err)
		}
	})
}

func FuzzParseEndUse(f *testing.F) {
	for _, s := range []string{"", "none", "ai_training", "AI-Training", "supercomputer", "military", "sme_development", "advanced_ic", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseEndUse(s)
		if err != nil {
			return
		}
		u2, err := ParseEndUse(u.String())
		if err != nil || u2 != u {
			t.Fatalf("round trip %q -> %q -> %q, %v", s, u, u2, err)
		}
	})
}

func FuzzParseItemRules(f *testing.F) {
	f.Add(defaultItemRulesJSON)
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte(`{"schema":1,"name":"x","as_of":"2026-01-01","horizon":"2023-11-17","rules":[{"id":"r","kind":"embargo","items":["all"],"countries":["CU"],"predates_horizon":true,"citation":"c"}]}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"schema":1,"name":"x","as_of":"2026-01-01","horizon":"2023-11-17","rules":[{"id":"h","kind":"hts_listed","items":["EAR99"],"countries":["RU"],"hts_prefixes":["84.71","9401 31"],"hts_lists_complete":true,"review":"presumption_of_denial","review_citation":"c","predates_horizon":true,"citation":"c"},{"id":"r","kind":"embargo","items":["all"],"regions":["UA-14"],"approximate_regions":["UA-14"],"approximation":"a","predates_horizon":true,"citation":"c"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseItemRules("fuzz.json", b)
		if err == nil && r == nil {
			t.Fatal("nil rules without error")
		}
		if err != nil && r != nil {
			t.Fatal("rules with error")
		}
	})
}

// FuzzClassifyItem feeds arbitrary parameters to ClassifyItem and
// DetermineLicense: they must return a result or a typed error, never panic.
func FuzzClassifyItem(f *testing.F) {
	f.Add(312.0, 16, false, 826.0, uint8(1), 0.0, 0.0, 2039.0, "CN", "3A090.a")
	f.Add(1200.0, 8, true, 0.0, uint8(2), 0.0, 0.0, 0.0, "US", "")
	f.Add(0.0, 0, false, 0.0, uint8(0), 819.0, 110.0, 0.0, "MO", "5A992.z")
	f.Add(-1.0, 300, false, -2.0, uint8(1), 1.0, 0.0, -3.0, "XX", "3a090a")
	f.Fuzz(func(t *testing.T, tops float64, bits int, sparse bool, area float64, dc uint8, hbmBW, hbmArea, dram float64, dest, eccn string) {
		chip := &ChipSpec{DieAreaMM2: area, HBMBandwidthGBps: hbmBW, HBMPackageAreaMM2: hbmArea, DRAMBandwidthGBps: dram}
		if bits != 0 || tops != 0 {
			chip.Throughputs = []Throughput{{tops, bits, sparse}}
		}
		switch dc % 3 {
		case 1:
			chip.Datacenter = refOf(true)
		case 2:
			chip.Datacenter = refOf(false)
		}
		it := Item{Chip: chip}
		if e, err := ParseECCN(eccn); err == nil {
			it.ECCN = e
		}
		c, err := ClassifyItem(it)
		if err != nil {
			var ie *ItemError
			if !errors.As(err, &ie) {
				t.Fatalf("ClassifyItem error %v is not an *ItemError", err)
			}
			return
		}
		if c.Paragraph != c.ECCN.Paragraph() {
			t.Fatalf("paragraph %q for %s", c.Paragraph, c.ECCN)
		}
		country, err := ParseCountry(dest)
		if err != nil {
			return
		}
		d, err := DetermineLicense(nil, nil, LicenseQuery{Item: it, Destination: Destination{Country: country}, PartyHQ: []Country{country}, Date: mustDay("2026-07-01")})
		if err != nil {
			t.Fatalf("DetermineLicense after a successful classification: %v", err)
		}
		if (d.License == LicenseRequired) != (len(d.Reasons) > 0) || (d.License == LicenseUnresolved) != (len(d.Reasons) == 0 && len(d.Unresolved) > 0) ||
			len(d.Unresolved) > 0 && len(d.Needs) == 0 {
			t.Fatalf("License %v with reasons %q, unresolved %q, needs %q", d.License, d.Reasons, d.Unresolved, d.Needs)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("determination does not marshal: %v", err)
		}
	})
}
