package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleReport screens the sample order book with the fake Screener and
// returns the report and the number of non-allow decisions in it.
func sampleReport(t *testing.T) (string, int) {
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
	n := 0
	for _, r := range decode(t, mustRead(t, out)) {
		if r["outcome"] != "allow" {
			n++
		}
	}
	return report, n
}

func TestReportHTML(t *testing.T) {
	path, nonAllow := sampleReport(t)
	html := mustRead(t, path)
	for _, id := range []string{"chart-outcomes", "chart-reasons", "chart-destinations"} {
		if !strings.Contains(html, `<svg id="`+id+`"`) {
			t.Errorf("no chart %s", id)
		}
	}
	if got := strings.Count(html, "<tr><td>"); got != nonAllow {
		t.Errorf("%d table rows; want %d (one per non-allow decision)", got, nonAllow)
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

// TestReportInBrowser opens the report in headless Chromium: the page must
// run its script without errors, draw the three charts and the table, and
// sort the table by score (descending) when asked by #sort=5-desc. The
// screenshot is kept in $AUDIT_ARTIFACTS (or the test's temporary directory).
func TestReportInBrowser(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s not installed (Debian package chromium; CI installs it): %v", chromium, err)
	}
	path, nonAllow := sampleReport(t)
	url := "file://" + path + "#sort=5-desc"
	profile := t.TempDir()
	artifacts := os.Getenv("AUDIT_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	}
	shot := filepath.Join(artifacts, "report.png")
	common := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
		"--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1400,2000"}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var dom, logs bytes.Buffer
	cmd := exec.CommandContext(ctx, chromium, append(common, "--dump-dom", url)...)
	cmd.Stdout, cmd.Stderr = &dom, &logs
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --dump-dom: %v\n%s", err, logs.String())
	}
	page := dom.String()
	if m := regexp.MustCompile(`data-script-error="([^"]*)"`).FindStringSubmatch(page); m != nil {
		t.Errorf("script error in the page: %s", m[1])
	}
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "Uncaught") || strings.Contains(l, "CONSOLE") && strings.Contains(l, "rror") {
			t.Errorf("browser console: %s", l)
		}
	}
	if !strings.Contains(page, `data-ready="1"`) {
		t.Error("the page script did not run to its end")
	}
	for _, id := range []string{"chart-outcomes", "chart-reasons", "chart-destinations"} {
		re := regexp.MustCompile(`(?s)<svg id="` + id + `".*?</svg>`)
		svg := re.FindString(page)
		if n := strings.Count(svg, "<rect"); n == 0 {
			t.Errorf("chart %s has no bars", id)
		}
	}
	rows := regexp.MustCompile(`(?s)<tbody>(.*)</tbody>`).FindStringSubmatch(page)
	if rows == nil {
		t.Fatal("no table body")
	}
	if n := strings.Count(rows[1], "<tr>"); n != nonAllow {
		t.Errorf("%d table rows rendered; want %d", n, nonAllow)
	}
	// Sorted by score, descending.
	var scores []float64
	for _, m := range regexp.MustCompile(`<td data-sort="([0-9]+\.[0-9]+)">`).FindAllStringSubmatch(rows[1], -1) {
		f, _ := strconv.ParseFloat(m[1], 64)
		scores = append(scores, f)
	}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[i-1] {
			t.Errorf("rows not sorted by score descending at row %d: %v", i, scores)
			break
		}
	}
	if !strings.Contains(page, `aria-sort="descending"`) {
		t.Error("sorted column not marked")
	}

	cmd = exec.CommandContext(ctx, chromium, append(common, "--screenshot="+shot, "--hide-scrollbars", url)...)
	cmd.Stderr = &logs
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, logs.String())
	}
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no screenshot at %s: %v", shot, err)
	}
	t.Logf("screenshot: %s (%d bytes)", shot, len(png))
}
