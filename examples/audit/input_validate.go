package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
)

// validateRequest checks a request read from JSON with the same rules as the
// CSV columns. It returns the JSON path of the first bad field and its value.
func validateRequest(q *screening.Request) (field, value string, err error) {
	if q.Destination != "" {
		if err := checkCountry(q.Destination); err != nil {
			return "destination", q.Destination, err
		}
	}
	if q.Date != "" {
		if err := checkDate(q.Date); err != nil {
			return "date", q.Date, err
		}
	}
	for i, ip := range q.IPs {
		if err := checkIP(ip); err != nil {
			return fmt.Sprintf("ips[%d]", i), ip, err
		}
	}
	for i, p := range q.Parties {
		if p.Role != "" {
			if _, err := screening.ParseRole(string(p.Role)); err != nil {
				return fmt.Sprintf("parties[%d].role", i), string(p.Role), errors.New("unknown role")
			}
		}
		for _, c := range []struct{ name, v string }{{"country", p.Country}, {"hq_country", p.HQCountry}, {"parent_country", p.ParentCountry}} {
			if c.v != "" {
				if err := checkCountry(c.v); err != nil {
					return fmt.Sprintf("parties[%d].%s", i, c.name), c.v, err
				}
			}
		}
		if p.DateOfBirth != "" {
			if err := checkDOB(p.DateOfBirth); err != nil {
				return fmt.Sprintf("parties[%d].dob", i), p.DateOfBirth, err
			}
		}
	}
	for i, it := range q.Items {
		if it.ECCN != "" {
			if err := checkECCN(it.ECCN); err != nil {
				return fmt.Sprintf("items[%d].eccn", i), it.ECCN, err
			}
		}
		for _, n := range []struct {
			name string
			v    float64
		}{{"tpp", it.TPP}, {"die_area_mm2", it.DieAreaMM2}, {"hbm_bandwidth_density", it.HBMBandwidthDensity}, {"dram_bandwidth", it.DRAMBandwidthGBps}} {
			if n.v < 0 {
				return fmt.Sprintf("items[%d].%s", i, n.name), strconv.FormatFloat(n.v, 'g', -1, 64), errors.New("negative number")
			}
		}
	}
	return "", "", nil
}

// Cell checks. Their messages end where the quoted value is appended.

func checkCountry(v string) error {
	if _, err := rules.ResolveDestination(v); err != nil {
		return errors.New("unknown country or region")
	}
	return nil
}

func checkDate(v string) error {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return errors.New("invalid date (want YYYY-MM-DD)")
	}
	return nil
}

// checkDOB accepts the forms lists publish dates of birth in: YYYY,
// YYYY-MM and YYYY-MM-DD.
func checkDOB(v string) error {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return nil
			}
		}
	}
	return errors.New("invalid date of birth (want YYYY, YYYY-MM or YYYY-MM-DD)")
}

// checkIP accepts what the Screener accepts (geoloc.ParseIP).
func checkIP(v string) error {
	if _, err := geoloc.ParseIP(v); err != nil {
		return errors.New("invalid IP")
	}
	return nil
}

// checkECCN accepts what the Screener accepts (rules.ParseECCN), so that an
// ECCN the Screener cannot read makes an error record here rather than a
// fail-closed decision.
func checkECCN(v string) error {
	if _, err := rules.ParseECCN(v); err != nil {
		return errors.New("invalid ECCN (want e.g. 3A090, 3A090.a, 4A090 or EAR99)")
	}
	return nil
}

func parseNumber(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errors.New("not a number")
	}
	if f < 0 {
		return 0, errors.New("negative number")
	}
	return f, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "y", "1":
		return true, nil
	case "false", "no", "n", "0":
		return false, nil
	}
	return false, errors.New("not a boolean (want true or false)")
}
