package rules

import (
	"strconv"
	"strings"
)

// EntryKey names one entry of one restricted-party list: its source and its
// ID within that source. Its text form, "SOURCE:ID" (e.g. "SDN:306"), is
// the one decisions, suppressions, ownership files and list links use; it is
// built by String and read by ParseEntryKey and nowhere else. The zero
// EntryKey names no entry and reports IsValid false.
type EntryKey struct {
	Source ListSource
	ID     string
}

// String returns "SOURCE:ID"; "" for the zero EntryKey.
func (k EntryKey) String() string {
	if k == (EntryKey{}) {
		return ""
	}
	return string(k.Source) + ":" + k.ID
}

// IsValid reports whether k has a registered source and a non-empty ID.
func (k EntryKey) IsValid() bool { return k.Source.IsValid() && k.ID != "" }

// ParseEntryKey parses "SOURCE:ID". The source is the text before the first
// colon and must be a registered code as written (no case folding: keys are
// identifiers); the ID is the rest and must not be empty (it may hold
// colons).
func ParseEntryKey(s string) (EntryKey, error) {
	src, id, ok := strings.Cut(s, ":")
	if !ok {
		return EntryKey{}, &CodeError{Kind: "entry key", Input: s, Why: `want "SOURCE:ID"`}
	}
	if !ListSource(src).IsValid() {
		return EntryKey{}, &CodeError{Kind: "entry key", Input: s, Why: "unknown list source " + strconv.Quote(src) + "; want one of " + strings.Join(sourceCodes(), ", ")}
	}
	if id == "" {
		return EntryKey{}, &CodeError{Kind: "entry key", Input: s, Why: "the ID after the colon is empty"}
	}
	return EntryKey{Source: ListSource(src), ID: id}, nil
}

// MarshalText implements encoding.TextMarshaler.
func (k EntryKey) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEntryKey; empty
// text gives the zero EntryKey.
func (k *EntryKey) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = EntryKey{}
		return nil
	}
	p, err := ParseEntryKey(string(b))
	if err != nil {
		return err
	}
	*k = p
	return nil
}
