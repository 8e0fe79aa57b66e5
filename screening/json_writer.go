package screening

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonWriter appends JSON and keeps the first error.
type jsonWriter struct {
	b   []byte
	err error
}

// object appends a map the way encoding/json does: keys sorted, values by
// the fast paths below or, for any other type, by encoding/json itself.
func (w *jsonWriter) object(m map[string]any) {
	if m == nil {
		w.raw("null")
		return
	}
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.raw("{")
	for i, k := range keys {
		if i > 0 {
			w.raw(",")
		}
		w.str(k)
		w.raw(":")
		w.value(m[k])
	}
	w.raw("}")
}

// value appends an evidence value. The common dynamic types are written
// here; any other (named types, structs, pointers, values with their own
// MarshalJSON or MarshalText) goes to encoding/json, so the output is
// always what encoding/json would write.
func (w *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.raw("null")
	case string:
		w.str(v)
	case bool:
		w.bool(v)
	case float64:
		w.float(v, 64)
	case float32:
		w.float(float64(v), 32)
	case int:
		w.b = strconv.AppendInt(w.b, int64(v), 10)
	case int64:
		w.b = strconv.AppendInt(w.b, v, 10)
	case []string:
		w.strs(v)
	case []any:
		if v == nil {
			w.raw("null")
			return
		}
		w.raw("[")
		for i, e := range v {
			if i > 0 {
				w.raw(",")
			}
			w.value(e)
		}
		w.raw("]")
	case map[string]any:
		w.object(v)
	case []map[string]any:
		if v == nil {
			w.raw("null")
			return
		}
		w.raw("[")
		for i, e := range v {
			if i > 0 {
				w.raw(",")
			}
			w.object(e)
		}
		w.raw("]")
	default:
		w.fallback(v)
	}
}

// fallback appends v as encoding/json writes it.
func (w *jsonWriter) fallback(v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		w.fail(err)
		return
	}
	w.b = append(w.b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *jsonWriter) bool(b bool) {
	if b {
		w.raw("true")
	} else {
		w.raw("false")
	}
}

func (w *jsonWriter) strs(s []string) {
	if s == nil {
		w.raw("null")
		return
	}
	w.raw("[")
	for i, e := range s {
		if i > 0 {
			w.raw(",")
		}
		w.str(e)
	}
	w.raw("]")
}

// float appends f as encoding/json's floatEncoder does: shortest
// representation, exponent form below 1e-6 and from 1e21, "e-07" written
// "e-7".
func (w *jsonWriter) float(f float64, bits int) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.fail(&json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, bits)})
		w.raw("null")
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, bits)
	if format == 'e' {
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

// time appends t as time.Time.MarshalJSON does (RFC 3339 with nanoseconds,
// quoted), calling it for the rare times the fast path does not cover.
func (w *jsonWriter) time(t time.Time) {
	if y := t.Year(); y >= 0 && y <= 9999 {
		if _, off := t.Zone(); off%60 == 0 {
			w.raw(`"`)
			w.b = t.AppendFormat(w.b, time.RFC3339Nano)
			w.raw(`"`)
			return
		}
	}
	b, err := t.MarshalJSON()
	if err != nil {
		w.fail(&json.MarshalerError{Type: reflect.TypeFor[time.Time](), Err: err})
		w.raw("null")
		return
	}
	w.b = append(w.b, b...)
}

// str appends s quoted and escaped as encoding/json does with HTML
// escaping off: quote, backslash and control characters escaped (\b, \f,
// \n, \r, \t short), invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func (w *jsonWriter) str(s string) {
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plainByte[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}

const hexDigits = "0123456789abcdef"

// plainByte says which bytes a JSON string holds as they are: printable
// ASCII other than quote and backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
