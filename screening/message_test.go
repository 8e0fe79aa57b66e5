package screening

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

// FuzzAppendQuote checks appendQuote against strconv.Quote, which %q uses.
func FuzzAppendQuote(f *testing.F) {
	for _, s := range []string{"", "Hangzhou Hikvision Digital Technology Company Limited", `a "b" c`, `back\slash`, "tab\there",
		"Ünïcödé GmbH", "中兴通讯", "\x7f", "~", " ", "\xff\xfe", "line\nbreak"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQuote([]byte("x"), s)), "x"+strconv.Quote(s); got != want {
			t.Errorf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestMessage(t *testing.T) {
	var m message
	got := m.s("The ").q("Acme \"One\"").s(" scored ").f2(0.8749).s(" in ").place(rules.Destination{Country: rules.MustParseCountry("IR")}).done()
	want := `The "Acme \"One\"" scored 0.87 in ` + placeName(rules.Destination{Country: rules.MustParseCountry("IR")})
	if got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

// TestAppendFixed2 checks the two-decimal text against fmt's %.2f, on the
// fast path (1) and around it.
func TestAppendFixed2(t *testing.T) {
	for _, f := range []float64{1, 0.999, 0.995, 0.9949, 1.005, 0.92, 0.125, 0, math.Copysign(0, -1), -1, 100.004} {
		if got, want := string(appendFixed2(nil, f)), fmt.Sprintf("%.2f", f); got != want {
			t.Errorf("appendFixed2(%v) = %q, want %q", f, got, want)
		}
	}
	if got := newStrengthRules(rules.MatchStrength{Confirm: 0.925}).confirmText; got != fmt.Sprintf("%.2f", 0.925) {
		t.Errorf("confirm text %q, want %q", got, fmt.Sprintf("%.2f", 0.925))
	}
}
