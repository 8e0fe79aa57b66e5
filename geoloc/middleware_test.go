package geoloc

import (
	"context"
	"net/netip"
	"testing"
)

func TestNewContextRoundTrip(t *testing.T) {
	if _, ok := FromContext(context.Background()); ok {
		t.Fatal("an empty context has no location")
	}
	loc := Location{IP: netip.MustParseAddr("5.160.0.1"), Country: "IR", Found: true}
	got, ok := FromContext(NewContext(context.Background(), loc))
	if !ok || got.IP != loc.IP || got.Country != "IR" || !got.Found {
		t.Errorf("FromContext = %+v, %v", got, ok)
	}
}
