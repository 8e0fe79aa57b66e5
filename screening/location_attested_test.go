package screening

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/rules"
)

func attestKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("screening attest test key " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// attestedVerdict runs the protocol's verifier on records from landmarks
// in Frankfurt, Singapore and Ashburn (real city coordinates) with the
// given minimum RTTs, judges the policy's concerns (or judge, if given),
// and returns the verdict record signed by verifier "v1".
func attestedVerdict(t *testing.T, declared string, rtt map[string]float64, judge []string) *attest.VerdictRecord {
	t.Helper()
	lms := []attest.LandmarkInfo{
		{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1},
		{ID: "sin", Lat: 1.3521, Lon: 103.8198, UncertaintyKM: 1},
		{ID: "iad", Lat: 39.0438, Lon: -77.4874, UncertaintyKM: 1},
	}
	dev := attestKey("gpu-0001")
	var enrolled []attest.EnrolledLandmark
	var in []attest.Input
	ctr := uint64(0)
	for i, l := range lms {
		enrolled = append(enrolled, attest.EnrolledLandmark{LandmarkInfo: l, Provenance: "test: city centre", PublicKey: attestKey(l.ID).Public().(ed25519.PublicKey)})
		r := &attest.Record{Version: 1, Landmark: l, DeviceID: "gpu-0001", Transport: "udp"}
		for k := range 2 {
			ctr++
			var n attest.Nonce
			n[0], n[1] = byte(i), byte(k)
			sig := attest.SignResponse(dev, n, "gpu-0001", l.ID, ctr)
			r.Samples = append(r.Samples, attest.Sample{Nonce: n, Issued: testNow.Add(-time.Minute), Counter: ctr, Signature: sig[:],
				RTT: time.Duration((rtt[l.ID] + float64(k)) * float64(time.Millisecond))})
		}
		r.Sign(attestKey(l.ID))
		in = append(in, attest.Input{Source: l.ID + ".json", Record: r})
	}
	reg, err := attest.NewRegistry([]attest.Device{{ID: "gpu-0001", PublicKey: dev.Public().(ed25519.PublicKey)}}, enrolled)
	if err != nil {
		t.Fatal(err)
	}
	if judge == nil {
		for _, p := range rules.Default().Profiles() {
			for _, c := range p.Countries(testNow) {
				judge = append(judge, c.String())
			}
			for _, r := range p.Regions() {
				judge = append(judge, r.Country().String())
			}
		}
	}
	v := attest.NewVerifier(reg, attest.WithClock(fixedClock))
	site := verify.Site{Country: declared}
	res, err := v.Verify(context.Background(), "gpu-0001", in, site, judge)
	if err != nil {
		t.Fatal(err)
	}
	vr := attest.NewVerdictRecord("v1", site, res, testNow, 24*time.Hour)
	if err := vr.Sign(attestKey("v1")); err != nil {
		t.Fatal(err)
	}
	return vr
}

func TestScreenAttestedLocation(t *testing.T) {
	ctx := context.Background()
	trusted := map[string]ed25519.PublicKey{"v1": attestKey("v1").Public().(ed25519.PublicKey)}
	s, err := New(ctx, WithLocationVerifiers(trusted), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	frankfurt := map[string]float64{"fra": 4, "iad": 90, "sin": 160}
	tests := []struct {
		name    string
		le      func() *LocationEvidence
		codes   []string
		message string
	}{
		{"device in Frankfurt declared DE", func() *LocationEvidence {
			return &LocationEvidence{DeclaredCountry: "DE", Attested: attestedVerdict(t, "DE", frankfurt, nil)}
		}, nil, ""},
		{"device in Shanghai declared DE", func() *LocationEvidence {
			return &LocationEvidence{Attested: attestedVerdict(t, "DE", map[string]float64{"fra": 125, "iad": 150, "sin": 45}, nil)}
		}, []string{"item.location_inconsistent=review", "item.location_concern_possible=review"},
			"Signed delay measurements exclude the declared site DE: the item is not where it was declared (verdict record "},
		{"tampered verdict", func() *LocationEvidence {
			vr := attestedVerdict(t, "DE", map[string]float64{"fra": 125, "iad": 150, "sin": 45}, nil)
			vr.Verdict = verify.VerdictConsistent
			return &LocationEvidence{Attested: vr}
		}, []string{"item.location_unverified=review"}, `attest: verdict from "v1": signature does not verify: forged or altered`},
		{"untrusted verifier", func() *LocationEvidence {
			vr := attestedVerdict(t, "DE", frankfurt, nil)
			vr.Verifier = "v2"
			vr.Sign(attestKey("v2"))
			return &LocationEvidence{Attested: vr}
		}, []string{"item.location_unverified=review"}, `attest: verdict from "v2": not a trusted verifier`},
		{"expired", func() *LocationEvidence {
			vr := attestedVerdict(t, "DE", frankfurt, nil)
			vr.Issued, vr.Expires = testNow.Add(-48*time.Hour), testNow.Add(-24*time.Hour)
			vr.Sign(attestKey("v1"))
			return &LocationEvidence{Attested: vr}
		}, []string{"item.location_unverified=review"}, `attest: verdict from "v1": expired 2026-11-27T12:00:00Z`},
		{"concerns the verifier did not judge", func() *LocationEvidence {
			return &LocationEvidence{Attested: attestedVerdict(t, "DE", frankfurt, []string{"CN", "RU"})}
		}, []string{"item.location_unverified=review"}, "the verifier did not judge AF, BY, CD"},
		{"another declared country", func() *LocationEvidence {
			return &LocationEvidence{DeclaredCountry: "FR", Attested: attestedVerdict(t, "DE", frankfurt, nil)}
		}, []string{"item.location_unverified=review"}, `the verdict checked the declared site "DE", the item is declared in FR`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := s.Screen(ctx, Request{ID: "item", Location: tc.le()})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.codes, codes(d)); diff != "" {
				t.Fatalf("codes (-want +got):\n%s", diff)
			}
			if tc.message == "" {
				return
			}
			r := reason(t, d, strings.Split(tc.codes[0], "=")[0])
			if !strings.Contains(r.Message, tc.message) {
				t.Errorf("message %q\nwant …%q…", r.Message, tc.message)
			}
			rec, _ := r.Evidence["verdict_record"].(map[string]any)
			if rec["verifier"] == nil || len(rec["digest_sha256"].(string)) != 64 {
				t.Errorf("evidence does not cite the record: %v", r.Evidence)
			}
			notes, _ := r.Evidence["notes"].([]string)
			if !strings.Contains(strings.Join(notes, "\n"), attest.Limitations[0]) {
				t.Errorf("evidence notes lack the protocol's limits: %q", notes)
			}
		})
	}
}
