package records

import (
	"strings"
	"testing"
)

// FuzzParseDisposition and ParseFormat accept exactly their names and
// otherwise say what they want.
func FuzzParseNames(f *testing.F) {
	for _, s := range []string{"false_positive", "confirmed_match", "escalated", "license_obtained", "cleared", "", "jsonl", "csv", "CSV"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDisposition(s)
		if (err == nil) != (d == ConfirmedMatch || d == FalsePositive || d == Escalated || d == LicenseObtained) || (err == nil && string(d) != s) {
			t.Fatalf("ParseDisposition(%q) = %q, %v", s, d, err)
		}
		if err != nil && !strings.Contains(err.Error(), "want confirmed_match, false_positive, escalated or license_obtained") {
			t.Fatalf("ParseDisposition(%q): %v", s, err)
		}
		f, err := ParseFormat(s)
		if (err == nil) != (s == "jsonl" || s == "csv") || (err == nil && string(f) != s) {
			t.Fatalf("ParseFormat(%q) = %q, %v", s, f, err)
		}
	})
}

// FuzzChainHash: two records that differ in any field hash differently
// (the fields are length-prefixed, so moving bytes between them changes
// the hash).
func FuzzChainHash(f *testing.F) {
	f.Add("orderservice", "o-1", "allow", `{"id":"o-1"}`, `{"id":"o-1"}`, "ab", 1)
	f.Fuzz(func(t *testing.T, source, id, outcome, req, dec, prev string, cut int) {
		h := chainHash(1, "t", source, id, outcome, []byte(req), []byte(dec), prev)
		if len(req) == 0 {
			return
		}
		cut = ((cut % len(req)) + len(req)) % len(req)
		// Move the tail of the request into the decision.
		moved := chainHash(1, "t", source, id, outcome, []byte(req[:cut]), []byte(req[cut:]+dec), prev)
		if moved == h {
			t.Fatalf("moving %q from request to decision kept the hash", req[cut:])
		}
	})
}
