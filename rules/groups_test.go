package rules

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func groupStrings(gs []Group) string {
	s := make([]string, len(gs))
	for i, g := range gs {
		s[i] = g.String()
	}
	return strings.Join(s, " ")
}

// TestGroupsAcrossRecordedChanges checks membership on the day before and the
// day of every change recorded in data/country_group_changes.csv, with the
// sources named there.
func TestGroupsAcrossRecordedChanges(t *testing.T) {
	tests := []struct {
		country, date, want string
		why                 string
	}{
		// Cambodia: D:5 from 2021-12-09 (86 FR 70015) to 2026-02-03 (RIN 0694-AK41); stays D:1.
		{"KH", "2021-12-08", "D:1", "before the 2021 arms embargo"},
		{"KH", "2021-12-09", "D:1 D:5", "86 FR 70015"},
		{"KH", "2026-02-02", "D:1 D:5", "day before the conforming change"},
		{"KH", "2026-02-03", "D:1", "RIN 0694-AK41, effective 2026-02-03"},
		{"KH", "2026-11-28", "D:1", "after"},
		// Hong Kong: A:6 until 2020-12-22; China's groups from 2020-12-23 (85 FR 83765).
		{"HK", "2020-12-22", "A:6", "separate destination before 85 FR 83765"},
		{"HK", "2020-12-23", "D:1 D:3 D:4 D:5", "treated as China"},
		{"HK", "2026-07-08", "D:1 D:3 D:4 D:5", "snapshot date"},
		{"CN", "2020-12-22", "D:1 D:3 D:4 D:5", "China itself does not change"},
		// Macau stays separate and is not D:5.
		{"MO", "2020-12-23", "D:1 D:3 D:4", "Macau is its own destination"},
		// Ukraine, Mexico, Cyprus: 85 FR 84211, effective 2020-12-28.
		{"UA", "2020-12-27", "A:2 A:3 A:4 D:1", "Ukraine still in D"},
		{"UA", "2020-12-28", "A:2 A:3 A:4", "Ukraine moved to B (B not encoded)"},
		{"MX", "2020-12-27", "A:1 A:3 A:4", "Mexico before A:6"},
		{"MX", "2020-12-28", "A:1 A:3 A:4 A:6", "Mexico added to A:6"},
		{"CY", "2020-12-27", "A:3 A:4 D:5", "Cyprus before A:6, still arms-embargoed"},
		{"CY", "2020-12-28", "A:3 A:4 A:6 D:5", "Cyprus added to A:6, still D:5"},
		{"CY", "2022-09-30", "A:3 A:4 A:6 D:5", "last day of the ITAR 126.1 restrictions"},
		{"CY", "2022-10-01", "A:3 A:4 A:6", "126.1 lifted; D:5 mirrors it"},
		// Russia and Yemen: 2020-02-24.
		{"RU", "2020-02-23", "A:2 A:4 D:1 D:3 D:5", "before the 2020 realignment"},
		{"RU", "2020-02-24", "D:1 D:2 D:3 D:4 D:5", "moved to D:2/D:4"},
		{"YE", "2020-02-23", "D:3 D:4", "before D:1"},
		{"YE", "2020-02-24", "D:1 D:3 D:4", "added to D:1"},
		// Syria: the 2025-09-02 easing rule did not change its groups.
		{"SY", "2025-09-01", "D:3 D:4 D:5 E:1", "before the Syria rule"},
		{"SY", "2025-09-02", "D:3 D:4 D:5 E:1", "still E:1 after it (Covington)"},
		// Countries with no recorded change.
		{"IL", "2026-07-08", "A:6 D:2 D:3 D:4", "A:6 and D"},
		{"TW", "2026-07-08", "A:6 D:3", ""},
		{"AE", "2026-07-08", "D:3 D:4", ""},
		{"CU", "2026-07-08", "D:2 D:3 D:5 E:2", ""},
		{"US", "2026-07-08", "A:1 A:2 A:3 A:4", ""},
		{"BR", "2026-07-08", "A:2 A:4", ""},
		{"FJ", "2026-07-08", "", "in no row: no group (not Group B)"},
	}
	for _, tt := range tests {
		got := groupStrings(Groups(MustParseCountry(tt.country), date(tt.date)))
		if got != tt.want {
			t.Errorf("Groups(%s, %s) = %q, want %q (%s)", tt.country, tt.date, got, tt.want, tt.why)
		}
		for _, g := range []string{"A:5", "A:6", "D:1", "D:5", "E:1"} {
			in := InGroup(MustParseCountry(tt.country), MustParseGroup(g), date(tt.date))
			if want := slices.Contains(strings.Fields(tt.want), g); in != want {
				t.Errorf("InGroup(%s, %s, %s) = %v, want %v", tt.country, g, tt.date, in, want)
			}
		}
	}
}

func TestGroupsTimeOfDayAndZeroDate(t *testing.T) {
	kh := MustParseCountry("KH")
	d5 := MustParseGroup("D:5")
	// 23:30 on 2026-02-02 in New York is 04:30 UTC on 2026-02-03: dates are UTC calendar dates.
	ny := time.FixedZone("EST", -5*3600)
	if InGroup(kh, d5, time.Date(2026, 2, 2, 23, 30, 0, 0, ny)) {
		t.Error("KH in D:5 at 2026-02-03T04:30Z")
	}
	if !InGroup(kh, d5, time.Date(2026, 2, 2, 23, 59, 59, 0, time.UTC)) {
		t.Error("KH not in D:5 at 2026-02-02T23:59:59Z")
	}
	if got, want := Groups(kh, time.Time{}), Groups(kh, GroupDataAsOf()); !slices.Equal(got, want) {
		t.Errorf("zero date: %v, want as-of %v", got, want)
	}
	if Groups(Country{}, GroupDataAsOf()) != nil {
		t.Error("zero Country has groups")
	}
}

