package rules

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func refOf[T any](v T) *T { return &v }

func mustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Real parts, from vendors' datasheets as quoted in the domain reference
// (export-controls.md §9) unless noted. Dense figures only.
var (
	// NVIDIA A100 SXM4 80GB: 312 dense FP16 tensor TFLOPS, GA100 die 826 mm²,
	// 2,039 GB/s HBM2e.
	a100 = ChipSpec{Throughputs: []Throughput{{312, 16, false}, {624, 8, false}, {19.5, 64, false}},
		DieAreaMM2: 826, Datacenter: refOf(true), DRAMBandwidthGBps: 2039, DesignerCountry: MustParseCountry("US"), Model: "NVIDIA A100 SXM4 80GB"}
	// NVIDIA H100 SXM: 1,979 dense FP8 tensor TFLOPS, GH100 die 814 mm².
	h100 = ChipSpec{Throughputs: []Throughput{{1979, 8, false}, {989.5, 16, false}},
		DieAreaMM2: 814, Datacenter: refOf(true), DRAMBandwidthGBps: 3350, DesignerCountry: MustParseCountry("US"), Model: "NVIDIA H100 SXM5 80GB"}
	// NVIDIA H200: H100 compute, 4,800 GB/s HBM3e (the 2026 lane's example).
	h200 = ChipSpec{Throughputs: []Throughput{{1979, 8, false}},
		DieAreaMM2: 814, Datacenter: refOf(true), DRAMBandwidthGBps: 4800, DesignerCountry: MustParseCountry("US"), Model: "NVIDIA H200 SXM 141GB"}
	// NVIDIA B200: TPP ≈ 36,000 (4,500 dense FP8 TFLOPS), 8,000 GB/s
	// (export-controls.md §9); two reticle-sized dies, area not used here.
	b200 = ChipSpec{Throughputs: []Throughput{{4500, 8, false}},
		Datacenter: refOf(true), DRAMBandwidthGBps: 8000, DesignerCountry: MustParseCountry("US"), Model: "NVIDIA B200"}
	// NVIDIA H20 (reported): 296 dense FP8 TFLOPS on the 814 mm² GH100 die;
	// TPP 2,368 and density 2.9 sit under both 3A090.b tests.
	h20 = ChipSpec{Throughputs: []Throughput{{296, 8, false}, {148, 16, false}},
		DieAreaMM2: 814, Datacenter: refOf(true), DRAMBandwidthGBps: 4000, DesignerCountry: MustParseCountry("US"), Model: "NVIDIA H20"}
	// NVIDIA GeForce RTX 4090 (Ada whitepaper): 660.6 dense FP8 tensor TFLOPS,
	// AD102 die 608.5 mm²; a consumer part.
	rtx4090 = ChipSpec{Throughputs: []Throughput{{660.6, 8, false}, {1321.2, 8, true}},
		DieAreaMM2: 608.5, Datacenter: refOf(false), DesignerCountry: MustParseCountry("US"), Model: "NVIDIA GeForce RTX 4090"}
)

func chipWith(c ChipSpec, f func(*ChipSpec)) *ChipSpec {
	c.Throughputs = append([]Throughput(nil), c.Throughputs...)
	f(&c)
	return &c
}

// spec builds a chip from a TPP and die area for boundary cases.
func spec(tpp, area float64, dc *bool) *ChipSpec {
	return &ChipSpec{TPP: tpp, DieAreaMM2: area, Datacenter: dc}
}

