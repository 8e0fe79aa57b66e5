package verify

import (
	"errors"
	"fmt"
)

// ErrInvalidInput is matched (errors.Is) by every [InputError].
var ErrInvalidInput = errors.New("verify: invalid input")

// ErrInvalidGeoJSON is matched (errors.Is) by every [GeoJSONError].
var ErrInvalidGeoJSON = errors.New("verify: invalid GeoJSON region")

// InputError reports a bad argument to [Verify] or an option.
type InputError struct {
	// Field is the path of the bad value, e.g. "measurements[2].rtt_ms[0]".
	Field string
	// Value is the offending value as text, if any.
	Value string
	// Reason says what is wrong.
	Reason string
}

func (e *InputError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("verify: %s = %s: %s", e.Field, e.Value, e.Reason)
	}
	return fmt.Sprintf("verify: %s: %s", e.Field, e.Reason)
}

// Is reports whether target is [ErrInvalidInput].
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// GeoJSONError reports a region file that cannot be used.
type GeoJSONError struct {
	// Source names the file or stream.
	Source string
	// Feature is the index of the feature, or -1 for the document.
	Feature int
	// Field is the offending member, e.g. "geometry.coordinates[0][3]".
	Field string
	Err   error
}

func (e *GeoJSONError) Error() string {
	loc := e.Source
	if e.Feature >= 0 {
		loc += fmt.Sprintf(": features[%d]", e.Feature)
	}
	if e.Field != "" {
		loc += "." + e.Field
	}
	return fmt.Sprintf("verify: %s: %v", loc, e.Err)
}

// Is reports whether target is [ErrInvalidGeoJSON].
func (e *GeoJSONError) Is(target error) bool { return target == ErrInvalidGeoJSON }

// Unwrap returns the underlying error.
func (e *GeoJSONError) Unwrap() error { return e.Err }
