package screening

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// TestMatchStrength screens the cases of issue 14 on the embedded data: a
// name hit is confirmed (party.listed, the list's outcome) only by an exact
// strong name, by a high name score with agreeing evidence, or by a
// reviewer; everything else is a potential match that goes to review.
func TestMatchStrength(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name     string
		party    Party
		outcome  string
		codes    []string
		strength []string // of each match, in order
		entries  []string // "SOURCE:ID" of each match, in order
	}{
		{
			// A common given name with a date of birth no listed one agrees
			// with: the contradiction keeps both hits potential.
			name:    "common name, mismatching DOB",
			party:   Party{Name: "Mohammed Ali", Type: "individual", Country: "GB", DateOfBirth: "1990", Address: "1 High Street, London"},
			outcome: "review", codes: []string{"party.potential_match=review", "party.potential_match=review"},
			strength: []string{"potential", "potential"}, entries: []string{"UN:CFi.010", "SDN:19930"},
		},
		{
			name:    "common name, no details",
			party:   Party{Name: "Muhammad Ali Khan"},
			outcome: "review", codes: []string{"party.potential_match=review", "party.potential_match=review"},
			strength: []string{"potential", "potential"}, entries: []string{"SDN:6864", "SDN:10898"},
		},
		{
			// Same words, another legal form: not the listed name.
			name:    "legal form differs",
			party:   Party{Name: "Dubai Trading FZE"},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:10603"},
		},
		{
			// The US issuer that shares the SDN name CARVANA COMPANY but for
			// the legal form's spelling (testdata/eval hard_collision).
			name:    "US issuer, SDN name collision",
			party:   Party{Name: "Carvana Co.", Type: "entity"},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:12553"},
		},
		{
			name:    "exact SDN name",
			party:   Party{Name: "BANCO NACIONAL DE CUBA"},
			outcome: "deny", codes: []string{"party.listed=deny"},
			strength: []string{"confirmed"}, entries: []string{"SDN:306"},
		},
		{
			// The words of SDN 9563 "RESTREPO VICTORIA, Eduardo" in another
			// order and no other detail: potential.
			name:    "SDN name reordered, no corroboration",
			party:   Party{Name: "Eduardo Restrepo Victoria", Type: "individual"},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:9563"},
		},
		{
			// One letter off as well.
			name:    "fuzzy SDN name, no corroboration",
			party:   Party{Name: "Eduardo Restrepo Victora", Type: "individual"},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:9563"},
		},
		{
			name:    "fuzzy SDN name, agreeing date of birth",
			party:   Party{Name: "Eduardo Restrepo Victora", Type: "individual", DateOfBirth: "1958-09-28"},
			outcome: "deny", codes: []string{"party.listed=deny"},
			strength: []string{"confirmed"}, entries: []string{"SDN:9563"},
		},
		{
			name:    "fuzzy SDN name, agreeing passport",
			party:   Party{Name: "Eduardo Restrepo Victora", Type: "individual", IDs: []Identifier{{Type: "Passport", Value: "AG989562"}}},
			outcome: "deny", codes: []string{"party.listed=deny"},
			strength: []string{"confirmed"}, entries: []string{"SDN:9563"},
		},
		{
			// A passport of the same type with another number contradicts
			// the entry: the penalty leaves it a potential match.
			name:    "fuzzy SDN name, contradicting passport",
			party:   Party{Name: "Eduardo Restrepo Victora", Type: "individual", IDs: []Identifier{{Type: "passport", Value: "X1234567"}}},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:9563"},
		},
		{
			// The exact listed name with a contradicting date of birth is
			// not confirmed.
			name:    "exact SDN name, contradicting DOB",
			party:   Party{Name: "RESTREPO VICTORIA, Eduardo", Type: "individual", DateOfBirth: "1990-01-01"},
			outcome: "review", codes: []string{"party.potential_match=review"},
			strength: []string{"potential"}, entries: []string{"SDN:9563"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.Screen(context.Background(), Request{ID: "t", Parties: []Party{tt.party}})
			if err != nil {
				t.Fatal(err)
			}
			var strengths, entries []string
			for _, m := range d.Matches {
				strengths = append(strengths, m.Strength)
				entries = append(entries, m.List+":"+m.EntryID)
			}
			if d.Outcome != tt.outcome || !slices.Equal(codes(d), tt.codes) || !slices.Equal(strengths, tt.strength) || !slices.Equal(entries, tt.entries) {
				t.Errorf("outcome %s, codes %v, strengths %v, entries %v; want %s, %v, %v, %v",
					d.Outcome, codes(d), strengths, entries, tt.outcome, tt.codes, tt.strength, tt.entries)
				for _, r := range d.Reasons {
					t.Logf("%s %s: %s %v", r.Code, r.Outcome, r.Message, r.Evidence)
				}
			}
		})
	}
}

