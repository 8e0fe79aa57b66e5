package lists

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// SnapshotDiff is what changed between two snapshots, per source.
type SnapshotDiff struct {
	Sources []SourceDiff // in Source order; sources unchanged in both are included with no entries
}

// SourceDiff is what changed in one source.
type SourceDiff struct {
	Source             Source
	OldCount, NewCount int
	OldAsOf, NewAsOf   time.Time
	Added, Removed     []*Entry // in key order
	Changed            []EntryChange
}

// EntryChange is one entry present in both snapshots whose content
// changed.
type EntryChange struct {
	Key      string
	Old, New *Entry
	Fields   []string // names of the Entry fields that differ, e.g. "Aliases", "Addresses"
}

// Empty reports whether no entry was added, removed or changed.
func (d SnapshotDiff) Empty() bool {
	for _, s := range d.Sources {
		if len(s.Added)+len(s.Removed)+len(s.Changed) > 0 {
			return false
		}
	}
	return true
}

// String summarises the diff, one line per source with changes:
// "SDN: 8976 -> 8990 entries, +20 -6 ~31".
func (d SnapshotDiff) String() string {
	var b strings.Builder
	for _, s := range d.Sources {
		if len(s.Added)+len(s.Removed)+len(s.Changed) == 0 && s.OldCount == s.NewCount {
			continue
		}
		fmt.Fprintf(&b, "%s: %d -> %d entries, +%d -%d ~%d\n", s.Source, s.OldCount, s.NewCount, len(s.Added), len(s.Removed), len(s.Changed))
	}
	if b.Len() == 0 {
		return "no changes\n"
	}
	return b.String()
}

// diffFields are the content fields Diff compares (Links and resolved
// countries are derived and ignored, as in Hash).
var diffFields = []string{"Type", "Name", "Title", "Aliases", "Addresses", "IDs", "Programs", "DatesOfBirth",
	"Nationalities", "Citizenships", "PlacesOfBirth", "ListedOn", "EndDate", "ListedOnRaw", "EndDateRaw",
	"FederalRegister", "LicenseRequirement", "LicensePolicy", "Footnotes", "Remarks", "SourceURL"}

// Diff compares two snapshots source by source. Either may be nil (an
// empty snapshot).
func Diff(old, new *Snapshot) SnapshotDiff {
	srcs := map[Source]bool{}
	for _, s := range []*Snapshot{old, new} {
		if s != nil {
			for _, si := range s.sources {
				srcs[si.Source] = true
			}
		}
	}
	order := make([]Source, 0, len(srcs))
	for s := range srcs {
		order = append(order, s)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	var d SnapshotDiff
	for _, src := range order {
		sd := SourceDiff{Source: src}
		var oe, ne []*Entry
		if old != nil {
			oe = old.entriesOf(src)
			if si, ok := old.Source(src); ok {
				sd.OldAsOf = si.AsOf
			}
		}
		if new != nil {
			ne = new.entriesOf(src)
			if si, ok := new.Source(src); ok {
				sd.NewAsOf = si.AsOf
			}
		}
		sd.OldCount, sd.NewCount = len(oe), len(ne)
		om := make(map[string]*Entry, len(oe))
		for _, e := range oe {
			om[e.ID] = e
		}
		for _, e := range ne {
			o, ok := om[e.ID]
			if !ok {
				sd.Added = append(sd.Added, e)
				continue
			}
			delete(om, e.ID)
			if f := changedFields(o, e); len(f) > 0 {
				sd.Changed = append(sd.Changed, EntryChange{Key: e.Key(), Old: o, New: e, Fields: f})
			}
		}
		for _, e := range oe {
			if _, ok := om[e.ID]; ok {
				sd.Removed = append(sd.Removed, e)
			}
		}
		sort.Slice(sd.Added, func(i, j int) bool { return sd.Added[i].ID < sd.Added[j].ID })
		sort.Slice(sd.Removed, func(i, j int) bool { return sd.Removed[i].ID < sd.Removed[j].ID })
		sort.Slice(sd.Changed, func(i, j int) bool { return sd.Changed[i].Key < sd.Changed[j].Key })
		d.Sources = append(d.Sources, sd)
	}
	return d
}

func changedFields(a, b *Entry) []string {
	if a.Hash() == b.Hash() {
		return nil
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for _, f := range diffFields {
		x, y := va.FieldByName(f).Interface(), vb.FieldByName(f).Interface()
		if f == "Addresses" {
			x, y = addressTexts(a.Addresses), addressTexts(b.Addresses)
		}
		if t1, ok := x.(time.Time); ok {
			if !t1.Equal(y.(time.Time)) {
				out = append(out, f)
			}
			continue
		}
		if !reflect.DeepEqual(emptyNil(x), emptyNil(y)) {
			out = append(out, f)
		}
	}
	return out
}

// addressTexts drops the derived country codes.
func addressTexts(as []Address) []Address {
	out := make([]Address, len(as))
	for i, a := range as {
		a.Country, a.Region = out[i].Country, out[i].Region
		out[i] = a
	}
	return out
}

// emptyNil makes empty and nil slices compare equal.
func emptyNil(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice && rv.Len() == 0 {
		return nil
	}
	return v
}
