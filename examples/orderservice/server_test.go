package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/screening"
)

// Real data from the repository's testdata (see the PROVENANCE.md files).
const (
	testPolicy   = "../../testdata/policy/example.yaml"
	testCSL      = "../../testdata/lists/csl/consolidated-sample-2025-06.csv" // 13 real CSL rows, one per source
	testCountry  = "../../testdata/mmdb/GeoIP2-Country-Test.mmdb"             // MaxMind's test database
	testBadYAML  = "../../testdata/policy/bad/unknown_country.yaml"
	testMissing  = "../../testdata/lists/csl/no-such-file.csv"
	jsonType     = "application/json"
	discardLevel = slog.LevelError + 1
)

func quietLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: discardLevel}))
}

// newTestServer builds a Screener on the embedded defaults (or on cfg's
// data when it names files) and the server around it.
func newTestServer(t *testing.T, cfg config) *server {
	t.Helper()
	ctx := context.Background()
	data, err := load(ctx, cfg, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	s, err := screening.New(ctx, append(data.opts, screening.WithLogger(quietLogger()))...)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Locator = data.locator
	if cfg.Tokens == nil {
		cfg.Tokens = testTokens(t)
	}
	srv := newServer(s, cfg, quietLogger())
	t.Cleanup(func() {
		if err := srv.close(); err != nil {
			t.Error(err)
		}
	})
	return srv
}

// sharedServer is one server on the embedded defaults for the tests that
// only read; building the name index takes most of a second.
var sharedServer = sync.OnceValues(func() (*server, error) {
	ctx := context.Background()
	s, err := screening.New(ctx, screening.WithLogger(quietLogger()))
	if err != nil {
		return nil, err
	}
	return newServer(s, config{}, quietLogger()), nil
})

func defaultServer(t *testing.T) *server {
	t.Helper()
	srv, err := sharedServer()
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", jsonType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("response %d %q: %v", w.Code, w.Body.String(), err)
	}
	return v
}

func codes(d screening.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code+":"+r.Outcome)
	}
	return out
}

func TestHealthzAndVersions(t *testing.T) {
	srv := defaultServer(t)
	w := do(t, srv, "GET", "/healthz", "")
	if w.Code != 200 || w.Body.String() != "{\"status\":\"ok\"}\n" {
		t.Fatalf("healthz: %d %s", w.Code, w.Body)
	}
	w = do(t, srv, "GET", "/v1/versions", "")
	v := decode[screening.Versions](t, w)
	if diff := cmp.Diff(srv.s.Versions(), v); diff != "" {
		t.Errorf("versions (-screener +response):\n%s", diff)
	}
	if len(v.Lists) == 0 || !v.Lists[0].Evaluation || v.GeoDBs[0].Name != "embedded:ip-country" {
		t.Errorf("versions on the embedded data: %+v", v)
	}
	if w := do(t, srv, "POST", "/healthz", ""); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d, want 405", w.Code)
	}
}

