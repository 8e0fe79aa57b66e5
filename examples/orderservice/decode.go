package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// BodyError is a request body that could not be decoded. It says where:
// the JSON path of the field (e.g. "parties[1].name"), and the byte offset,
// line and column in the body.
type BodyError struct {
	// Field is the JSON path of the offending field; "" for the body as a
	// whole (a syntax error before any field, an empty body).
	Field string `json:"field"`
	// Value is the JSON kind or key that was found ("number", "bogus").
	Value string `json:"value,omitempty"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Offset is the number of bytes of the body read when the problem
	// was found: just after the offending character or token.
	Offset int64 `json:"offset"`
	// Line and Column (1-based, in bytes) locate the last byte read: the
	// offending character of a syntax error, the end of the offending key
	// or value otherwise.
	Line   int `json:"line"`
	Column int `json:"column"`
}

func (e *BodyError) Error() string {
	where := fmt.Sprintf("line %d, column %d (byte %d)", e.Line, e.Column, e.Offset)
	if e.Field != "" {
		return fmt.Sprintf("field %s at %s: %s", e.Field, where, e.Message)
	}
	return fmt.Sprintf("at %s: %s", where, e.Message)
}

// decodeStrict decodes exactly one JSON value from body into v (a pointer),
// refusing unknown fields and trailing data. A failure is a *BodyError.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return bodyError(body, "", "", "unexpected data after the JSON value", dec.InputOffset())
		}
		return nil
	}
	root := reflect.TypeOf(v).Elem()
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.EOF):
		return bodyError(body, "", "", "the body is empty; want a JSON value", 0)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bodyError(body, "", "", "the body ends in the middle of a JSON value", int64(len(body)))
	case errors.As(err, &syn):
		return bodyError(body, "", "", syn.Error(), syn.Offset)
	case errors.As(err, &typ):
		path := pathAt(body, typ.Offset)
		want := typ.Type.String()
		if k := jsonKind(typ.Type); k != "" {
			want = k
		}
		return bodyError(body, path, typ.Value, fmt.Sprintf("found a JSON %s, want %s", typ.Value, want), typ.Offset)
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		path, off := unknownField(body, root, name)
		return bodyError(body, path, name, fmt.Sprintf("unknown field %q", name), off)
	}
	return bodyError(body, "", "", err.Error(), dec.InputOffset())
}

func bodyError(body []byte, field, value, msg string, off int64) *BodyError {
	if off < 0 {
		off = 0
	}
	if off > int64(len(body)) {
		off = int64(len(body))
	}
	line, col := 1, 1
	if off > 0 {
		i := int(off) - 1 // the last byte read
		before := body[:i]
		line = 1 + bytes.Count(before, []byte("\n"))
		col = i - bytes.LastIndexByte(before, '\n')
	}
	return &BodyError{Field: field, Value: value, Message: msg, Offset: off, Line: line, Column: col}
}

// jsonKind names the JSON kind a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return ""
}

// frame is one open object or array while walking a JSON text.
type frame struct {
	array     bool
	index     int    // array: index of the element being read
	key       string // object: key of the member being read
	expectKey bool   // object: the next token is a key
	typ       reflect.Type
}

// walker reads a JSON text token by token and keeps the path to the
// current value, and the Go type the value decodes into.
type walker struct {
	dec    *json.Decoder
	frames []frame
}

func newWalker(body []byte, root reflect.Type) *walker {
	w := &walker{dec: json.NewDecoder(bytes.NewReader(body))}
	w.dec.UseNumber()
	w.frames = []frame{{typ: root, index: -1}}
	return w
}

// path renders the frames as "parties[1].name". The bottom frame is the
// root value and contributes nothing.
func (w *walker) path() string {
	var b strings.Builder
	for _, f := range w.frames[1:] {
		if f.array {
			fmt.Fprintf(&b, "[%d]", f.index)
			continue
		}
		if f.expectKey {
			break
		}
		b.WriteString(member(b.Len() == 0, f.key))
	}
	return b.String()
}

// member renders an object key as a path step: name, .name, or ["key"]
// for keys that are empty or hold characters other than letters, digits
// and underscores.
func member(first bool, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return "[" + strconv.Quote(key) + "]"
	case first:
		return key
	}
	return "." + key
}

// valueType is the Go type of the value about to be read, or nil when
// unknown (a map value or interface).
func (w *walker) valueType() reflect.Type {
	top := w.frames[len(w.frames)-1]
	if len(w.frames) == 1 {
		return top.typ
	}
	t := deref(top.typ)
	if t == nil {
		return nil
	}
	switch {
	case top.array && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		return t.Elem()
	case !top.array && t.Kind() == reflect.Struct:
		if sf, ok := jsonField(t, top.key); ok {
			return sf.Type
		}
	case !top.array && t.Kind() == reflect.Map:
		return t.Elem()
	}
	return nil
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// jsonField finds the struct field encoding/json would fill for key: an
// exact tag or name match first, then a case-insensitive one.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold reflect.StructField
	found := false
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name := sf.Name
		if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		if name == key {
			return sf, true
		}
		if !found && strings.EqualFold(name, key) {
			fold, found = sf, true
		}
	}
	return fold, found
}

// visit walks the whole text. For every object key it calls onKey with the
// path of the object, the key, and whether the object's Go type has a field
// for it; for every value it calls onValue with the value's path and the
// offset just after its first token. Either returning true stops the walk.
func (w *walker) visit(onKey func(objPath, key string, known bool, off int64) bool, onValue func(path string, off int64) bool) {
	for {
		top := &w.frames[len(w.frames)-1]
		if !top.array && len(w.frames) > 1 && top.expectKey {
			tok, err := w.dec.Token()
			if err != nil {
				return
			}
			key, ok := tok.(string)
			if !ok { // the closing brace
				w.pop()
				continue
			}
			objPath := w.path()
			known := true
			if t := deref(top.typ); t != nil && t.Kind() == reflect.Struct {
				_, known = jsonField(t, key)
			}
			top.key, top.expectKey = key, false
			if onKey != nil && onKey(objPath, key, known, w.dec.InputOffset()) {
				return
			}
			continue
		}
		tok, err := w.dec.Token()
		if err != nil {
			return
		}
		if d, ok := tok.(json.Delim); ok && (d == ']' || d == '}') {
			w.pop()
			continue
		}
		if top.array {
			top.index++
		}
		path, vt := w.path(), w.valueType()
		if onValue != nil && onValue(path, w.dec.InputOffset()) {
			return
		}
		switch tok {
		case json.Delim('['):
			w.frames = append(w.frames, frame{array: true, index: -1, typ: vt})
			continue
		case json.Delim('{'):
			w.frames = append(w.frames, frame{expectKey: true, typ: vt})
			continue
		}
		w.done()
	}
}

// pop closes the top frame; the value it held is then complete.
func (w *walker) pop() {
	if len(w.frames) > 1 {
		w.frames = w.frames[:len(w.frames)-1]
	}
	w.done()
}

// done marks the value being read in the top frame as complete.
func (w *walker) done() {
	top := &w.frames[len(w.frames)-1]
	if !top.array && len(w.frames) > 1 {
		top.expectKey = true
	}
}

// pathAt returns the JSON path of the value whose first token ends at or
// after off (the Offset of a *json.UnmarshalTypeError).
func pathAt(body []byte, off int64) string {
	var found string
	newWalker(body, nil).visit(nil, func(path string, end int64) bool {
		found = path
		return end >= off
	})
	return found
}

// unknownField returns the path and offset of the first key named name that
// its object's Go type has no field for.
func unknownField(body []byte, root reflect.Type, name string) (string, int64) {
	var path string
	var at int64
	newWalker(body, root).visit(func(objPath, key string, known bool, off int64) bool {
		if known || key != name {
			return false
		}
		path, at = objPath+member(objPath == "", key), off
		return true
	}, nil)
	return path, at
}
