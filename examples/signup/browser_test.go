package main

import (
	"context"
	"net/http/httptest"
	"net/http/httputil"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exportguard/exportguard/examples/internal/browsertest"
)

// TestBrowser fills in the sign-up form in headless Chromium by typing, as
// a person would (Chrome DevTools Protocol key events), submits it, and
// reads what the page shows.
//
// The browser connects from 127.0.0.1, which is not on the public internet
// and locates nowhere. So the test runs the deployment the app is built
// for: a reverse proxy in front of it. The browser talks to a small
// httputil.ReverseProxy on 127.0.0.1; the proxy sets X-Forwarded-For to
// the client address under test (8.8.8.8, a US address; 5.160.0.1, an
// Iranian one), as a load balancer sets the real client's address; and the
// app trusts 127.0.0.1/32, the proxy, so it believes that header and
// nothing the browser could send itself.
func TestBrowser(t *testing.T) {
	base, err := embeddedApp()
	if err != nil {
		t.Fatal(err)
	}
	a := base.h.(*app)
	cfg := a.cfg
	cfg.Trusted = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	appSrv := httptest.NewServer(newApp(cfg))
	defer appSrv.Close()

	var client atomic.Value // the simulated client address
	client.Store("8.8.8.8")
	target, _ := url.Parse(appSrv.URL)
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		// Like a load balancer: the client's address replaces whatever
		// the client sent.
		pr.Out.Header.Set("X-Forwarded-For", client.Load().(string))
	}}
	proxySrv := httptest.NewServer(proxy)
	defer proxySrv.Close()

	ctx := browsertest.Start(t)

	tests := []struct {
		name    string
		client  string
		company string
		country string
		status  int64
		title   string // text of the heading, or "" for the plain 451 page
		want    []string
		notWant []string
	}{
		{name: "allowed", client: "8.8.8.8", country: "United States", status: 200, title: "Account created",
			want: []string{"Welcome, Jane Miller. Your account is ready."}},
		{name: "blocked", client: "5.160.0.1", country: "Germany", status: 451,
			want: []string{"Unavailable For Legal Reasons: sign-ups are not accepted from Iran, Islamic Republic of (IR), which is under a comprehensive embargo (ear_embargo_e1_e2; 15 CFR 746.7 (Iran)).",
				"Your network address 5.160.0.1 is located there"}},
		// The list entry is not shown to the applicant (tipping off).
		{name: "listed company", client: "8.8.8.8", company: "Huawei Technologies Co., Ltd.", country: "US", status: 202, title: "Your application is under review",
			notWant: []string{"Huawei", "Entity List", "EL entry"}},
		{name: "declared country differs", client: "8.8.8.8", country: "Deutschland", status: 202, title: "Your application is under review"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client.Store(tc.client)
			// A guard against a hung browser, not a performance assertion.
			cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			steps := []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(proxySrv.URL + "/"),
				chromedp.WaitVisible(chromedp.ID("name")),
				chromedp.SendKeys(chromedp.ID("name"), "Jane Miller"),
				chromedp.SendKeys(chromedp.ID("country"), tc.country),
				chromedp.SendKeys(chromedp.ID("email"), "jane@example.com"),
			}
			if tc.company != "" {
				steps = append(steps, chromedp.SendKeys(chromedp.ID("company"), tc.company))
			}
			if err := chromedp.Do(cctx, steps...); err != nil {
				t.Fatal(err)
			}
			resp, err := chromedp.RunResponse(cctx, chromedp.Click(chromedp.ID("submit")))
			if err != nil {
				t.Fatalf("submitting: %v", err)
			}
			if resp.Status != tc.status {
				t.Errorf("status %d, want %d", resp.Status, tc.status)
			}
			body, err := chromedp.Run(cctx, chromedp.Text(chromedp.CSS("body")))
			if err != nil {
				t.Fatal(err)
			}
			var title string
			if tc.title != "" {
				if title, err = chromedp.Run(cctx, chromedp.Text(chromedp.ID("result"))); err != nil {
					t.Fatalf("result heading: %v; page:\n%s", err, body)
				}
			}
			if title != tc.title {
				t.Errorf("heading %q, want %q; page:\n%s", title, tc.title, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q:\n%s", w, body)
				}
			}
		})
	}
}
