package rules

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParsePolicy checks that ParsePolicy never panics, that it returns
// either a policy or only *PolicyErrors, and that a parsed policy's
// canonical form parses again to the same Version.
func FuzzParsePolicy(f *testing.F) {
	f.Add(defaultPolicyYAML)
	seeds, _ := filepath.Glob("../testdata/policy/*.yaml")
	bad, _ := filepath.Glob("../testdata/policy/bad/*")
	for _, name := range append(seeds, bad...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"version: 1\nname: x\nas_of: 2026-01-01\n",
		`{"version": 1, "name": "j", "as_of": "2026-01-01", "thresholds": {"match": 0.5}}`,
		"version: 1\nname: x\nas_of: 2026-01-01\ncountry_groups: {add: [{country: UA, groups: [B], from: 2020-12-28}]}\n",
		"version: 1\nname: x\nas_of: 2026-01-01\nprofiles: {define: [{name: a, citation: c, as_of: 2026-01-01, extends: [a]}]}\n",
		"version: 1\nname: \"\\u2028<&>\"\nas_of: 2026-01-01\ndescription: \"\\t\\x01\"\n",
		"a: &x [*x]\n",
		"[[[[[[[[[[]]]]]]]]]]",
		"version: 1\nname: x\nas_of: 2026-01-01\ndata_freshness: {max_list_age: 9223372036854775807ns}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePolicy("fuzz.yaml", data)
		if err != nil {
			if p != nil {
				t.Fatal("policy and error")
			}
			if !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("error not ErrInvalidPolicy: %v", err)
			}
			return
		}
		if p == nil {
			t.Fatal("nil policy, nil error")
		}
		q, err := ParsePolicy("canonical.json", p.Canonical())
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, p.Canonical())
		}
		if q.Version() != p.Version() || !bytes.Equal(q.Canonical(), p.Canonical()) {
			t.Fatalf("Version %s, after round trip %s\n%s\n%s", p.Version(), q.Version(), p.Canonical(), q.Canonical())
		}
	})
}
