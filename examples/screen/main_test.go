package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func codes(d screening.Decision) []string {
	var c []string
	for _, r := range d.Reasons {
		c = append(c, r.Outcome+" "+r.Code)
	}
	return c
}

// TestScreenDecisions screens real requests on the embedded defaults, given
// as a name, as flags and as JSON, and checks the exact outcome, reasons and
// exit code. The parties are entries of the embedded evaluation snapshot
// (Entity List and CMIC) and made-up clean companies.
func TestScreenDecisions(t *testing.T) {
	dir := t.TempDir()
	reqFile := filepath.Join(dir, "order.json")
	if err := os.WriteFile(reqFile, []byte(`{"id":"ORD-7","destination":"DE","parties":[{"role":"purchaser","name":"Acme Widgets Inc","country":"US"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		stdin   string
		args    []string
		code    int
		id      string
		outcome string
		reasons []string
		matches []string // list entry names
		errText string
	}{
		{name: "listed name", args: []string{"Hangzhou Hikvision Digital Technology Co., Ltd."}, code: exitNotAllow, id: "cli", outcome: "license_required",
			reasons: []string{"license_required party.listed", "review party.listed", "allow data.evaluation_snapshot"},
			matches: []string{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "Hangzhou Hikvision Digital Technology Co., Ltd."}},
		{name: "clean name with flags after it", args: []string{"Acme Widgets Inc", "-country", "US", "-destination", "US", "-id", "Q1"}, code: exitAllow,
			id: "Q1", outcome: "allow", reasons: []string{"allow data.evaluation_snapshot"}},
		{name: "chip order as flags", args: []string{"-destination", "CN", "-eccn", "3A090.a", "-tpp", "4992", "-country", "US", "Acme Widgets Inc"},
			code: exitNotAllow, id: "cli", outcome: "license_required",
			reasons: []string{"license_required item.license_required", "review destination.country_of_concern", "allow data.evaluation_snapshot"}},
		{name: "an ECCN the Screener cannot read", args: []string{"-destination", "CN", "-eccn", "4A090", "-country", "US", "Acme Widgets Inc"},
			code: exitNotAllow, id: "cli", outcome: "review",
			reasons: []string{"review destination.country_of_concern", "review input.invalid", "allow data.evaluation_snapshot"},
			// Bad input is a reason of the decision (input.invalid), not an error beside it.
		},
		{name: "-geoip replaces the embedded database", args: []string{"-geoip", "../../testdata/mmdb/GeoIP2-City-Test.mmdb", "-ip", "2.125.160.216", "-destination", "GB", "-id", "G1"},
			code: exitNotAllow, id: "G1", outcome: "review",
			// MaxMind's test database was built 2026-02-04: older than the
			// policy allows, so it is stale, fail closed.
			reasons: []string{"review data.stale", "allow data.evaluation_snapshot"}},
		{name: "-policy", args: []string{"-policy", "../../rules/default_policy.yaml", "-country", "US", "-destination", "US", "Acme Widgets Inc"},
			code: exitAllow, id: "cli", outcome: "allow", reasons: []string{"allow data.evaluation_snapshot"}},
		{name: "request file", args: []string{"-request", reqFile}, code: exitAllow, id: "ORD-7", outcome: "allow",
			reasons: []string{"allow data.evaluation_snapshot"}},
		{name: "request on stdin", stdin: `{"id":"S1","ips":["8.8.8.8"],"destination":"CN"}`, args: []string{"-request", "-"},
			code: exitNotAllow, id: "S1", outcome: "review",
			reasons: []string{"review destination.country_of_concern", "review ip.country_mismatch", "allow data.evaluation_snapshot"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runCmd(t, tc.stdin, append([]string{"-json"}, tc.args...)...)
			if res.code != tc.code {
				t.Fatalf("exit %d; want %d\nstderr: %s", res.code, tc.code, res.stderr)
			}
			var d screening.Decision
			if err := json.Unmarshal([]byte(res.stdout), &d); err != nil {
				t.Fatalf("-json output: %v\n%s", err, res.stdout)
			}
			if d.ID != tc.id || d.Outcome != tc.outcome || d.Error != tc.errText {
				t.Errorf("id %q outcome %q error %q; want %q %q %q", d.ID, d.Outcome, d.Error, tc.id, tc.outcome, tc.errText)
			}
			if diff := cmp.Diff(tc.reasons, codes(d)); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			var names []string
			for _, m := range d.Matches {
				names = append(names, m.EntryName)
			}
			if diff := cmp.Diff(tc.matches, names); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScreenReadable checks the text a person reads: the outcome first, the
// reason that set it with its citation, the hit and the data used.
func TestScreenReadable(t *testing.T) {
	res := runCmd(t, "", "Hangzhou Hikvision Digital Technology Co., Ltd.")
	if res.code != exitNotAllow {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{
		"cli: LICENSE_REQUIRED (rules as of ",
		"\nreasons:\n  license_required party.listed\n",
		"[15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)]",
		"\nlist matches:\n",
		`"Hangzhou Hikvision Digital Technology Co., Ltd." (other) → Hangzhou Hikvision Digital Technology Co., Ltd.  [EL `,
		"tokens: digital~digital 1.00, hangzhou~hangzhou 1.00, hikvision~hikvision 1.00, technology~technology 1.00",
		"  list EL as of 2025-10-09, 3265 entries, evaluation data\n",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("output does not say %q:\n%s", want, res.stdout)
		}
	}
}

// TestScreenUsage: every mistake on the command line is exit 2 with a
// message that says what to change; nothing is screened.
func TestScreenUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\"id\":\"x\",\n \"partys\":[]}"), 0o644); err != nil {
		t.Fatal(err)
	}
	syntax := filepath.Join(dir, "syntax.json")
	if err := os.WriteFile(syntax, []byte("{\"id\":\"x\",\n\n \"destination\":}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		msg   string
	}{
		{"nothing", "", nil, "screen: nothing to screen: give a NAME, -request FILE, or request flags such as -destination, -ip or -eccn (see -h)"},
		{"two names", "", []string{"Acme", "Widgets"}, "screen: one name at a time: got 2 arguments (Acme Widgets); quote a name with spaces"},
		{"request and flags", "", []string{"-request", bad, "-country", "CN"}, "screen: -request takes the whole request: leave out -country, or put it in the JSON"},
		{"request and name", "", []string{"-request", bad, "Acme"}, `screen: -request takes the whole request: leave out the name "Acme", or put it in the JSON`},
		{"unknown JSON field", "", []string{"-request", bad}, `screen: -request ` + bad + `: line 2: json: unknown field "partys"`},
		{"JSON syntax", "", []string{"-request", syntax}, "screen: -request " + syntax + ": line 3: invalid character '}' looking for beginning of value"},
		{"two requests on stdin", `{"id":"a"} {"id":"b"}`, []string{"-request", "-"}, "screen: -request stdin: more than one JSON value: one request at a time (the audit screens many)"},
		{"missing request file", "", []string{"-request", filepath.Join(dir, "nope.json")}, "nope.json: no such file or directory"},
		{"role", "", []string{"-role", "buyer", "Acme"}, `screen: -role: unknown role "buyer"`},
		{"datacenter", "", []string{"-datacenter", "maybe", "-tpp", "10"}, `screen: -datacenter "maybe": want true or false`},
		{"negative", "", []string{"-tpp", "-5"}, "screen: -tpp -5: want a number >= 0"},
		{"threshold", "", []string{"-threshold", "1.5", "Acme"}, "screen: -threshold 1.5: want a number in (0,1]"},
		{"as-of", "", []string{"-as-of", "6/12/2026", "Acme"}, `screen: -as-of "6/12/2026": want a date YYYY-MM-DD`},
		{"policy", "", []string{"-policy", filepath.Join(dir, "nope.yaml"), "Acme"}, "nope.yaml"},
		{"unknown flag after the name", "", []string{"Acme", "-colour"}, "flag provided but not defined: -colour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runCmd(t, tc.stdin, tc.args...)
			if res.code != exitUsage {
				t.Errorf("exit %d; want %d", res.code, exitUsage)
			}
			if !strings.Contains(res.stderr, tc.msg) {
				t.Errorf("stderr does not say %q:\n%s", tc.msg, res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout: %s", res.stdout)
			}
		})
	}
	if res := runCmd(t, "", "-h"); res.code != exitAllow || !strings.Contains(res.stderr, "usage: screen [flags] NAME") {
		t.Errorf("-h: exit %d, %s", res.code, res.stderr)
	}
}

// FuzzReadRequest: the -request reader never panics, and a request it
// accepts encodes back to JSON that it accepts again, to the same request.
func FuzzReadRequest(f *testing.F) {
	f.Add(`{"id":"ORD-7","destination":"DE","parties":[{"role":"purchaser","name":"Acme Widgets Inc","country":"US"}]}`)
	f.Add(`{"id":"S1","ips":["8.8.8.8"],"items":[{"eccn":"3A090.a","tpp":4992,"datacenter":true}]}`)
	f.Add(`{"id":"x",` + "\n" + `"partys":[]}`)
	f.Add(`{} {}`)
	f.Add(``)
	f.Fuzz(func(t *testing.T, in string) {
		req, err := readRequest("-", strings.NewReader(in))
		if err != nil {
			return
		}
		b, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		again, err := readRequest("-", bytes.NewReader(b))
		if err != nil {
			t.Fatalf("re-reading %s: %v", b, err)
		}
		if diff := cmp.Diff(req, again, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}
