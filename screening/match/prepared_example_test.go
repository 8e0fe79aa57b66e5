package match_test

import (
	"context"
	"fmt"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// A name that comes back with other details is searched once: Prepare
// does the costly stage, Matches applies each query's details.
func ExampleIndex_Prepare() {
	snap, err := lists.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	ix := match.NewIndex(snap.Entries())
	ctx := context.Background()
	name := "Hangzhou Hikvision Digital Technology Company Limited"
	p, err := ix.Prepare(ctx, match.Query{Name: name, Country: rules.MustParseCountry("CN")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, cc := range []string{"CN", "DE"} {
		ms, err := p.Matches(match.Query{Name: name, Country: rules.MustParseCountry(cc), Limit: 1})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, m := range ms {
			fmt.Printf("%s: %q score %.2f", cc, m.Name, m.Score)
			for _, a := range m.Adjustments {
				fmt.Printf(" %s %+.2f", a.Kind, a.Delta)
			}
			fmt.Println()
		}
	}
	// Output:
	// CN: "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD." score 1.00 country_match +0.03
	// DE: "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD." score 0.95 country_mismatch -0.05
}
