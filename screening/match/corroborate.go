package match

import (
	"math"
	"strings"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

func logf(x float64) float64 { return math.Log(x) }

// entryCountry reports whether entry e names a country at all (an
// address country, a nationality or citizenship that parses) and whether
// c is one of them.
func entryCountry(e *lists.Entry, c rules.Country) (known, hit bool) {
	for _, a := range e.Addresses {
		if a.Country.IsValid() {
			known = true
			if a.Country == c {
				return true, true
			}
		}
	}
	for _, set := range [][]string{e.Nationalities, e.Citizenships} {
		for _, n := range set {
			if p, err := rules.ParseCountry(n); err == nil {
				known = true
				if p == c {
					return true, true
				}
			}
		}
	}
	return known, false
}

// corroborate compares the query's country, date of birth and identifiers
// with the entry's and records the adjustments.
func corroborate(r *result, e *lists.Entry, entryIDs []string, q Query) {
	if q.Country.IsValid() {
		known, hit := entryCountry(e, q.Country)
		switch {
		case hit:
			r.add(Adjustment{"country_match", deltaCountryMatch, "entry has an address or nationality in " + q.Country.String()})
		case known:
			r.add(Adjustment{"country_mismatch", deltaCountryMismatch, "no address or nationality of the entry is in " + q.Country.String()})
		}
	}
	if q.DateOfBirth != "" && len(e.DatesOfBirth) > 0 {
		if d, ok := dobMatch(q.DateOfBirth, e.DatesOfBirth); ok {
			r.add(Adjustment{"dob_match", deltaDOBMatch, "date of birth " + d})
		} else if year(q.DateOfBirth) != "" {
			r.add(Adjustment{"dob_mismatch", deltaDOBMismatch, "no listed date of birth agrees with " + q.DateOfBirth})
		}
	}
	if len(q.IDs) > 0 && len(entryIDs) > 0 {
		for _, id := range q.IDs {
			v := normID(id.Value)
			if len(v) < 4 {
				continue
			}
			for _, ev := range entryIDs {
				if ev == v {
					r.add(Adjustment{"id_match", deltaIDMatch, "identifier " + id.Value})
					return
				}
			}
		}
	}
}

// year returns the first four-digit run of s.
func year(s string) string {
	for i := 0; i+4 <= len(s); i++ {
		if isDigits(s[i:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			return s[i : i+4]
		}
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// dobMatch reports whether the query date agrees with a listed date of
// birth: the same full date when both have one, else the same year (or a
// year inside a listed range "1960 to 1962").
func dobMatch(qd string, listed []string) (string, bool) {
	qy := year(qd)
	if qy == "" {
		return "", false
	}
	for _, d := range listed {
		if len(qd) >= 10 && strings.Contains(d, qd[:10]) {
			return qd[:10], true
		}
	}
	for _, d := range listed {
		ys := years(d)
		if len(ys) == 2 && strings.Contains(strings.ToLower(d), " to ") {
			if qy >= ys[0] && qy <= ys[1] {
				return "year " + qy + " in " + d, true
			}
			continue
		}
		for _, y := range ys {
			if y == qy {
				if len(qd) >= 10 && len(d) >= 10 && isDigits(d[:4]) && d[4] == '-' {
					continue // both full ISO dates and they differ
				}
				return "year " + qy, true
			}
		}
	}
	return "", false
}

func years(s string) []string {
	var out []string
	for i := 0; i+4 <= len(s); i++ {
		if isDigits(s[i:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			out = append(out, s[i:i+4])
			i += 3
		}
	}
	return out
}
