package rules

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseECCN(t *testing.T) {
	tests := []struct {
		in, want, base, para string
	}{
		{"3A090", "3A090", "3A090", ""},
		{"3A090.a", "3A090.a", "3A090", "a"},
		{"3a090.A", "3A090.a", "3A090", "a"},
		{"4A090.b", "4A090.b", "4A090", "b"},
		{"5A992.z", "5A992.z", "5A992", "z"},
		{"3A001.z", "3A001.z", "3A001", "z"},
		{"3A001.b.1.a", "3A001.b.1.a", "3A001", "b.1.a"},
		{"3A001.b.12", "3A001.b.12", "3A001", "b.12"},
		{"4E091", "4E091", "4E091", ""},
		{"0A501.y.1", "0A501.y.1", "0A501", "y.1"},
		{"EAR99", "EAR99", "EAR99", ""},
		{"ear99", "EAR99", "EAR99", ""},
		{"5A002.a.1.b.2.c", "5A002.a.1.b.2.c", "5A002", "a.1.b.2.c"},
	}
	for _, tt := range tests {
		e, err := ParseECCN(tt.in)
		if err != nil {
			t.Errorf("ParseECCN(%q): %v", tt.in, err)
			continue
		}
		if e.String() != tt.want || e.Base().String() != tt.base || e.Paragraph() != tt.para {
			t.Errorf("ParseECCN(%q) = %q base %q para %q, want %q %q %q", tt.in, e, e.Base(), e.Paragraph(), tt.want, tt.base, tt.para)
		}
		if !e.IsValid() {
			t.Errorf("ParseECCN(%q).IsValid() = false", tt.in)
		}
	}
}

func TestParseECCNErrors(t *testing.T) {
	tests := []struct{ in, why string }{
		{"", "want a category digit, a group letter A-E and three digits, e.g. 3A090 or 3A090.a, or EAR99"},
		{"3A09", "want a category digit, a group letter A-E and three digits, e.g. 3A090 or 3A090.a, or EAR99"},
		{"3a090a", "a paragraph must follow a dot, e.g. 3A090.a"},
		{"3A0900", "a paragraph must follow a dot, e.g. 3A090.a"},
		{"3F090", "second character must be a product group letter A-E"},
		{"X3090", "first character must be a category digit 0-9"},
		{"3AX90", "characters 3-5 must be digits"},
		{"3A090.", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090..a", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090.ab", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090.0", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090.100", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090.a.", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A090.a-1", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"EAR99.a", "EAR99 takes no paragraph"},
		{" 3A090", "first character must be a category digit 0-9"},
		{"3A090.a ", "paragraph parts must be single letters or numbers 1-99, separated by dots"},
		{"3A001.a.1.b.2.c.3.d", "paragraph too long"},
	}
	for _, tt := range tests {
		_, err := ParseECCN(tt.in)
		var ce *CodeError
		if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidCode) {
			t.Errorf("ParseECCN(%q) error = %v, want *CodeError wrapping ErrInvalidCode", tt.in, err)
			continue
		}
		if ce.Kind != "ECCN" || ce.Input != tt.in || ce.Why != tt.why {
			t.Errorf("ParseECCN(%q) = %+v, want why %q", tt.in, *ce, tt.why)
		}
	}
}

func TestECCNZeroAndText(t *testing.T) {
	var z ECCN
	if z.IsValid() || z.String() != "" || z.IsEAR99() || z.IsZ() {
		t.Errorf("zero ECCN: IsValid %v String %q", z.IsValid(), z.String())
	}
	type doc struct {
		E ECCN `json:"e"`
		Z ECCN `json:"z"`
	}
	b, err := json.Marshal(doc{E: MustParseECCN("5A992.z")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"e":"5A992.z","z":""}`; got != want {
		t.Errorf("json = %s, want %s", got, want)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"e":"3a090.A","z":""}`), &d); err != nil {
		t.Fatal(err)
	}
	if d.E != MustParseECCN("3A090.a") || d.Z.IsValid() {
		t.Errorf("unmarshal = %+v", d)
	}
	if err := json.Unmarshal([]byte(`{"e":"3a090a"}`), &d); !errors.Is(err, ErrInvalidCode) {
		t.Errorf("unmarshal bad ECCN: %v", err)
	}
	if !MustParseECCN("5A992.z").IsZ() || !MustParseECCN("EAR99").IsEAR99() {
		t.Error("IsZ/IsEAR99")
	}
	if e, err := MustParseECCN("5A992.c").WithParagraph("z"); err != nil || e.String() != "5A992.z" {
		t.Errorf("WithParagraph = %v, %v", e, err)
	}
	m := map[ECCN]bool{MustParseECCN("3A090.a"): true}
	if !m[MustParseECCN("3a090.a")] {
		t.Error("ECCN not usable as a map key")
	}
}
