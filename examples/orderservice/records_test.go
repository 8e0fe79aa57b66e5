package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/records"
)

// listDay is the date the test list files are given (their modification
// time) and recordingNow the day the tests screen on, within the policy's
// maximum list age.
var (
	listDay      = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	recordingNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
)

// atlas is the Unverified List entry of the sample CSL file (outcome
// review, 15 CFR 744.15).
const atlasOrder = `{"id":"o-atlas","destination":"AM","parties":[{"role":"ultimate_consignee","name":"Atlas Sanatgaran","country":"AM","type":"entity"}]}`

// writeLists writes the header and the Unverified List row of the sample
// CSL file to path, with the replacements oldNew applied, dated listDay by
// a sidecar file (the CSL format carries no date of its own).
// (The other sources of the sample are dated by their newest listing,
// years ago for some, and would add data.stale to every decision.)
func writeLists(t *testing.T, path string, oldNew ...string) {
	t.Helper()
	b, err := os.ReadFile(testCSL)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	s := lines[0]
	for _, l := range lines[1:] {
		if strings.Contains(l, `"Unverified List (UVL) - Bureau of Industry and Security"`) {
			s += l
		}
	}
	for i := 0; i+1 < len(oldNew); i += 2 {
		if !strings.Contains(s, oldNew[i]) {
			t.Fatalf("%s holds no %q", testCSL, oldNew[i])
		}
		s = strings.Replace(s, oldNew[i], oldNew[i+1], 1)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+lists.AsOfSuffix, []byte(listDay.Format(time.DateOnly)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// recordingServer is a server that records into a fresh database (dsn, or
// SQLite in a temporary directory), screening with the sample CSL file at
// listsPath and the store's suppressions, on a fixed clock.
func recordingServer(t *testing.T, dsn, listsPath string) *server {
	t.Helper()
	ctx := context.Background()
	if dsn == "" {
		dsn = "sqlite:" + filepath.Join(t.TempDir(), "records.db")
	}
	now := func() time.Time { return recordingNow }
	st, err := records.Open(ctx, dsn, records.WithLogger(quietLogger()), records.WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{Data: service.Data{ListPaths: []string{listsPath}}, Records: st, Tokens: testTokens(t), Now: now}
	data, err := load(ctx, cfg, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	s, err := screening.New(ctx, append(data.opts, screening.WithSuppressions(st), screening.WithClock(now), screening.WithoutLocator(), screening.WithLogger(quietLogger()))...)
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(s, cfg, quietLogger())
	t.Cleanup(func() {
		if err := srv.close(); err != nil {
			t.Error(err)
		}
	})
	return srv
}

// The review loop through the API: a review decision is recorded and
// opens a case; a reviewer marks it a false positive; the same party
// screened again comes back without the hit; a list update that changes
// the entry reopens the case and brings the hit back.
func TestReviewLoopThroughTheAPI(t *testing.T) {
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)

	w := do(t, srv, "POST", "/v1/screen", atlasOrder)
	d := decode[screening.Decision](t, w)
	if w.Code != 200 || d.Outcome != "review" {
		t.Fatalf("first screening: %d %s %v", w.Code, d.Outcome, codes(d))
	}
	if diff := cmp.Diff([]string{"party.listed:review"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}

	// Unauthenticated and wrongly authenticated calls.
	for _, tc := range []struct {
		token, method, path string
		status              int
	}{
		{"", "GET", "/v1/cases", 401},
		{"", "GET", "/v1/records", 401},
		{"", "POST", "/v1/cases/1/disposition", 401},
		{"", "POST", "/v1/reload", 401},
		{"wrong-token-0123456789abcdef0123456789", "GET", "/v1/cases", 401},
		{reviewerToken, "POST", "/v1/reload", 403},
		{reviewerToken, "GET", "/v1/records/verify", 403},
	} {
		if w := doAs(t, srv, tc.token, tc.method, tc.path, ""); w.Code != tc.status {
			t.Errorf("%s %s with %q: %d, want %d", tc.method, tc.path, tc.token, w.Code, tc.status)
		}
	}

	cases := decode[[]records.Case](t, doAs(t, srv, reviewerToken, "GET", "/v1/cases?list=UVL", ""))
	if len(cases) != 1 || cases[0].DecisionID != "o-atlas" || cases[0].Status != "open" || cases[0].Outcome != "review" {
		t.Fatalf("queue: %+v", cases)
	}
	if got := decode[[]records.Case](t, doAs(t, srv, reviewerToken, "GET", "/v1/cases?list=EL", "")); len(got) != 0 {
		t.Errorf("list=EL: %d cases, want 0", len(got))
	}
	id := cases[0].ID
	path := "/v1/cases/" + itoa(id) + "/disposition"
	w = doAs(t, srv, reviewerToken, "POST", path, `{"disposition":"cleared","reason":"x"}`)
	if w.Code != 400 || !strings.Contains(w.Body.String(), `disposition \"cleared\": want confirmed_match`) {
		t.Errorf("unknown disposition: %d %s", w.Code, w.Body)
	}
	w = doAs(t, srv, reviewerToken, "POST", path, `{"disposition":"false_positive","reason":"Armenian customer in Gyumri, not the Yerevan company"}`)
	c := decode[records.Case](t, w)
	if w.Code != 200 || c.Status != "closed" || c.Events[1].Reviewer != "e.manager" {
		t.Fatalf("disposition: %d %+v", w.Code, c)
	}
	if w := doAs(t, srv, reviewerToken, "POST", path, `{"disposition":"confirmed_match","reason":"again"}`); w.Code != 409 {
		t.Errorf("second disposition: %d, want 409", w.Code)
	}

	d = decode[screening.Decision](t, do(t, srv, "POST", "/v1/screen", atlasOrder))
	if d.Outcome != "allow" || len(d.Matches) != 1 || d.Matches[0].Suppressed == nil {
		t.Fatalf("after the false positive: %s %v", d.Outcome, codes(d))
	}
	if diff := cmp.Diff([]string{"party.match_suppressed:allow"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}

	// The entry's address changes in the next list file.
	writeLists(t, listsPath, "Komitas 26/114, Yerevan", "Komitas 26/115, Yerevan")
	w = doAs(t, srv, adminToken, "POST", "/v1/reload", "")
	if w.Code != 200 {
		t.Fatalf("reload: %d %s", w.Code, w.Body)
	}
	c = decode[records.Case](t, doAs(t, srv, reviewerToken, "GET", "/v1/cases/"+itoa(id), ""))
	last := c.Events[len(c.Events)-1]
	if c.Status != "open" || last.Kind != "reopened" || !strings.HasPrefix(last.Reason, "list entry UVL:") || !strings.HasSuffix(last.Reason, " changed (Addresses)") {
		t.Errorf("after the list update: %s, last event %+v", c.Status, last)
	}
	d = decode[screening.Decision](t, do(t, srv, "POST", "/v1/screen", atlasOrder))
	if diff := cmp.Diff([]string{"party.listed:review"}, codes(d)); diff != "" {
		t.Errorf("after the list update, reasons (-want +got):\n%s", diff)
	}

	// Every decision is on record, and the chain verifies.
	rs := decode[[]records.Record](t, doAs(t, srv, reviewerToken, "GET", "/v1/records?party=atlas", ""))
	if len(rs) != 3 || rs[0].Outcome != "review" || rs[1].Outcome != "allow" || rs[2].Outcome != "review" {
		t.Errorf("records: %+v", rs)
	}
	v := decode[records.Verification](t, doAs(t, srv, adminToken, "GET", "/v1/records/verify", ""))
	if !v.OK() || v.Records != 3 {
		t.Errorf("verification: %+v", v)
	}
	w = doAs(t, srv, reviewerToken, "GET", "/v1/records?format=csv&outcome=allow", "")
	rows, err := csv.NewReader(bytes.NewReader(w.Body.Bytes())).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][3] != "o-atlas" || rows[1][5] != "party.match_suppressed" {
		t.Errorf("CSV export: %v %q", err, rows)
	}
	if w := doAs(t, srv, reviewerToken, "GET", "/v1/records?from=yesterday", ""); w.Code != 400 ||
		!strings.Contains(w.Body.String(), `query parameter from=\"yesterday\": want YYYY-MM-DD or an RFC 3339 time`) {
		t.Errorf("bad date: %d %s", w.Code, w.Body)
	}
}

func itoa(n int64) string { return strconvFormat(n) }

// A decision that cannot be recorded is not given to the client.
func TestUnrecordedDecisionIsNotAnswered(t *testing.T) {
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)
	if err := srv.cfg.Records.Close(); err != nil {
		t.Fatal(err)
	}
	w := do(t, srv, "POST", "/v1/screen", atlasOrder)
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "the decision could not be recorded, so it is not given; retry: records: store closed") {
		t.Errorf("%d %s", w.Code, w.Body)
	}
	w = do(t, srv, "POST", "/v1/screen/batch", "["+atlasOrder+"]")
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("batch: %d %s", w.Code, w.Body)
	}
}

func TestRequestLimits(t *testing.T) {
	srv := newTestServer(t, config{Limits: limits{IPs: 2, Parties: 1, Items: 1}})
	for _, tc := range []struct {
		path, body, want string
	}{
		{"/v1/screen", `{"id":"o-1","ips":["8.8.8.8","8.8.4.4","1.1.1.1"]}`, `request \"o-1\": field ips holds 3 values; at most 2 are accepted (-max-ips)`},
		{"/v1/screen", `{"id":"o-2","parties":[{"name":"a"},{"name":"b"}]}`, `request \"o-2\": field parties holds 2 values; at most 1 are accepted (-max-parties)`},
		{"/v1/screen", `{"id":"o-3","items":[{"eccn":"3A090"},{"eccn":"4A090"}]}`, `request \"o-3\": field items holds 2 values; at most 1 are accepted (-max-items)`},
		{"/v1/screen/batch", `[{"id":"ok"},{"id":"o-4","ips":["8.8.8.8","8.8.4.4","1.1.1.1"]}]`, `request 1 (\"o-4\"): field ips holds 3 values; at most 2 are accepted (-max-ips)`},
	} {
		w := do(t, srv, "POST", tc.path, tc.body)
		if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%s %s: %d %s, want 413 with %s", tc.path, tc.body, w.Code, w.Body, tc.want)
		}
	}
	if w := do(t, srv, "POST", "/v1/screen", `{"id":"o-5","ips":["8.8.8.8","8.8.4.4"]}`); w.Code != 200 {
		t.Errorf("at the limit: %d %s", w.Code, w.Body)
	}
}

func TestRecordsCommand(t *testing.T) {
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	dbPath := filepath.Join(t.TempDir(), "records.db")
	srv := recordingServer(t, "sqlite:"+dbPath, listsPath)
	for range 3 {
		if w := do(t, srv, "POST", "/v1/screen", atlasOrder); w.Code != 200 {
			t.Fatal(w.Body)
		}
	}
	var out bytes.Buffer
	if err := recordsCommand([]string{"verify", "-db", "sqlite:" + dbPath}, &out); err != nil {
		t.Fatalf("verify: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), `"records": 3,`) || !strings.Contains(out.String(), `"problems": []`) {
		t.Errorf("verify output:\n%s", out.String())
	}
	out.Reset()
	if err := recordsCommand([]string{"export", "-db", "sqlite:" + dbPath, "-format", "csv", "-party", "Atlas"}, &out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 4 {
		t.Errorf("CSV export has %d lines, want header + 3:\n%s", n, out.String())
	}
	// Someone edits a stored decision: verify fails and names the record.
	if _, err := srv.cfg.Records.DB().Exec(`UPDATE records SET outcome = 'allow' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := recordsCommand([]string{"verify", "-db", "sqlite:" + dbPath}, &out)
	if err != errChainBroken || !strings.Contains(out.String(), `"record 2: content does not match its hash`) {
		t.Errorf("verify after tampering: %v\n%s", err, out.String())
	}
}

func decodeBody(resp *http.Response, v any) error { return json.NewDecoder(resp.Body).Decode(v) }

// GET /v1/cases answers 400 for a filter the store cannot use and 500 when
// the store itself fails: a broken database must not read as the caller's
// mistake.
func TestListCasesStatus(t *testing.T) {
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)
	w := doAs(t, srv, reviewerToken, "GET", "/v1/cases?status=pending", "")
	if w.Code != 400 || !strings.Contains(w.Body.String(), `case status \"pending\": want open, escalated, closed or queue`) {
		t.Errorf("status=pending: %d %s", w.Code, w.Body)
	}
	st := srv.cfg.Records
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	w = doAs(t, srv, reviewerToken, "GET", "/v1/cases", "")
	if w.Code != 500 {
		t.Errorf("closed store: %d %s, want 500", w.Code, w.Body)
	}
}
