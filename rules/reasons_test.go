package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestReasonRegistry checks each entry is complete: a code of the form
// subject.name, a valid default outcome, a citation and a meaning.
func TestReasonRegistry(t *testing.T) {
	form := regexp.MustCompile(`^(party|destination|ip|item|data|input)\.[a-z0-9_]+$`)
	rs := Reasons()
	if len(rs) == 0 {
		t.Fatal("no registered reason codes")
	}
	for _, r := range rs {
		if !form.MatchString(string(r.Code)) {
			t.Errorf("%q: not of the form subject.name", r.Code)
		}
		if !r.Outcome.IsValid() {
			t.Errorf("%s: default outcome %v is not valid", r.Code, r.Outcome)
		}
		if strings.TrimSpace(r.Citation) == "" || strings.TrimSpace(r.Meaning) == "" {
			t.Errorf("%s: citation %q, meaning %q: both are needed", r.Code, r.Citation, r.Meaning)
		}
		if got, ok := LookupReason(r.Code); !ok || got != r {
			t.Errorf("LookupReason(%q) = %+v, %v", r.Code, got, ok)
		}
	}
}

// TestDefaultPolicyMatchesRegistry checks the embedded default policy gives
// every code the registry's default outcome, so the documented defaults
// (generated from the registry) are the ones in force.
func TestDefaultPolicyMatchesRegistry(t *testing.T) {
	p := Default()
	for _, r := range Reasons() {
		if got := p.OutcomeFor(r.Code); got != r.Outcome {
			t.Errorf("default_policy.yaml: outcomes.%s is %v, the registry says %v", r.Code, got, r.Outcome)
		}
	}
}

// TestPolicyOmittingACodeGetsRegistryDefault checks a policy file built on
// no base (as the embedded default is) that leaves a code out gets the
// registry's outcome for it rather than an error or a silent review.
func TestPolicyOmittingACodeGetsRegistryDefault(t *testing.T) {
	p, err := parsePolicy("root.yaml", []byte(rootPolicyWithout(t, "ip.not_routable", "data.evaluation_snapshot")), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []ReasonCode{ReasonIPNotRoutable, ReasonDataEvaluationSnapshot} {
		if got := p.OutcomeFor(code); got != OutcomeAllow {
			t.Errorf("OutcomeFor(%s) = %v, want allow (the registry's default)", code, got)
		}
	}
}

// rootPolicyWithout returns the embedded default policy less the outcome
// lines of codes.
func rootPolicyWithout(t *testing.T, codes ...string) string {
	t.Helper()
	var b strings.Builder
	removed := 0
lines:
	for _, line := range strings.SplitAfter(string(defaultPolicyYAML), "\n") {
		for _, c := range codes {
			if strings.HasPrefix(line, "  "+c+":") {
				removed++
				continue lines
			}
		}
		b.WriteString(line)
	}
	if removed != len(codes) {
		t.Fatalf("removed %d outcome lines, want %d", removed, len(codes))
	}
	return b.String()
}

func TestParseReasonCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ReasonCode
		err  string
	}{
		{"party.listed", ReasonPartyListed, ""},
		{"ip.not_routable", ReasonIPNotRoutable, ""},
		{"input.invalid", ReasonInputInvalid, ""},
		{"party.entity_list", "", `invalid reason code "party.entity_list": not a registered reason code`},
		{"Party.Listed", "", `invalid reason code "Party.Listed": not a registered reason code; did you mean party.listed?`},
		{" ip.unknown", "", `invalid reason code " ip.unknown": not a registered reason code; did you mean ip.unknown?`},
		{"", "", `invalid reason code "": not a registered reason code`},
	} {
		got, err := ParseReasonCode(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseReasonCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || err.Error() != tc.err {
			t.Errorf("ParseReasonCode(%q) error = %v, want %s", tc.in, err, tc.err)
		}
		if !errors.Is(err, ErrInvalidCode) {
			t.Errorf("ParseReasonCode(%q): error does not wrap ErrInvalidCode", tc.in)
		}
	}
}

func TestReasonCodeText(t *testing.T) {
	b, err := ReasonItemGP10.MarshalText()
	if err != nil || string(b) != "item.gp10" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var c ReasonCode
	if err := c.UnmarshalText([]byte("data.stale")); err != nil || c != ReasonDataStale {
		t.Fatalf("UnmarshalText = %q, %v", c, err)
	}
	if _, err := ReasonCode("data.old").MarshalText(); err == nil {
		t.Error("MarshalText of an unregistered code succeeded")
	}
	if err := c.UnmarshalText([]byte("data.old")); err == nil || c != ReasonDataStale {
		t.Errorf("UnmarshalText of an unregistered code: %v, code now %q", err, c)
	}
	if ReasonCode("").IsValid() || ReasonCode("").Info() != (ReasonInfo{}) {
		t.Error("the zero ReasonCode is registered")
	}
}

// FuzzParseReasonCode checks ParseReasonCode accepts exactly the registered
// codes and round-trips them through text.
func FuzzParseReasonCode(f *testing.F) {
	for _, r := range Reasons() {
		f.Add(string(r.Code))
	}
	f.Add("Party.Listed")
	f.Add("party.")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseReasonCode(s)
		_, registered := LookupReason(ReasonCode(s))
		if (err == nil) != registered {
			t.Fatalf("ParseReasonCode(%q) error %v, registered %v", s, err, registered)
		}
		if err != nil {
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
				t.Fatalf("error %q does not quote the input", err)
			}
			return
		}
		b, err := c.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("round trip of %q: %q, %v", s, b, err)
		}
	})
}

// TestFixedCitations pins the exact citation of each code whose reasons
// all cite the same text, as decisions carry it.
func TestFixedCitations(t *testing.T) {
	const kyc = "Supp. No. 3 to 15 CFR Part 732 (know-your-customer red flags)"
	const freshness = "exportguard policy: data freshness (max_list_age, max_geo_db_age)"
	const location = "Chip Security Act proposals (S. 1705 / H.R. 3447); US AI Action Plan (July 2025) location verification"
	want := map[ReasonCode]string{
		ReasonPartyHQCountryOfConcern:     "15 CFR 744.23(a)(3); 15 CFR 742.6(a)(6)",
		ReasonIPAnonymizer:                kyc,
		ReasonIPCountryMismatch:           kyc,
		ReasonIPUnknown:                   kyc,
		ReasonIPNotRoutable:               "exportguard: address not on the public internet",
		ReasonItemGP10:                    "15 CFR 736.2(b)(10); BIS guidance of 13 May 2025",
		ReasonItemLocationInconsistent:    location,
		ReasonItemLocationConcernPossible: location,
		ReasonItemLocationUnverified:      location,
		ReasonDataStale:                   freshness,
		ReasonDataUndated:                 freshness,
		ReasonDataMissing:                 freshness,
		ReasonDataEvaluationSnapshot:      "exportguard: embedded evaluation data",
		ReasonInputInvalid:                "exportguard: request validation",
	}
	for _, r := range Reasons() {
		w, fixed := want[r.Code]
		if r.Fixed != fixed {
			t.Errorf("%s: Fixed = %v, want %v", r.Code, r.Fixed, fixed)
		}
		if fixed && r.Citation != w {
			t.Errorf("%s: citation %q, want %q", r.Code, r.Citation, w)
		}
	}
}
