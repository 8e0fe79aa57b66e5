package verify

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestOptions(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(21, 22))
	ms := measure(rng, frankfurt, true, 1.4, frankfurt, amsterdam, warsaw)

	// Without the embedded countries only supplied regions are judged.
	res, err := Verify(ctx, Site{Country: "DE"}, ms, []string{"CN", "UA-43"}, WithoutEmbeddedCountries(), WithRegions(loadCrimea(t)...))
	if err != nil {
		t.Fatal(err)
	}
	got := regionVerdicts(res)
	if got["DE"] != RegionNotJudged || got["CN"] != RegionNotJudged || got["UA-43"] != RegionExcluded || res.Verdict != VerdictInsufficient {
		t.Errorf("WithoutEmbeddedCountries: %v, verdict %s", got, res.Verdict)
	}

	// A lower disc limit turns an open concern into insufficient evidence.
	far := measure(rng, frankfurt, true, 1.4, warsaw, city{"mos", 55.7558, 37.6173})
	res, err = Verify(ctx, Site{Country: "DE"}, far, []string{"RU"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictConcernNotExcluded {
		t.Errorf("default disc limit: verdict %s", res.Verdict)
	}
	res, err = Verify(ctx, Site{Country: "DE"}, far, []string{"RU"}, WithMaxDiscKM(500))
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient {
		t.Errorf("WithMaxDiscKM(500): verdict %s", res.Verdict)
	}

	// Why the default speed is c: a path at 98 % of c (a microwave link)
	// from Frankfurt to a device in Warsaw. At c Poland stays possible; at
	// the speed of light in fibre it is wrongly excluded.
	fast := []Measurement{
		{Landmark: lm(frankfurt, 0), RTTms: []float64{minRTT(frankfurt, warsaw) / 0.98}, Signed: true},
		{Landmark: lm(warsaw, 0), RTTms: []float64{0.1}, Signed: true},
	}
	res, err = Verify(ctx, Site{Country: "PL"}, fast, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Declared.Verdict == RegionExcluded {
		t.Errorf("at c: PL %s", res.Declared.Verdict)
	}
	res, err = Verify(ctx, Site{Country: "PL"}, fast, nil, WithSpeed(FibreSpeedKMPerMS))
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictContradictory && res.Declared.Verdict != RegionExcluded {
		t.Errorf("at 2/3 c the true site should be lost (contradictory or excluded): %s, PL %s", res.Verdict, res.Declared.Verdict)
	}

	// A cancelled context stops the call.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Verify(cctx, Site{Country: "DE"}, ms, []string{"CN"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}

	// No measurements: insufficient evidence, nothing judged.
	res, err = Verify(ctx, Site{Country: "DE"}, nil, []string{"CN"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != VerdictInsufficient || res.Regions[1].Verdict != RegionNotJudged {
		t.Errorf("no measurements: %s %+v", res.Verdict, res.Regions)
	}
}
