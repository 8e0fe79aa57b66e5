package rules_test

import (
	"fmt"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// Classify an NVIDIA A100 from its datasheet: 312 dense FP16 tensor TFLOPS on
// an 826 mm² die, sold for datacenters.
func ExampleClassifyItem() {
	datacenter := true
	c, err := rules.ClassifyItem(rules.Item{
		ID: "a100-sxm4-80gb",
		Chip: &rules.ChipSpec{
			Throughputs: []rules.Throughput{{TOPS: 312, BitLength: 16}},
			DieAreaMM2:  826,
			Datacenter:  &datacenter,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ECCN, c.TPP, c.PerformanceDensity)
	fmt.Println(c.Notes[0])
	fmt.Println(c.Citations[0])

	// A consumer card tuned just below TPP 4800 falls under Note 2.
	consumer := false
	c, _ = rules.ClassifyItem(rules.Item{Chip: &rules.ChipSpec{TPP: 4790, DieAreaMM2: 600, Datacenter: &consumer}})
	fmt.Printf("%q %s\n", c.ECCN, c.Notes[0])

	// A missing die area is an error when the density decides.
	_, err = rules.ClassifyItem(rules.Item{ID: "x", Chip: &rules.ChipSpec{TPP: 3000, Datacenter: &datacenter}})
	fmt.Println(err)
	// Output:
	// 3A090.a 4992 6.043584
	// 3A090.a: TPP 4992 ≥ 4800
	// 15 CFR Part 774 Supp. 1 ECCN 3A090.a; 88 FR 73458 (Oct. 25, 2023)
	// "" Note 2 to 3A090: not designed or marketed for datacenters and TPP 4790 < 4800, so outside 3A090
	// item "x": Chip.DieAreaMM2: needed: with TPP 3000 the performance density decides 3A090.a
}

// Decide whether an NVIDIA H200 may go from the US to a Chinese site of a
// Malaysian-headquartered company, before and after the 2026 review lane.
func ExampleDetermineLicense() {
	datacenter := true
	h200 := rules.Item{ID: "h200", Chip: &rules.ChipSpec{
		Throughputs:       []rules.Throughput{{TOPS: 1979, BitLength: 8}},
		DieAreaMM2:        814,
		Datacenter:        &datacenter,
		DRAMBandwidthGBps: 4800,
	}}
	for _, day := range []string{"2026-01-14", "2026-01-15"} {
		date, _ := time.Parse(time.DateOnly, day)
		d, err := rules.DetermineLicense(nil, nil, rules.LicenseQuery{
			Item:        h200,
			Destination: rules.Destination{Country: rules.MustParseCountry("CN")},
			PartyHQ:     []rules.Country{rules.MustParseCountry("MY")},
			Date:        date,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(day, d.Classification.ECCN, d.License, d.ReviewPolicy)
		for _, s := range d.Steps {
			if s.Applies {
				fmt.Printf("  %s [%s]\n", s.Rule, s.Citation)
			}
		}
		for _, e := range d.Exceptions {
			fmt.Printf("  %s eligible=%v: %s\n", e.Name, e.Eligible, e.Why)
		}
	}
	// Output:
	// 2026-01-14 3A090.a required presumption_of_denial
	//   classification [15 CFR Part 774 Supp. 1 ECCN 3A090.a; 88 FR 73458 (Oct. 25, 2023)]
	//   742.6(a)(6)-destination [15 CFR 742.6(a)(6); 88 FR 73458]
	//   744.23(d) [15 CFR 744.23(d) (as amended 89 FR 23886, Apr. 4, 2024)]
	//   NAC eligible=false: not available for items designed or marketed for datacenters that meet 3A090.a
	//   ACA eligible=false: not available to CN (D:5)
	// 2026-01-15 3A090.a required case_by_case
	//   classification [15 CFR Part 774 Supp. 1 ECCN 3A090.a; 88 FR 73458 (Oct. 25, 2023)]
	//   742.6(a)(6)-destination [15 CFR 742.6(a)(6); 88 FR 73458]
	//   744.23(d) [15 CFR 744.23(d) (as amended 89 FR 23886, Apr. 4, 2024)]
	//   rlp-2026-china-case-by-case [91 FR 1684, FR Doc 2026-00789 (effective 2026-01-15), 15 CFR 744.23(d)]
	//   NAC eligible=false: not available for items designed or marketed for datacenters that meet 3A090.a
	//   ACA eligible=false: not available to CN (D:5)
}

// A determination that cannot be made says so, and names the facts that
// would make it: here the parties' headquarters (the 744.23(a)(3)
// headquarters rule) and, for office goods to Russia, the HTS code.
func ExampleDetermineLicense_unresolved() {
	datacenter := true
	a100 := rules.Item{Chip: &rules.ChipSpec{
		Throughputs: []rules.Throughput{{TOPS: 312, BitLength: 16}},
		DieAreaMM2:  826, Datacenter: &datacenter}}
	chairs := rules.Item{ECCN: rules.MustParseECCN("EAR99"), Description: "office chairs"}
	date, _ := time.Parse(time.DateOnly, "2026-07-01")
	for _, q := range []rules.LicenseQuery{
		{Item: a100, Destination: rules.Destination{Country: rules.MustParseCountry("DE")}, Date: date},
		{Item: chairs, Destination: rules.Destination{Country: rules.MustParseCountry("RU")}, Date: date},
	} {
		d, err := rules.DetermineLicense(nil, nil, q)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s to %s: %s; needs %q\n", d.Classification.ECCN, q.Destination, d.License, d.Needs)
	}
	// Output:
	// 3A090.a to DE: unresolved; needs ["the headquarters country of each party and of its ultimate parent"]
	// EAR99 to RU: unresolved; needs ["the item's HTS code"]
}
