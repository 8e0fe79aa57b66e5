package rules

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestOutcomeOrderAndNames(t *testing.T) {
	order := []Outcome{OutcomeAllow, OutcomeReview, OutcomeLicenseRequired, OutcomeDeny}
	names := []string{"allow", "review", "license_required", "deny"}
	for i, o := range order {
		if o.String() != names[i] {
			t.Errorf("%d: String = %q, want %q", o, o.String(), names[i])
		}
		p, err := ParseOutcome(names[i])
		if err != nil || p != o {
			t.Errorf("ParseOutcome(%q) = %v, %v", names[i], p, err)
		}
		if i > 0 && !(order[i-1] < o) {
			t.Errorf("%v not < %v", order[i-1], o)
		}
	}
	if OutcomeAllow.Max(OutcomeDeny) != OutcomeDeny || Outcome(0).Max(OutcomeAllow) != OutcomeAllow || OutcomeReview.Max(0) != OutcomeReview {
		t.Error("Max")
	}
	if Outcome(0).IsValid() || Outcome(5).IsValid() || Outcome(0).String() != "" || Outcome(9).String() != "Outcome(9)" {
		t.Error("invalid outcomes")
	}
}

func TestParseOutcomeVariantsAndErrors(t *testing.T) {
	for in, want := range map[string]Outcome{"DENY": OutcomeDeny, " Review ": OutcomeReview, "license-required": OutcomeLicenseRequired} {
		if o, err := ParseOutcome(in); err != nil || o != want {
			t.Errorf("ParseOutcome(%q) = %v, %v; want %v", in, o, err, want)
		}
	}
	for _, in := range []string{"", "block", "allowed", "license required", "1"} {
		_, err := ParseOutcome(in)
		var ce *CodeError
		if !errors.As(err, &ce) || ce.Kind != "outcome" || ce.Input != in || !errors.Is(err, ErrInvalidCode) {
			t.Errorf("ParseOutcome(%q): error %v", in, err)
		}
	}
}

func TestOutcomeText(t *testing.T) {
	type rec struct {
		O Outcome `json:"o"`
	}
	b, err := json.Marshal(rec{OutcomeLicenseRequired})
	if err != nil || string(b) != `{"o":"license_required"}` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"o":"deny"}`), &r); err != nil || r.O != OutcomeDeny {
		t.Fatalf("unmarshal: %v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"o":""}`), &r); err != nil || r.O != 0 {
		t.Fatalf("unmarshal empty: %v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"o":"block"}`), &r); err == nil {
		t.Fatal("unmarshal block: no error")
	}
	if _, err := Outcome(7).MarshalText(); err == nil {
		t.Fatal("marshal Outcome(7): no error")
	}
}

func FuzzParseOutcome(f *testing.F) {
	for _, s := range []string{"allow", "review", "license_required", "deny", "DENY", "license-required", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOutcome(s)
		if err != nil {
			return
		}
		p, err := ParseOutcome(o.String())
		if err != nil || p != o {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, o, p, err)
		}
	})
}
