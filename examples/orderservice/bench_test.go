package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
)

const benchOrder = `{"id":"o-1","destination":"DE","ips":["8.8.8.8"],"parties":[{"role":"purchaser","name":"Acme Robotics GmbH","country":"DE","type":"entity"},{"role":"end_user","name":"Example Compute GmbH","country":"DE","parent_name":"Example Holdings","parent_country":"CN"}],"items":[{"id":"gpu","tpp":4992,"die_area_mm2":826,"datacenter":true}]}`

// BenchmarkScreenHandler is one POST /v1/screen through the handler:
// read, strict decode, screen, encode.
func BenchmarkScreenHandler(b *testing.B) {
	srv, err := sharedServer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/v1/screen", strings.NewReader(benchOrder))
		r.Header.Set("Content-Type", jsonType)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body)
		}
	}
}

// BenchmarkDecodeStrict is the strict decode of one order alone.
func BenchmarkDecodeStrict(b *testing.B) {
	body := []byte(benchOrder)
	b.ReportAllocs()
	for b.Loop() {
		var req screening.Request
		if err := decodeStrict(body, &req); err != nil {
			b.Fatal(err)
		}
	}
}