func TestScreen(t *testing.T) {
	srv := defaultServer(t)
	tests := []struct {
		name        string
		body        string
		status      int
		outcome     string
		reasons     []string
		matchList   string
		matchEntry  string
		fieldErrors []fieldError
	}{
		{
			// 8.8.8.8 is in 8.8.0.0/15, which the embedded iptoasn data
			// gives to the US.
			name:    "domestic order from a US address",
			body:    `{"id":"o-1","destination":"US","ips":["8.8.8.8"],"parties":[{"role":"purchaser","name":"Acme Robotics Inc","country":"US"}]}`,
			status:  200,
			outcome: "allow",
			reasons: []string{"data.evaluation_snapshot:allow"},
		},
		{
			// Entity List, 84 FR 22963 (2019-05-21): a license is
			// required for all items subject to the EAR (15 CFR 744.11).
			name:       "Entity List party",
			body:       `{"id":"o-2","destination":"CN","parties":[{"role":"ultimate_consignee","name":"Huawei Technologies Co., Ltd.","country":"CN","type":"entity"}]}`,
			status:     200,
			outcome:    "license_required",
			matchList:  "EL",
			matchEntry: "Huawei Technologies Co., Ltd.",
		},
		{
			// 5.160.0.1 is an Iranian address in the iptoasn data.
			name:    "client IP in an embargoed country",
			body:    `{"id":"o-3","destination":"DE","ips":["5.160.0.1"],"parties":[{"role":"purchaser","name":"Acme Robotics GmbH","country":"DE"}]}`,
			status:  200,
			outcome: "deny",
		},
		{
			name:    "unreadable fields give the review decision and 422",
			body:    `{"id":"o-4","date":"2026-13-01","destination":"Narnia","parties":[{"role":"buyer","name":"Acme Robotics Inc","country":"US"}]}`,
			status:  422,
			outcome: "review",
			fieldErrors: []fieldError{
				{Field: "date", Value: "2026-13-01"},
				{Field: "parties[0].role", Value: "buyer"},
				{Field: "destination", Value: "Narnia"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, srv, "POST", "/v1/screen", tc.body)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var d screening.Decision
			if tc.fieldErrors != nil {
				resp := decode[screenResponse](t, w)
				d = resp.Decision
				var got []fieldError
				for _, fe := range resp.Errors {
					if fe.Message == "" {
						t.Errorf("field %s: no message", fe.Field)
					}
					got = append(got, fieldError{Field: fe.Field, Value: fe.Value})
				}
				sortFE := func(a, b fieldError) int { return strings.Compare(a.Field, b.Field) }
				slices.SortFunc(got, sortFE)
				want := slices.Clone(tc.fieldErrors)
				slices.SortFunc(want, sortFE)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("field errors (-want +got):\n%s", diff)
				}
				for _, fe := range tc.fieldErrors {
					if !slices.ContainsFunc(d.Reasons, func(r screening.Reason) bool {
						return r.Code == "input.invalid" && r.Evidence["field"] == fe.Field
					}) {
						t.Errorf("no input.invalid reason for %s: %v", fe.Field, codes(d))
					}
				}
			} else {
				d = decode[screening.Decision](t, w)
			}
			if d.Outcome != tc.outcome {
				t.Errorf("outcome %s, want %s; reasons %v", d.Outcome, tc.outcome, codes(d))
			}
			if tc.reasons != nil {
				if diff := cmp.Diff(tc.reasons, codes(d)); diff != "" {
					t.Errorf("reasons (-want +got):\n%s", diff)
				}
			}
			if tc.matchList != "" && !slices.ContainsFunc(d.Matches, func(m screening.MatchRecord) bool {
				return m.List == tc.matchList && m.EntryName == tc.matchEntry
			}) {
				t.Errorf("no %s match for %q: %+v", tc.matchList, tc.matchEntry, d.Matches)
			}
		})
	}
}

func TestScreenEmbargoedIP(t *testing.T) {
	srv := defaultServer(t)
	w := do(t, srv, "POST", "/v1/screen", `{"id":"o-3","destination":"DE","ips":["5.160.0.1"],"parties":[{"role":"purchaser","name":"Acme Robotics GmbH","country":"DE"}]}`)
	d := decode[screening.Decision](t, w)
	if len(d.Locations) != 1 || d.Locations[0].Country != "IR" {
		t.Fatalf("locations: %+v", d.Locations)
	}
	if !slices.Contains(codes(d), "ip.embargoed:deny") {
		t.Errorf("reasons %v, want ip.embargoed:deny", codes(d))
	}
}

func TestBadJSON(t *testing.T) {
	srv := defaultServer(t)
	tests := []struct {
		name string
		path string
		body string
		want BodyError
	}{
		{"syntax error", "/v1/screen", `{"id":"o-1",}`,
			BodyError{Message: "invalid character '}' looking for beginning of object key string", Offset: 13, Line: 1, Column: 13}},
		{"syntax error on line 3", "/v1/screen", "{\n  \"id\": \"o-1\",\n  \"parties\": [{\"name\" \"x\"}]\n}",
			BodyError{Message: "invalid character '\"' after object key", Offset: 40, Line: 3, Column: 23}},
		{"unknown field", "/v1/screen", `{"id":"o-1","parties":[{"name":"a"},{"nmae":"b"}]}`,
			BodyError{Field: "parties[1].nmae", Value: "nmae", Message: `unknown field "nmae"`, Offset: 43, Line: 1, Column: 43}},
		{"unknown top-level field", "/v1/screen", `{"id":"o-1","customer":"x"}`,
			BodyError{Field: "customer", Value: "customer", Message: `unknown field "customer"`, Offset: 22, Line: 1, Column: 22}},
		{"empty key", "/v1/screen", `{"id":"o-1","parties":[{"":1}]}`,
			BodyError{Field: `parties[0][""]`, Value: "", Message: `unknown field ""`, Offset: 26, Line: 1, Column: 26}},
		{"wrong type", "/v1/screen", `{"id":"o-1","items":[{"id":"gpu","tpp":"4992"}]}`,
			BodyError{Field: "items[0].tpp", Value: "string", Message: "found a JSON string, want a number", Offset: 45, Line: 1, Column: 45}},
		{"wrong type, nested array", "/v1/screen", `{"id":"o-1","ips":["8.8.8.8",8]}`,
			BodyError{Field: "ips[1]", Value: "number", Message: "found a JSON number, want a string", Offset: 30, Line: 1, Column: 30}},
		{"object for a batch", "/v1/screen/batch", `{"id":"o-1"}`,
			BodyError{Value: "object", Message: "found a JSON object, want an array", Offset: 1, Line: 1, Column: 1}},
		{"wrong type in a batch", "/v1/screen/batch", `[{"id":"a"},{"id":"b","parties":[{"dob":19700101}]}]`,
			BodyError{Field: "[1].parties[0].dob", Value: "number", Message: "found a JSON number, want a string", Offset: 48, Line: 1, Column: 48}},
		{"empty body", "/v1/screen", ``,
			BodyError{Message: "the body is empty; want a JSON value", Line: 1, Column: 1}},
		{"truncated", "/v1/screen", `{"id":"o-1","parties":[`,
			BodyError{Message: "the body ends in the middle of a JSON value", Offset: 23, Line: 1, Column: 23}},
		{"trailing data", "/v1/screen", `{"id":"o-1"} {"id":"o-2"}`,
			BodyError{Message: "unexpected data after the JSON value", Offset: 14, Line: 1, Column: 14}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", jsonType)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", w.Code, w.Body)
			}
			resp := decode[errorResponse](t, w)
			if len(resp.Errors) != 1 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			if diff := cmp.Diff(tc.want, *resp.Errors[0]); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if !strings.Contains(resp.Error, tc.want.Message) {
				t.Errorf("error %q does not say %q", resp.Error, tc.want.Message)
			}
		})
	}
}

