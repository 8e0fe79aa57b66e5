package main

import (
	"fmt"
	"strconv"

	"github.com/exportguard/exportguard/screening"
)

// check reports the first count in req over its limit. index is the
// request's position in a batch, or -1 for a single request.
func (l limits) check(req screening.Request, index int) error {
	where := fmt.Sprintf("request %q", req.ID)
	if index >= 0 {
		where = fmt.Sprintf("request %d (%q)", index, req.ID)
	}
	for _, c := range []struct {
		field string
		n     int
		max   int
		flag  string
	}{
		{"ips", len(req.IPs), l.IPs, "-max-ips"},
		{"parties", len(req.Parties), l.Parties, "-max-parties"},
		{"items", len(req.Items), l.Items, "-max-items"},
	} {
		if c.n > c.max {
			return fmt.Errorf("%s: field %s holds %d values; at most %d are accepted (%s)", where, c.field, c.n, c.max, c.flag)
		}
	}
	return nil
}

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }
