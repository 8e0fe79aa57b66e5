package rules

import (
	"strings"
	"testing"
)

// FuzzParseLicenseAnswer: a parsed answer round-trips through its text, and
// only the three names (in any case, with '-', '_' or ' ') parse.
func FuzzParseLicenseAnswer(f *testing.F) {
	for _, s := range []string{"required", "not_required", "Not-Required", "unresolved", "", "maybe", " required "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseLicenseAnswer(s)
		if err != nil {
			if a != LicenseUnresolved {
				t.Fatalf("error with answer %v", a)
			}
			return
		}
		b, _ := a.MarshalText()
		var back LicenseAnswer
		if err := back.UnmarshalText(b); err != nil || back != a {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, a, b, back, err)
		}
		norm := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
		if norm != a.String() {
			t.Fatalf("%q parsed as %v", s, a)
		}
	})
}

// FuzzHTSDigits: an accepted HTS code is 6 to 10 digits once dots and spaces
// are dropped, and the digits are those of the input in order.
func FuzzHTSDigits(f *testing.F) {
	for _, s := range []string{"8471.50", "8471.50.0150", "9401 31 0000", "84A1.50", "8471", "", "84715000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := htsDigits(Item{HTSCode: s})
		want := strings.NewReplacer(".", "", " ", "").Replace(s)
		if err != nil {
			if strings.Trim(want, "0123456789") == "" && len(want) >= 6 && len(want) <= 10 {
				t.Fatalf("%q rejected: %v", s, err)
			}
			return
		}
		if d != want || len(d) < 6 || len(d) > 10 || strings.Trim(d, "0123456789") != "" {
			t.Fatalf("%q -> %q", s, d)
		}
	})
}