// TestMatchStrengthReviewerConfirms: a reviewer's "confirmed" record makes a
// potential match confirmed, with the reviewer in the evidence.
func TestMatchStrengthReviewerConfirms(t *testing.T) {
	ctx := context.Background()
	s, err := New(ctx, WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "r", Parties: []Party{{Name: "Dubai Trading FZE"}}}
	d, err := s.Screen(ctx, req)
	if err != nil || d.Outcome != "review" || len(d.Matches) != 1 {
		t.Fatalf("before review: %s %v %v", d.Outcome, codes(d), err)
	}
	if err := s.Suppress(ctx, d.Matches[0], Confirmed, "same Dubai free-zone registration as the SDN entry", "j.doe", time.Time{}); err != nil {
		t.Fatal(err)
	}
	d, err = s.Screen(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := codes(d), []string{"party.listed=deny"}; d.Outcome != "deny" || !slices.Equal(got, want) {
		t.Fatalf("after confirmation: %s %v, want deny %v", d.Outcome, got, want)
	}
	m, r := d.Matches[0], d.Reasons[0]
	if m.Strength != StrengthConfirmed || m.Suppressed == nil || m.Suppressed.Kind != Confirmed {
		t.Errorf("match %+v", m)
	}
	if r.Evidence["strength_basis"] != "reviewer" || r.Evidence["reviewer"] != "j.doe" {
		t.Errorf("evidence %v", r.Evidence)
	}
}

// TestMatchStrengthPolicy: the rules are the policy's. Without exact_name an
// exact SDN name is potential; a contradicted_by list without date_of_birth
// lets an exact name with another date of birth through as confirmed.
func TestMatchStrengthPolicy(t *testing.T) {
	ctx := context.Background()
	screen := func(policyYAML string, p Party) Decision {
		t.Helper()
		pol, err := rules.ParsePolicy("p.yaml", []byte("version: 1\nname: t\nas_of: 2026-11-28\n"+policyYAML))
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(ctx, WithPolicy(pol), WithClock(fixedClock), WithLogger(discardLogger()))
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.Screen(ctx, Request{ID: "p", Parties: []Party{p}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := screen("match_strength: {exact_name: false}\n", Party{Name: "BANCO NACIONAL DE CUBA"})
	if got, want := codes(d), []string{"party.potential_match=review"}; !slices.Equal(got, want) {
		t.Errorf("exact_name false: %v, want %v", got, want)
	}
	d = screen("match_strength: {contradicted_by: [entity_type]}\n", Party{Name: "RESTREPO VICTORIA, Eduardo", Type: "individual", DateOfBirth: "1990-01-01"})
	if got, want := codes(d), []string{"party.listed=deny"}; !slices.Equal(got, want) {
		t.Errorf("contradicted_by without date_of_birth: %v, want %v", got, want)
	}
	d = screen("outcomes: {party.potential_match: deny}\n", Party{Name: "Carvana Co."})
	if got, want := codes(d), []string{"party.potential_match=deny"}; !slices.Equal(got, want) {
		t.Errorf("potential_match: deny: %v, want %v", got, want)
	}
}

// TestMatchStrengthParent: the ultimate parent's hits are judged the same
// way; a potential one is a potential match, a confirmed one
// party.parent_listed.
func TestMatchStrengthParent(t *testing.T) {
	s := embedded(t)
	for _, tt := range []struct {
		parent string
		want   []string
	}{
		{"BANCO NACIONAL DE CUBA", []string{"party.parent_listed=license_required"}},
		{"Dubai Trading FZE", []string{"party.potential_match=review"}},
	} {
		d, err := s.Screen(context.Background(), Request{ID: "p", Parties: []Party{{Name: "Example Freight GmbH", Type: "entity", ParentName: tt.parent}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(d); !slices.Equal(got, tt.want) {
			t.Errorf("parent %q: %v, want %v", tt.parent, got, tt.want)
		}
	}
}

// TestMatchStrengthOfClearedHit: a hit a reviewer cleared keeps the
// strength it had, so a report can say what was cleared.
func TestMatchStrengthOfClearedHit(t *testing.T) {
	ctx := context.Background()
	s, err := New(ctx, WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "c", Parties: []Party{{Name: "Carvana Co.", Type: "entity"}}}
	d, _ := s.Screen(ctx, req)
	if err := s.Suppress(ctx, d.Matches[0], NotAMatch, "US issuer, CIK 1690820", "j.doe", time.Time{}); err != nil {
		t.Fatal(err)
	}
	d, err = s.Screen(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := codes(d), []string{"party.match_suppressed=allow"}; d.Outcome != "allow" || !slices.Equal(got, want) {
		t.Fatalf("after review: %s %v, want allow %v", d.Outcome, got, want)
	}
	if m := d.Matches[0]; m.Strength != StrengthPotential || m.Suppressed == nil || m.Suppressed.Kind != NotAMatch {
		t.Errorf("cleared match: strength %q, suppressed %+v", m.Strength, m.Suppressed)
	}
}

func TestJoinKinds(t *testing.T) {
	for _, tt := range []struct {
		kinds []string
		want  string
	}{
		{nil, ""},
		{[]string{"identifier"}, "identifier"},
		{[]string{"address_country"}, "address country"},
		{[]string{"date_of_birth", "identifier"}, "date of birth and identifier"},
		{[]string{"identifier", "date_of_birth", "address_country"}, "identifier, date of birth and address country"},
	} {
		if got := joinKinds(tt.kinds); got != tt.want {
			t.Errorf("joinKinds(%q) = %q, want %q", tt.kinds, got, tt.want)
		}
	}
}
