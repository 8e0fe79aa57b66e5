package match_test

import (
	"context"
	"fmt"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

func Example() {
	snap, err := lists.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	ix := match.NewIndex(snap.Entries())
	ms, err := ix.Search(context.Background(), match.Query{
		Name:    "Hangzhou Hikvision Digital Technology Company Limited",
		Country: rules.MustParseCountry("CN"),
		Limit:   1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Printf("%s %q score %.2f\n", m.Entry.Source, m.Name, m.Score)
		for _, a := range m.Adjustments {
			fmt.Printf("  %s %+.2f\n", a.Kind, a.Delta)
		}
	}
	fmt.Println(match.Normalize("ООО «Ромашка»"))
	// Output:
	// CMIC "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD." score 1.00
	//   country_match +0.03
	// ooo romashka
}
