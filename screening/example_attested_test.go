package screening_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/screening"
)

// A verifier-signed verdict record as an item's location evidence. The
// verifier judged signed records from landmarks in Frankfurt and Singapore
// (a device in Frankfurt) against China only; the policy's other countries
// of concern were not judged, so the location is not verified.
func ExampleWithLocationVerifiers() {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	k := func(name string) ed25519.PrivateKey {
		seed := sha256.Sum256([]byte("example " + name))
		return ed25519.NewKeyFromSeed(seed[:])
	}
	lms := []attest.LandmarkInfo{
		{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1},
		{ID: "sin", Lat: 1.3521, Lon: 103.8198, UncertaintyKM: 1},
	}
	reg, _ := attest.NewRegistry([]attest.Device{{ID: "gpu-0001", PublicKey: k("gpu-0001").Public().(ed25519.PublicKey)}},
		[]attest.EnrolledLandmark{
			{LandmarkInfo: lms[0], Provenance: "DE-CIX Frankfurt", PublicKey: k("fra").Public().(ed25519.PublicKey)},
			{LandmarkInfo: lms[1], Provenance: "Equinix SG1", PublicKey: k("sin").Public().(ed25519.PublicKey)},
		})
	var in []attest.Input
	for i, rtt := range []time.Duration{4 * time.Millisecond, 160 * time.Millisecond} {
		r := &attest.Record{Version: 1, Landmark: lms[i], DeviceID: "gpu-0001", Transport: "udp"}
		nonce, _ := attest.NewNonce()
		sig := attest.SignResponse(k("gpu-0001"), nonce, "gpu-0001", lms[i].ID, uint64(i+1))
		r.Samples = []attest.Sample{{Nonce: nonce, Issued: now.Add(-time.Minute), Counter: uint64(i + 1), Signature: sig[:], RTT: rtt}}
		r.Sign(k(lms[i].ID))
		in = append(in, attest.Input{Source: lms[i].ID + ".json", Record: r})
	}
	v := attest.NewVerifier(reg, attest.WithClock(func() time.Time { return now }))
	site := verify.Site{Country: "DE"}
	res, _ := v.Verify(context.Background(), "gpu-0001", in, site, []string{"CN"})
	vr := attest.NewVerdictRecord("verifier-1", site, res, now, 24*time.Hour)
	vr.Sign(k("verifier-1"))

	ctx := context.Background()
	s, _ := screening.New(ctx,
		screening.WithLocationVerifiers(map[string]ed25519.PublicKey{"verifier-1": k("verifier-1").Public().(ed25519.PublicKey)}),
		screening.WithClock(func() time.Time { return now }),
		screening.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	d, _ := s.Screen(ctx, screening.Request{ID: "gpu-0001", Location: &screening.LocationEvidence{DeclaredCountry: "DE", Attested: vr}})
	for _, r := range d.Reasons {
		if r.Code == "item.location_unverified" {
			fmt.Println(r.Code, r.Outcome)
			fmt.Println("not judged:", r.Evidence["not_judged"].([]string)[:3])
		}
	}
	// Output:
	// item.location_unverified review
	// not judged: [AF BY CD]
}
