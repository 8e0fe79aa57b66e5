package screening

import (
	"strconv"

	"github.com/exportguard/exportguard/rules"
)

// message builds a reason's sentence in the screening's scratch buffer:
// one allocation for the finished string, where fmt.Sprintf boxes every
// argument. Its verbs write what fmt's would: q as %q, f2 as %.2f.
type message struct {
	b []byte
}

// msg starts a message in sc's scratch buffer; end it with done.
func (sc *screening) msg() *message {
	sc.m.b = sc.m.b[:0]
	return &sc.m
}

// s appends text as it is.
func (m *message) s(text string) *message {
	m.b = append(m.b, text...)
	return m
}

// q appends text quoted, as %q does.
func (m *message) q(text string) *message {
	m.b = appendQuote(m.b, text)
	return m
}

// appendQuote is strconv.AppendQuote with a fast path for the common
// name: printable ASCII with no quote or backslash, which AppendQuote
// leaves as it is.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// f2 appends f with two decimals, as %.2f does.
func (m *message) f2(f float64) *message {
	m.b = appendFixed2(m.b, f)
	return m
}

// appendFixed2 appends f with two decimals, as %.2f does; 1, the score of
// every exact name, without formatting.
func appendFixed2(b []byte, f float64) []byte {
	if f == 1 {
		return append(b, "1.00"...)
	}
	return strconv.AppendFloat(b, f, 'f', 2, 64)
}

// place appends the name and code of d, as placeName does.
func (m *message) place(d rules.Destination) *message {
	if d.Region.IsValid() {
		m.b = append(m.b, d.Region.Name()...)
		m.b = append(m.b, " ("...)
		m.b = append(m.b, d.Region.String()...)
	} else {
		m.b = append(m.b, d.Country.Name()...)
		m.b = append(m.b, " ("...)
		m.b = append(m.b, d.Country.String()...)
	}
	m.b = append(m.b, ')')
	return m
}

// done returns the message.
func (m *message) done() string {
	return string(m.b)
}
