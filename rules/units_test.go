package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProcessingUnits: the 3A090 Technical Note aggregates TPP "over all
// processing units on the integrated circuit". An IC with an NPU of 400 dense
// 8-bit TOPS and a GPU of 200 dense 8-bit TOPS has TPP 3200 + 1600 = 4800,
// which meets 3A090.a; counted per unit (the highest alone, 3200) it would be
// outside 3A090 as a consumer part under Note 2.
func TestProcessingUnits(t *testing.T) {
	consumer := refOf(false)
	npuGPU := &ChipSpec{Datacenter: consumer, DieAreaMM2: 900, ProcessingUnits: []ProcessingUnit{
		{Name: "NPU", Throughputs: []Throughput{{400, 8, false}, {200, 16, false}}},
		{Name: "GPU", Throughputs: []Throughput{{200, 8, false}, {50, 32, false}}},
	}}
	justBelow := &ChipSpec{Datacenter: consumer, DieAreaMM2: 900, ProcessingUnits: []ProcessingUnit{
		{Name: "NPU", Throughputs: []Throughput{{400, 8, false}}},
		{Name: "GPU", Throughputs: []Throughput{{199.9, 8, false}}},
	}}
	sparseUnit := &ChipSpec{Datacenter: consumer, DieAreaMM2: 900, ProcessingUnits: []ProcessingUnit{
		{Name: "NPU", Throughputs: []Throughput{{800, 8, true}}},
		{Name: "GPU", Throughputs: []Throughput{{200, 8, false}}},
	}}
	tests := []struct {
		name string
		chip *ChipSpec
		eccn string
		tpp  float64
		note string
	}{
		{"NPU 400 + GPU 200 TOPS at 8 bits", npuGPU, "3A090.a", 4800, "TPP aggregated over 2 processing units (NPU 3200 + GPU 1600) = 4800, 3A090 Technical Note"},
		{"the same with the GPU at 199.9 TOPS", justBelow, "", 4799.2, "Note 2 to 3A090: not designed or marketed for datacenters and TPP 4799.2 < 4800, so outside 3A090"},
		{"a sparse unit is halved before summing", sparseUnit, "3A090.a", 4800, "TPP aggregated over 2 processing units (NPU 3200 + GPU 1600) = 4800, 3A090 Technical Note"},
		{"one unit as Throughputs, as before", &ChipSpec{Datacenter: consumer, DieAreaMM2: 900, Throughputs: []Throughput{{400, 8, false}, {200, 8, false}}}, "", 3200, "Note 2 to 3A090: not designed or marketed for datacenters and TPP 3200 < 4800, so outside 3A090"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ClassifyItem(Item{Chip: tt.chip})
			if err != nil {
				t.Fatal(err)
			}
			if c.ECCN.String() != tt.eccn || c.TPP != tt.tpp {
				t.Errorf("ECCN %q TPP %v, want %q %v (notes %q)", c.ECCN, c.TPP, tt.eccn, tt.tpp, c.Notes)
			}
			if !strings.Contains(strings.Join(c.Notes, "\n"), tt.note) {
				t.Errorf("notes %q lack %q", c.Notes, tt.note)
			}
		})
	}
	// The determination follows: to China the aggregated part needs a
	// license (NAC available: a consumer 3A090.a part).
	d, err := DetermineLicense(nil, nil, LicenseQuery{Item: Item{Chip: npuGPU}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2026-07-01")})
	if err != nil || d.License != LicenseRequired || d.ReviewPolicy != ReviewCaseByCase {
		t.Errorf("NPU+GPU to China: %v %v %v", d.License, d.ReviewPolicy, err)
	}
}

func TestProcessingUnitErrors(t *testing.T) {
	tests := []struct {
		name string
		chip *ChipSpec
		want *ItemError
	}{
		{"both forms", &ChipSpec{Throughputs: []Throughput{{1, 8, false}}, ProcessingUnits: []ProcessingUnit{{Throughputs: []Throughput{{1, 8, false}}}}},
			&ItemError{Field: "Chip.ProcessingUnits", Msg: "give either Throughputs (one processing unit) or ProcessingUnits, not both"}},
		{"unit without figures", &ChipSpec{ProcessingUnits: []ProcessingUnit{{Name: "NPU"}}},
			&ItemError{Field: "Chip.ProcessingUnits[0].Throughputs", Msg: "a processing unit needs at least one throughput figure"}},
		{"bad bit length", &ChipSpec{ProcessingUnits: []ProcessingUnit{{Throughputs: []Throughput{{1, 8, false}}}, {Throughputs: []Throughput{{1, 0, false}}}}},
			&ItemError{Field: "Chip.ProcessingUnits[1].Throughputs[0].BitLength", Value: "0", Msg: "want a bit length from 1 to 256"}},
		{"negative TOPS", &ChipSpec{ProcessingUnits: []ProcessingUnit{{Throughputs: []Throughput{{-1, 8, false}}}}},
			&ItemError{Field: "Chip.ProcessingUnits[0].Throughputs[0].TOPS", Value: "-1", Msg: "must not be negative"}},
	}
	for _, tt := range tests {
		_, err := ClassifyItem(Item{Chip: tt.chip})
		ie, _ := err.(*ItemError)
		if diff := cmp.Diff(tt.want, ie); diff != "" {
			t.Errorf("%s: error (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestHTSCode: the HTS code decides 746.8(a) for EAR99 items to Russia and
// Belarus when the rule data lists codes; a malformed code is an item error.
func TestHTSCode(t *testing.T) {
	data := edit(t, `"hts_prefixes": []`, `"hts_prefixes": ["9401"]`)
	r, err := ParseItemRules("listed.json", data)
	if err != nil {
		t.Fatal(err)
	}
	chairs := Item{ECCN: MustParseECCN("EAR99"), HTSCode: "9401.31.0000"}
	d, err := DetermineLicense(r, nil, LicenseQuery{Item: chairs, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay("2026-07-01")})
	if err != nil || d.License != LicenseRequired || d.ReviewPolicy != ReviewDenial {
		t.Fatalf("listed HTS code: %v %v %v", d.License, d.ReviewPolicy, err)
	}
	want := "license required: Russia and Belarus: license for EAR99 items listed by HTS code (Supps. No. 2, 4, 5 and 6 to Part 746) and luxury goods (746.10): HTS code 9401.31.0000 is listed (as 9401); destination RU (15 CFR 746.8(a); 15 CFR 746.10; Supps. No. 2, 4, 5 and 6 to Part 746)"
	if len(d.Reasons) != 1 || d.Reasons[0] != want {
		t.Errorf("reasons %q", d.Reasons)
	}
	// Not listed, lists incomplete: unresolved, naming the fact.
	d, _ = DetermineLicense(r, nil, LicenseQuery{Item: Item{ECCN: MustParseECCN("EAR99"), HTSCode: "8471.50"}, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay("2026-07-01")})
	if d.License != LicenseUnresolved || !cmp.Equal(d.Needs, []string{"whether HTS code 8471.50 is listed in 15 CFR 746.8(a); 15 CFR 746.10; Supps. No. 2, 4, 5 and 6 to Part 746"}) {
		t.Errorf("unlisted code: %v needs %q", d.License, d.Needs)
	}
	// Complete lists: a code not on them clears the rule.
	r2, err := ParseItemRules("complete.json", edit(t, `"hts_prefixes": [],
      "hts_lists_complete": false`, `"hts_prefixes": ["9401"],
      "hts_lists_complete": true`))
	if err != nil {
		t.Fatal(err)
	}
	d, _ = DetermineLicense(r2, nil, LicenseQuery{Item: Item{ECCN: MustParseECCN("EAR99"), HTSCode: "8471.50"}, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay("2026-07-01")})
	if d.License != LicenseNotRequired {
		t.Errorf("complete lists, unlisted code: %v %q", d.License, d.Unresolved)
	}
	for _, bad := range []string{"84A1.50", "8471", "84715000001"} {
		_, err := DetermineLicense(nil, nil, LicenseQuery{Item: Item{ID: "x", ECCN: MustParseECCN("EAR99"), HTSCode: bad}, Destination: to("RU"), Date: mustDay("2026-07-01")})
		want := &ItemError{Item: "x", Field: "HTSCode", Value: bad, Msg: "want 6 to 10 digits, optionally with dots (8471.50.0150)"}
		ie, _ := err.(*ItemError)
		if diff := cmp.Diff(want, ie); diff != "" {
			t.Errorf("HTS %q: (-want +got)\n%s", bad, diff)
		}
	}
}

// TestLicenseAnswer pins the three answers' names and that the zero value
// is unresolved (fail closed).
func TestLicenseAnswer(t *testing.T) {
	var zero Determination
	if zero.License != LicenseUnresolved {
		t.Errorf("zero Determination reads %v", zero.License)
	}
	for a, s := range map[LicenseAnswer]string{LicenseRequired: "required", LicenseNotRequired: "not_required", LicenseUnresolved: "unresolved"} {
		b, _ := a.MarshalText()
		var back LicenseAnswer
		if string(b) != s || a.String() != s || back.UnmarshalText(b) != nil || back != a {
			t.Errorf("%d: %q %q %v", a, b, a.String(), back)
		}
	}
	if a, err := ParseLicenseAnswer("Not-Required"); err != nil || a != LicenseNotRequired {
		t.Errorf("ParseLicenseAnswer(Not-Required) = %v, %v", a, err)
	}
	if _, err := ParseLicenseAnswer("maybe"); err == nil || err.Error() != `invalid license answer code "maybe": want required, not_required or unresolved` {
		t.Errorf("ParseLicenseAnswer(maybe) error %v", err)
	}
	d, _ := DetermineLicense(nil, nil, LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), Date: mustDay("2026-07-01")})
	if d.License != LicenseUnresolved || !cmp.Equal(d.Needs, []string{"the headquarters country of each party and of its ultimate parent"}) {
		t.Errorf("A100 to DE without headquarters: %v needs %q", d.License, d.Needs)
	}
	d, _ = DetermineLicense(nil, nil, LicenseQuery{Item: Item{Chip: &h20}, Destination: to("BY"), PartyHQ: cc("BY"), Date: mustDay("2026-07-01")})
	if d.License != LicenseUnresolved || !cmp.Equal(d.Needs, []string{"the item's ECCN (or EAR99)"}) {
		t.Errorf("unclassified H20 to BY: %v needs %q", d.License, d.Needs)
	}
}
