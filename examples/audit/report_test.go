package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
)

// sampleReport screens the sample order book with the fake Screener and
// returns the report and the number of non-allow and allow decisions in it.
func sampleReport(t *testing.T) (path string, nonAllow, allowed int) {
	t.Helper()
	dir := t.TempDir()
	in := writeFile(t, dir, "sample.csv", mustRead(t, "../../testdata/orders/sample.csv")+
		// A name that would break an unescaped page.
		"XSS-1,purchaser,\"</td><script>alert(1)</script> Hikvision\",,CN,CN,,,,,,,,,,,,,\n")
	report := filepath.Join(dir, "report.html")
	out := filepath.Join(dir, "out.jsonl")
	res := runApp(t, testApp(), "", "-out", out, "-report", report, in)
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, r := range decode(t, mustRead(t, out)) {
		if r["outcome"] != "allow" {
			nonAllow++
		} else {
			allowed++
		}
	}
	return report, nonAllow, allowed
}

func TestReportHTML(t *testing.T) {
	path, nonAllow, allowed := sampleReport(t)
	html := mustRead(t, path)
	for _, id := range []string{"chart-outcomes", "chart-reasons", "chart-destinations"} {
		if !strings.Contains(html, `<svg id="`+id+`"`) {
			t.Errorf("no chart %s", id)
		}
	}
	if got, want := strings.Count(html, `<tr class="row"`), nonAllow+allowed; got != want {
		t.Errorf("%d table rows; want %d (one per decision, allow included)", got, want)
	}
	// Self-contained: nothing is fetched.
	for _, re := range []string{`<link\b`, `\bsrc=`, `\bhref=`, `@import`, `url\(`} {
		if regexp.MustCompile(re).MatchString(html) {
			t.Errorf("report refers to an external resource (%s)", re)
		}
	}
	if strings.Contains(html, "<script>alert(1)") {
		t.Error("party name written into the page unescaped")
	}
}

// TestDrivingHit: the match column shows the hit the outcome rests on, not
// merely the best score. The cases follow ORD-1001 of the sample, whose
// outcome comes from the Entity List while a CMIC entry matches as well.
func TestDrivingHit(t *testing.T) {
	el := screening.MatchRecord{Party: "Hikvision", List: "EL", EntryID: "3575aeab8145c685708433e049a9338adf0cf95da81c85d81aa69076",
		EntryName: "Hangzhou Hikvision Digital Technology Co., Ltd.", Score: 0.97}
	cmic := screening.MatchRecord{Party: "Hikvision", List: "CMIC", EntryID: "30946", EntryName: "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", Score: 1}
	reason := func(outcome, code string, m screening.MatchRecord) screening.Reason {
		ev := map[string]any{"list": m.List, "entry_id": m.EntryID}
		if m.List == "EL" {
			ev["federal_register"] = "84 FR 54004"
		}
		return screening.Reason{Code: code, Outcome: outcome, Evidence: ev}
	}
	cleared := cmic
	cleared.Suppressed = &screening.Suppression{}
	tests := []struct {
		name     string
		d        screening.Decision
		want     string // "LIST REF" of the driving hit, "" for none
		strength string
	}{
		{"the Entity List entry sets the outcome though CMIC scores higher",
			screening.Decision{Outcome: "license_required", Matches: []screening.MatchRecord{cmic, el},
				Reasons: []screening.Reason{reason("review", "party.listed", cmic), reason("license_required", "party.listed", el)}},
			"EL 84 FR 54004", "confirmed"},
		{"a potential match", screening.Decision{Outcome: "review", Matches: []screening.MatchRecord{cmic},
			Reasons: []screening.Reason{reason("review", "party.potential_match", cmic)}}, "CMIC 30946", "potential"},
		{"no reason names a hit: the best score", screening.Decision{Outcome: "review", Matches: []screening.MatchRecord{el, cmic}},
			"CMIC 30946", "potential"},
		{"a cleared hit drives nothing", screening.Decision{Outcome: "allow", Matches: []screening.MatchRecord{cleared}}, "", ""},
		{"no hits", screening.Decision{Outcome: "allow"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStats()
			st.add(&request{}, &tc.d)
			row := st.rows[0]
			got, strength := "", ""
			if row.Match != nil {
				got, strength = row.Match.List+" "+row.Match.Ref, row.Strength
			}
			if got != tc.want || strength != tc.strength {
				t.Errorf("driving hit %q (%s); want %q (%s)", got, strength, tc.want, tc.strength)
			}
		})
	}
}
