package screening_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/exportguard/exportguard/screening"
)

// Screen an order for an A100-class accelerator to a German company whose
// parent is headquartered in China, with the buyer's client IP.
func Example() {
	ctx := context.Background()
	s, err := screening.New(ctx, screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	datacenter := true
	d, err := s.Screen(ctx, screening.Request{
		ID:          "order-1042",
		Date:        "2026-11-28",
		Destination: "Germany",
		IPs:         []string{"5.160.0.1"},
		Parties: []screening.Party{
			{Role: screening.RoleEndUser, Name: "Example Compute GmbH", Country: "DE", ParentName: "Example Holdings", ParentCountry: "中国"},
		},
		Items: []screening.Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: &datacenter}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("outcome:", d.Outcome)
	for _, r := range d.Reasons {
		fmt.Printf("%s (%s)\n", r.Code, r.Outcome)
	}
	fmt.Println("item:", d.Items[0].Classification, "license required:", d.Items[0].LicenseRequired)
	// Output:
	// outcome: deny
	// ip.embargoed (deny)
	// item.license_required (license_required)
	// party.hq_country_of_concern (review)
	// ip.country_mismatch (review)
	// data.evaluation_snapshot (allow)
	// item: 3A090.a license required: true
}

// A name hit is confirmed (party.listed, the list's outcome) or potential
// (party.potential_match, review): "Carvana Co." shares the SDN name
// CARVANA COMPANY but for the legal form's spelling, and nothing else
// agrees, so a reviewer decides.
func ExampleMatchRecord_strength() {
	ctx := context.Background()
	s, err := screening.New(ctx, screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"Carvana Co.", "BANCO NACIONAL DE CUBA"} {
		d, err := s.Screen(ctx, screening.Request{ID: "p", Parties: []screening.Party{{Name: name, Type: "entity"}}})
		if err != nil {
			panic(err)
		}
		m := d.Matches[0]
		fmt.Printf("%s: %s, %s %s %q (%s)\n", name, d.Outcome, m.Strength, m.List, m.EntryName, d.Reasons[0].Code)
	}
	// Output:
	// Carvana Co.: review, potential SDN "CARVANA COMPANY" (party.potential_match)
	// BANCO NACIONAL DE CUBA: deny, confirmed SDN "BANCO NACIONAL DE CUBA" (party.listed)
}

// Bad or missing input is never an error from Screen: it is an input.invalid
// reason in a review decision, and InputErrors lists the fields.
func ExampleDecision_InputErrors() {
	ctx := context.Background()
	s, err := screening.New(ctx, screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	d, err := s.Screen(ctx, screening.Request{ID: "bad", Destination: "Atlantis", Parties: []screening.Party{{Role: screening.RolePurchaser}}})
	if err != nil {
		panic(err) // only a cancelled context gets here
	}
	fmt.Println("outcome:", d.Outcome)
	for _, e := range d.InputErrors() {
		fmt.Println(e)
	}
	// Output:
	// outcome: review
	// field destination: not a known country or region "Atlantis"
	// field parties[0].name: missing ""
}
