package main

import (
	"slices"
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
		{[]string{"-max-ips", "0"}, "-max-ips, -max-parties and -max-items must be positive"},
		{[]string{"-db", "mysql://db/x"}, `records: data source "mysql://db/x": want sqlite:PATH or postgres://…`},
		{[]string{"-tokens", "no-such-tokens.txt"}, "tokens: open no-such-tokens.txt: no such file or directory"},
		{[]string{"records"}, "usage: orderservice records verify -db DSN"},
		{[]string{"records", "verify", "-db", "sqlite:no-such.db"}, "records: stat no-such.db: no such file or directory"},
	}
	for _, tc := range tests {
		err := run(append(dbFlag(t, tc.args), tc.args...), quietLogger())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}

// dbFlag points a test run at a database in a temporary directory unless
// args name one.
func dbFlag(t *testing.T, args []string) []string {
	if slices.Contains(args, "-db") || (len(args) > 0 && args[0] == "records") {
		return nil
	}
	return []string{"-db", "sqlite:" + t.TempDir() + "/records.db"}
}
