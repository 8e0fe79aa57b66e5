package screening

import (
	"context"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/google/go-cmp/cmp"
)

// licenseQueries are queries across the rules' branches: a chip outside
// every rule's area, D:5 and Macau destinations and headquarters, an
// embargoed destination, a region, an end use, a GP10 model, a declared
// ECCN, an HTS code, a memory stack, a date before the China lane, and a
// negative zero, which a finding writes as "-0".
func licenseQueries() []rules.LicenseQuery {
	c := rules.MustParseCountry
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	chip := func(tpp, die float64, dc *bool) rules.Item {
		return rules.Item{Chip: &rules.ChipSpec{TPP: tpp, DieAreaMM2: die, Datacenter: dc}}
	}
	d := func(code string) rules.Destination { return rules.Destination{Country: c(code)} }
	on := day("2026-11-28")
	return []rules.LicenseQuery{
		{Item: chip(4992, 826, yes()), Destination: d("DE"), PartyHQ: []rules.Country{c("DE")}, Date: on},
		{Item: chip(4992, 826, yes()), Destination: d("CN"), PartyHQ: []rules.Country{c("CN")}, Date: on},
		{Item: chip(4992, 826, no()), Destination: d("MO"), Date: on},
		{Item: chip(4992, 826, nil), Destination: d("MY"), PartyHQ: []rules.Country{c("CN"), c("MY")}, Date: on},
		{Item: chip(4992, 826, yes()), Destination: d("IR"), PartyHQ: []rules.Country{c("IR")}, Date: on},
		{Item: chip(2400, 600, yes()), Destination: rules.Destination{Country: c("UA"), Region: rules.MustParseRegion("UA-43")}, Date: on},
		{Item: chip(4992, 826, yes()), Destination: d("IN"), PartyHQ: []rules.Country{c("IN")}, OnBehalfOfHQ: []rules.Country{c("CN")},
			EndUse: rules.EndUseAITraining, Date: on},
		{Item: rules.Item{ECCN: rules.MustParseECCN("3A090.a"), Chip: &rules.ChipSpec{TPP: 5000, Model: "Huawei Ascend 910C"}},
			Destination: d("DE"), PartyHQ: []rules.Country{c("DE")}, Date: on},
		{Item: rules.Item{ECCN: rules.MustParseECCN("3A001"), HTSCode: "8542.31"}, Destination: d("RU"), Date: on},
		{Item: rules.Item{Chip: &rules.ChipSpec{HBMDensity: 3.5}}, Destination: d("CN"), PartyHQ: []rules.Country{c("CN")}, Date: on},
		{Item: chip(4992, 826, yes()), Destination: d("CN"), PartyHQ: []rules.Country{c("CN")}, Date: day("2025-06-01")},
		{Item: chip(math.Copysign(0, -1), 826, yes()), Destination: d("DE"), Date: on},
		{Item: chip(0, 826, yes()), Destination: d("DE"), Date: on},
	}
}

// TestLicenseCacheAnswers checks that a cached answer is the answer the
// rules give, on the first ask and on the second, from the cache.
func TestLicenseCacheAnswers(t *testing.T) {
	ir, p := rules.DefaultItemRules(), rules.Default()
	c := &licenseCache{}
	answered := int32(0)
	for i, q := range licenseQueries() {
		want, wantErr := newLicenseAnswer(ir, p, q)
		if wantErr == nil {
			answered++
		}
		for ask := range 2 {
			got, err := c.determine(ir, p, q)
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("query %d, ask %d: error %v, want %v", i, ask, err, wantErr)
			}
			if err != nil {
				continue
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(licenseAnswer{}, rules.ECCN{}, rules.Country{}, rules.Region{})); diff != "" {
				t.Errorf("query %d, ask %d (-want +got):\n%s", i, ask, diff)
			}
		}
	}
	if n := int32(c.size()); n != answered || answered < 10 {
		t.Errorf("%d answers kept, want %d (one a query answered; -0 and 0 apart)", n, answered)
	}
}

// TestLicenseCacheKeys checks which queries are not cached: dates outside
// UTC, throughput lists, and more headquarters than a key holds.
func TestLicenseCacheKeys(t *testing.T) {
	q := licenseQueries()[0]
	if _, ok := keyOf(&q); !ok {
		t.Fatal("a single-valued chip is not cached")
	}
	local := q
	local.Date = time.Date(2026, 11, 28, 0, 0, 0, 0, time.FixedZone("UTC+9", 9*3600))
	tl := q
	tl.Item = rules.Item{Chip: &rules.ChipSpec{Throughputs: []rules.Throughput{{TOPS: 1979, BitLength: 8}}}}
	many := q
	many.PartyHQ = []rules.Country{rules.MustParseCountry("DE"), rules.MustParseCountry("FR"), rules.MustParseCountry("IT"),
		rules.MustParseCountry("ES"), rules.MustParseCountry("NL")}
	for name, q := range map[string]rules.LicenseQuery{"non-UTC date": local, "throughputs": tl, "five headquarters": many} {
		if _, ok := keyOf(&q); ok {
			t.Errorf("%s: cached", name)
		}
	}
	a, _ := keyOf(&q)
	other := q
	other.PartyHQ = []rules.Country{rules.MustParseCountry("DE"), rules.MustParseCountry("CN")}
	if b, _ := keyOf(&other); a == b {
		t.Error("a second headquarters country gives the same key")
	}
}

