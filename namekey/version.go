package namekey

import (
	"fmt"
	"strconv"
	"strings"
)

// Version numbers one version of a name-key function. Version 1 is the
// first; the zero Version means "not stated" and is read as 1 by Scheme,
// since keys stored before versions were recorded were made by version 1.
type Version uint16

// String returns "v" and the number, e.g. "v1".
func (v Version) String() string { return "v" + strconv.Itoa(int(v)) }

// Key is a stored name key: the text a name-key function made and the
// version of the function that made it. A key is only comparable with a
// key of the same version; Scheme.Rekey brings an older one up to date.
type Key struct {
	Version Version `json:"version"`
	Text    string  `json:"text"`
}

// Func is one version of a name-key function.
type Func struct {
	Version Version
	// Key maps a name to its key. A version after the first must refine
	// the ones before it: Key(old(name)) == Key(name) for every earlier
	// version's old, so a stored key can be re-keyed without the name it
	// was made from (see Scheme.Rekey; CheckRefines tests it).
	Key func(string) string
}

// A Scheme is the history of one name key: every version that has made
// keys that may be stored somewhere, oldest first. The last is current.
// A Scheme is immutable and safe for concurrent use.
type Scheme struct {
	name     string
	versions []Func
}

// NewScheme returns the scheme called name with the given versions, which
// must be numbered 1, 2, 3, ... in order, each with a Key function.
func NewScheme(name string, versions ...Func) (*Scheme, error) {
	if len(versions) == 0 {
		return nil, fmt.Errorf("name key %q: no versions", name)
	}
	for i, f := range versions {
		if f.Version != Version(i+1) {
			return nil, fmt.Errorf("name key %q: version %d is numbered %d, want %d", name, i+1, f.Version, i+1)
		}
		if f.Key == nil {
			return nil, fmt.Errorf("name key %q: version %d has no Key function", name, f.Version)
		}
	}
	return &Scheme{name: name, versions: append([]Func(nil), versions...)}, nil
}

// MustScheme is like NewScheme but panics on error; it is meant for
// package-level schemes.
func MustScheme(name string, versions ...Func) *Scheme {
	s, err := NewScheme(name, versions...)
	if err != nil {
		panic(err)
	}
	return s
}

// Name returns the scheme's name.
func (s *Scheme) Name() string { return s.name }

// Current returns the version new keys are made with.
func (s *Scheme) Current() Version { return s.versions[len(s.versions)-1].Version }

// Key returns the current key of name.
func (s *Scheme) Key(name string) Key {
	f := s.versions[len(s.versions)-1]
	return Key{Version: f.Version, Text: f.Key(name)}
}

// Rekey returns k as the current version would have made it. A key of the
// current version is returned as it is. An older key is re-keyed from name,
// the name it was made from, when that is known (not ""), else from its own
// text, which the refinement rule of Func makes exact. A zero Version is
// read as version 1. A version newer than the scheme knows (a key written
// by a later release) cannot be re-keyed: Rekey returns an error that says
// so, and the caller keeps the key as it is.
func (s *Scheme) Rekey(k Key, name string) (Key, error) {
	v := k.Version
	if v == 0 {
		v = 1
	}
	cur := s.Current()
	switch {
	case v == cur:
		return Key{Version: v, Text: k.Text}, nil
	case v > cur:
		return k, fmt.Errorf("name key %q: key %q is %s, newer than %s, the latest this program knows", s.name, k.Text, v, cur)
	case name != "":
		return s.Key(name), nil
	default:
		return s.Key(k.Text), nil
	}
}

// CheckRefines reports the first name among samples for which a later
// version of s does not refine an earlier one (see Func), or nil. Tests of a
// scheme run it on real names before a new version is added.
func (s *Scheme) CheckRefines(samples []string) error {
	var errs []string
	for i, old := range s.versions {
		for _, f := range s.versions[i+1:] {
			for _, name := range samples {
				if a, b := f.Key(old.Key(name)), f.Key(name); a != b {
					errs = append(errs, fmt.Sprintf("%s of %s key %q is %q, but %s of the name is %q", f.Version, old.Version, old.Key(name), a, f.Version, b))
					break
				}
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("name key %q: %s", s.name, strings.Join(errs, "; "))
	}
	return nil
}
