package screening

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestConcurrentScreenAndReload screens from many goroutines while lists,
// policy and geo databases are swapped. Every decision must come from one
// consistent world: its versions name either the old or the new data, never
// a mix, and a party on the reloaded list is found exactly when the decision
// says that list was used.
func TestConcurrentScreenAndReload(t *testing.T) {
	ctx := context.Background()
	mk := func(name, checksum string) *lists.Snapshot {
		s, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: checksum,
			Entries: []*lists.Entry{{Source: lists.SourceInternal, ID: "1", Type: lists.TypeEntity, Name: name}}})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	listA, listB := mk("Zephyr Quantum Logistics", "sha256:a"), mk("Orchid Lattice Semiconductor", "sha256:b")
	policyB, err := rules.ParsePolicy("b.yaml", []byte("version: 1\nname: b\nas_of: 2026-11-28\nthresholds:\n  match: 0.9\n  minority_stake_percent: 25\n"))
	if err != nil {
		t.Fatal(err)
	}
	geoA, err := geoloc.Default()
	if err != nil {
		t.Fatal(err)
	}
	geoB := maxmindLocator(t)
	s, err := New(ctx, WithLists(listA), WithLocator(geoA), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	policyA := s.Policy().Version()

	var stop atomic.Bool
	var wg sync.WaitGroup
	var screened atomic.Int64
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load() || i < 20; i++ {
				req := Request{ID: "r", IPs: []string{"81.2.69.142"}, Parties: []Party{
					{Name: "Zephyr Quantum Logistics"}, {Name: "Orchid Lattice Semiconductor"}}}
				d, err := s.Screen(ctx, req)
				if err != nil {
					t.Error(err)
					return
				}
				screened.Add(1)
				if len(d.Versions.Lists) != 1 || len(d.Matches) != 1 {
					t.Errorf("goroutine %d: %d lists, %d matches", g, len(d.Versions.Lists), len(d.Matches))
					return
				}
				wantName := map[string]string{"sha256:a": "Zephyr Quantum Logistics", "sha256:b": "Orchid Lattice Semiconductor"}[d.Versions.Lists[0].Checksum]
				if d.Matches[0].EntryName != wantName {
					t.Errorf("mixed world: list %s but matched %q", d.Versions.Lists[0].Checksum, d.Matches[0].EntryName)
				}
				if pv := d.Versions.Policy; pv != policyA && pv != policyB.Version() {
					t.Errorf("unknown policy version %s", pv)
				}
				embedded := d.Versions.GeoDBs[0].Embedded
				if loc := d.Locations[0]; embedded && loc.City != "" || !embedded && loc.City != "London" {
					t.Errorf("mixed geo world: embedded=%v but city %q", embedded, loc.City)
				}
			}
		}()
	}
	for i := range 40 {
		var err error
		if i%2 == 0 {
			err = s.Reload(ctx, WithLists(listB), WithPolicy(policyB), WithLocator(geoB))
		} else {
			err = s.Reload(ctx, WithLists(listA), WithPolicy(rules.Default()), WithLocator(geoA))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if screened.Load() < 120 {
		t.Fatalf("only %d screenings", screened.Load())
	}
}

// TestReloadShrinkGate: with WithMaxListShrink, Reload refuses an internal
// list cut from 301 entries to 1 (the order service's /v1/reload accepted
// it) and keeps the lists in use; without the option, or within the
// limit, the new lists are used.
func TestReloadShrinkGate(t *testing.T) {
	ctx := context.Background()
	internal := func(n int) *lists.Snapshot {
		var b strings.Builder
		b.WriteString("name,id\n")
		for i := range n {
			fmt.Fprintf(&b, "Customer %d Trading Ltd,C%d\n", i, i)
		}
		es, rep, err := lists.LoadInternalCSV(ctx, strings.NewReader(b.String()), "internal.csv")
		if err != nil {
			t.Fatal(err)
		}
		s, err := lists.NewSnapshot(lists.SplitBySource(es, rep, []string{"internal.csv"}, "")...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s, err := New(ctx, WithLists(internal(301)), WithoutLocator(), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Reload(ctx, WithLists(internal(1)), WithMaxListShrink(0.10))
	var se *lists.ShrinkError
	if !errors.As(err, &se) || !errors.Is(err, lists.ErrShrink) ||
		err.Error() != "new lists refused: source INTERNAL shrank from 301 to 1 entries (more than 10%)" {
		t.Fatalf("Reload of a list cut to 1 entry: %v", err)
	}
	if s.Lists().Len() != 301 {
		t.Fatalf("the refused lists were swapped in: %d entries", s.Lists().Len())
	}
	if err := s.Reload(ctx, WithLists(nil), WithMaxListShrink(0.10)); !errors.Is(err, lists.ErrShrink) {
		t.Errorf("Reload to no lists: %v", err)
	}
	if err := s.Reload(ctx, WithLists(internal(290)), WithMaxListShrink(0.10)); err != nil || s.Lists().Len() != 290 {
		t.Errorf("Reload within the limit: %v, %d entries", err, s.Lists().Len())
	}
	if err := s.Reload(ctx, WithLists(internal(1))); err != nil || s.Lists().Len() != 1 {
		t.Errorf("Reload without the gate: %v, %d entries", err, s.Lists().Len())
	}
}
