package rules

import (
	"fmt"
	"strings"
)

// FieldError is the one shape of a validation error in this package: which
// value, where, and what is wrong with it. Every validation error the
// package returns (*PolicyError, *ItemRulesError, *ItemError, *CodeError)
// converts to it with errors.As, so a caller reports any of them the same
// way:
//
//	var fe *rules.FieldError
//	if errors.As(err, &fe) {
//		log.Printf("%s:%d: %s %q: %s", fe.File, fe.Line, fe.Field, fe.Value, fe.Msg)
//	}
//
// Each error keeps its own type and message for errors.As and for people;
// FieldError is the common view.
type FieldError struct {
	File   string // the file the value is in; "" when it did not come from a file
	Line   int    // 1-based line in File; 0 if unknown
	Column int    // 1-based column; 0 if unknown
	Item   string // the item's ID, for an item's field; else ""
	Field  string // path of the field, e.g. "profiles.define[0].countries[2]"
	Value  string // the offending value as written ("" for a missing value)
	Msg    string // what is wrong
	// Err is the sentinel the error matches with errors.Is
	// (ErrInvalidPolicy, ErrInvalidItemRules, ErrInvalidItem,
	// ErrInvalidCode).
	Err error
}

// Error formats the error as "file:line:column: field: "value": message",
// leaving out the parts that are unknown.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Column > 0 {
				fmt.Fprintf(&b, ":%d", e.Column)
			}
		}
		b.WriteString(": ")
	}
	if e.Item != "" {
		fmt.Fprintf(&b, "item %q: ", e.Item)
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "%q: ", e.Value)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel, so errors.Is(err, ErrInvalidPolicy) and the
// like succeed on the common view too.
func (e *FieldError) Unwrap() error { return e.Err }

// asField sets target, if it is a **FieldError, to fe.
func asField(target any, fe *FieldError) bool {
	p, ok := target.(**FieldError)
	if ok {
		*p = fe
	}
	return ok
}

// As lets errors.As(err, &fe) give the common *FieldError view.
func (e *PolicyError) As(target any) bool {
	return asField(target, &FieldError{File: e.File, Line: e.Line, Column: e.Column, Field: e.Field, Value: e.Value, Msg: e.Msg, Err: ErrInvalidPolicy})
}

// As lets errors.As(err, &fe) give the common *FieldError view.
func (e *ItemRulesError) As(target any) bool {
	return asField(target, &FieldError{File: e.File, Line: e.Line, Field: e.Field, Value: e.Value, Msg: e.Msg, Err: ErrInvalidItemRules})
}

// As lets errors.As(err, &fe) give the common *FieldError view.
func (e *ItemError) As(target any) bool {
	return asField(target, &FieldError{Item: e.Item, Field: e.Field, Value: e.Value, Msg: e.Msg, Err: ErrInvalidItem})
}

// As lets errors.As(err, &fe) give the common *FieldError view: Field is
// the kind of code, Value the input, Msg why it is not one.
func (e *CodeError) As(target any) bool {
	return asField(target, &FieldError{Field: e.Kind + " code", Value: e.Input, Msg: e.Why, Err: ErrInvalidCode})
}
