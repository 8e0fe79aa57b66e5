package screening_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/ownership"
)

// Owners are judged like parties: an owner written exactly as the SDN entry
// BANCO NACIONAL DE CUBA, or given as list:SDN:306, blocks the company it
// holds 60% of under the OFAC 50% rule; a spelling that only resembles the
// entry makes the same stake a potential match for a reviewer.
func ExampleWithOwnership() {
	ctx := context.Background()
	g, err := ownership.ParseCSV("owners.csv", strings.NewReader(`owner,owner_country,owned,owned_country,percent
Banco Nacional de Cuba,CU,Caribe Holdings SA,PA,60
list:SDN:306,,Antillas Shipping SA,PA,60
Banco Nacional Cuba,CU,Isla Freight SA,PA,60
`))
	if err != nil {
		panic(err)
	}
	s, err := screening.New(ctx, screening.WithOwnership(g), screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"Caribe Holdings SA", "Antillas Shipping SA", "Isla Freight SA"} {
		d, err := s.Screen(ctx, screening.Request{ID: name, Parties: []screening.Party{{Role: screening.RoleUltimateConsignee, Name: name, Country: "PA"}}})
		if err != nil {
			panic(err)
		}
		r := d.Reasons[0]
		fmt.Printf("%s: %s (%s, rule %s", name, d.Outcome, r.Code, r.Evidence["rule"])
		if via, ok := r.Evidence["via"]; ok {
			fmt.Printf(", via %s", via)
		}
		fmt.Println(")")
	}
	// Output:
	// Caribe Holdings SA: deny (party.owned_by_listed, rule ofac_50_percent)
	// Antillas Shipping SA: deny (party.owned_by_listed, rule ofac_50_percent)
	// Isla Freight SA: review (party.potential_match, rule ofac_50_percent, via owner)
}
