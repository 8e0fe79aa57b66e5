package rules

import (
	"time"
)

// appendWindow appends the dates of d for a step finding to b, e.g.
// "effective 2025-01-13".
func (d dated) appendWindow(b []byte) []byte {
	if d.predates {
		b = append(b, "in force before the rule data's horizon"...)
	} else {
		b = d.effective.AppendFormat(append(b, "effective "...), time.DateOnly)
	}
	if !d.compliance.IsZero() {
		b = d.compliance.AppendFormat(append(b, "; compliance date "...), time.DateOnly)
	}
	if !d.notEnforcedFrom.IsZero() {
		b = d.notEnforcedFrom.AppendFormat(append(b, "; not enforced since "...), time.DateOnly)
	}
	if !d.until.IsZero() {
		b = d.until.AppendFormat(append(b, "; superseded "...), time.DateOnly)
	}
	return b
}

// destLabel names the destination for findings: "UA-43", "CN", or
// "HK (as CN)" when the EAR treat it as another country.
func (ev *evaluation) destLabel() string {
	switch {
	case ev.region.IsValid():
		return ev.region.String()
	case ev.q.Destination.Country != ev.dest:
		return ev.q.Destination.Country.String() + " (as " + ev.dest.String() + ")"
	}
	return ev.dest.String()
}

func countryList(cs []Country) string {
	return string(appendCountryList(nil, cs))
}

// appendCountryList appends the codes of cs, comma-separated, to b.
func appendCountryList(b []byte, cs []Country) []byte {
	for i, c := range cs {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = c.appendCode(b)
	}
	return b
}

// appendCode appends c's alpha-2 code to b, as String gives it.
func (c Country) appendCode(b []byte) []byte {
	if !c.IsValid() {
		return b
	}
	return append(b, c.c[:]...)
}

// appendCode appends g to b as String gives it.
func (g Group) appendCode(b []byte) []byte {
	switch {
	case !g.IsValid():
		return b
	case g.num == 0:
		return append(b, g.letter)
	}
	return append(b, g.letter, ':', '0'+g.num)
}

// appendLabel appends destLabel's text to b.
func (ev *evaluation) appendLabel(b []byte) []byte {
	switch {
	case ev.region.IsValid():
		return append(b, ev.region.String()...)
	case ev.q.Destination.Country != ev.dest:
		b = ev.q.Destination.Country.appendCode(b)
		b = append(b, " (as "...)
		b = ev.dest.appendCode(b)
		return append(b, ')')
	}
	return ev.dest.appendCode(b)
}

// finding starts a step's finding in the evaluation's scratch buffer. The
// findings of most steps are built there and turned into a string once,
// where fmt.Sprintf would box each argument.
func (ev *evaluation) finding(parts ...string) []byte {
	b := ev.buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// text ends a finding begun with finding and returns it; the buffer is
// kept for the next.
func (ev *evaluation) text(b []byte) string {
	ev.buf = b
	return string(b)
}
