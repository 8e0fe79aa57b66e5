package geoloc

import (
	"errors"
	"fmt"
	"strconv"
)

var (
	// ErrInvalidAddress is matched (errors.Is) by errors about input that
	// is not an IP address.
	ErrInvalidAddress = errors.New("geoloc: invalid IP address")
	// ErrUnknownDatabaseType is matched by errors about a MaxMind DB whose
	// database_type this package cannot read.
	ErrUnknownDatabaseType = errors.New("geoloc: unsupported database type")
	// ErrInvalidDatabase is matched by errors about a corrupt or
	// unreadable database file.
	ErrInvalidDatabase = errors.New("geoloc: invalid database")
	// ErrNoDatabase is returned when a Locator would have no database.
	ErrNoDatabase = errors.New("geoloc: no database configured")
	// ErrClosed is returned by a closed Locator.
	ErrClosed = errors.New("geoloc: locator is closed")
)

// AddressError reports input that is not a usable IP address.
type AddressError struct {
	// Input is the text that was parsed.
	Input string
	// Where says where the input came from, for example "X-Forwarded-For"
	// or "RemoteAddr"; "" for direct calls.
	Where string
	// Err is the underlying parse error, if any.
	Err error
}

// Error quotes the input and says where it came from.
func (e *AddressError) Error() string {
	where := ""
	if e.Where != "" {
		where = " in " + e.Where
	}
	msg := fmt.Sprintf("geoloc: invalid IP address %s%s", strconv.Quote(e.Input), where)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is makes errors.Is(err, ErrInvalidAddress) true.
func (e *AddressError) Is(target error) bool { return target == ErrInvalidAddress }

// Unwrap returns the underlying parse error.
func (e *AddressError) Unwrap() error { return e.Err }

// DatabaseError reports a database that could not be opened, verified or
// read.
type DatabaseError struct {
	// Name is the database name (file base name or WithBytes name).
	Name string
	// Path is the file path, "" for bytes.
	Path string
	// Op is what was being done: "open", "verify", "lookup".
	Op string
	// Err is the cause; errors.Is matches ErrUnknownDatabaseType or
	// ErrInvalidDatabase where they apply.
	Err error
}

// Error names the operation and the database file or name.
func (e *DatabaseError) Error() string {
	what := e.Path
	if what == "" {
		what = e.Name
	}
	return fmt.Sprintf("geoloc: %s database %q: %v", e.Op, what, e.Err)
}

// Unwrap returns the cause.
func (e *DatabaseError) Unwrap() error { return e.Err }
