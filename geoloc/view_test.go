package geoloc

import (
	"errors"
	"testing"
	"time"
)

// TestViewPinsGeneration: a View keeps answering from the databases it
// pinned after Reload, names them in Databases, and its generation tells
// the sets apart.
func TestViewPinsGeneration(t *testing.T) {
	l := mustLocator(t, WithFile(testCity))
	v1, err := l.View()
	if err != nil {
		t.Fatal(err)
	}
	defer v1.Close()
	if err := l.Reload(WithFile(testEnterprise)); err != nil {
		t.Fatal(err)
	}
	v2, err := l.View()
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	if v1.Generation() != 1 || v2.Generation() != 2 {
		t.Errorf("generations %d, %d, want 1, 2", v1.Generation(), v2.Generation())
	}
	for _, tt := range []struct {
		v           *View
		name        string
		build       time.Time
		addr, cc    string
		missingAddr string // an address only the other generation has
	}{
		{v1, "GeoIP2-City-Test.mmdb", time.Date(2026, 2, 4, 22, 49, 29, 0, time.UTC), "81.2.69.142", "GB", "1.231.232.1"},
		{v2, "GeoIP2-Enterprise-Test.mmdb", time.Date(2026, 5, 29, 17, 56, 22, 0, time.UTC), "1.231.232.1", "UA", "81.2.69.142"},
	} {
		dbs := tt.v.Databases()
		if len(dbs) != 1 || dbs[0].Name != tt.name || !dbs[0].BuildTime.Equal(tt.build) {
			t.Errorf("generation %d Databases() = %+v, want %s built %s", tt.v.Generation(), dbs, tt.name, tt.build)
		}
		// Each address is in one of the two test databases only: the
		// answer must come from the pinned one.
		loc, err := tt.v.Locate(ip(tt.addr))
		if err != nil {
			t.Fatal(err)
		}
		if src, _ := loc.Source(FieldCountry); loc.Country != tt.cc || src.Database != tt.name || !src.BuildTime.Equal(tt.build) {
			t.Errorf("generation %d: %s country %q from %+v, want %s from %s", tt.v.Generation(), tt.addr, loc.Country, src, tt.cc, tt.name)
		}
		if loc, err := tt.v.Locate(ip(tt.missingAddr)); err != nil || loc.Found {
			t.Errorf("generation %d: %s = %+v, %v; want not found", tt.v.Generation(), tt.missingAddr, loc, err)
		}
	}
	// Not-routable addresses need no database.
	if loc, err := v1.Locate(ip("10.0.0.1")); err != nil || loc.NotRoutable != "private" {
		t.Errorf("Locate(10.0.0.1) = %+v, %v", loc, err)
	}
	v1.Close()
	v1.Close() // idempotent
	if _, err := v1.Locate(ip("81.2.69.142")); !errors.Is(err, ErrClosed) {
		t.Errorf("Locate after Close: %v, want ErrClosed", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// The open View still answers after the Locator is closed.
	if loc, err := v2.Locate(ip("1.231.232.1")); err != nil || loc.Country != "UA" {
		t.Errorf("Locate on a View of a closed Locator = %+v, %v", loc, err)
	}
	if _, err := l.View(); !errors.Is(err, ErrClosed) {
		t.Errorf("View after Close: %v, want ErrClosed", err)
	}
}
