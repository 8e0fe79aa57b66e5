package screening

import (
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
