package main

import (
	"errors"
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
