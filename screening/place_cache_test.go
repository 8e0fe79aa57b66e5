package screening

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/internal/cputime"
	"github.com/exportguard/exportguard/rules"
)

func TestPlaceCacheAnswersAsThePolicy(t *testing.T) {
	p := rules.Default()
	var c placeCache
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	before := time.Date(2019, 1, 15, 0, 0, 0, 0, time.UTC)
	places := []rules.Destination{
		{Country: rules.MustParseCountry("CN")}, {Country: rules.MustParseCountry("IR")}, {Country: rules.MustParseCountry("DE")},
		{Country: rules.MustParseCountry("MO")}, {Country: rules.MustParseCountry("RU")},
	}
	if r, ok := rules.NormalizeRegionCode("UA-43"); ok {
		places = append(places, rules.Destination{Country: r.Country(), Region: r})
	} else {
		t.Fatal("UA-43 is not a region code")
	}
	embargoed, concern := 0, 0
	for round := range 2 { // the second round reads the cache
		for _, d := range places {
			for _, date := range []time.Time{day, before} {
				got := c.get(p, d, date)
				want := askPolicy(p, d, date)
				if got.d != want.d || !slices.Equal(got.concern, want.concern) || got.embargoed != want.embargoed || !reflect.DeepEqual(got.embargo, want.embargo) {
					t.Fatalf("round %d, %v on %s: cache %v %v %+v; policy %v %v %+v", round, d, date.Format(time.DateOnly),
						profileNames(got.concern), got.embargoed, got.embargo, profileNames(want.concern), want.embargoed, want.embargo)
				}
				if got.embargoed {
					embargoed++
				}
				if len(got.concern) > 0 {
					concern++
				}
			}
		}
	}
	if embargoed == 0 || concern == 0 {
		t.Fatalf("%d embargoed and %d concern answers; the places test nothing", embargoed, concern)
	}
	if n := int(c.n.Load()); n != 2*len(places) {
		t.Errorf("%d answers kept; want %d", n, 2*len(places))
	}
}

func TestPlaceCacheIsBounded(t *testing.T) {
	p := rules.Default()
	var c placeCache
	cn := rules.Destination{Country: rules.MustParseCountry("CN")}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxPlaces + 100 {
		c.get(p, cn, start.AddDate(0, 0, i))
	}
	if n := int(c.n.Load()); n != maxPlaces {
		t.Errorf("%d answers kept; want the bound %d", n, maxPlaces)
	}
	// Past the bound the answers are still the policy's.
	date := start.AddDate(0, 0, maxPlaces+50)
	if got, want := c.get(p, cn, date), askPolicy(p, cn, date); fmt.Sprint(got.concern) != fmt.Sprint(want.concern) || got.embargoed != want.embargoed {
		t.Errorf("past the bound: %+v; want %+v", got, want)
	}
}

// BenchmarkScreenSamePlace measures a typical order of a realistic book: a
// party that is not listed, its client IP in the destination country (here
// a country of concern), so that the place's answer comes from the cache.
//
//	go test -run '^$' -bench BenchmarkScreenSamePlace -benchtime 5000x -count 3 -cpu 1 ./screening/
func BenchmarkScreenSamePlace(b *testing.B) {
	s := embedded(b)
	req := Request{ID: "p", Destination: "CN", IPs: []string{"223.5.5.5"},
		Parties: []Party{{Role: RolePurchaser, Name: "Example Compute GmbH", Country: "CN"}}}
	b.ReportAllocs()
	defer cputime.Report(b, "op", func() int { return b.N })()
	for b.Loop() {
		if _, err := s.Screen(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
