package main

import (
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
)

// TestSummaryCountsHitsByStrength: the summary tells confirmed list hits
// from potential ones and from hits a reviewer cleared.
func TestSummaryCountsHitsByStrength(t *testing.T) {
	st := newStats()
	r := &request{}
	st.add(r, &screening.Decision{ID: "a", Outcome: "deny", Matches: []screening.MatchRecord{
		{Strength: screening.StrengthConfirmed}, {Strength: screening.StrengthPotential}}})
	st.add(r, &screening.Decision{ID: "b", Outcome: "review", Matches: []screening.MatchRecord{{Strength: screening.StrengthPotential}}})
	st.add(r, &screening.Decision{ID: "c", Outcome: "allow", Matches: []screening.MatchRecord{
		{Strength: screening.StrengthPotential, Suppressed: &screening.Suppression{Kind: screening.NotAMatch}},
		{Strength: screening.StrengthConfirmed, Suppressed: &screening.Suppression{Kind: screening.Confirmed}}}})
	var b strings.Builder
	st.writeSummary(&b, 0)
	if want := "list hits: 2 confirmed, 2 potential (a reviewer decides), 1 cleared by a reviewer\n"; !strings.Contains(b.String(), want) {
		t.Errorf("summary:\n%s\nwant the line %q", b.String(), want)
	}
	if got, want := st.rows[0].Strength, screening.StrengthConfirmed; got != want {
		t.Errorf("report row strength %q, want %q", got, want)
	}
}