func TestClassifyItem(t *testing.T) {
	dc, consumer := refOf(true), refOf(false)
	tests := []struct {
		name    string
		item    Item
		eccn    string // "" = not advanced computing and none declared
		meets   string
		tpp, pd float64
		noteHas string
		citeHas string
	}{
		// Worked examples of export-controls.md §9.
		{"A100 3A090.a by TPP", Item{Chip: &a100}, "3A090.a", "3A090.a", 4992, 6.043584, "3A090.a: TPP 4992 ≥ 4800", "88 FR 73458"},
		{"H100 SXM", Item{Chip: &h100}, "3A090.a", "3A090.a", 15832, 19.449631, "TPP 15832 ≥ 4800", "3A090.a"},
		{"A800 same compute as A100", Item{Chip: chipWith(a100, func(c *ChipSpec) { c.Model = "NVIDIA A800" })}, "3A090.a", "3A090.a", 4992, 6.043584, "", ""},
		{"H20 below both 3A090.b tests", Item{Chip: &h20}, "", "", 2368, 2.909091, "meet no 3A090 paragraph", ""},
		{"RTX 4090 consumer but TPP ≥ 4800", Item{Chip: &rtx4090}, "3A090.a", "3A090.a", 5284.8, 8.684963, "TPP 5284.8 ≥ 4800", ""},
		{"B200 no die area needed", Item{Chip: &b200}, "3A090.a", "3A090.a", 36000, 0, "", ""},
		// BIS's own TPP example: 600 dense INT8 TOPS or 300 dense FP16 TFLOPS = 4800.
		{"TPP exactly 4800 from INT8", Item{Chip: &ChipSpec{Throughputs: []Throughput{{600, 8, false}}, Datacenter: consumer}}, "3A090.a", "3A090.a", 4800, 0, "TPP 4800 ≥ 4800", ""},
		{"TPP exactly 4800 from FP16", Item{Chip: &ChipSpec{Throughputs: []Throughput{{300, 16, false}}, Datacenter: dc}}, "3A090.a", "3A090.a", 4800, 0, "", ""},
		// Note 2, both sides.
		{"consumer TPP 4799.9 outside (Note 2)", Item{Chip: spec(4799.9, 400, consumer)}, "", "", 4799.9, 11.99975, "Note 2 to 3A090", "Note 2 to ECCN 3A090"},
		{"datacenter TPP 4799.9 dense → .a", Item{Chip: spec(4799.9, 400, dc)}, "3A090.a", "3A090.a", 4799.9, 11.99975, "performance density", ""},
		{"consumer TPP 3000 needs no die area", Item{Chip: spec(3000, 0, consumer)}, "", "", 3000, 0, "Note 2", ""},
		{"unknown datacenter treated as datacenter", Item{Chip: spec(2960, 500, nil)}, "3A090.a", "3A090.a", 2960, 5.92, "treated as designed for datacenters", ""},
		// Density boundaries.
		{"density exactly 5.92 → .a", Item{Chip: spec(2960, 500, dc)}, "3A090.a", "3A090.a", 2960, 5.92, "", ""},
		{"TPP exactly 1600 with density 5.92 → .a", Item{Chip: spec(1776, 300, dc)}, "3A090.a", "3A090.a", 1776, 5.92, "", ""},
		{"density just under 5.92 → .b", Item{Chip: spec(2960, 500.01, dc)}, "3A090.b", "3A090.b", 2960, 5.919882, "3A090.b", ""},
		{"TPP 2400 density exactly 1.6 → .b.1", Item{Chip: spec(2400, 1500, dc)}, "3A090.b", "3A090.b", 2400, 1.6, "", ""},
		{"TPP 2400 density under 1.6", Item{Chip: spec(2400, 1510, dc)}, "", "", 2400, 1.589404, "meet no 3A090 paragraph", ""},
		{"TPP under 2400 density 1.6", Item{Chip: spec(2399.9, 1499.9375, dc)}, "", "", 2399.9, 1.6, "", ""},
		{"TPP 4799.9 density 1.6 → .b.1", Item{Chip: spec(4799.9, 2999.9375, dc)}, "3A090.b", "3A090.b", 4799.9, 1.6, "", ""},
		{"TPP exactly 1600 density exactly 3.2 → .b.2", Item{Chip: spec(1600, 500, dc)}, "3A090.b", "3A090.b", 1600, 3.2, "", ""},
		{"TPP 1600 density under 3.2", Item{Chip: spec(1600, 500.1, dc)}, "", "", 1600, 3.19936, "", ""},
		{"TPP under 1600 density 6", Item{Chip: spec(1599.9, 266.65, dc)}, "", "", 1599.9, 6, "", ""},
		{"TPP under 1600 needs no die area", Item{Chip: spec(1000, 0, dc)}, "", "", 1000, 0, "", ""},
		// Sparse figures are halved.
		{"sparse only: 1200 sparse INT8 TOPS = TPP 4800", Item{Chip: &ChipSpec{Throughputs: []Throughput{{1200, 8, true}}, Datacenter: dc}}, "3A090.a", "3A090.a", 4800, 0, "halved", ""},
		{"sparse consumer 1198 INT8 TOPS = 4792 → Note 2", Item{Chip: &ChipSpec{Throughputs: []Throughput{{1198, 8, true}}, Datacenter: consumer}}, "", "", 4792, 0, "Note 2", ""},
		{"A100 sparse FP16 624 halved", Item{Chip: &ChipSpec{Throughputs: []Throughput{{624, 16, true}}, DieAreaMM2: 826, Datacenter: dc}}, "3A090.a", "3A090.a", 4992, 6.043584, "confirm it against the datasheet's dense figure", ""},
		// Declared TPP versus throughputs.
		{"declared TPP higher than computed", Item{Chip: &ChipSpec{TPP: 5000, Throughputs: []Throughput{{300, 8, false}}, Datacenter: dc, DieAreaMM2: 800}}, "3A090.a", "3A090.a", 5000, 6.25, "using the declared value", ""},
		// HBM, 3A090.c.
		{"HBM3 stack 819 GB/s over 110 mm²", Item{Chip: &ChipSpec{HBMBandwidthGBps: 819, HBMPackageAreaMM2: 110}}, "3A090.c", "3A090.c", 0, 0, "> 2", "89 FR 96790"},
		{"HBM density exactly 2.0 not controlled", Item{Chip: &ChipSpec{HBMBandwidthGBps: 200, HBMPackageAreaMM2: 100}}, "", "", 0, 0, "is not above 2", ""},
		{"HBM density just above 2.0", Item{Chip: &ChipSpec{HBMDensity: 2.000001}}, "3A090.c", "3A090.c", 0, 0, "", ""},
		// Computers, 4A090.
		{"DGX A100 computer", Item{Computer: true, Chip: &a100}, "4A090.a", "4A090.a", 4992, 6.043584, "", "4A090.a"},
		{"computer with a .b chip", Item{Computer: true, Chip: spec(1600, 500, dc)}, "4A090.b", "4A090.b", 1600, 3.2, "", ""},
		{"gaming PC with a Note 2 GPU", Item{Computer: true, Chip: spec(4000, 300, consumer)}, "", "", 4000, 13.333333, "Note 2", ""},
		// .z paragraphs.
		{"5A992 item with an A100 → 5A992.z", Item{ECCN: MustParseECCN("5A992.c"), Chip: &a100}, "5A992.z", "3A090.a", 4992, 6.043584, "so it is 5A992.z", ".z paragraphs"},
		{"4A003 computer with H100 → 4A003.z", Item{ECCN: MustParseECCN("4A003"), Computer: true, Chip: &h100}, "4A003.z", "4A090.a", 15832, 19.449631, "", ""},
		{"declared 3A001.z without parameters", Item{ECCN: MustParseECCN("3A001.z")}, "3A001.z", "3A090.a", 0, 0, "fail closed", ""},
		{"declared 5A992.z whose parameters do not meet", Item{ECCN: MustParseECCN("5A992.z"), Chip: &h20}, "5A992.z", "3A090.a", 2368, 2.909091, "keeping the declared .z", ""},
		{"declared 5A992.c below the parameters stays", Item{ECCN: MustParseECCN("5A992.c"), Chip: &h20}, "5A992.c", "", 2368, 2.909091, "", ""},
		// Declared classifications.
		{"declared 3A090.a, parameters give .b: keep .a", Item{ECCN: MustParseECCN("3A090.a"), Chip: spec(1600, 500, dc)}, "3A090.a", "3A090.a", 1600, 3.2, "keeping the declared", ""},
		{"declared 3A090.b, parameters give .a", Item{ECCN: MustParseECCN("3A090.b"), Chip: &a100}, "3A090.a", "3A090.a", 4992, 6.043584, "declared 3A090.b; the parameters give 3A090.a", ""},
		{"declared 3A991, parameters meet 3A090.a", Item{ECCN: MustParseECCN("3A991"), Chip: &a100}, "3A090.a", "3A090.a", 4992, 6.043584, "takes precedence", ""},
		{"declared 3A090.b without parameters", Item{ECCN: MustParseECCN("3A090.b")}, "3A090.b", "3A090.b", 0, 0, "from the declared ECCN", ""},
		{"declared bare 3A090, parameters meet .b", Item{ECCN: MustParseECCN("3A090"), Chip: spec(1600, 500, dc)}, "3A090.b", "3A090.b", 1600, 3.2, "declared 3A090, but the parameters meet 3A090.b, which takes precedence", ""},
		{"declared bare 3A090, parameters meet none", Item{ECCN: MustParseECCN("3A090"), Chip: &h20}, "3A090.a", "3A090.a", 2368, 2.909091, "declared 3A090 without a paragraph and the parameters meet none; treated as 3A090.a (fail closed)", ""},
		{"EAR99", Item{ECCN: MustParseECCN("EAR99")}, "EAR99", "", 0, 0, "", ""},
		{"4E091 today: not enforced", Item{ECCN: MustParseECCN("4E091")}, "4E091", "", 0, 0, "not enforced since 2025-05-13", "4E091"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ClassifyItem(tt.item)
			if err != nil {
				t.Fatalf("ClassifyItem: %v", err)
			}
			if c.ECCN.String() != tt.eccn || c.Meets.String() != tt.meets {
				t.Errorf("ECCN %q meets %q, want %q meets %q; notes %q", c.ECCN, c.Meets, tt.eccn, tt.meets, c.Notes)
			}
			if c.Paragraph != c.ECCN.Paragraph() {
				t.Errorf("Paragraph %q for %s", c.Paragraph, c.ECCN)
			}
			if c.TPP != tt.tpp || c.PerformanceDensity != tt.pd {
				t.Errorf("TPP %v density %v, want %v %v", c.TPP, c.PerformanceDensity, tt.tpp, tt.pd)
			}
			if tt.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tt.noteHas) {
				t.Errorf("notes %q lack %q", c.Notes, tt.noteHas)
			}
			if tt.citeHas != "" && !strings.Contains(strings.Join(c.Citations, "\n"), tt.citeHas) {
				t.Errorf("citations %q lack %q", c.Citations, tt.citeHas)
			}
			if c.AdvancedComputing() != (tt.meets != "") {
				t.Errorf("AdvancedComputing() = %v", c.AdvancedComputing())
			}
		})
	}
}

