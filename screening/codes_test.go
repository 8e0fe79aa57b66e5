package screening

import (
	"testing"

	"github.com/exportguard/exportguard/rules"
)

func TestCountryText(t *testing.T) {
	for _, code := range []string{"AD", "DE", "IR", "ZW", "CN"} {
		c := rules.MustParseCountry(code)
		if got := countryText(c); got != code {
			t.Errorf("countryText(%s) = %q", code, got)
		}
		if got, _ := countryAny(c).(string); got != code {
			t.Errorf("countryAny(%s) = %v", code, countryAny(c))
		}
	}
	if got := countryText(rules.Country{}); got != "" {
		t.Errorf("countryText(zero) = %q, want \"\"", got)
	}
	de := rules.MustParseCountry("DE")
	if n := testing.AllocsPerRun(100, func() { _ = countryText(de); _ = countryAny(de) }); n != 0 {
		t.Errorf("countryText and countryAny allocate %v times, want 0", n)
	}
}
