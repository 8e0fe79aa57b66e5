package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
