package screening

import (
	"reflect"
	"testing"
	"time"
)

// TestAppendJSONEveryFieldByReflection fills every field of a Decision, at any depth,
// with a value that is not its zero value and checks that AppendJSON writes
// what encoding/json writes. A field added to a decision type without
// its line in the appender fails here, whether or not the engine emits it
// yet.
func TestAppendJSONEveryFieldByReflection(t *testing.T) {
	var d Decision
	fill(reflect.ValueOf(&d).Elem(), 0)
	sameAsStd(t, &DecisionEncoder{}, &d)
}

// fill sets v, and everything below it, to a non-zero value: strings "x",
// numbers 1.5 or 2, true, one-element slices, a one-key evidence map,
// pointers to filled values and a fixed time.
func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	if v.Type() == reflect.TypeOf(time.Time{}) {
		v.Set(reflect.ValueOf(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(2)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(2)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fill(k, depth+1)
		e := reflect.New(v.Type().Elem()).Elem()
		if e.Kind() == reflect.Interface {
			e.Set(reflect.ValueOf("v"))
		} else {
			fill(e, depth+1)
		}
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}
