package rules_test

import (
	"fmt"

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