func TestContentType(t *testing.T) {
	srv := defaultServer(t)
	r := httptest.NewRequest("POST", "/v1/screen", strings.NewReader(`{"id":"o-1"}`))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusUnsupportedMediaType {
		t.Errorf("form post: %d, want 415", w.Code)
	}
}

func TestOversize(t *testing.T) {
	srv := newServer(defaultServer(t).s, config{MaxBody: 1024, MaxBatch: 3}, quietLogger())
	big := `{"id":"o-1","end_use":"` + strings.Repeat("x", 2000) + `"}`
	w := do(t, srv, "POST", "/v1/screen", big)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversize body: %d, want 413: %s", w.Code, w.Body)
	}
	if got := decode[errorResponse](t, w).Error; got != "the body is larger than 1024 bytes" {
		t.Errorf("error %q", got)
	}
	w = do(t, srv, "POST", "/v1/screen/batch", `[{"id":"1"},{"id":"2"},{"id":"3"},{"id":"4"}]`)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversize batch: %d, want 413: %s", w.Code, w.Body)
	}
	if got := decode[errorResponse](t, w).Error; got != "the batch holds 4 requests; at most 3 are accepted" {
		t.Errorf("error %q", got)
	}
}

func TestBatch(t *testing.T) {
	srv := defaultServer(t)
	body := `[
	 {"id":"b-1","destination":"US","ips":["8.8.8.8"],"parties":[{"role":"purchaser","name":"Acme Robotics Inc","country":"US"}]},
	 {"id":"b-2","destination":"CN","parties":[{"role":"ultimate_consignee","name":"Huawei Technologies Co., Ltd.","country":"CN","type":"entity"}]},
	 {"id":"b-3","destination":"Narnia"}
	]`
	w := do(t, srv, "POST", "/v1/screen/batch", body)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	ds := decode[[]screening.Decision](t, w)
	var got [][3]string
	for _, d := range ds {
		got = append(got, [3]string{d.ID, d.Outcome, d.Error})
	}
	want := [][3]string{
		{"b-1", "allow", ""},
		{"b-2", "license_required", ""},
		{"b-3", "review", `request 2: field destination: not a known country or region "Narnia"`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("batch (-want +got):\n%s", diff)
	}
	if w := do(t, srv, "POST", "/v1/screen/batch", `[]`); w.Code != 200 || strings.TrimSpace(w.Body.String()) != "[]" {
		t.Errorf("empty batch: %d %s", w.Code, w.Body)
	}
}

func TestReload(t *testing.T) {
	srv := newTestServer(t, config{})
	before := srv.s.Versions()

	// A configuration whose policy file has errors: 500, old data kept.
	srv.cfg.PolicyPath = testBadYAML
	w := doAs(t, srv, adminToken, "POST", "/v1/reload", "")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("bad policy: %d: %s", w.Code, w.Body)
	}
	resp := decode[errorResponse](t, w)
	if len(resp.Details) == 0 || !strings.HasPrefix(resp.Details[0], testBadYAML+":") {
		t.Errorf("details %q: want file:line: messages", resp.Details)
	}
	if diff := cmp.Diff(before, *resp.Versions); diff != "" {
		t.Errorf("versions after failed reload (-before +after):\n%s", diff)
	}

	// A list file that does not exist.
	srv.cfg.PolicyPath, srv.cfg.ListPaths = "", []string{testMissing}
	w = doAs(t, srv, adminToken, "POST", "/v1/reload", "")
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "no-such-file.csv") {
		t.Fatalf("missing list: %d: %s", w.Code, w.Body)
	}
	if diff := cmp.Diff(before, srv.s.Versions()); diff != "" {
		t.Errorf("versions after failed reload (-before +after):\n%s", diff)
	}

	// Good files: everything changes.
	srv.cfg = config{Data: service.Data{PolicyPath: testPolicy, ListPaths: []string{testCSL}, GeoIPPaths: []string{testCountry}}, MaxBody: srv.cfg.MaxBody, MaxBatch: srv.cfg.MaxBatch}
	w = doAs(t, srv, adminToken, "POST", "/v1/reload", "")
	if w.Code != 200 {
		t.Fatalf("reload: %d: %s", w.Code, w.Body)
	}
	v := decode[screening.Versions](t, w)
	if v.Policy == before.Policy || v.PolicyAsOf != "2026-11-01" {
		t.Errorf("policy %s as of %s: not the example policy", v.Policy, v.PolicyAsOf)
	}
	var geo []string
	for _, g := range v.GeoDBs {
		geo = append(geo, g.Type)
	}
	if diff := cmp.Diff([]string{"country"}, geo); diff != "" {
		t.Errorf("geo databases (-want +got):\n%s", diff)
	}
	for _, l := range v.Lists {
		if l.Evaluation || l.Checksum != "dc1c71ee8e97f9ead0880649000c3eab20a2af2cfa8a7d9c4ff6c20a69b0613f" {
			t.Errorf("list %+v: not from %s", l, testCSL)
		}
	}
}

