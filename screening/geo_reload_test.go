package screening

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/geoloc"
)

// TestLocatorReloadNamesNewDatabase: the Locator a Screener uses can be
// reloaded on its own (a sign-up gate sharing it does). The next decision
// must name the new database and its build date — in its versions, its
// locations and the staleness check — not the one the Screener started
// with.
func TestLocatorReloadNamesNewDatabase(t *testing.T) {
	ctx := context.Background()
	l, err := geoloc.Default()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s, err := New(ctx, WithLocator(l), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "r", Date: "2026-07-01", IPs: []string{"81.2.69.142"}}

	d, _ := s.Screen(ctx, req)
	want := []GeoVersion{{Name: geoloc.EmbeddedName, Type: geoloc.TypeCountryCode, BuildDate: "2026-06-17", Embedded: true}}
	if diff := cmp.Diff(want, d.Versions.GeoDBs); diff != "" {
		t.Fatalf("before reload, GeoDBs (-want +got):\n%s", diff)
	}
	ev := reason(t, d, "data.evaluation_snapshot").Evidence["data"].([]string)
	if !slices.Contains(ev, "geo database embedded:ip-country built 2026-06-17") {
		t.Errorf("before reload, evaluation data %v does not name the embedded database", ev)
	}

	if err := l.Reload(geoloc.WithFile(mmdb("GeoIP2-City-Test.mmdb"))); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, req)
	want = []GeoVersion{{Name: "GeoIP2-City-Test.mmdb", Type: geoloc.TypeCity, BuildDate: "2026-02-04"}}
	if diff := cmp.Diff(want, d.Versions.GeoDBs); diff != "" {
		t.Errorf("after reload, GeoDBs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"GeoIP2-City-Test.mmdb"}, d.Locations[0].Databases); diff != "" {
		t.Errorf("after reload, location databases (-want +got):\n%s", diff)
	}
	// MaxMind's City test file was built 2026-02-04 22:49, 296 whole days before the
	// test clock: stale under the default policy, and the reason says which
	// database.
	var stale *Reason
	for i, r := range d.Reasons {
		if r.Code == "data.stale" && r.Evidence["database"] != nil {
			stale = &d.Reasons[i]
		}
	}
	if stale == nil {
		t.Fatalf("after reload, no data.stale for the geolocation database in %v", codes(d))
	}
	if stale.Evidence["database"] != "GeoIP2-City-Test.mmdb" || stale.Evidence["build_date"] != "2026-02-04" ||
		!strings.Contains(stale.Message, "GeoIP2-City-Test.mmdb is 296 days old (built 2026-02-04)") {
		t.Errorf("after reload, data.stale = %q %v", stale.Message, stale.Evidence)
	}
	for _, e := range reason(t, d, "data.evaluation_snapshot").Evidence["data"].([]string) {
		if strings.HasPrefix(e, "geo database") {
			t.Errorf("after reload, evaluation data still names %q", e)
		}
	}
	if diff := cmp.Diff(want, s.Versions().GeoDBs); diff != "" {
		t.Errorf("after reload, Screener.Versions().GeoDBs (-want +got):\n%s", diff)
	}
}

// TestConcurrentScreenAndLocatorReload screens while the Locator alone is
// reloaded back and forth: every decision's locations come from databases
// its versions name.
func TestConcurrentScreenAndLocatorReload(t *testing.T) {
	ctx := context.Background()
	l, err := geoloc.New(geoloc.WithFile(mmdb("GeoIP2-City-Test.mmdb")), geoloc.WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s, err := New(ctx, WithLocator(l), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var screened, reloads atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				// 81.2.69.142 is in the City test file; 1.231.232.1 in
				// the Enterprise one.
				d, _ := s.Screen(ctx, Request{ID: "c", Date: "2026-07-01", IPs: []string{"81.2.69.142", "1.231.232.1"}})
				var names []string
				for _, g := range d.Versions.GeoDBs {
					names = append(names, g.Name)
				}
				for _, loc := range d.Locations {
					for _, db := range loc.Databases {
						if !slices.Contains(names, db) {
							t.Errorf("location %s from %s, but the decision names %v", loc.IP, db, names)
							stop.Store(true)
						}
					}
				}
				screened.Add(1)
			}
		}()
	}
	files := []string{mmdb("GeoIP2-Enterprise-Test.mmdb"), mmdb("GeoIP2-City-Test.mmdb")}
	for i := range 40 {
		if err := l.Reload(geoloc.WithFile(files[i%2]), geoloc.WithLogger(discardLogger())); err != nil {
			t.Fatal(err)
		}
		reloads.Add(1)
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d decisions during %d reloads", screened.Load(), reloads.Load())
}
