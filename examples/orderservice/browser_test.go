package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exportguard/exportguard/examples/internal/browsertest"
	"github.com/exportguard/exportguard/screening"
)

// TestReviewPageInBrowser drives the reviewer page in headless Chromium as
// a reviewer would, typing and clicking: sign in, filter the queue, open a
// case, mark it a false positive; the same party screened again comes back
// with the hit cleared; a list update that changes the entry reopens the
// case.
func TestReviewPageInBrowser(t *testing.T) {
	bctx := browsertest.Start(t)
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)
	hs := httptest.NewServer(srv)
	defer hs.Close()

	// Two orders need review: the Unverified List party, and a
	// destination of concern with no list match.
	screenHTTP(t, hs.URL, atlasOrder, "review")
	screenHTTP(t, hs.URL, `{"id":"o-cn","destination":"CN","parties":[{"role":"purchaser","name":"Acme Robotics Inc","country":"US"}]}`, "review")
	screenHTTP(t, hs.URL, `{"id":"o-us","destination":"US","parties":[{"role":"purchaser","name":"Acme Robotics Inc","country":"US"}]}`, "allow")

	// A guard against a hung browser, not a performance assertion.
	ctx, cancelRun := context.WithTimeout(bctx, 90*time.Second)
	defer cancelRun()

	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
			t.Fatalf("reading %s: %v; page:\n%s", sel, err, body)
		}
		return s
	}
	submit := func(sel string, status int64) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("clicking %s: %v", sel, err)
		}
		if resp.Status != status {
			t.Errorf("clicking %s: status %d, want %d", sel, resp.Status, status)
		}
	}

	// Not signed in: the sign-in page, with 401.
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(hs.URL+"/review/"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusUnauthorized {
		t.Errorf("queue without a session: %d, want 401", resp.Status)
	}
	// A wrong token is refused.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#token"), "not-a-token-0123456789abcdef0123456789")); err != nil {
		t.Fatal(err)
	}
	submit("#signin", http.StatusUnauthorized)
	if got := text("#error"); got != "that token is not valid" {
		t.Errorf("wrong token: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#token"), reviewerToken)); err != nil {
		t.Fatal(err)
	}
	submit("#signin", http.StatusOK)
	if got := text("#who"); got != "e.manager" {
		t.Errorf("signed in as %q", got)
	}
	if n := countRows(t, ctx); n != 2 {
		t.Errorf("queue: %d cases, want 2", n)
	}
	// The session cookie is HttpOnly: scripts cannot read it.
	if c, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`)); err != nil || c != "" {
		t.Errorf("document.cookie = %q, %v; want the session cookie hidden", c, err)
	}

	// Filter by list.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#f-list"), "UVL")); err != nil {
		t.Fatal(err)
	}
	submit("#filter", http.StatusOK)
	if n := countRows(t, ctx); n != 1 {
		t.Fatalf("queue filtered by UVL: %d cases, want 1", n)
	}
	caseURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("a.case-link").href`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.case-link")), chromedp.WaitVisible(chromedp.CSS("#dispose"))); err != nil {
		t.Fatal(err)
	}
	// The explanation: the reason with its citation, the entry, the
	// aligned tokens.
	if got := text("#status"); got != "open" {
		t.Errorf("case status %q", got)
	}
	reasons := text("#reasons")
	for _, want := range []string{"party.listed", "Atlas Sanatgaran", "15 CFR 744.15"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("reasons lack %q:\n%s", want, reasons)
		}
	}
	if got := text(".tokens"); !strings.Contains(got, "sanatgaran") {
		t.Errorf("token table: %q", got)
	}

	// Mark it a false positive.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#d-false_positive")),
		chromedp.SendKeys(chromedp.CSS("#reason"), "customer is a Gyumri workshop, not the Yerevan company")); err != nil {
		t.Fatal(err)
	}
	submit("#record", http.StatusOK)
	if got := text("#notice"); got != "Disposition recorded." {
		t.Errorf("notice %q", got)
	}
	if got := text("#status"); got != "closed" {
		t.Errorf("status after the disposition %q", got)
	}
	if got := text("#events"); !strings.Contains(got, "disposition: false_positive") || !strings.Contains(got, "e.manager") {
		t.Errorf("history:\n%s", got)
	}

	// The same party screened again: the hit is cleared.
	d := screenHTTP(t, hs.URL, atlasOrder, "allow")
	if len(d.Matches) != 1 || d.Matches[0].Suppressed == nil || d.Matches[0].Suppressed.Reviewer != "e.manager" {
		t.Errorf("screened again: %+v", d.Matches)
	}

	// The list entry changes; the reload reopens the case.
	writeLists(t, listsPath, "Komitas 26/114, Yerevan", "Komitas 26/115, Yerevan")
	req, _ := http.NewRequest("POST", hs.URL+"/v1/reload", nil)
	req.Header.Set("Authorization", "Bearer "+adminToken)
	rr, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	rr.Body.Close()
	if rr.StatusCode != 200 {
		t.Fatalf("reload: %d", rr.StatusCode)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS("#status"))); err != nil {
		t.Fatal(err)
	}
	if got := text("#status"); got != "open" {
		t.Errorf("status after the list update %q", got)
	}
	if got := text("#events"); !strings.Contains(got, "reopened") || !strings.Contains(got, "changed (Addresses)") {
		t.Errorf("history after the list update:\n%s", got)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil && os.Getenv("REVIEW_SCREENSHOT") != "" {
		_ = os.WriteFile(os.Getenv("REVIEW_SCREENSHOT"), png, 0o644)
	}
	screenHTTP(t, hs.URL, atlasOrder, "review")
}

func countRows(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#cases tr.case").length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// screenHTTP posts an order and checks the outcome.
func screenHTTP(t *testing.T, base, body, outcome string) screening.Decision {
	t.Helper()
	resp, err := http.Post(base+"/v1/screen", jsonType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var d screening.Decision
	if err := decodeBody(resp, &d); err != nil || d.Outcome != outcome {
		t.Fatalf("screening %s: %d %s %v (want %s)", body, resp.StatusCode, d.Outcome, err, outcome)
	}
	return d
}
