package rules

import (
	"errors"
	"math"
	"testing"
)

// Every validation error of the package gives the same *FieldError view.
func TestFieldErrorIsTheCommonView(t *testing.T) {
	_, policyErr := ParsePolicy("p.yaml", []byte("version: 1\nname: x\nas_of: 2026-01-01\nlists: {NS-MBS: deny}\n"))
	_, rulesErr := ParseItemRules("x.json", []byte("{\n  \"schema\": 1,\n  \"name\": \"x\"\n  \"as_of\": \"2026-01-01\"\n}"))
	_, codeErr := ParseCountry("XQZ")
	for _, c := range []struct {
		name     string
		err      error
		want     FieldError
		sentinel error
	}{
		{"policy", policyErr, FieldError{File: "p.yaml", Line: 4, Column: 9, Field: "lists.NS-MBS", Value: "NS-MBS"}, ErrInvalidPolicy},
		{"item rules", rulesErr, FieldError{File: "x.json", Line: 4}, ErrInvalidItemRules},
		{"item", checkMeasure("gpu-1", "Chip.DieAreaMM2", math.NaN()), FieldError{Item: "gpu-1", Field: "Chip.DieAreaMM2", Value: "NaN", Msg: "not a number"}, ErrInvalidItem},
		{"code", codeErr, FieldError{Field: "country code", Value: "XQZ"}, ErrInvalidCode},
	} {
		var fe *FieldError
		if !errors.As(c.err, &fe) {
			t.Errorf("%s: errors.As(%v, *FieldError) = false", c.name, c.err)
			continue
		}
		if fe.File != c.want.File || fe.Line != c.want.Line || fe.Column != c.want.Column || fe.Item != c.want.Item ||
			c.want.Field != "" && fe.Field != c.want.Field || c.want.Value != "" && fe.Value != c.want.Value || fe.Msg == "" ||
			c.want.Msg != "" && fe.Msg != c.want.Msg {
			t.Errorf("%s: FieldError = %+v, want %+v", c.name, *fe, c.want)
		}
		if !errors.Is(fe, c.sentinel) || !errors.Is(c.err, c.sentinel) {
			t.Errorf("%s: not errors.Is %v", c.name, c.sentinel)
		}
	}
	fe := &FieldError{File: "p.yaml", Line: 4, Column: 9, Field: "lists.X", Value: "X", Msg: "unknown list source"}
	if got, want := fe.Error(), `p.yaml:4:9: lists.X: "X": unknown list source`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	fe = &FieldError{Item: "gpu-1", Field: "Chip.TPP", Msg: "missing"}
	if got, want := fe.Error(), `item "gpu-1": Chip.TPP: missing`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
