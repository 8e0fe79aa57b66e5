package screening

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScreenOwnsItsDecision checks that a decision owns what it holds:
// Screen reuses its working state (reasons, records, message buffers)
// between calls, and a later call must neither change an earlier decision
// nor carry anything of it into its own.
func TestScreenOwnsItsDecision(t *testing.T) {
	s := embedded(t)
	ctx := context.Background()
	other := Request{ID: "other", Destination: "Iran", IPs: []string{"2.144.0.1", "not-an-ip"},
		Parties: []Party{{Role: RoleEndUser, Name: "Islamic Republic of Iran Shipping Lines", Country: "IR", HQCountry: "CN"},
			{Role: "buyer", Name: ""}},
		Items: []Item{{ID: "x", ECCN: "3A090.a"}, {ID: "bad", ECCN: "nope"}}}
	first, err := s.Screen(ctx, benchRequest)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(first)
	second, err := s.Screen(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(first); string(after) != string(before) {
		t.Errorf("a later Screen changed an earlier decision:\n%s", cmp.Diff(string(before), string(after)))
	}
	again, err := s.Screen(ctx, benchRequest)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(again); string(got) != string(before) {
		t.Errorf("the same request after another gave:\n%s", cmp.Diff(string(before), string(got)))
	}
	// Each decision holds only its own request's findings.
	if len(first.Matches) == 0 || len(first.Items) != 1 || len(first.Locations) != 1 {
		t.Errorf("bench decision: %d matches, %d items, %d locations; want matches, 1 item, 1 location", len(first.Matches), len(first.Items), len(first.Locations))
	}
	if len(second.Items) != 2 || len(second.Locations) != 1 {
		t.Errorf("other decision: %d items, %d locations; want 2 and 1", len(second.Items), len(second.Locations))
	}
	for _, m := range second.Matches {
		if m.Party != "Islamic Republic of Iran Shipping Lines" {
			t.Errorf("other decision holds a match of %q", m.Party)
		}
	}
	if second.Outcome != "deny" {
		t.Errorf("other decision outcome = %q, want deny", second.Outcome)
	}
}
