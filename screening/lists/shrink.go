package lists

import (
	"errors"
	"fmt"
)

// ErrShrink is wrapped by the error CheckShrink returns.
var ErrShrink = errors.New("list shrank too much")

// ShrinkError says which source lost too many entries between two
// snapshots, or disappeared.
type ShrinkError struct {
	Source      Source
	Old, New    int     // entry counts
	MaxShrink   float64 // the allowed fraction
	Disappeared bool    // the source is not in the new snapshot at all
}

// Error returns e.g. "source DPL shrank from 577 to 290 entries (more
// than 10%)" or "source CAP disappeared (had 1 entries)".
func (e *ShrinkError) Error() string {
	if e.Disappeared {
		return fmt.Sprintf("source %s disappeared (had %d entries)", e.Source, e.Old)
	}
	return fmt.Sprintf("source %s shrank from %d to %d entries (more than %.0f%%)", e.Source, e.Old, e.New, e.MaxShrink*100)
}

// Unwrap lets errors.Is(err, ErrShrink) succeed.
func (e *ShrinkError) Unwrap() error { return ErrShrink }

// CheckShrink is the gate a new snapshot passes before it replaces old:
// no source of old may disappear from new, or lose more than maxShrink
// (a fraction; 0.10 rejects losing more than 10% at once, which is more
// likely a broken file than delistings). A negative or NaN maxShrink
// counts as 0, so any loss is refused; 1 or more turns the loss check off
// (a disappeared source is still refused). Sources of embedded evaluation
// data in old are not compared (they are no baseline), nor is anything
// when old is nil. It returns a *ShrinkError for the first source, in
// Source order, that fails.
func CheckShrink(old, new *Snapshot, maxShrink float64) error {
	if old == nil {
		return nil
	}
	if !(maxShrink >= 0) {
		maxShrink = 0
	}
	for _, o := range old.sources {
		if o.Evaluation {
			continue
		}
		var n SourceInfo
		ok := false
		if new != nil {
			n, ok = new.Source(o.Source)
		}
		if !ok {
			return &ShrinkError{Source: o.Source, Old: o.Count, MaxShrink: maxShrink, Disappeared: true}
		}
		if float64(n.Count) < float64(o.Count)*(1-maxShrink) {
			return &ShrinkError{Source: o.Source, Old: o.Count, New: n.Count, MaxShrink: maxShrink}
		}
	}
	return nil
}
