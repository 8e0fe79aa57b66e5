package rules

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// The embedded data files. Their sources, as-of dates and checksums are in
// data/PROVENANCE.md.
//
//go:embed data/country_groups.csv data/country_group_changes.csv
var groupFS embed.FS

// groupDataAsOf is the date behind GroupDataAsOf.
var groupDataAsOf = time.Date(2026, 7, 8, 0, 0, 0, 0, time.UTC)

// GroupDataAsOf returns the date the embedded country-group snapshot
// (data/country_groups.csv) is stated to be current. Membership on later dates
// is the snapshot's; on earlier dates the recorded changes
// (data/country_group_changes.csv) are undone.
func GroupDataAsOf() time.Time { return groupDataAsOf }

// day truncates t to its calendar date in UTC. Rules take effect on a date;
// a time of day never matters.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// span is a half-open date interval [from, until). A zero from means "since
// before the data's history begins"; a zero until means "still in force".
type span struct {
	from, until time.Time
}

func (s span) contains(d time.Time) bool {
	return (s.from.IsZero() || !d.Before(s.from)) && (s.until.IsZero() || d.Before(s.until))
}

func (s span) overlaps(o span) bool {
	return (s.until.IsZero() || o.from.IsZero() || o.from.Before(s.until)) &&
		(o.until.IsZero() || s.from.IsZero() || s.from.Before(o.until))
}

// groupSpan records that a country is in group g during s.
type groupSpan struct {
	g Group
	s span
}

// follow records that a country takes another country's groups from a date
// on (Hong Kong follows China since 2020-12-23).
type follow struct {
	target   Country
	since    time.Time
	citation string
}

// groupTable is the dated country-group membership built from the embedded
// data. It is immutable once built.
type groupTable struct {
	asOf    time.Time
	spans   map[Country][]groupSpan
	follows map[Country]follow
}

// groupCompare orders groups as the supplement lists them: A:1..A:6, B,
// D:1..D:5, E:1, E:2.
func groupCompare(a, b Group) int {
	if a.letter != b.letter {
		return int(a.letter) - int(b.letter)
	}
	return int(a.num) - int(b.num)
}

// effective returns the country whose groups c has on date d (itself, or the
// country it follows).
func (t *groupTable) effective(c Country, d time.Time) Country {
	if f, ok := t.follows[c]; ok && !d.Before(f.since) {
		return f.target
	}
	return c
}

// groups returns the groups c (not following anyone) is in on date d, sorted.
func (t *groupTable) own(c Country, d time.Time) []Group {
	var out []Group
	for _, gs := range t.spans[c] {
		if gs.s.contains(d) && !slices.Contains(out, gs.g) {
			out = append(out, gs.g)
		}
	}
	slices.SortFunc(out, groupCompare)
	return out
}

func (t *groupTable) groups(c Country, d time.Time) []Group {
	if d.IsZero() {
		d = t.asOf
	}
	d = day(d)
	return t.own(t.effective(c, d), d)
}

func (t *groupTable) in(c Country, g Group, d time.Time) bool {
	if d.IsZero() {
		d = t.asOf
	}
	d = day(d)
	for _, gs := range t.spans[t.effective(c, d)] {
		if gs.g == g && gs.s.contains(d) {
			return true
		}
	}
	return false
}

var defaultGroups = sync.OnceValue(func() *groupTable {
	snap, err := groupFS.ReadFile("data/country_groups.csv")
	if err != nil {
		panic(err)
	}
	changes, err := groupFS.ReadFile("data/country_group_changes.csv")
	if err != nil {
		panic(err)
	}
	t, err := buildGroupTable(snap, changes, groupDataAsOf)
	if err != nil {
		panic("rules: embedded country-group data: " + err.Error())
	}
	return t
})

// Groups returns the EAR country groups (15 CFR Part 740, Supp. No. 1) that c
// is in on date, from the embedded data, sorted A:1..E:2. Group B is not in
// the embedded data (no complete source was found); a policy can supply it,
// see Policy.Groups. A zero date means GroupDataAsOf. Hong Kong takes China's
// groups from 2020-12-23 on.
func Groups(c Country, date time.Time) []Group {
	return defaultGroups().groups(c, date)
}

