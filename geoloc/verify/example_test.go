package verify_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// A server declared to be in Germany answers signed challenges from
// landmarks in Frankfurt (0.9 ms), Amsterdam (6.1 ms) and Warsaw
// (13.2 ms). China and Russia are judged as countries of concern.
func Example() {
	ms := []verify.Measurement{
		{Landmark: verify.Landmark{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1}, RTTms: []float64{1.1, 0.9, 1.3}, Signed: true},
		{Landmark: verify.Landmark{ID: "ams", Lat: 52.3676, Lon: 4.9041, UncertaintyKM: 1}, RTTms: []float64{6.1, 6.4}, Signed: true},
		{Landmark: verify.Landmark{ID: "waw", Lat: 52.2297, Lon: 21.0122, UncertaintyKM: 1}, RTTms: []float64{13.2}, Signed: true},
	}
	res, err := verify.Verify(context.Background(), verify.Site{Country: "DE"}, ms, []string{"CN", "RU"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Verdict)
	for _, r := range res.Regions {
		fmt.Printf("%s %s %s %.0f\n", r.Region, r.Verdict, r.By, r.MarginKM)
	}
	// Output:
	// consistent
	// DE possible  0
	// CN excluded fra 4935
	// RU excluded fra 743
}

// Sanctioned regions are judged from their own polygons: Natural Earth
// draws Crimea as part of Russia. A server in Kyiv, seen from Kyiv and
// Warsaw, is far from the peninsula. (Ukraine itself is only possible: the
// Kyiv disc of 121 km reaches Belarus.)
func ExampleParseRegions() {
	f, err := os.Open("../../testdata/boundaries/crimea-ne10m.geojson")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	regions, err := verify.ParseRegions(f, "crimea-ne10m.geojson")
	if err != nil {
		fmt.Println(err)
		return
	}
	ms := []verify.Measurement{
		{Landmark: verify.Landmark{ID: "iev", Lat: 50.4501, Lon: 30.5234, UncertaintyKM: 1}, RTTms: []float64{0.8}, Signed: true},
		{Landmark: verify.Landmark{ID: "waw", Lat: 52.2297, Lon: 21.0122, UncertaintyKM: 1}, RTTms: []float64{9.7}, Signed: true},
	}
	res, err := verify.Verify(context.Background(), verify.Site{Country: "UA"}, ms, []string{"UA-43", "UA-40", "UA-14"}, verify.WithRegions(regions...))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Verdict)
	for _, r := range res.Regions {
		fmt.Println(strings.TrimSpace(r.Region + " " + r.Verdict + " " + r.By))
	}
	// Output:
	// insufficient_evidence
	// UA possible
	// UA-43 excluded iev
	// UA-40 excluded iev
	// UA-14 not_judged
}
