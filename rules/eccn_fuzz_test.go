package rules

import (
	"regexp"
	"strings"
	"testing"
)

// eccnRE is a second, independent statement of ParseECCN's grammar.
var eccnRE = regexp.MustCompile(`^([Ee][Aa][Rr]99|[0-9][A-Ea-e][0-9]{3}(\.([a-zA-Z]|[1-9][0-9]?)(\.([a-zA-Z]|[1-9][0-9]?))*)?)$`)

func FuzzParseECCN(f *testing.F) {
	for _, s := range []string{
		"3A090.a", "4A090.a", "5A992.z", "3A001.z", "EAR99", "3a090a", "3A090", "3a090.A",
		"3A001.b.1.a", "4E091", "", "3A090.", "ear99", "EAR99.a", "3A090..a", "9E515.y.99",
		"3A001.a.1.b.2.c.3.d", "5A002.a.1.b.2.c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseECCN(s)
		// Paragraphs longer than 11 bytes are refused even when well formed.
		wantOK := eccnRE.MatchString(s) && (len(s) <= 5 || len(s)-6 <= 11)
		if (err == nil) != wantOK {
			t.Fatalf("ParseECCN(%q) error = %v, regexp says valid = %v", s, err, wantOK)
		}
		if err != nil {
			if e.IsValid() {
				t.Fatalf("ParseECCN(%q) returned a valid ECCN with error %v", s, err)
			}
			return
		}
		str := e.String()
		if !strings.EqualFold(str, s) {
			t.Fatalf("ParseECCN(%q).String() = %q, differs beyond case", s, str)
		}
		e2, err := ParseECCN(str)
		if err != nil || e2 != e || e2.String() != str {
			t.Fatalf("round trip %q -> %q -> %v, %v", s, str, e2, err)
		}
		b, _ := e.MarshalText()
		var e3 ECCN
		if err := e3.UnmarshalText(b); err != nil || e3 != e {
			t.Fatalf("text round trip %q: %v, %v", s, e3, err)
		}
	})
}

func FuzzParseEndUse(f *testing.F) {
	for _, s := range []string{"", "none", "ai_training", "AI-Training", "supercomputer", "military", "sme_development", "advanced_ic", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseEndUse(s)
		if err != nil {
			return
		}
		u2, err := ParseEndUse(u.String())
		if err != nil || u2 != u {
			t.Fatalf("round trip %q -> %q -> %q, %v", s, u, u2, err)
		}
	})
}

func FuzzParseItemRules(f *testing.F) {
	f.Add(defaultItemRulesJSON)
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte(`{"schema":1,"name":"x","as_of":"2026-01-01","horizon":"2023-11-17","rules":[{"id":"r","kind":"embargo","items":["all"],"countries":["CU"],"predates_horizon":true,"citation":"c"}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseItemRules("fuzz.json", b)
		if err == nil && r == nil {
			t.Fatal("nil rules without error")
		}
		if err != nil && r != nil {
			t.Fatal("rules with error")
		}
	})
}
