package screening

import (
	"context"
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
