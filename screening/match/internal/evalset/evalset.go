// Package evalset holds what the generators of the name-matching
// evaluation sets (evalgen, realevalgen) share: how a name is reduced to
// its core words, how an entry falls in the dev or the test half, and how a
// candidate negative is checked against the listed names.
package evalset

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/screening/match"
)

// Core is a name normalised, without its legal-form and stop words: two
// names with the same core are the same name.
func Core(s string) string {
	var out []string
	for _, w := range strings.Fields(match.Normalize(s)) {
		if !match.IsLegalFormWord(w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// Split assigns a stable half, "dev" or "test", by an FNV-32a hash of key.
func Split(key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "test"
}

// Listed is a set of listed names, by core.
type Listed struct {
	cores map[string]bool
	// byWord holds the core words of listed names of two words or more,
	// by their first word
	byWord map[string][][]string
}

// NewListed returns an empty set.
func NewListed() *Listed {
	return &Listed{cores: map[string]bool{}, byWord: map[string][][]string{}}
}

// AddCore adds a listed name to the exact-core set only.
func (l *Listed) AddCore(name string) { l.cores[Core(name)] = true }

// AddWords adds a listed name of two words or more to the set that
// Contains checks.
func (l *Listed) AddWords(name string) {
	if ws := strings.Fields(Core(name)); len(ws) >= 2 {
		l.byWord[ws[0]] = append(l.byWord[ws[0]], ws)
	}
}

// Is reports whether q has the core of a listed name.
func (l *Listed) Is(q string) bool { return l.cores[Core(q)] }

// Contains reports whether the core words of q include every core word of
// a listed name of two words or more ("Camp4 Sham al-Islam" contains
// "Sham al-Islam").
func (l *Listed) Contains(q string) bool {
	ws := strings.Fields(Core(q))
	set := map[string]bool{}
	for _, w := range ws {
		set[w] = true
	}
	for _, w := range ws {
	next:
		for _, name := range l.byWord[w] {
			for _, x := range name {
				if !set[x] {
					continue next
				}
			}
			return true
		}
	}
	return false
}

// Flatten returns the strings of a JSON value decoded into any: a list of
// strings, or an object whose values are, in key order.
func Flatten(v any) []string {
	var out []string
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, Flatten(t[k])...)
		}
	}
	return out
}

// ReadJSON decodes the JSON file at path into v.
func ReadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
