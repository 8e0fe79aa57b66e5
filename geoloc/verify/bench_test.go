package verify

import (
	"context"
	"math/rand/v2"
	"testing"
)

// benchMeasurements: a Frankfurt server seen from ten European and Asian
// landmarks at real city coordinates.
func benchMeasurements() []Measurement {
	rng := rand.New(rand.NewPCG(42, 42))
	return measure(rng, frankfurt, true, 1.4,
		frankfurt, amsterdam, warsaw, berlin,
		city{"par", 48.8566, 2.3522}, city{"lon", 51.5074, -0.1278}, city{"vie", 48.2082, 16.3738},
		city{"mad", 40.4168, -3.7038}, city{"sto", 59.3293, 18.0686}, tokyo)
}

// BenchmarkVerify10Landmarks judges the concern countries and the
// sanctioned regions UA-43 and UA-40, whose Crimea polygons are supplied.
func BenchmarkVerify10Landmarks(b *testing.B) {
	ms := benchMeasurements()
	ctx := context.Background()
	opts := []Option{WithRegions(loadCrimea(b)...)}
	judge := append(append([]string{}, concernCountries...), "UA-43", "UA-40")
	// Warm the lazily built boundary indexes.
	if _, err := Verify(ctx, Site{Country: "DE"}, ms, judge, opts...); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() { // b.Loop starts the timer afresh: the warm-up is not measured
		res, err := Verify(ctx, Site{Country: "DE"}, ms, judge, opts...)
		if err != nil || res.Verdict != VerdictConsistent {
			b.Fatalf("%v %v %v", res.Verdict, err, res.Notes)
		}
	}
}

// BenchmarkVerifyNearBorder: a server in Strasbourg, a few km from the
// German border, so that every cell near the border is tested exactly.
func BenchmarkVerifyNearBorder(b *testing.B) {
	rng := rand.New(rand.NewPCG(43, 43))
	strasbourg := city{"sxb", 48.5734, 7.7521}
	ms := measure(rng, strasbourg, true, 1.4,
		strasbourg, frankfurt, city{"par", 48.8566, 2.3522}, city{"zrh", 47.3769, 8.5417}, amsterdam,
		city{"lux", 49.6116, 6.1319}, city{"muc", 48.1351, 11.5820}, city{"lyo", 45.7640, 4.8357}, berlin, warsaw)
	ctx := context.Background()
	judge := append([]string{"DE", "FR", "CH"}, concernCountries...)
	if _, err := Verify(ctx, Site{Country: "FR"}, ms, judge); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() { // b.Loop starts the timer afresh: the warm-up is not measured
		if _, err := Verify(ctx, Site{Country: "FR"}, ms, judge); err != nil {
			b.Fatal(err)
		}
	}
}
