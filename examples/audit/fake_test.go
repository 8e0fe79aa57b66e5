package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// fakeScreener stands in for the Screener in tests of the batch machinery
// (parsing, order, resume, exit codes): it decides by simple rules on the
// request so that every output line can be predicted. Tests of real
// decisions use the real Screener (screener_test.go).
type fakeScreener struct {
	delay func(id string) time.Duration
}

func (fakeScreener) Versions() screening.Versions {
	return screening.Versions{Library: screening.Version, Policy: "sha256:test",
		Lists:  []screening.ListVersion{{Source: "EL", AsOf: "2025-10-09", Checksum: "sha256:test", Entries: 3265}},
		GeoDBs: []screening.GeoVersion{{Name: "test", Type: "country", BuildDate: "2026-06-17"}}}
}

func (f fakeScreener) Screen(ctx context.Context, req screening.Request) (screening.Decision, error) {
	if f.delay != nil {
		time.Sleep(f.delay(req.ID))
	}
	d := screening.Decision{ID: req.ID, Outcome: "allow", AsOf: "2026-11-02", Versions: f.Versions(),
		ScreenedAt: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	raise := func(o string) {
		if outcomeRank(o) < outcomeRank(d.Outcome) {
			d.Outcome = o
		}
	}
	for i, p := range req.Parties {
		if p.Name == "Reject Me" {
			d.Outcome = "review"
			d.Reasons = append(d.Reasons, screening.Reason{Code: "input.invalid", Outcome: "review", Message: "rejected by test screener",
				Evidence: map[string]any{"field": fmt.Sprintf("parties[%d].name", i), "value": p.Name, "problem": "rejected by test screener"}})
			return d, nil
		}
		if strings.Contains(strings.ToLower(p.Name), "hikvision") {
			raise("deny")
			d.Reasons = append(d.Reasons, screening.Reason{Code: "party.entity_list", Outcome: "deny",
				Message: "Party is on the Entity List.", Citation: "15 CFR 744.11"})
			d.Matches = append(d.Matches, screening.MatchRecord{Party: p.Name, PartyRole: string(p.Role), List: "EL",
				EntryID: "d68df1bb", EntryName: "Hangzhou Hikvision Digital Technology Co., Ltd.", MatchedName: "Hikvision", Score: 0.96, Via: "name"})
		}
	}
	for _, it := range req.Items {
		r := screening.ItemRecord{ECCN: it.ECCN, LicenseExceptions: []string{}}
		if it.TPP >= 4800 {
			r.ECCN, r.Classification, r.LicenseRequired = "3A090", "3A090.a", true
			raise("license_required")
			d.Reasons = append(d.Reasons, screening.Reason{Code: "item.3a090_license_required", Outcome: "license_required",
				Message: "3A090.a to a licence destination.", Citation: "15 CFR 742.6(a)(6)"})
		}
		d.Items = append(d.Items, r)
	}
	for _, ip := range req.IPs {
		d.Locations = append(d.Locations, screening.LocationRecord{IP: ip, Country: "US", RegisteredCountry: "US", Found: true})
		raise("review")
		d.Reasons = append(d.Reasons, screening.Reason{Code: "ip.located", Outcome: "review", Message: "IP located.", Citation: "15 CFR 732.3"})
	}
	return d, nil
}

// testApp runs the audit with the fake Screener.
func testApp() app {
	return app{
		newScreener: func(context.Context, config) (screener, error) { return fakeScreener{}, nil },
		now:         func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) },
	}
}

type runResult struct {
	code           int
	stdout, stderr string
}

func runApp(t *testing.T, a app, stdin string, args ...string) runResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := a.run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return runResult{code, out.String(), errb.String()}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