// InGroup reports whether c is in group g on date, from the embedded data.
func InGroup(c Country, g Group, date time.Time) bool {
	return defaultGroups().in(c, g, date)
}

// groupChange is one row of data/country_group_changes.csv.
type groupChange struct {
	date     time.Time
	country  Country
	kind     string // "add", "remove" or "follow"
	group    Group  // for add and remove
	target   Country
	citation string
	line     int
}

func readCSV(name string, data []byte, header []string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(header)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		return nil, fmt.Errorf("%s:1: want header %q", name, strings.Join(header, ","))
	}
	return rows[1:], nil
}

// The embedded country-group files, by the names errors give them.
const (
	groupsSnapshotFile = "country_groups.csv"
	groupChangesFile   = "country_group_changes.csv"
)

// countryGroup is one (country, group) pair.
type countryGroup struct {
	c Country
	g Group
}

// buildGroupTable joins the snapshot (membership as of asOf) with the dated
// changes, checking that they agree on asOf.
func buildGroupTable(snapshot, changes []byte, asOf time.Time) (*groupTable, error) {
	snap, snapRow, err := readGroupSnapshot(snapshot)
	if err != nil {
		return nil, err
	}
	t := &groupTable{asOf: day(asOf), spans: map[Country][]groupSpan{}, follows: map[Country]follow{}}
	byKey, err := t.readGroupChanges(changes)
	if err != nil {
		return nil, err
	}
	// Every (country, group) pair mentioned anywhere gets its spans.
	for k := range snap {
		if _, follows := t.follows[k.c]; follows {
			continue // checked against the followed country below
		}
		if _, ok := byKey[k]; !ok {
			byKey[k] = nil
		}
	}
	for k, chs := range byKey {
		spans, err := changeSpans(k, chs)
		if err != nil {
			return nil, err
		}
		if f, follows := t.follows[k.c]; follows {
			// Own membership ends where following begins; the snapshot row of a
			// follower is checked against its target below instead.
			spans = endBefore(spans, f.since)
		} else if on := slices.ContainsFunc(spans, func(s span) bool { return s.contains(t.asOf) }); on != snap[k] {
			return nil, fmt.Errorf("%s and %s disagree on %s in %s on %s", groupsSnapshotFile, groupChangesFile, k.c, k.g, t.asOf.Format(time.DateOnly))
		}
		for _, s := range spans {
			t.spans[k.c] = append(t.spans[k.c], groupSpan{g: k.g, s: s})
		}
	}
	if err := t.checkFollowers(snapRow); err != nil {
		return nil, err
	}
	for c := range t.spans {
		slices.SortFunc(t.spans[c], func(a, b groupSpan) int {
			if n := groupCompare(a.g, b.g); n != 0 {
				return n
			}
			return a.s.from.Compare(b.s.from)
		})
	}
	return t, nil
}

// readGroupSnapshot reads the membership snapshot: the pairs it lists, and
// each country's row.
func readGroupSnapshot(snapshot []byte) (map[countryGroup]bool, map[Country][]Group, error) {
	rows, err := readCSV(groupsSnapshotFile, snapshot, []string{"iso2", "name", "groups"})
	if err != nil {
		return nil, nil, err
	}
	snap := map[countryGroup]bool{}
	snapRow := map[Country][]Group{}
	for i, row := range rows {
		c, err := ParseCountry(row[0])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", groupsSnapshotFile, i+2, err)
		}
		if _, dup := snapRow[c]; dup {
			return nil, nil, fmt.Errorf("%s:%d: duplicate row for %s", groupsSnapshotFile, i+2, c)
		}
		snapRow[c] = []Group{}
		for _, gs := range strings.Split(row[2], ";") {
			g, err := ParseGroup(gs)
			if err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %w", groupsSnapshotFile, i+2, err)
			}
			snap[countryGroup{c, g}] = true
			snapRow[c] = append(snapRow[c], g)
		}
	}
	return snap, snapRow, nil
}

