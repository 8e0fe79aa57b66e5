package rules

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestListSourceRegistryComplete(t *testing.T) {
	reg := ListSourceRegistry()
	if len(reg) != 15 {
		t.Fatalf("registry has %d sources, want 15 (13 CSL, UN, INTERNAL)", len(reg))
	}
	for _, s := range reg {
		if s.Name == "" || s.Publisher == "" || s.Citation == "" || len(s.Formats) == 0 || !s.Outcome.IsValid() {
			t.Errorf("%s: incomplete registry entry %+v", s.Code, s)
		}
		if got, err := ParseListSource(string(s.Code)); err != nil || got != s.Code {
			t.Errorf("ParseListSource(%q) = %q, %v", s.Code, got, err)
		}
	}
}

// The default policy's lists section and the registry's default outcomes
// say the same thing (export-controls.md §3.1).
func TestDefaultPolicyListOutcomesAreRegistryDefaults(t *testing.T) {
	p := Default()
	for _, s := range ListSourceRegistry() {
		if got := p.ListOutcome(string(s.Code)); got != s.Outcome {
			t.Errorf("default policy: %s hit = %v, registry says %v", s.Code, got, s.Outcome)
		}
	}
}

func TestParseListSource(t *testing.T) {
	for in, want := range map[string]ListSource{
		"SDN": SourceSDN, " el ": SourceEL, "NS-MBS": SourceMBS, "ns-cmic": SourceCMIC,
		"CAPTA": SourceCAP, "INTERNAL": SourceInternal, "un": SourceUN,
	} {
		if got, err := ParseListSource(in); err != nil || got != want {
			t.Errorf("ParseListSource(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "XX", "NS-", "SDN:306", "Entity List"} {
		_, err := ParseListSource(in)
		var ce *CodeError
		if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidCode) || ce.Input != in || ce.Kind != "list source" {
			t.Errorf("ParseListSource(%q) error = %v, want a list source CodeError", in, err)
		}
	}
}

func TestListSourceCitation(t *testing.T) {
	if got, want := SourceEL.Citation(), "15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)"; got != want {
		t.Errorf("EL citation = %q, want %q", got, want)
	}
	if got, want := ListSource("XX").Citation(), "restricted-party list XX"; got != want {
		t.Errorf("unregistered citation = %q, want %q", got, want)
	}
}

func TestListSourcesSorted(t *testing.T) {
	got := ListSources()
	if !slices.IsSorted(got) || len(got) != 15 || !slices.Contains(got, "INTERNAL") {
		t.Errorf("ListSources() = %v", got)
	}
}

func TestEntryKey(t *testing.T) {
	for in, want := range map[string]EntryKey{
		"SDN:306":         {SourceSDN, "306"},
		"EL:97736f0b":     {SourceEL, "97736f0b"},
		"INTERNAL:a:b:c":  {SourceInternal, "a:b:c"},
		"UN:QDi.001 (x)":  {SourceUN, "QDi.001 (x)"},
		"CMIC:cmic-12345": {SourceCMIC, "cmic-12345"},
	} {
		got, err := ParseEntryKey(in)
		if err != nil || got != want {
			t.Errorf("ParseEntryKey(%q) = %+v, %v; want %+v", in, got, err, want)
			continue
		}
		if got.String() != in || !got.IsValid() {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for in, why := range map[string]string{
		"SDN306":  `want "SOURCE:ID"`,
		"sdn:306": `unknown list source "sdn"`,
		"XX:1":    `unknown list source "XX"`,
		"SDN:":    "the ID after the colon is empty",
		":306":    `unknown list source ""`,
	} {
		_, err := ParseEntryKey(in)
		var ce *CodeError
		if !errors.As(err, &ce) || ce.Kind != "entry key" || ce.Input != in || !strings.Contains(ce.Why, why) {
			t.Errorf("ParseEntryKey(%q) error = %v, want one saying %q", in, err, why)
		}
	}
	if (EntryKey{}).String() != "" || (EntryKey{}).IsValid() {
		t.Error("the zero EntryKey must print empty and be invalid")
	}
	var k EntryKey
	if err := k.UnmarshalText([]byte("DPL:abc")); err != nil || k != (EntryKey{SourceDPL, "abc"}) {
		t.Errorf("UnmarshalText = %+v, %v", k, err)
	}
	if b, _ := k.MarshalText(); string(b) != "DPL:abc" {
		t.Errorf("MarshalText = %q", b)
	}
}

func FuzzParseEntryKey(f *testing.F) {
	for _, s := range []string{"SDN:306", "EL:x", "INTERNAL:a:b", "SDN:", ":", "", "UN:\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseEntryKey(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidCode) || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ParseEntryKey(%q) error %v does not quote the input", s, err)
			}
			return
		}
		if !k.IsValid() || k.String() != s {
			t.Fatalf("ParseEntryKey(%q) = %+v, which prints %q", s, k, k.String())
		}
	})
}

func FuzzParseListSource(f *testing.F) {
	for _, s := range []string{"SDN", "ns-mbs", "CAPTA", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, err := ParseListSource(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidCode) {
				t.Fatalf("ParseListSource(%q) error %v is not ErrInvalidCode", s, err)
			}
			return
		}
		if again, err := ParseListSource(src.String()); err != nil || again != src || !src.IsValid() {
			t.Fatalf("ParseListSource(%q) = %q does not round-trip: %q, %v", s, src, again, err)
		}
	})
}