// TestScreenWhileReloading screens from 8 goroutines while the data,
// including the geolocation database the server owns, is reloaded over and
// over. Every screening must see one whole world: the party is found on
// the SSI list of the loaded CSL file and the IP is located by the MaxMind
// test database, never by a closed one.
func TestScreenWhileReloading(t *testing.T) {
	cfg := config{Data: service.Data{PolicyPath: testPolicy, ListPaths: []string{testCSL}, GeoIPPaths: []string{testCountry}}}
	srv := newTestServer(t, cfg)
	hs := httptest.NewServer(srv)
	defer hs.Close()

	// ROSNEFT TRADE LIMITED is on the SSI list (CSL row 18300);
	// 81.2.69.160 is GB in MaxMind's test data.
	body := `{"id":"c-%d-%d","destination":"GB","ips":["81.2.69.160"],"parties":[{"role":"purchaser","name":"Rosneft Trade Limited","country":"CY","type":"entity"}]}`
	const workers, perWorker = 8, 50
	done := make(chan struct{})
	var stop atomic.Bool
	var reloads int
	var reloadErr error
	go func() {
		defer close(done)
		for {
			req, _ := http.NewRequest("POST", hs.URL+"/v1/reload", nil)
			req.Header.Set("Authorization", "Bearer "+adminToken)
			resp, err := hs.Client().Do(req)
			if err != nil {
				reloadErr = err
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				reloadErr = fmt.Errorf("reload %d: %s", resp.StatusCode, b)
				return
			}
			reloads++
			if stop.Load() {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				resp, err := hs.Client().Post(hs.URL+"/v1/screen", jsonType, bytes.NewBufferString(fmt.Sprintf(body, g, i)))
				if err != nil {
					errs <- err
					continue
				}
				var d screening.Decision
				err = json.NewDecoder(resp.Body).Decode(&d)
				resp.Body.Close()
				switch {
				case err != nil:
					errs <- err
				case resp.StatusCode != 200:
					errs <- fmt.Errorf("%s: status %d", d.ID, resp.StatusCode)
				case len(d.Locations) != 1 || d.Locations[0].Country != "GB" || !slices.Contains(d.Locations[0].Databases, "GeoIP2-Country-Test.mmdb"):
					errs <- fmt.Errorf("%s: locations %+v; reasons %v", d.ID, d.Locations, codes(d))
				case !slices.ContainsFunc(d.Matches, func(m screening.MatchRecord) bool { return m.List == "SSI" && m.EntryID == "18300" }):
					errs <- fmt.Errorf("%s: no SSI match: %+v", d.ID, d.Matches)
				}
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	<-done
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if reloadErr != nil {
		t.Fatal(reloadErr)
	}
	if reloads == 0 {
		t.Error("no reload ran during the screenings")
	}
	t.Logf("%d screenings during %d reloads", workers*perWorker, reloads)
}