// TestGroupsMatchSnapshot checks that on the snapshot date every row of the
// upstream CSV is reproduced exactly.
func TestGroupsMatchSnapshot(t *testing.T) {
	f, err := os.Open("data/country_groups.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		want := strings.ReplaceAll(row[2], ";", " ")
		if got := groupStrings(Groups(MustParseCountry(row[0]), GroupDataAsOf())); got != want {
			t.Errorf("%s (%s): %q, want %q", row[0], row[1], got, want)
		}
	}
}

// TestIcelandNotA1: A:1 is the Wassenaar participating states except Malta,
// Russia and Ukraine (Supp. No. 1 to Part 740, footnote 1); Iceland is not a
// Wassenaar participant, though it is in A:2-A:5.
func TestIcelandNotA1(t *testing.T) {
	is := MustParseCountry("IS")
	for _, day := range []string{"2023-11-17", "2025-03-01", "2026-07-08", "2026-12-06"} {
		if InGroup(is, MustParseGroup("A:1"), mustDay(day)) {
			t.Errorf("%s: IS in A:1", day)
		}
		if !InGroup(is, MustParseGroup("A:5"), mustDay(day)) {
			t.Errorf("%s: IS not in A:5", day)
		}
	}
}

// TestGroupMemberCounts checks the sizes stated in export-controls.md §1.1,
// except A:1, which §1.1 gives as 40 with Iceland (see TestIcelandNotA1).
func TestGroupMemberCounts(t *testing.T) {
	want := map[string]int{"A:1": 39, "A:5": 37, "A:6": 8, "D:1": 24, "D:2": 10, "D:3": 37, "D:4": 22, "D:5": 22, "E:1": 3, "E:2": 1, "B": 0}
	got := map[string]int{}
	for _, c := range isoCountries {
		if c.alpha2 == "HK" {
			continue // follows China; §1.1 does not list it
		}
		for _, g := range Groups(MustParseCountry(c.alpha2), GroupDataAsOf()) {
			got[g.String()]++
		}
	}
	for g, n := range want {
		if got[g] != n {
			t.Errorf("%s has %d members, want %d", g, got[g], n)
		}
	}
}

func TestBuildGroupTableErrors(t *testing.T) {
	const header = "effective,country,change,value,citation,confidence\n"
	snap := "iso2,name,groups\nKH,Cambodia,D:1\nCN,China,D:1;D:5\nHK,Hong Kong,D:1;D:5\n"
	tests := []struct{ name, snap, changes, want string }{
		{"bad header", "iso,name,groups\n", header, `country_groups.csv:1: want header "iso2,name,groups"`},
		{"bad country", "iso2,name,groups\nZZ,Nowhere,D:1\n", header, `country_groups.csv:2: invalid country code "ZZ"`},
		{"bad group", "iso2,name,groups\nKH,Cambodia,D:9\n", header, `country_groups.csv:2: invalid group code "D:9"`},
		{"bad date", snap, header + "2026-02-30,KH,remove,D:5,x,S\n", `country_group_changes.csv:2: effective date "2026-02-30"`},
		{"bad change", snap, header + "2026-02-03,KH,drop,D:5,x,S\n", `change "drop"`},
		{"disagree", snap, header + "2026-02-03,KH,add,D:5,x,S\n", "disagree on KH in D:5"},
		{"twice", snap, header + "2020-01-01,KH,add,D:5,x,S\n2021-01-01,KH,add,D:5,x,S\n", "country_group_changes.csv:3: add KH D:5"},
		{"follower row", "iso2,name,groups\nCN,China,D:1;D:5\nHK,Hong Kong,D:1\n", header + "2020-12-23,HK,follow,CN,x,S\n", "row HK is [D:1]"},
	}
	for _, tt := range tests {
		_, err := buildGroupTable([]byte(tt.snap), []byte(tt.changes), GroupDataAsOf())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestGroupsSorted(t *testing.T) {
	for _, c := range isoCountries {
		gs := Groups(MustParseCountry(c.alpha2), date("2019-01-01"))
		if !slices.IsSortedFunc(gs, groupCompare) {
			t.Errorf("%s: %v not sorted", c.alpha2, gs)
		}
	}
	if diff := cmp.Diff("A:1 A:2 A:3 A:4 A:5", groupStrings(Groups(MustParseCountry("JP"), date("2019-01-01")))); diff != "" {
		t.Error(diff)
	}
}

func BenchmarkGroups(b *testing.B) {
	hk := MustParseCountry("HK")
	d := date("2026-03-01")
	for b.Loop() {
		Groups(hk, d)
	}
}

func BenchmarkInGroup(b *testing.B) {
	cn, d5 := MustParseCountry("CN"), MustParseGroup("D:5")
	d := date("2026-03-01")
	for b.Loop() {
		InGroup(cn, d5, d)
	}
}

// TestProvenanceChecksums keeps data/PROVENANCE.md in step with the files.
func TestProvenanceChecksums(t *testing.T) {
	b, err := os.ReadFile("data/PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|.*\\| `([0-9a-f]{64})` \\|$")
	rows := re.FindAllStringSubmatch(string(b), -1)
	if len(rows) != 5 {
		t.Fatalf("%d checksummed rows in PROVENANCE.md, want 5", len(rows))
	}
	for _, row := range rows {
		data, err := os.ReadFile("data/" + row[1])
		if err != nil {
			t.Error(err)
			continue
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != row[2] {
			t.Errorf("%s: sha256 %s, PROVENANCE.md says %s", row[1], got, row[2])
		}
	}
}
