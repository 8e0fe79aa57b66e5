package service

import (
	"flag"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args []string
		pos  []string
		out  string
		v    bool
		err  string
	}{
		{args: []string{"a.csv", "-out", "x", "b.csv", "-v"}, pos: []string{"a.csv", "b.csv"}, out: "x", v: true},
		{args: []string{"-out=x", "-", "-v"}, pos: []string{"-"}, out: "x", v: true},
		{args: []string{"a.csv", "--", "-v", "-out"}, pos: []string{"a.csv", "-v", "-out"}},
		{args: []string{"-out", "--", "a.csv"}, pos: []string{"a.csv"}, out: "--"},
		{args: []string{"-v", "--", "-x.csv"}, pos: []string{"-x.csv"}, v: true},
		{args: []string{"a.csv", "-nope"}, err: "flag provided but not defined: -nope"},
		{args: []string{"a.csv", "-out"}, err: "flag needs an argument: -out"},
		{args: nil, pos: nil},
	}
	for _, tc := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		out := fs.String("out", "", "")
		v := fs.Bool("v", false, "")
		pos, err := ParseArgs(fs, tc.args)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v; want %q", tc.args, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if d := cmp.Diff(tc.pos, pos); d != "" || *out != tc.out || *v != tc.v {
			t.Errorf("%q: out %q v %v, positional (-want +got):\n%s", tc.args, *out, *v, d)
		}
	}
}
