package screening

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
)

// TestNothingToScreen: a request that names nothing to check, and a party
// without a name, are input.invalid (review) saying what is missing; never
// allow.
func TestNothingToScreen(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name, json string
		outcome    string
		fields     []string // InputErrors fields, in order
	}{
		{"empty request", `{}`, "review", []string{"request"}},
		{"party with a role only", `{"parties":[{"role":"purchaser"}]}`, "review", []string{"request", "parties[0].name"}},
		{"named and unnamed party", `{"parties":[{"name":"Acme Widgets Inc"},{"role":"end_user","country":"DE"}]}`, "review", []string{"parties[1].name"}},
		{"destination only", `{"destination":"DE"}`, "allow", nil},
		{"client IP only", `{"ips":["10.0.0.1"]}`, "allow", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req Request
			if err := json.Unmarshal([]byte(tt.json), &req); err != nil {
				t.Fatal(err)
			}
			d, err := s.Screen(context.Background(), req)
			if err != nil {
				t.Fatalf("Screen: %v", err)
			}
			var fields []string
			for _, re := range d.InputErrors() {
				fields = append(fields, re.Field)
				if re.Msg != "missing" {
					t.Errorf("%s: problem %q, want missing", re.Field, re.Msg)
				}
			}
			if d.Outcome != tt.outcome || !slices.Equal(fields, tt.fields) {
				t.Errorf("outcome %s, input.invalid fields %v; want %s, %v (reasons %v)", d.Outcome, fields, tt.outcome, tt.fields, codes(d))
			}
		})
	}
	d, _ := s.Screen(context.Background(), Request{})
	if r := reason(t, d, "input.invalid"); r.Message != "The request names no party, destination, client IP or item, so nothing could be screened; it needs review." {
		t.Errorf("message %q", r.Message)
	}
	d, _ = s.Screen(context.Background(), Request{Parties: []Party{{Role: RoleEndUser, Country: "DE"}, {Name: "Acme Widgets Inc"}}})
	if r := reason(t, d, "input.invalid"); r.Message != "The end user at parties[0] has no name, so it was not screened against the restricted-party lists; it needs review." {
		t.Errorf("message %q", r.Message)
	}
}

// TestScreenErrorsOnlyWhenItCannotDecide: a cancelled context is an error
// and no decision.
func TestScreenErrorsOnlyWhenItCannotDecide(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d, err := embedded(t).Screen(ctx, Request{ID: "c", Parties: []Party{{Name: "Acme Widgets Inc"}}})
	if !errors.Is(err, context.Canceled) || d.Outcome != "" {
		t.Errorf("cancelled: %q, %v; want no decision and context.Canceled", d.Outcome, err)
	}
	var zero Screener
	if _, err := zero.Screen(context.Background(), Request{}); err == nil {
		t.Error("a Screener not built with New screened")
	}
}
