package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

// Every route the server registers is documented, and every documented
// operation is served.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	srv := newTestServer(t, config{})
	var served []string
	for _, r := range srv.routes {
		method, path, _ := strings.Cut(r, " ")
		served = append(served, method+" "+strings.TrimSuffix(path, "{$}"))
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	slices.Sort(served)
	slices.Sort(documented)
	if !slices.Equal(served, documented) {
		t.Errorf("served:\n%s\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
}

// Real requests and the handlers' real responses validate against the
// document.
func TestOpenAPIValidatesRequestsAndResponses(t *testing.T) {
	doc := loadOpenAPI(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	for _, tc := range []struct {
		token, method, path, body string
		status                    int
	}{
		{"", "POST", "/v1/screen", atlasOrder, 200},
		{"", "POST", "/v1/screen", `{"id":"o-2","destination":"DE","ips":["8.8.8.8"],"items":[{"id":"gpu","eccn":"3A090","tpp":4992,"die_area_mm2":826,"datacenter":true}],"parties":[{"role":"purchaser","name":"Acme Robotics GmbH","country":"DE"}]}`, 200},
		{"", "POST", "/v1/screen", `{"id":"o-3","destination":"Narnia"}`, 422},
		{"", "POST", "/v1/screen", `{"id":"o-4","ips":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17"]}`, 413},
		{"", "POST", "/v1/screen/batch", "[" + atlasOrder + `,{"id":"b-2"}]`, 200},
		{"", "GET", "/v1/versions", "", 200},
		{"", "GET", "/healthz", "", 200},
		{"", "GET", "/readyz", "", 200},
		{"", "GET", "/v1/cases", "", 401},
		{reviewerToken, "GET", "/v1/cases?status=queue&list=UVL", "", 200},
		{reviewerToken, "GET", "/v1/cases/1", "", 200},
		{reviewerToken, "GET", "/v1/cases/99", "", 404},
		{reviewerToken, "POST", "/v1/cases/1/disposition", `{"disposition":"escalated","reason":"second opinion"}`, 200},
		{reviewerToken, "GET", "/v1/records?party=atlas&limit=5", "", 200},
		{adminToken, "GET", "/v1/records/verify", "", 200},
		{reviewerToken, "GET", "/v1/records/verify", "", 403},
		{adminToken, "POST", "/v1/reload", "", 200},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://localhost:8080"+tc.path, strings.NewReader(tc.body))
			if tc.body != "" {
				req.Header.Set("Content-Type", jsonType)
			}
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("not in the document: %v", err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
			if tc.status != 413 { // the document says at most 16 IPs only in words
				if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
					t.Fatalf("request does not validate: %v", err)
				}
			}
			req.Body = io.NopCloser(strings.NewReader(tc.body))
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code, Header: w.Header(),
				Body: io.NopCloser(bytes.NewReader(w.Body.Bytes())), Options: opts}
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("response does not validate: %v\n%s", err, w.Body)
			}
		})
	}
}

func TestMetricsAndReadiness(t *testing.T) {
	listsPath := filepath.Join(t.TempDir(), "csl.csv")
	writeLists(t, listsPath)
	srv := recordingServer(t, "", listsPath)
	do(t, srv, "POST", "/v1/screen", atlasOrder)
	doAs(t, srv, "", "GET", "/v1/cases", "")
	w := do(t, srv, "GET", "/metrics", "")
	if w.Code != 200 {
		t.Fatalf("metrics: %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`exportguard_decisions_total{outcome="review"} 1`,
		`exportguard_decision_reasons_total{code="party.listed",outcome="review"} 1`,
		`exportguard_http_request_duration_seconds_count{method="POST",route="POST /v1/screen",status="200"} 1`,
		`exportguard_http_request_duration_seconds_count{method="GET",route="GET /v1/cases",status="401"} 1`,
		`exportguard_review_queue_size 1`,
		`exportguard_list_age_seconds{source="UVL"} 118800`, // 2026-11-30 to 2026-12-01T09:00
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if w := do(t, srv, "GET", "/readyz", ""); w.Code != 200 || w.Body.String() != `{"status":"ready"}`+"\n" {
		t.Errorf("readyz: %d %s", w.Code, w.Body)
	}
	// Eight days later the list is older than the policy's 7 days.
	srv.cfg.Now = func() time.Time { return recordingNow.AddDate(0, 0, 8) }
	w = do(t, srv, "GET", "/readyz", "")
	if w.Code != http.StatusServiceUnavailable || w.Body.String() != `{"problems":["list UVL is 9 days old (as of 2026-11-30); the policy allows 7"],"status":"not ready"}`+"\n" {
		t.Errorf("readyz with stale data: %d %s", w.Code, w.Body)
	}
}
