package screening

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
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
	if n := c.size(); n != 2*len(places) {
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
	if n := c.size(); n != maxPlaces {
		t.Errorf("%d answers kept; want the bound %d", n, maxPlaces)
	}
	// Past the bound the answers are still the policy's.
	date := start.AddDate(0, 0, maxPlaces+50)
	if got, want := c.get(p, cn, date), askPolicy(p, cn, date); fmt.Sprint(got.concern) != fmt.Sprint(want.concern) || got.embargoed != want.embargoed {
		t.Errorf("past the bound: %+v; want %+v", got, want)
	}
}

// TestBoundedCacheConcurrent stores and loads from several goroutines at
// once (run with -race): every entry kept is found with its own value, past
// the published map's folds, and no more than the bound are kept.
func TestBoundedCacheConcurrent(t *testing.T) {
	var c boundedCache[[2]int, int]
	const limit, workers, keys = 200, 4, 300
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range keys {
				k := [2]int{i, i % 7}
				if v, ok := c.load(k); ok && v != i*10 {
					t.Errorf("worker %d: key %v holds %d, want %d", w, k, v, i*10)
					return
				}
				c.store(k, i*10, limit)
			}
		}()
	}
	wg.Wait()
	if n := c.size(); n != limit {
		t.Fatalf("%d entries kept; want the bound %d", n, limit)
	}
	found := 0
	for i := range keys {
		if v, ok := c.load([2]int{i, i % 7}); ok {
			if v != i*10 {
				t.Fatalf("key %d holds %d, want %d", i, v, i*10)
			}
			found++
		}
	}
	if found != limit {
		t.Errorf("%d entries found; want %d", found, limit)
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
