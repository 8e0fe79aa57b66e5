package screening

import (
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// The first steps of a screening: the as-of date, and whether the request
// names anything to screen at all. resolve reads a place for any step.

// somethingToScreen raises input.invalid for a request that names no party,
// destination, IP, item or location evidence: nothing would be checked,
// and an allow would say that something was.
func (sc *screening) somethingToScreen() {
	r := sc.req
	if strings.TrimSpace(r.Destination) != "" || len(r.IPs) > 0 || len(r.Items) > 0 || r.Location != nil {
		return
	}
	for _, p := range r.Parties {
		if strings.TrimSpace(p.Name) != "" {
			return
		}
	}
	sc.missing("request", "The request names no party, destination, client IP or item, so nothing could be screened; it needs review.")
}

// asOfDate is the first step: the date whose rules apply. It is the
// request's date; without one, the screener's as-of date (WithAsOf), or
// else today. An unreadable request date is input.invalid, and today is
// used.
func (sc *screening) asOfDate() time.Time {
	switch {
	case sc.req.Date != "":
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(sc.req.Date))
		if err != nil {
			sc.invalid("date", sc.req.Date, "want a date as YYYY-MM-DD")
			return dayOf(sc.now)
		}
		return d
	case !sc.s.asOf.IsZero():
		return dayOf(sc.s.asOf)
	default:
		return dayOf(sc.now)
	}
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// resolve reads text, the request field field, as a place; one that is no
// known country or region is input.invalid.
func (sc *screening) resolve(field, text string) (rules.Destination, bool) {
	d, err := rules.ResolveDestination(text)
	if err != nil {
		sc.invalid(field, text, "not a known country or region")
		return rules.Destination{}, false
	}
	return d, true
}
