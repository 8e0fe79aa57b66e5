package rules_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// A policy file overrides the embedded defaults: here it supplies Group B
// for Ukraine, adds a company profile and makes anonymizers a denial.
func ExampleParsePolicy() {
	const file = `
version: 1
name: acme
as_of: 2026-11-01
country_groups:
  add:
    - {country: UA, groups: [B], from: 2020-12-28}
profiles:
  define:
    - name: acme_concern
      citation: "Acme compliance manual §4"
      as_of: 2026-11-01
      extends: [ear_d5_plus_macau]
      countries: [BY]
  select: [acme_concern]
outcomes:
  ip.anonymizer: deny
`
	p, err := rules.ParsePolicy("acme.yaml", []byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	on := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ua := rules.MustParseCountry("UA")
	fmt.Println("UA groups:", p.Groups(ua, on))
	for _, code := range []string{"KH", "HK", "BY", "TW"} {
		d := rules.Destination{Country: rules.MustParseCountry(code)}
		fmt.Println(code, "of concern:", len(p.ConcernProfiles(d, on)) > 0)
	}
	crimea := rules.Destination{Country: ua, Region: rules.MustParseRegion("UA-43")}
	if e, ok := p.Embargo(crimea, on); ok {
		fmt.Println("UA-43 embargoed:", e.Citation)
	}
	fmt.Println("ip.anonymizer:", p.OutcomeFor("ip.anonymizer"))
	fmt.Println("EL hit:", p.ListOutcome("EL"))

	// A bad file is rejected whole, with every problem located.
	_, err = rules.ParsePolicy("bad.yaml", []byte("version: 1\nname: bad\nas_of: 2026-11-01\ncountry_groups:\n  add:\n    - {country: UA, groups: [D:9]}\noutcomes: {ip.anonymizer: block}\n"))
	fmt.Println(err)
	var pe *rules.PolicyError
	if errors.As(err, &pe) {
		fmt.Printf("field %s, value %q\n", pe.Field, pe.Value)
	}
	// Output:
	// UA groups: [A:2 A:3 A:4 B]
	// KH of concern: false
	// HK of concern: true
	// BY of concern: true
	// TW of concern: false
	// UA-43 embargoed: 15 CFR 746.6(a)(1); E.O. 13685 of 2014-12-19 (Crimea region)
	// ip.anonymizer: deny
	// EL hit: license_required
	// bad.yaml:6:30: unknown country group "D:9"
	// bad.yaml:7:27: unknown outcome "block": want allow, review, license_required or deny
	// field country_groups.add[0].groups[0], value "D:9"
}

// Group membership is dated: Cambodia left D:5 on 2026-02-03 and Hong Kong
// has had China's groups since 2020-12-23.
func ExampleGroups() {
	kh, hk := rules.MustParseCountry("KH"), rules.MustParseCountry("HK")
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	fmt.Println(rules.Groups(kh, day("2026-02-02")), rules.Groups(kh, day("2026-02-03")))
	fmt.Println(rules.Groups(hk, day("2020-12-22")), rules.Groups(hk, day("2020-12-23")))
	// Output:
	// [D:1 D:5] [D:1]
	// [A:6] [D:1 D:3 D:4 D:5]
}
