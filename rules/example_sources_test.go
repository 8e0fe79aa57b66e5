package rules_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// A list entry's key names its source and ID; the source registry says what
// a hit on that list means and why.
func ExampleParseEntryKey() {
	k, err := rules.ParseEntryKey("EL:97736f0b")
	if err != nil {
		panic(err)
	}
	info := k.Source.Info()
	fmt.Println(k.Source, k.ID)
	fmt.Println(info.Name, "-", info.Publisher)
	fmt.Println("default outcome:", info.Outcome)
	fmt.Println("citation:", info.Citation)

	_, err = rules.ParseEntryKey("XX:1")
	fmt.Println(err)
	// Output:
	// EL 97736f0b
	// Entity List - Commerce BIS
	// default outcome: license_required
	// citation: 15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)
	// invalid entry key code "XX:1": unknown list source "XX"; want one of SDN, DPL, FSE, EL, MEU, UVL, ISN, SSI, CMIC, PLC, CAP, MBS, UN, DTC, INTERNAL
}

// The Affiliates rule's status depends on the date: it took effect on
// 2025-09-29 and was suspended from 2025-11-10 for a year.
func ExampleOwnershipRule_Status() {
	r, _ := rules.LookupOwnershipRule(rules.OwnershipAffiliates)
	for _, d := range []string{"2025-09-01", "2025-10-01", "2026-01-01"} {
		at, _ := time.Parse(time.DateOnly, d)
		fmt.Println(d, r.Status(at, rules.RuleInForce))
	}
	fmt.Println(r.Sources, r.Percent)
	// Output:
	// 2025-09-01 not_effective
	// 2025-10-01 in_force
	// 2026-01-01 suspended
	// [EL MEU] 50
}

// Every validation error of the package has one common view.
func ExampleFieldError() {
	_, err := rules.ParsePolicy("policy.yaml", []byte("version: 1\nname: x\nas_of: 2026-01-01\nlists: {OFAC: deny}\n"))
	var fe *rules.FieldError
	if errors.As(err, &fe) {
		fmt.Printf("%s:%d: %s %q\n", fe.File, fe.Line, fe.Field, fe.Value)
	}
	// Output:
	// policy.yaml:4: lists.OFAC "OFAC"
}
