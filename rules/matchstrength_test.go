package rules

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatchStrengthDefault(t *testing.T) {
	got := Default().MatchStrength()
	want := MatchStrength{
		Match: 0.80, Confirm: 0.92, ExactName: true,
		CorroboratedBy: []string{EvidenceIdentifier, EvidenceDateOfBirth, EvidenceAddressCountry},
		ContradictedBy: []string{EvidenceIdentifier, EvidenceDateOfBirth, EvidenceEntityType},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Default().MatchStrength() (-want +got):\n%s", d)
	}
	if !got.Corroborates(EvidenceDateOfBirth) || got.Corroborates(EvidenceEntityType) {
		t.Error("Corroborates")
	}
	if !got.Contradicts(EvidenceEntityType) || got.Contradicts(EvidenceAddressCountry) {
		t.Error("Contradicts")
	}
}

func TestMatchStrengthOverride(t *testing.T) {
	p, err := ParsePolicy("p.yaml", []byte(`version: 1
name: strict
as_of: 2026-12-01
thresholds: {confirm: 0.97}
match_strength:
  exact_name: false
  corroborated_by: [identifier]
  contradicted_by: []
`))
	if err != nil {
		t.Fatal(err)
	}
	want := MatchStrength{Match: 0.80, Confirm: 0.97, ExactName: false, CorroboratedBy: []string{EvidenceIdentifier}, ContradictedBy: []string{}}
	if d := cmp.Diff(want, p.MatchStrength()); d != "" {
		t.Errorf("MatchStrength (-want +got):\n%s", d)
	}
	if p.Version() == Default().Version() {
		t.Error("match_strength does not change Version")
	}
	// The canonical form carries the section and parses to the same policy.
	q, err := ParsePolicy("canonical.json", p.Canonical())
	if err != nil {
		t.Fatalf("canonical form: %v\n%s", err, p.Canonical())
	}
	if q.Version() != p.Version() {
		t.Errorf("canonical round trip changes Version:\n%s", p.Canonical())
	}
	// Keys left out keep the default's values.
	p2, err := ParsePolicy("p.yaml", []byte("version: 1\nname: x\nas_of: 2026-12-01\nmatch_strength: {exact_name: false}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ms := p2.MatchStrength(); ms.ExactName || ms.Confirm != 0.92 || len(ms.CorroboratedBy) != 3 {
		t.Errorf("partial match_strength = %+v", ms)
	}
}

func TestMatchStrengthErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"thresholds: {confirm: 1.2}\n", `p.yaml:4:23: confirm threshold 1.2 out of range: want more than 0 and at most 1`},
		{"thresholds: {confirm: 0}\n", `p.yaml:4:23: confirm threshold 0 out of range`},
		{"match_strength: {corroborated_by: [entity_type]}\n", `p.yaml:4:36: unknown evidence kind "entity_type": want one of identifier, date_of_birth or address_country`},
		{"match_strength: {contradicted_by: [date_of_birth, date_of_birth]}\n", `p.yaml:4:51: evidence kind "date_of_birth" listed twice`},
		{"match_strength: {exact_name: yes}\n", `p.yaml:4:30: invalid boolean "yes"`},
		{"match_strength: {fuzzy: 1}\n", `p.yaml:4:18: unknown key "fuzzy" in match_strength`},
	}
	for _, tt := range tests {
		data := "version: 1\nname: x\nas_of: 2026-01-01\n" + tt.data
		p, err := ParsePolicy("p.yaml", []byte(data))
		if p != nil || err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParsePolicy(%q) = %v, %v; want error %q", tt.data, p != nil, err, tt.want)
		}
	}
}

// TestMatchStrengthExampleFile: testdata/policy/example.yaml, the policy
// that uses every key, sets its own match strength.
func TestMatchStrengthExampleFile(t *testing.T) {
	p, err := LoadPolicyFile(context.Background(), filepath.Join("..", "testdata", "policy", "example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := MatchStrength{Match: 0.92, Confirm: 0.95, ExactName: true,
		CorroboratedBy: []string{EvidenceIdentifier, EvidenceDateOfBirth},
		ContradictedBy: []string{EvidenceIdentifier, EvidenceDateOfBirth, EvidenceEntityType}}
	if d := cmp.Diff(want, p.MatchStrength()); d != "" {
		t.Errorf("MatchStrength (-want +got):\n%s", d)
	}
}