// TestClassifyDated classifies the same item before and after each change of
// the item parameters in the rule data.
func TestClassifyDated(t *testing.T) {
	hbm := Item{Chip: &ChipSpec{HBMBandwidthGBps: 819, HBMPackageAreaMM2: 110}}
	r := DefaultItemRules()
	tests := []struct {
		name string
		item Item
		on   string
		want string
	}{
		{"HBM before 3A090.c existed", hbm, "2024-12-01", ""},
		{"HBM on 3A090.c's effective date", hbm, "2024-12-02", "3A090.c"},
		{"A100 on the horizon date", Item{Chip: &a100}, "2023-11-17", "3A090.a"},
		{"4E091 in the AI Diffusion window", Item{ECCN: MustParseECCN("4E091")}, "2025-03-01", "4E091"},
	}
	for _, tt := range tests {
		c, err := r.Classify(tt.item, mustDay(tt.on))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if c.ECCN.String() != tt.want {
			t.Errorf("%s: ECCN %q, want %q (notes %q)", tt.name, c.ECCN, tt.want, c.Notes)
		}
	}
	// 90 FR 4544 took effect 2025-01-13 with a compliance date of
	// 2025-05-15, so inside its window the classification says so.
	c, _ := r.Classify(Item{ECCN: MustParseECCN("4E091")}, mustDay("2025-03-01"))
	if diff := cmp.Diff([]string{"4E091: in effect since 2025-01-13 but compliance not required before 2025-05-15"}, c.Notes); diff != "" {
		t.Errorf("4E091 in window: notes (-want +got):\n%s", diff)
	}
	if _, err := r.Classify(Item{ECCN: MustParseECCN("4E091")}, mustDay("2025-01-12")); err == nil || err.Error() != "ECCN = 4E091: not in effect on 2025-01-12 (effective 2025-01-13)" {
		t.Errorf("4E091 before the AI Diffusion rule: %v", err)
	}
	if _, err := r.Classify(Item{Chip: &a100}, mustDay("2023-11-16")); !errors.Is(err, ErrBeforeHorizon) {
		t.Errorf("before horizon: %v", err)
	}
	if _, err := r.Classify(Item{Chip: &a100}, time.Time{}); err == nil {
		t.Error("zero date accepted")
	}
}

