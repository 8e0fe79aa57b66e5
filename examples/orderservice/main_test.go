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
		{[]string{"-max-body", "0"}, "-max-body and -max-batch must be positive"},
		{[]string{"-max-batch", "-1"}, "-max-body and -max-batch must be positive"},
		{[]string{"serve"}, `unexpected arguments ["serve"]`},
		{[]string{"-policy", testBadYAML}, testBadYAML + ":"},
		{[]string{"-lists", testMissing}, "no-such-file.csv"},
		{[]string{"-geoip", testPolicy}, "geoip: "},
	}
	for _, tc := range tests {
		err := run(tc.args, quietLogger())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}
