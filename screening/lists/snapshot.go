package lists

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/exportguard/exportguard/namekey"
)

// SourceSet is the loaded content of one source list, with where it came
// from. A file holding several lists (the CSL) gives one SourceSet per list.
type SourceSet struct {
	Source Source
	// AsOf is the date of the data: the publisher's own date if the file
	// states one, else a date the user stated, else (for data an Updater
	// fetched) the server's Last-Modified or the time it was received.
	// Zero when nothing dates it (see SourceInfo.Undated).
	AsOf time.Time
	// AsOfFrom says where AsOf comes from; empty when AsOf is zero.
	AsOfFrom AsOfBasis
	// Checksum is the hex SHA-256 of the input file(s), in Files order.
	Checksum string
	Files    []string // base names of the input files
	Entries  []*Entry
	Report   LoadReport
	// FetchedAt is when the files were downloaded, if known.
	FetchedAt time.Time
	// Evaluation marks data bundled for evaluation (the embedded default),
	// not a current download.
	Evaluation bool
	// Note says how the data was put together when AsOf alone does not,
	// e.g. files of different dates joined into one source.
	Note string
}

// SourceInfo describes one source in a Snapshot.
type SourceInfo struct {
	Source     Source
	AsOf       time.Time
	AsOfFrom   AsOfBasis // where AsOf comes from (empty in snapshots written before it was recorded)
	Checksum   string
	Count      int
	Files      []string
	FetchedAt  time.Time
	Evaluation bool
	Note       string // how the data was put together, if AsOf alone does not say (SourceSet.Note)
}

// Snapshot is an immutable set of list entries from one or more sources.
// It is safe for concurrent use. Callers must not modify returned entries.
type Snapshot struct {
	entries []*Entry
	byKey   map[string]*Entry
	sources []SourceInfo
}

// NewSnapshot builds a Snapshot from one set per source. It fails if two
// sets have the same Source, if an entry's Source differs from its set's,
// or if two entries share a key. Entries are copied; their Links are set to
// the keys of entries in other sources with the same normalised name (or
// strong alias) and no conflicting country (a shared country, or none
// given on one side).
func NewSnapshot(sets ...SourceSet) (*Snapshot, error) {
	s := &Snapshot{byKey: map[string]*Entry{}}
	sets = slices.Clone(sets)
	sort.SliceStable(sets, func(i, j int) bool { return sets[i].Source < sets[j].Source })
	total := 0
	for i, set := range sets {
		if set.Source == "" {
			return nil, fmt.Errorf("lists: source set %d has no Source", i)
		}
		if i > 0 && sets[i-1].Source == set.Source {
			return nil, fmt.Errorf("lists: source %s given twice", set.Source)
		}
		total += len(set.Entries)
	}
	s.entries = make([]*Entry, 0, total)
	copies := make([]Entry, total)
	for _, set := range sets {
		for _, e := range set.Entries {
			if e.Source != set.Source {
				return nil, fmt.Errorf("lists: entry %s in the source set of %s", e.Key(), set.Source)
			}
			c := &copies[len(s.entries)]
			*c = *e
			c.Links = nil
			k := c.Key()
			if _, dup := s.byKey[k]; dup {
				return nil, fmt.Errorf("lists: %w: %s", ErrDuplicate, k)
			}
			s.byKey[k] = c
			s.entries = append(s.entries, c)
		}
		s.sources = append(s.sources, SourceInfo{
			Source: set.Source, AsOf: set.AsOf, AsOfFrom: set.AsOfFrom, Checksum: set.Checksum, Count: len(set.Entries),
			Files: slices.Clone(set.Files), FetchedAt: set.FetchedAt, Evaluation: set.Evaluation, Note: set.Note,
		})
	}
	linkEntries(s.entries)
	return s, nil
}

// Entries returns every entry, grouped by source in Source order. The slice
// is shared: do not modify it or its entries.
func (s *Snapshot) Entries() []*Entry { return s.entries }

// Len returns the number of entries.
func (s *Snapshot) Len() int { return len(s.entries) }

// Get returns the entry with key "SOURCE:ID".
func (s *Snapshot) Get(key string) (*Entry, bool) {
	e, ok := s.byKey[key]
	return e, ok
}

// Sources describes each source in the snapshot, in Source order.
func (s *Snapshot) Sources() []SourceInfo {
	out := slices.Clone(s.sources)
	for i := range out {
		out[i].Files = slices.Clone(out[i].Files)
	}
	return out
}

// Source describes one source, if the snapshot has it.
func (s *Snapshot) Source(src Source) (SourceInfo, bool) {
	for _, si := range s.sources {
		if si.Source == src {
			si.Files = slices.Clone(si.Files)
			return si, true
		}
	}
	return SourceInfo{}, false
}

// entriesOf returns the entries of one source.
func (s *Snapshot) entriesOf(src Source) []*Entry {
	i := sort.Search(len(s.entries), func(i int) bool { return s.entries[i].Source >= src })
	j := i
	for j < len(s.entries) && s.entries[j].Source == src {
		j++
	}
	return s.entries[i:j]
}

// linkEntries sets Links between entries of different sources that share a
// normalised name (primary or strong alias) and do not contradict each
// other on country: they share an address country or nationality, or one
// of them names no country.
func linkEntries(entries []*Entry) {
	byName := make(map[string][]int, len(entries)*2)
	countries := make([][]string, len(entries))
	var names []string
	for i, e := range entries {
		countries[i] = entryCountries(e)
		names = linkNames(e, names[:0])
		for _, n := range names {
			byName[n] = append(byName[n], i)
		}
	}
	for _, l := range byName {
		if len(l) < 2 {
			continue
		}
		for _, a := range l {
			for _, b := range l {
				ea, eb := entries[a], entries[b]
				if ea.Source == eb.Source || !countriesAgree(countries[a], countries[b]) {
					continue
				}
				ea.Links = append(ea.Links, eb.Key())
			}
		}
	}
	for _, e := range entries {
		if len(e.Links) > 1 {
			slices.Sort(e.Links)
			e.Links = slices.Compact(e.Links)
		}
	}
}

// entryCountries returns the sorted ISO codes of e's addresses and
// nationalities.
func entryCountries(e *Entry) []string {
	var out []string
	for _, a := range e.Addresses {
		if a.Country.IsValid() {
			out = append(out, a.Country.String())
		}
	}
	for _, n := range e.Nationalities {
		if isCode2(n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func countriesAgree(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			return true
		}
	}
	return false
}

// linkNames returns the distinct normalised primary and strong alias
// names of e.
func linkNames(e *Entry, out []string) []string {
	if n := NormalizeName(e.Name); n != "" {
		out = append(out, n)
	}
	for _, a := range e.Aliases {
		if !a.Weak {
			if n := NormalizeName(a.Name); n != "" {
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NormalizeName is the name key that links entries across sources: the
// module's one Unicode fold (namekey.Fold: compatibility forms, case
// folding, diacritics), then words of letters, digits and marks,
// upper-cased and joined by one space. Apostrophes and dots join the
// letters around them ("O'NEILL" = "ONEILL", "S.A." = "SA"); every other
// run of characters separates words. It is not the matching engine's
// normalisation, which also rewrites tokens (match.Normalize).
func NormalizeName(s string) string {
	if !namekey.IsASCII(s) {
		s = namekey.Fold(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToUpper(r))
		case r == '\'' || r == '’' || r == '.':
			// "O'NEILL" = "ONEILL", "S.A." = "SA"
		default:
			space = true
		}
	}
	return b.String()
}

// isASCII reports whether s is all ASCII: such a name needs no Unicode
// fold, since upper-casing below does the case part.
