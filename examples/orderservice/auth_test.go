package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/examples/internal/service"
)

const (
	reviewerToken = "rev-7d1c0f6e2b9a4c3d8e5f6a7b8c9d0e1f"
	adminToken    = "adm-1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c"
)

func testTokens(t testing.TB) *service.Tokens {
	t.Helper()
	tk, err := service.ParseTokens(strings.NewReader("reviewer e.manager "+reviewerToken+"\nadmin ops "+adminToken+"\n"), "test tokens")
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// doAs is do with a bearer token.
func doAs(t *testing.T, h http.Handler, token, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", jsonType)
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
