package verify

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func regionVerdicts(r Result) map[string]string {
	m := map[string]string{}
	for _, rr := range r.Regions {
		m[rr.Region] = rr.Verdict
	}
	return m
}

func TestFrankfurtServer(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ms := measure(rng, frankfurt, true, 1.4, frankfurt, amsterdam, warsaw, tokyo)
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, concernCountries)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConsistent {
		t.Fatalf("verdict %s, want consistent; notes %v", res.Verdict, res.Notes)
	}
	want := map[string]string{"DE": RegionInside}
	for _, c := range concernCountries {
		want[c] = RegionExcluded
	}
	if d := cmp.Diff(want, regionVerdicts(res)); d != "" {
		t.Errorf("regions (-want +got):\n%s", d)
	}
	cn, _ := res.Region("CN")
	// The Frankfurt landmark's disc (a few hundred km) keeps farthest from
	// China (~5,000 km): it alone excludes it, with thousands of km to spare.
	if cn.By != "fra" || cn.MarginKM < 4000 || cn.MarginKM > 6000 {
		t.Errorf("CN excluded by %q with margin %.1f km, want fra with 4,000-6,000 km", cn.By, cn.MarginKM)
	}
	// The margin is the distance from Frankfurt to China less the disc and
	// the 5 km boundary tolerance.
	china, _ := Country("CN")
	if want := china.distanceKM(frankfurt.point()) - 5 - res.Discs[0].RadiusKM; math.Abs(cn.MarginKM-want) > 0.2 {
		t.Errorf("CN margin %.1f km, want %.1f", cn.MarginKM, want)
	}
	if !feasibleContains(res.feasible, frankfurt.point()) {
		t.Error("Frankfurt is not in the feasible region")
	}
	t.Logf("feasible area %.0f km², CN margin %.0f km", res.FeasibleAreaKM2, cn.MarginKM)
}