// readGroupChanges reads the dated changes: additions and removals by
// pair, and "follow" rows into t.follows.
func (t *groupTable) readGroupChanges(changes []byte) (map[countryGroup][]groupChange, error) {
	crow, err := readCSV(groupChangesFile, changes, []string{"effective", "country", "change", "value", "citation", "confidence"})
	if err != nil {
		return nil, err
	}
	byKey := map[countryGroup][]groupChange{}
	for i, row := range crow {
		ch, err := parseGroupChange(i+2, row)
		if err != nil {
			return nil, err
		}
		if ch.kind != "follow" {
			k := countryGroup{ch.country, ch.group}
			byKey[k] = append(byKey[k], ch)
			continue
		}
		if _, dup := t.follows[ch.country]; dup || ch.target == ch.country {
			return nil, fmt.Errorf("%s:%d: %s may follow one other country once", groupChangesFile, ch.line, ch.country)
		}
		t.follows[ch.country] = follow{target: ch.target, since: ch.date, citation: ch.citation}
	}
	for _, f := range t.follows {
		if _, chained := t.follows[f.target]; chained {
			return nil, fmt.Errorf("%s: %s is followed and follows another country", groupChangesFile, f.target)
		}
	}
	return byKey, nil
}

// parseGroupChange parses one row of the changes file.
func parseGroupChange(line int, row []string) (groupChange, error) {
	d, err := time.Parse(time.DateOnly, row[0])
	if err != nil {
		return groupChange{}, fmt.Errorf("%s:%d: effective date %q: want YYYY-MM-DD", groupChangesFile, line, row[0])
	}
	c, err := ParseCountry(row[1])
	if err != nil {
		return groupChange{}, fmt.Errorf("%s:%d: %w", groupChangesFile, line, err)
	}
	ch := groupChange{date: d, country: c, kind: row[2], citation: row[4], line: line}
	switch row[2] {
	case "add", "remove":
		ch.group, err = ParseGroup(row[3])
	case "follow":
		ch.target, err = ParseCountry(row[3])
	default:
		return groupChange{}, fmt.Errorf("%s:%d: change %q: want add, remove or follow", groupChangesFile, line, row[2])
	}
	if err != nil {
		return groupChange{}, fmt.Errorf("%s:%d: %w", groupChangesFile, line, err)
	}
	return ch, nil
}

// changeSpans turns the dated changes of one pair into the spans of its
// membership. No change means always a member (the pair is in the
// snapshot).
func changeSpans(k countryGroup, chs []groupChange) ([]span, error) {
	if len(chs) == 0 {
		return []span{{}}, nil
	}
	slices.SortStableFunc(chs, func(a, b groupChange) int { return a.date.Compare(b.date) })
	var spans []span
	member := chs[0].kind == "remove" // state before the first recorded change
	var from time.Time
	for i, ch := range chs {
		if i > 0 && ch.date.Equal(chs[i-1].date) {
			return nil, fmt.Errorf("%s:%d: two changes of %s %s on one date", groupChangesFile, ch.line, k.c, k.g)
		}
		want := ch.kind == "add"
		if member == want {
			return nil, fmt.Errorf("%s:%d: %s %s %s, but it already is (not) a member", groupChangesFile, ch.line, ch.kind, k.c, k.g)
		}
		if member {
			spans = append(spans, span{from: from, until: ch.date})
		}
		member, from = want, ch.date
	}
	if member {
		spans = append(spans, span{from: from})
	}
	return spans, nil
}

// endBefore cuts spans off at since, dropping those that start there or
// later.
func endBefore(spans []span, since time.Time) []span {
	var clipped []span
	for _, s := range spans {
		if !s.from.IsZero() && !s.from.Before(since) {
			continue
		}
		if s.until.IsZero() || s.until.After(since) {
			s.until = since
		}
		clipped = append(clipped, s)
	}
	return clipped
}

// checkFollowers checks that the snapshot row of each country that follows
// another agrees with that country's membership on asOf.
func (t *groupTable) checkFollowers(snapRow map[Country][]Group) error {
	for c, f := range t.follows {
		if row, ok := snapRow[c]; ok {
			slices.SortFunc(row, groupCompare)
			if want := t.own(f.target, t.asOf); !slices.Equal(row, want) {
				return fmt.Errorf("%s: row %s is %v, but it follows %s, which is %v", groupsSnapshotFile, c, row, f.target, want)
			}
		}
	}
	return nil
}
