package rules

import (
	"sync"
	"testing"
	"time"
)

// TestGroupMemoMatchesTable checks the memoised InGroup against the
// group table it memoises, for every ISO country and group, on the days
// around every dated change of the embedded data and of a policy's
// additions and removals, and with dates given at other times of day and
// in other zones.
func TestGroupMemoMatchesTable(t *testing.T) {
	p, err := ParsePolicy("memo.yaml", []byte(`version: 1
name: memo
as_of: 2026-11-01
country_groups:
  add:
    - {country: UA, groups: [B], from: 2020-12-28}
  remove:
    - {country: KH, groups: [D:1], from: 2026-03-01, until: 2026-06-01}
`))
	if err != nil {
		t.Fatal(err)
	}
	days := map[time.Time]bool{{}: true}
	addSpan := func(s span) {
		for _, d := range []time.Time{s.from, s.until} {
			if !d.IsZero() {
				days[d.AddDate(0, 0, -1)], days[d], days[d.AddDate(0, 0, 1)] = true, true, true
			}
		}
	}
	for _, spans := range p.groups.base.spans {
		for _, gs := range spans {
			addSpan(gs.s)
		}
	}
	for _, m := range []map[Country][]groupSpan{p.groups.add, p.groups.remove} {
		for _, spans := range m {
			for _, gs := range spans {
				addSpan(gs.s)
			}
		}
	}
	for _, f := range p.groups.base.follows {
		addSpan(span{from: f.since})
	}
	east := time.FixedZone("UTC+9", 9*3600)
	checked := 0
	for d := range days {
		given := []time.Time{d}
		if !d.IsZero() {
			given = append(given, d.Add(23*time.Hour), d.Add(10*time.Hour).In(east))
		}
		for _, at := range given {
			want := p.date(at)
			for _, row := range isoCountries {
				c := MustParseCountry(row.alpha2)
				for _, g := range memoGroups {
					if got, exp := p.InGroup(c, g, at), p.groups.in(c, g, want); got != exp {
						t.Fatalf("InGroup(%s, %s, %s) = %v; the table says %v", c, g, at, got, exp)
					}
					checked++
				}
			}
		}
	}
	if checked < 100000 {
		t.Fatalf("only %d answers checked", checked)
	}
	if p.InGroup(Country{}, MustParseGroup("D:5"), time.Time{}) {
		t.Error("the zero Country is in D:5")
	}
	if p.InGroup(MustParseCountry("CN"), Group{}, time.Time{}) {
		t.Error("CN is in the zero Group")
	}
}

// TestGroupMemoConcurrent asks one Policy from many goroutines on several
// days at once (run with -race).
func TestGroupMemoConcurrent(t *testing.T) {
	p := Default()
	cn, d5 := MustParseCountry("CN"), MustParseGroup("D:5")
	kh := MustParseCountry("KH")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				d := time.Date(2026, 1, 20+(i+j)%memoDays*2, 12, 0, 0, 0, time.UTC)
				if !p.InGroup(cn, d5, d) {
					t.Errorf("CN not in D:5 on %s", d)
					return
				}
				// Cambodia left D:5 on 2026-02-03.
				if got, want := p.InGroup(kh, d5, d), d.Before(time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)); got != want {
					t.Errorf("KH in D:5 on %s: %v, want %v", d, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestInForceIsStatus checks dated.inForce against status on the days
// around every date of every license rule of the default item rules, and
// of windows with a suspension.
func TestInForceIsStatus(t *testing.T) {
	var ds []dated
	for _, lr := range DefaultItemRules().rules {
		ds = append(ds, lr.dated)
	}
	d := func(s string) time.Time { return mustDay(s) }
	ds = append(ds, dated{effective: d("2025-01-01"), suspendedFrom: d("2025-03-01")},
		dated{effective: d("2025-01-01"), suspendedFrom: d("2025-03-01"), suspendedUntil: d("2025-04-01")},
		dated{effective: d("2025-01-01"), compliance: d("2025-02-01"), notEnforcedFrom: d("2025-01-20"), until: d("2026-01-01")})
	for _, x := range ds {
		for _, at := range []time.Time{x.effective, x.compliance, x.notEnforcedFrom, x.until, x.suspendedFrom, x.suspendedUntil} {
			if at.IsZero() {
				continue
			}
			for _, day := range []time.Time{at.AddDate(0, 0, -1), at, at.AddDate(0, 0, 1)} {
				ok, why := x.status(day)
				if x.inForce(day) != ok || ok != (why == "") {
					t.Errorf("%+v on %s: inForce %v, status %v %q", x, day.Format(time.DateOnly), x.inForce(day), ok, why)
				}
			}
		}
	}
}