func TestShanghaiServer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ms := measure(rng, shanghai, true, 1.5, taipei, tokyo, seoul, singapore)
	res, err := Verify(context.Background(), Site{Country: "SG"}, ms, concernCountries)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInconsistent {
		t.Fatalf("verdict %s, want inconsistent; notes %v", res.Verdict, res.Notes)
	}
	got := regionVerdicts(res)
	if got["SG"] != RegionExcluded {
		t.Errorf("SG %s, want excluded", got["SG"])
	}
	if got["CN"] != RegionPossible {
		t.Errorf("CN %s, want possible", got["CN"])
	}
	sg := res.Declared
	if sg.By != "tpe" && sg.By != "sel" && sg.By != "tyo" {
		t.Errorf("SG excluded by %q, want a north-east Asian landmark", sg.By)
	}
	if got := res.ConcernsNotExcluded(); !contains(got, "CN") {
		t.Errorf("ConcernsNotExcluded = %v, want CN in it", got)
	}
	// The same measurements against a declared point in Singapore.
	res2, err := Verify(context.Background(), Site{Lat: singapore.lat, Lon: singapore.lon, HasPoint: true}, ms, []string{"CN"})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Verdict != VerdictInconsistent || res2.Declared.Verdict != RegionExcluded || res2.Declared.MarginKM <= 0 {
		t.Errorf("declared point: verdict %s, %+v", res2.Verdict, *res2.Declared)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestContradictory(t *testing.T) {
	// A 1 ms reply seen both in Frankfurt and in Tokyo: the discs (about
	// 150 km each) are 9,000 km apart.
	ms := []Measurement{
		{Landmark: lm(frankfurt, 1), RTTms: []float64{1.0, 1.3}, Signed: true},
		{Landmark: lm(tokyo, 1), RTTms: []float64{1.1}, Signed: true},
	}
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, []string{"CN"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictContradictory {
		t.Fatalf("verdict %s, want contradictory", res.Verdict)
	}
	if res.FeasibleAreaKM2 != 0 {
		t.Errorf("area %v, want 0", res.FeasibleAreaKM2)
	}
	for _, rr := range res.Regions {
		if rr.Verdict != RegionNotJudged {
			t.Errorf("%s: %s, want not_judged (nothing follows from contradictory discs)", rr.Region, rr.Verdict)
		}
	}
	if !strings.Contains(res.Notes[0], "fra and tyo") {
		t.Errorf("first note %q does not name the pair", res.Notes[0])
	}
	// The discs are reported as measured, never enlarged.
	// (149.9 km + 1 km uncertainty) × 1.006 + 0.5 km.
	if res.Discs[0].RadiusKM != 152.3 {
		t.Errorf("Frankfurt disc %.1f km, want 152.3 km", res.Discs[0].RadiusKM)
	}
}

func TestContradictoryThreeDiscs(t *testing.T) {
	// Frankfurt-Warsaw 890 km, Frankfurt-Vienna 598 km, Warsaw-Vienna
	// 556 km. Discs of 450, 450 and 151 km meet in pairs, but the lens
	// where Frankfurt's and Warsaw's meet lies about 350 km from Vienna.
	vienna := city{"vie", 48.2082, 16.3738}
	rtt := func(km float64) []float64 { return []float64{2 * km / SpeedOfLightKMPerMS} }
	ms := []Measurement{
		{Landmark: lm(frankfurt, 0), RTTms: rtt(447), Signed: true},
		{Landmark: lm(warsaw, 0), RTTms: rtt(447), Signed: true},
		{Landmark: lm(vienna, 0), RTTms: rtt(150), Signed: true},
	}
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictContradictory {
		t.Fatalf("verdict %s, want contradictory; discs %+v", res.Verdict, res.Discs)
	}
	if want := "the discs of fra, waw, vie meet in pairs but have no common point"; res.Notes[0] != want {
		t.Errorf("note %q, want %q", res.Notes[0], want)
	}
}

func TestOneLandmark(t *testing.T) {
	ms := []Measurement{{Landmark: lm(frankfurt, 1), RTTms: []float64{1.2, 0.9, 1.5}, Signed: true}}
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, []string{"CN", "RU"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient {
		t.Errorf("verdict %s, want insufficient_evidence (one landmark, default minimum 2)", res.Verdict)
	}
	want := map[string]string{"DE": RegionPossible, "CN": RegionExcluded, "RU": RegionExcluded}
	if d := cmp.Diff(want, regionVerdicts(res)); d != "" {
		t.Errorf("regions (-want +got):\n%s", d)
	}
	res, err = Verify(context.Background(), Site{Country: "DE"}, ms, []string{"CN", "RU"}, WithMinLandmarks(1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConsistent {
		t.Errorf("with WithMinLandmarks(1): verdict %s, want consistent", res.Verdict)
	}
	if ru, _ := res.Region("RU"); ru.By != "fra" {
		t.Errorf("RU excluded by %q, want fra", ru.By)
	}
}

func TestUnsignedReplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ms := measure(rng, frankfurt, false, 1.4, frankfurt, amsterdam, warsaw)
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, concernCountries)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient {
		t.Errorf("verdict %s, want insufficient_evidence for unsigned replies", res.Verdict)
	}
	if !strings.Contains(res.Notes[0], "not the device") {
		t.Errorf("first note %q", res.Notes[0])
	}
	// The table still describes the endpoint that answered.
	if cn, _ := res.Region("CN"); cn.Verdict != RegionExcluded {
		t.Errorf("CN %s", cn.Verdict)
	}
	res, err = Verify(context.Background(), Site{Country: "DE"}, ms, concernCountries, WithUnsignedAccepted())
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConsistent {
		t.Errorf("accepted unsigned: verdict %s, want consistent", res.Verdict)
	}
	// Mixed: one signed far landmark decides; the close unsigned ones are
	// ignored, so China is not excluded and the discs are too large.
	mixed := append(measure(rng, frankfurt, false, 1.4, frankfurt, amsterdam), measure(rng, frankfurt, true, 1.4, tokyo, newYork)...)
	res, err = Verify(context.Background(), Site{Country: "DE"}, mixed, []string{"CN"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient || !strings.Contains(res.Notes[0], "2 unsigned replies ignored") {
		t.Errorf("mixed: verdict %s, notes %q", res.Verdict, res.Notes[:2])
	}
	if res.Discs[0].Used || !res.Discs[2].Used {
		t.Errorf("mixed: used flags %+v", res.Discs)
	}
}

func TestAntimeridian(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// A device in Suva, Fiji, measured from both sides of the 180th
	// meridian.
	ms := measure(rng, suva, true, 1.3, apia, nukualofa, auckland, suva)
	res, err := Verify(context.Background(), Site{Country: "FJ"}, ms, []string{"NZ", "TO", "WS", "AU", "CN", "RU"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConsistent {
		t.Errorf("verdict %s, want consistent; %v", res.Verdict, res.Notes)
	}
	want := map[string]string{"FJ": RegionPossible, "NZ": RegionExcluded, "TO": RegionExcluded, "WS": RegionExcluded, "AU": RegionExcluded, "CN": RegionExcluded, "RU": RegionExcluded}
	got := regionVerdicts(res)
	if got["FJ"] == RegionInside {
		want["FJ"] = RegionInside
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("regions (-want +got):\n%s", d)
	}
	if !feasibleContains(res.feasible, suva.point()) {
		t.Error("Suva not in the feasible region")
	}
	// Chukotka: Russia spans the antimeridian; a device in Anadyr seen
	// from Nome, Alaska, and from Anadyr itself.
	ms = measure(rng, anadyr, true, 1.3, nome, anadyr)
	res, err = Verify(context.Background(), Site{Country: "US"}, ms, []string{"RU", "CN"})
	if err != nil {
		t.Fatal(err)
	}
	if got := regionVerdicts(res); got["RU"] == RegionExcluded || got["US"] != RegionExcluded || got["CN"] != RegionExcluded {
		t.Errorf("Anadyr: %v", got)
	}
	if res.Verdict != VerdictInconsistent {
		t.Errorf("Anadyr declared US: verdict %s", res.Verdict)
	}
}

func TestPolar(t *testing.T) {
	// North: a device at the North Pole (a buoy or an ice station), seen
	// from Longyearbyen (1,310 km) and Alert (833 km), RTTs 20 % above the
	// vacuum minimum. Both discs hold the pole.
	northPole := city{"np", 90, 0}
	ms := []Measurement{
		{Landmark: lm(longyear, 1), RTTms: []float64{minRTT(longyear, northPole) * 1.2}, Signed: true},
		{Landmark: lm(alert, 1), RTTms: []float64{minRTT(alert, northPole) * 1.2}, Signed: true},
	}
	res, err := Verify(context.Background(), Site{Lat: 90, Lon: 0, HasPoint: true}, ms, []string{"RU", "CN", "CA", "GL", "NO"})
	if err != nil {
		t.Fatal(err)
	}
	if !feasibleContains(res.feasible, northPole.point()) {
		t.Error("North Pole not in the feasible region")
	}
	got := regionVerdicts(res)
	for code, v := range got {
		r, ok := Country(code)
		if !ok {
			continue
		}
		t.Logf("%s %s: %.0f km from Alert (disc %.0f km), %.0f km from Longyearbyen (disc %.0f km)", code, v, r.distanceKM(alert.point()), res.Discs[1].RadiusKM, r.distanceKM(longyear.point()), res.Discs[0].RadiusKM)
	}
	// Alert's disc (1,000 km) reaches Ellesmere Island and northern
	// Greenland but not Russia's Franz Josef Land; Longyearbyen's reaches
	// Svalbard itself.
	want := map[string]string{"@90.0000,0.0000": RegionPossible, "RU": RegionExcluded, "CN": RegionExcluded, "CA": RegionPossible, "GL": RegionPossible, "NO": RegionExcluded}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("north (-want +got):\n%s", d)
	}
	if res.Verdict != VerdictConcernNotExcluded {
		t.Errorf("north: verdict %s", res.Verdict)
	}
	// South: a device at the Amundsen-Scott station seen from McMurdo
	// (1,360 km) and from the station itself.
	ms = measure(rand.New(rand.NewPCG(9, 10)), southPole, true, 1.2, mcmurdo, southPole)
	res, err = Verify(context.Background(), Site{Country: "AQ"}, ms, concernCountries)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConsistent {
		t.Errorf("south: verdict %s; %v", res.Verdict, res.Notes)
	}
	if aq := res.Declared.Verdict; aq != RegionInside {
		t.Errorf("south: AQ %s, want inside", aq)
	}
	if !feasibleContains(res.feasible, southPole.point()) {
		t.Error("South Pole not in the feasible region")
	}
}

func TestDiscsTooLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	// Only distant landmarks: Tokyo and Sydney see a Frankfurt server.
	ms := measure(rng, frankfurt, true, 1.5, tokyo, sydney, newYork)
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, []string{"CN", "RU"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient || !strings.Contains(strings.Join(res.Notes, "|"), "too large") {
		t.Errorf("verdict %s, notes %v", res.Verdict, res.Notes)
	}
}

func TestRegionNotJudged(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	ms := measure(rng, frankfurt, true, 1.4, frankfurt, amsterdam)
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, []string{"CN", "UA-14", "UA-09"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient {
		t.Errorf("verdict %s, want insufficient_evidence", res.Verdict)
	}
	for _, code := range []string{"UA-14", "UA-09"} {
		rr, _ := res.Region(code)
		if rr.Verdict != RegionNotJudged || rr.By != "" {
			t.Errorf("%s: %+v, want not_judged", code, rr)
		}
	}
}

func TestLikelySpeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	ms := measure(rng, frankfurt, true, 1.4, frankfurt, amsterdam, warsaw)
	res, err := Verify(context.Background(), Site{Country: "DE"}, ms, []string{"PL", "NL"}, WithLikelySpeed(FibreSpeedKMPerMS))
	if err != nil {
		t.Fatal(err)
	}
	if res.LikelyAreaKM2 <= 0 || res.LikelyAreaKM2 >= res.FeasibleAreaKM2 {
		t.Errorf("likely area %.0f, feasible %.0f", res.LikelyAreaKM2, res.FeasibleAreaKM2)
	}
	for _, rr := range res.Regions {
		if rr.Likely == "" {
			t.Errorf("%s: no likely verdict", rr.Region)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	good := []Measurement{{Landmark: lm(frankfurt, 1), RTTms: []float64{1}, Signed: true}}
	cases := []struct {
		name     string
		declared Site
		ms       []Measurement
		judge    []string
		opts     []Option
		field    string
	}{
		{"negative rtt", Site{}, []Measurement{{Landmark: lm(frankfurt, 1), RTTms: []float64{1, -2}}}, nil, nil, "measurements[0].rtt_ms[1]"},
		{"no samples", Site{}, []Measurement{{Landmark: lm(frankfurt, 1)}}, nil, nil, "measurements[0].rtt_ms"},
		{"latitude", Site{}, []Measurement{{Landmark: Landmark{ID: "x", Lat: 91}, RTTms: []float64{1}}}, nil, nil, "measurements[0].landmark"},
		{"empty id", Site{}, []Measurement{{Landmark: Landmark{Lat: 1}, RTTms: []float64{1}}}, nil, nil, "measurements[0].landmark.id"},
		{"bad code", Site{}, good, []string{"china"}, nil, "judge[0]"},
		{"bad declared", Site{Country: "Germany"}, good, nil, nil, "declared.country"},
		{"speed above c", Site{}, good, nil, []Option{WithSpeed(300)}, "option"},
		{"speed zero", Site{}, good, nil, []Option{WithSpeed(0)}, "option"},
		{"speed NaN", Site{}, good, nil, []Option{WithSpeed(math.NaN())}, "option"},
		{"speed +Inf", Site{}, good, nil, []Option{WithSpeed(math.Inf(1))}, "option"},
		{"likely speed above c", Site{}, good, nil, []Option{WithLikelySpeed(300)}, "option"},
		{"likely speed -Inf", Site{}, good, nil, []Option{WithLikelySpeed(math.Inf(-1))}, "option"},
		{"processing", Site{}, good, nil, []Option{WithProcessingDelay(-1)}, "option"},
	}
	for _, tc := range cases {
		_, err := Verify(context.Background(), tc.declared, tc.ms, tc.judge, tc.opts...)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != tc.field {
			t.Errorf("%s: err %v, want InputError on %s", tc.name, err, tc.field)
		}
	}
}

func TestProcessingDelay(t *testing.T) {
	ms := []Measurement{
		{Landmark: lm(frankfurt, 0), RTTms: []float64{3}, Signed: true},
	}
	res, err := Verify(context.Background(), Site{}, ms, nil, WithProcessingDelay(2))
	if err != nil {
		t.Fatal(err)
	}
	// (299.79 km/ms × 1 ms / 2) × 1.006 + 0.5 km.
	if got := res.Discs[0].RadiusKM; got != 151.3 {
		t.Errorf("radius %.1f km, want 151.3", got)
	}
}

func TestDeclaredCountryOfConcern(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	// Shanghai is on the coast: the disc reaches the sea, so CN is possible
	// rather than inside.
	ms := measure(rng, shanghai, true, 1.3, shanghai, taipei, seoul)
	res, err := Verify(context.Background(), Site{Country: "CN"}, ms, concernCountries)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConcernNotExcluded {
		t.Errorf("verdict %s, want concern_not_excluded", res.Verdict)
	}
	if !res.Declared.Concern || res.Regions[0].Region != "CN" || !res.Regions[0].Concern || res.Declared.Verdict != RegionPossible {
		t.Errorf("declared %+v, first region %+v", *res.Declared, res.Regions[0])
	}
	if n := len(res.Regions); n != len(concernCountries) {
		t.Errorf("%d regions, want %d (CN once)", n, len(concernCountries))
	}
}

func TestDeclaredPointAndCountry(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	ms := measure(rng, frankfurt, true, 1.4, frankfurt, amsterdam, warsaw)
	// A point in Berlin (about 420 km from Frankfurt) declared with DE:
	// the country is possible, the point is excluded by the Frankfurt disc.
	site := Site{Country: "DE", Lat: berlin.lat, Lon: berlin.lon, HasPoint: true}
	res, err := Verify(context.Background(), site, ms, []string{"CN"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInconsistent {
		t.Errorf("verdict %s, want inconsistent", res.Verdict)
	}
	if len(res.Regions) != 3 || res.Regions[0].Region != "@52.5200,13.4050" || res.Regions[1].Region != "DE" {
		t.Fatalf("regions %+v", res.Regions)
	}
	if res.Declared.Region != "@52.5200,13.4050" || res.Declared.Verdict != RegionExcluded || res.Declared.By != "fra" {
		t.Errorf("declared %+v", *res.Declared)
	}
	if res.Regions[1].Verdict == RegionExcluded {
		t.Errorf("DE %s", res.Regions[1].Verdict)
	}
}

// TestConcurrent runs verdicts from several goroutines over shared regions
// (run with -race).
func TestConcurrent(t *testing.T) {
	regs := loadCrimea(t)
	judge := append(append([]string{}, concernCountries...), "UA-43", "UA-40")
	want, err := Verify(context.Background(), Site{Country: "DE"}, benchMeasurements(), judge, WithRegions(regs...))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 5 {
				got, err := Verify(context.Background(), Site{Country: "DE"}, benchMeasurements(), judge, WithRegions(regs...))
				if err == nil && !cmp.Equal(got.Regions, want.Regions) {
					err = errors.New(cmp.Diff(want.Regions, got.Regions))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
