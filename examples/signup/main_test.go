package main

import (
	"strings"
	"testing"
)

func TestRunRefusesBadConfiguration(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-trusted-proxies", "10.0.0.1/8"}, `trusted proxy "10.0.0.1/8": host bits set (did you mean 10.0.0.0/8?)`},
		{[]string{"serve"}, `unexpected arguments ["serve"]`},
		{[]string{"-policy", "../../testdata/policy/bad/unknown_country.yaml"}, "unknown_country.yaml:"},
		{[]string{"-lists", "../../testdata/lists/csl/no-such-file.csv"}, "no-such-file.csv"},
		{[]string{"-geoip", "../../testdata/mmdb/GeoIP2-City-Test-Invalid-Node-Count.mmdb"}, "geoip: "},
		// The example policy keeps the default ip.not_routable: allow.
		{[]string{"-policy", "../../testdata/policy/example.yaml"}, "policy acme-ai-chips maps ip.not_routable to allow and no -trusted-proxies are given: behind a reverse proxy every client would appear as the proxy's private address"},
		{[]string{"-db", "mysql://x/y"}, `records: data source "mysql://x/y": want sqlite:PATH or postgres://…`},
	}
	for _, tc := range tests {
		err := run(tc.args, quietLogger())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}
