package rules_test

import (
	"fmt"

	"github.com/exportguard/exportguard/rules"
)

// Each reason code a decision can carry is registered with its default
// outcome, citation and meaning.
func ExampleLookupReason() {
	r, _ := rules.LookupReason(rules.ReasonIPAnonymizer)
	fmt.Println(r.Code, r.Outcome)
	fmt.Println(r.Citation)
	fmt.Println(rules.Default().OutcomeFor(rules.ReasonIPAnonymizer))
	// Output:
	// ip.anonymizer review
	// Supp. No. 3 to 15 CFR Part 732 (know-your-customer red flags)
	// review
}

// A code read from outside (a stored decision, a report filter) is parsed
// against the registry.
func ExampleParseReasonCode() {
	c, err := rules.ParseReasonCode("data.stale")
	fmt.Println(c, err)
	_, err = rules.ParseReasonCode("Data.Stale")
	fmt.Println(err)
	// Output:
	// data.stale <nil>
	// invalid reason code "Data.Stale": not a registered reason code; did you mean data.stale?
}
