package rules_test

import (
	"fmt"

	"github.com/exportguard/exportguard/rules"
)

// Destination text in the forms data sources write it: World Bank names,
// SAR forms, parenthetical aliases, address tails and cities of the
// sanctioned regions. Parts that name two countries stay ambiguous.
func ExampleResolveDestination_forms() {
	for _, s := range []string{
		"Korea, Dem. People's Rep.", "Venezuela, RB", "Macao SAR, China", "Burma (Myanmar)",
		"Havana, Cuba", "Crimea, Russia", "Makiivka", "Taiwan, China", "Kosovo", "Georgia, USA",
	} {
		d, err := rules.ResolveDestination(s)
		if err != nil {
			fmt.Printf("%-26s error: %v\n", s, err)
			continue
		}
		fmt.Printf("%-26s %s\n", s, d)
	}
	// Output:
	// Korea, Dem. People's Rep.  KP
	// Venezuela, RB              VE
	// Macao SAR, China           MO
	// Burma (Myanmar)            MM
	// Havana, Cuba               CU
	// Crimea, Russia             UA-43
	// Makiivka                   UA-14
	// Taiwan, China              TW
	// Kosovo                     XK
	// Georgia, USA               error: ambiguous destination "Georgia, USA": could be GE, US
}

// An IC with several processing units: TPP is aggregated over all of them
// (3A090 Technical Note), so an NPU and a GPU that each stay under 4800
// together meet 3A090.a.
func ExampleClassifyItem_processingUnits() {
	consumer := false
	c, err := rules.ClassifyItem(rules.Item{Chip: &rules.ChipSpec{
		Datacenter: &consumer,
		DieAreaMM2: 900,
		ProcessingUnits: []rules.ProcessingUnit{
			{Name: "NPU", Throughputs: []rules.Throughput{{TOPS: 400, BitLength: 8}}},
			{Name: "GPU", Throughputs: []rules.Throughput{{TOPS: 200, BitLength: 8}}},
		},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ECCN, c.TPP)
	fmt.Println(c.Notes[len(c.Notes)-2])
	// Output:
	// 3A090.a 4800
	// TPP aggregated over 2 processing units (NPU 3200 + GPU 1600) = 4800, 3A090 Technical Note
}