// TestLicenseCacheDecisionsOwnTheirSlices screens one unresolved item
// twice and changes the first decision's item record and evidence: the
// second, made from the cached answer, must not change.
func TestLicenseCacheDecisionsOwnTheirSlices(t *testing.T) {
	s := embedded(t)
	req := Request{ID: "own", Destination: "DE", Parties: []Party{{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE"}},
		Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}}
	ctx := context.Background()
	d1, err := s.Screen(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := s.Screen(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	r1, r2 := d1.Items[0], d2.Items[0]
	if r1.License != "unresolved" || len(r1.ResolveWith) == 0 || len(r1.Steps) == 0 || len(r1.Citations) == 0 {
		t.Fatalf("want an unresolved item with steps and citations, got %+v", r1)
	}
	want := d2.Items[0]
	want.Steps, want.Citations, want.ResolveWith = append([]string(nil), r2.Steps...), append([]string(nil), r2.Citations...), append([]string(nil), r2.ResolveWith...)
	r1.Steps[0], r1.Citations[0], r1.ResolveWith[0] = "changed", "changed", "changed"
	for _, r := range d1.Reasons {
		if needs, ok := r.Evidence["needs"].([]string); ok {
			needs[0] = "changed"
		}
	}
	if diff := cmp.Diff(want, d2.Items[0]); diff != "" {
		t.Errorf("the second decision changed with the first (-want +got):\n%s", diff)
	}
	for _, r := range d2.Reasons {
		if needs, ok := r.Evidence["needs"].([]string); ok && needs[0] == "changed" {
			t.Error("the second decision's needs changed with the first's")
		}
	}
}

// TestLicenseKeyCoversQuery fails when rules.LicenseQuery, rules.Item or
// rules.ChipSpec gains a field keyOf does not know about: a field the rules
// read but the key does not hold would hand one query another's answer.
// Each field is in the key, or makes the query uncached, or is not read
// by the determination (with the reason).
func TestLicenseKeyCoversQuery(t *testing.T) {
	known := map[string]string{
		"LicenseQuery.Item": "key (by its fields)", "LicenseQuery.Destination": "key", "LicenseQuery.PartyHQ": "key (up to maxKeyHQ)",
		"LicenseQuery.OnBehalfOfHQ": "key (up to maxKeyHQ)", "LicenseQuery.EndUse": "key", "LicenseQuery.Date": "key (UTC only)",
		"LicenseQuery.ExportFrom": "key",
		"Item.ID":                 "names the item in errors, which are not cached; the record takes the request's ID",
		"Item.Description":        "not read by the rules", "Item.ECCN": "key", "Item.Chip": "key (by its fields)",
		"Item.Computer": "key", "Item.HTSCode": "key",
		"ChipSpec.TPP": "key", "ChipSpec.Throughputs": "uncached", "ChipSpec.ProcessingUnits": "uncached",
		"ChipSpec.DieAreaMM2": "key", "ChipSpec.Datacenter": "key", "ChipSpec.HBMBandwidthGBps": "key",
		"ChipSpec.HBMPackageAreaMM2": "key", "ChipSpec.HBMDensity": "key", "ChipSpec.DRAMBandwidthGBps": "key",
		"ChipSpec.DesignerCountry": "key", "ChipSpec.Model": "key",
	}
	for _, v := range []any{rules.LicenseQuery{}, rules.Item{}, rules.ChipSpec{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			name := typ.Name() + "." + typ.Field(i).Name
			if _, ok := known[name]; !ok {
				t.Errorf("%s is new: put it in licenseKey (or make such queries uncached) and list it here", name)
			}
		}
	}
	q := licenseQueries()[0]
	a, _ := keyOf(&q)
	desc := q
	desc.Item.ID, desc.Item.Description = "other", "another item"
	if b, _ := keyOf(&desc); a != b {
		t.Error("an item's ID or description changes the key")
	}
	model := q
	chip := *q.Item.Chip
	chip.Model = "Huawei Ascend 910C"
	model.Item.Chip = &chip
	if b, _ := keyOf(&model); a == b {
		t.Error("a chip's model does not change the key")
	}
}