func TestClassifyItemErrors(t *testing.T) {
	dc := refOf(true)
	tests := []struct {
		name  string
		item  Item
		field string
		value string
		msg   string
	}{
		{"nothing", Item{ID: "sku-1"}, "Chip", "", "need chip parameters or a declared ECCN"},
		{"empty chip", Item{Chip: &ChipSpec{Datacenter: dc}}, "Chip", "", "no parameters: give Throughputs or TPP for a processor, HBM bandwidth and area (or HBMDensity) for a memory stack"},
		{"negative TPP", Item{Chip: spec(-1, 100, dc)}, "Chip.TPP", "-1", "must not be negative"},
		{"NaN TOPS", Item{Chip: &ChipSpec{Throughputs: []Throughput{{312, 16, false}, {nan(), 8, false}}}}, "Chip.Throughputs[1].TOPS", "NaN", "not a number"},
		{"infinite die area", Item{Chip: spec(3000, inf(), dc)}, "Chip.DieAreaMM2", "+Inf", "must be finite"},
		{"zero bit length", Item{Chip: &ChipSpec{Throughputs: []Throughput{{312, 0, false}}}}, "Chip.Throughputs[0].BitLength", "0", "want a bit length from 1 to 256"},
		{"missing die area when density decides", Item{Chip: spec(3000, 0, dc)}, "Chip.DieAreaMM2", "", "needed: with TPP 3000 the performance density decides 3A090.a"},
		{"missing die area, unknown datacenter", Item{Chip: spec(1600, 0, nil)}, "Chip.DieAreaMM2", "", "needed: with TPP 1600 the performance density decides 3A090.a"},
		{"HBM bandwidth without area", Item{Chip: &ChipSpec{HBMBandwidthGBps: 819}}, "Chip.HBMPackageAreaMM2", "", "needed with Chip.HBMBandwidthGBps to compute memory bandwidth density"},
		{"HBM density disagrees", Item{Chip: &ChipSpec{HBMBandwidthGBps: 819, HBMPackageAreaMM2: 110, HBMDensity: 3}}, "Chip.HBMDensity", "3", "disagrees with HBMBandwidthGBps/HBMPackageAreaMM2 = 7.445455"},
		{"TPP overflows", Item{Chip: &ChipSpec{Throughputs: []Throughput{{1e308, 16, false}}}}, "Chip.Throughputs", "", "TPP out of range (TOPS × BitLength overflows)"},
		{"density overflows", Item{Chip: spec(1e300, 1e-300, dc)}, "Chip.DieAreaMM2", "1e-300", "performance density out of range"},
		{"HBM density overflows", Item{Chip: &ChipSpec{HBMBandwidthGBps: 1e300, HBMPackageAreaMM2: 1e-300}}, "Chip.HBMPackageAreaMM2", "1e-300", "memory bandwidth density out of range"},
		{"unknown 3A090 paragraph", Item{ECCN: MustParseECCN("3A090.d")}, "ECCN", "3A090.d", "unknown paragraph of 3A090"},
		{"unknown 4A090 paragraph", Item{ECCN: MustParseECCN("4A090.c"), Chip: &a100}, "ECCN", "4A090.c", "unknown paragraph of 4A090"},
		{"no .z for 3A002", Item{ECCN: MustParseECCN("3A002.z")}, "ECCN", "3A002.z", "no .z paragraph exists for 3A002 (only for [3A001 4A003 4A004 4A005 5A002 5A004 5A992 5D002 5D992])"},
		{"3A090 without paragraph or parameters", Item{ECCN: MustParseECCN("3A090")}, "ECCN", "3A090", "declare the paragraph (for example 3A090.a) or give chip parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ClassifyItem(tt.item)
			var ie *ItemError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidItem) {
				t.Fatalf("error = %v, want *ItemError", err)
			}
			want := &ItemError{Item: tt.item.ID, Field: tt.field, Value: tt.value, Msg: tt.msg}
			if diff := cmp.Diff(want, ie); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
	_, err := ClassifyItem(Item{ID: "sku-1"})
	if got, want := err.Error(), `item "sku-1": Chip: need chip parameters or a declared ECCN`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	_, err = DefaultItemRules().Classify(Item{ECCN: MustParseECCN("3A090.c")}, mustDay("2024-06-01"))
	if got, want := err.Error(), "ECCN = 3A090.c: not in effect on 2024-06-01 (effective 2024-12-02)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func nan() float64 { z := 0.0; return z / z }
func inf() float64 { z := 0.0; return 1 / z }

func BenchmarkClassifyItem(b *testing.B) {
	it := Item{Chip: &a100}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ClassifyItem(it); err != nil {
			b.Fatal(err)
		}
	}
}
