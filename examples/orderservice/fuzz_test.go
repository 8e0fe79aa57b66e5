package main

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
)

// FuzzDecodeStrict checks that any body either decodes or gives a
// *BodyError whose position lies inside the body, and that the walker
// behind field paths never panics.
func FuzzDecodeStrict(f *testing.F) {
	for _, s := range []string{
		`{"id":"o-1","destination":"US","ips":["8.8.8.8"],"parties":[{"role":"purchaser","name":"Acme Robotics Inc","country":"US"}]}`,
		`{"id":"o-1",}`,
		`{"id":"o-1","parties":[{"name":"a"},{"nmae":"b"}]}`,
		`{"id":"o-1","items":[{"id":"gpu","tpp":"4992","throughputs":[{"tops":1,"bit_length":"8"}]}]}`,
		`[{"id":"a"},{"id":"b","parties":[{"dob":19700101}]}]`,
		`{"id":"o-1","location":{"measurements":[{"rtt_ms":[1,"x"]}]}}`,
		`{"ID":"o-1","Parties":[{"NAME":"x","Bogus":1}]}`,
		"",
		`{"id":"o-1"} {"id":"o-2"}`,
		`{"id":"o-1","parties":[`,
		"\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range []any{new(screening.Request), new([]screening.Request)} {
			err := decodeStrict(body, v)
			if err == nil {
				continue
			}
			var be *BodyError
			if !errors.As(err, &be) {
				t.Fatalf("%q: error %T %v, want *BodyError", body, err, err)
			}
			if be.Offset < 0 || be.Offset > int64(len(body)) || be.Line < 1 || be.Column < 1 {
				t.Fatalf("%q: position %+v outside the body", body, be)
			}
			if strings.HasPrefix(be.Message, "unknown field") && be.Field == "" {
				t.Fatalf("%q: unknown field without a path: %+v", body, be)
			}
		}
	})
}

// FuzzRecordFilter: the query parameters of /v1/records and /v1/cases
// either parse or fail with an error that names the parameter, and never
// panic.
func FuzzRecordFilter(f *testing.F) {
	f.Add("party=acme&from=2026-01-01&to=2026-12-31T00:00:00Z&after=10&limit=50")
	f.Add("from=yesterday&limit=0&after=-1")
	f.Add("status=closed&older_than_days=3&list=EL&reason=party.listed")
	f.Add("older_than_days=x&status=pending")
	f.Add("%zz&limit=99999999999999999999")
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		if _, err := recordFilter(q); err != nil && !strings.Contains(err.Error(), "query parameter ") {
			t.Fatalf("recordFilter(%q): %v does not name the parameter", query, err)
		}
		if _, err := caseFilter(q); err != nil && !strings.Contains(err.Error(), "query parameter ") {
			t.Fatalf("caseFilter(%q): %v does not name the parameter", query, err)
		}
	})
}
