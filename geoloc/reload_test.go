package geoloc

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// generation is one consistent database set for the reload tests: a City
// database and an Anonymous IP database, each with its own build time.
type generation struct {
	cityPath, anonPath string
	country, city      string
	vpn, tor           bool
	build              time.Time
}

func writeGeneration(t *testing.T, dir, name, country, cityName string, vpn, tor bool, build time.Time) generation {
	t.Helper()
	g := generation{
		cityPath: filepath.Join(dir, name+"-city.mmdb"),
		anonPath: filepath.Join(dir, name+"-anon.mmdb"),
		country:  country, city: cityName, vpn: vpn, tor: tor, build: build,
	}
	city := buildCityDB(t, "GeoIP2-City", build, []cityRec{{network: "81.2.69.0/24", country: country, registered: country, city: cityName}})
	anon := buildAnonDB(t, build, []anonRec{{network: "81.2.69.0/24", vpn: vpn, tor: tor}})
	if err := os.WriteFile(g.cityPath, city, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(g.anonPath, anon, 0o644); err != nil {
		t.Fatal(err)
	}
	return g
}

func (g generation) opts() []Option { return []Option{WithFile(g.cityPath), WithFile(g.anonPath)} }

// matches reports whether loc comes entirely from g.
func (g generation) matches(loc Location) bool {
	if loc.Country != g.country || loc.RegisteredCountry != g.country || loc.City != g.city ||
		loc.Anonymizer.VPN != g.vpn || loc.Anonymizer.Tor != g.tor || len(loc.Sources) != 4 {
		return false
	}
	for _, s := range loc.Sources {
		if !s.BuildTime.Equal(g.build) {
			return false
		}
	}
	return true
}

// TestReloadUnderLoad swaps between two file-backed (memory-mapped)
// database sets while lookups run. Every result must come wholly from one
// set, and no lookup may touch a closed reader (run with -race).
func TestReloadUnderLoad(t *testing.T) {
	dir := t.TempDir()
	a := writeGeneration(t, dir, "a", "DE", "Berlin", true, false, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	b := writeGeneration(t, dir, "b", "FR", "Paris", false, true, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	l := mustLocator(t, a.opts()...)
	addr := ip("81.2.69.142")

	var (
		stop       atomic.Bool
		wg         sync.WaitGroup
		lookups    atomic.Int64
		seenA      atomic.Int64
		seenB      atomic.Int64
		mixedOnce  sync.Once
		mixedFound Location
		failed     atomic.Bool
	)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				loc, err := l.Locate(addr)
				if err != nil {
					failed.Store(true)
					t.Errorf("Locate during reload: %v", err)
					return
				}
				lookups.Add(1)
				switch {
				case a.matches(loc):
					seenA.Add(1)
				case b.matches(loc):
					seenB.Add(1)
				default:
					failed.Store(true)
					mixedOnce.Do(func() { mixedFound = loc })
				}
			}
		}()
	}
	reloads := 200
	if testing.Short() {
		reloads = 50
	}
	for i := range reloads {
		g := a
		if i%2 == 0 {
			g = b
		}
		if err := l.Reload(g.opts()...); err != nil {
			t.Fatalf("reload %d: %v", i, err)
		}
		if i%10 == 0 {
			// A broken file in between must be rejected and change nothing.
			if err := l.Reload(WithFile(testBrokenDouble)); err == nil {
				t.Fatal("reload with a broken database succeeded")
			}
		}
	}
	stop.Store(true)
	wg.Wait()
	if failed.Load() {
		t.Fatalf("a lookup returned a result not from one database set: %+v", mixedFound)
	}
	t.Logf("%d lookups during %d reloads: %d from set a, %d from set b", lookups.Load(), reloads, seenA.Load(), seenB.Load())
	if lookups.Load() == 0 {
		t.Fatal("no lookups ran")
	}
}

// TestReloadRejectsBrokenFiles: MaxMind's deliberately broken test files
// are rejected and the old databases stay in use.
func TestReloadRejectsBrokenFiles(t *testing.T) {
	l := mustLocator(t, WithFile(testCity))
	before := l.Databases()
	for _, bad := range []string{testBrokenDouble, testBadNodeCount} {
		t.Run(filepath.Base(bad), func(t *testing.T) {
			err := l.Reload(WithFile(testCountry), WithFile(bad))
			if !errors.Is(err, ErrInvalidDatabase) {
				t.Fatalf("Reload(%s) error = %v, want ErrInvalidDatabase", bad, err)
			}
			var de *DatabaseError
			if !errors.As(err, &de) || de.Path != bad {
				t.Errorf("error %v: want *DatabaseError for %s", err, bad)
			}
			after := l.Databases()
			if len(after) != 1 || after[0] != before[0] {
				t.Errorf("Databases after failed reload = %+v, want %+v", after, before)
			}
			loc, err := l.Locate(ip("81.2.69.142"))
			if err != nil || loc.City != "London" {
				t.Errorf("Locate after failed reload = %+v, %v; want London from the old City DB", loc, err)
			}
		})
	}
}

// TestReloadRereadsFiles: Reload without options reopens the configured
// files, so a database replaced on disk takes effect.
func TestReloadRereadsFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "GeoIP2-City.mmdb")
	old := buildCityDB(t, "GeoIP2-City", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), []cityRec{{network: "5.62.60.0/24", country: "DE"}})
	newer := buildCityDB(t, "GeoIP2-City", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), []cityRec{{network: "5.62.60.0/24", country: "IR"}})
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	l := mustLocator(t, WithFile(path))
	loc, _ := l.Locate(ip("5.62.60.9"))
	if loc.Country != "DE" {
		t.Fatalf("before: country %q, want DE", loc.Country)
	}
	// Replace the file the way an updater should: write then rename.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, newer, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if err := l.Reload(); err != nil {
		t.Fatal(err)
	}
	loc, _ = l.Locate(ip("5.62.60.9"))
	src, _ := loc.Source(FieldCountry)
	if loc.Country != "IR" || !src.BuildTime.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("after reload: country %q built %s, want IR built 2026-11-01", loc.Country, src.BuildTime)
	}
}

// TestCloseWaitsForLookups: readers of a replaced set stay open while a
// lookup holds them.
func TestCloseWaitsForLookups(t *testing.T) {
	l := mustLocator(t, WithFile(testCity))
	s := l.acquire() // a lookup in flight
	if err := l.Reload(WithFile(testCountry)); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// The old set is still usable by its holder.
	loc, err := s.locate(ip("81.2.69.142"))
	if err != nil || loc.City != "London" {
		t.Fatalf("lookup on held snapshot = %+v, %v", loc, err)
	}
	s.release()
	if got := s.refs.Load(); got != 0 {
		t.Errorf("refs after release = %d, want 0", got)
	}
	if _, err := s.locate(ip("81.2.69.142")); err == nil {
		t.Error("lookup on a released snapshot succeeded; its readers should be closed")
	}
}
