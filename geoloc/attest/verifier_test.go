package attest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/verify"
)

var concerns = []string{"CN", "MO", "HK", "RU", "BY", "IR", "KP", "CU", "SY", "VE"}

func TestVerifyHonestDevice(t *testing.T) {
	f := newFixture(t)
	res, err := f.verifier().Verify(context.Background(), "gpu-0001", f.honest(), verify.Site{Country: "DE"}, concerns)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Location.Verdict; got != verify.VerdictConsistent {
		t.Fatalf("verdict %s, want consistent; notes %q", got, res.Location.Notes)
	}
	if len(res.Evidence.Accepted) != 3 || len(res.Evidence.Rejected) != 0 {
		t.Fatalf("accepted %d rejected %v", len(res.Evidence.Accepted), res.Evidence.Rejected)
	}
	for _, c := range concerns {
		rr, _ := res.Location.Region(c)
		if rr.Verdict != verify.RegionExcluded || rr.By != "fra" {
			t.Errorf("%s: %s by %q, want excluded by fra", c, rr.Verdict, rr.By)
		}
	}
	fe := res.Evidence.Accepted[0]
	if fe.Landmark != "fra" || fe.MinRTTms != 4.0 || fe.Samples != 3 || fe.Counters != [2]uint64{1, 3} || fe.Provenance == "" {
		t.Errorf("fra evidence %+v", fe)
	}
	for _, want := range Limitations {
		if !contains(res.Notes, want) {
			t.Errorf("notes lack %q", want)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

// TestAttacks: each forgery is rejected with its reason, the rest of the
// batch still counts, and nothing rejected reaches the verdict.
func TestAttacks(t *testing.T) {
	tests := []struct {
		name   string
		attack func(f *fixture, in []Input) []Input
		source string
		reason Reason
		detail string
	}{
		{"replayed record", func(f *fixture, in []Input) []Input {
			return append(in, Input{Source: "fra-copy.json", Record: in[0].Record})
		}, "fra-copy.json", ReasonNonceReplayed, "was already used"},
		{"replayed sample in a new record", func(f *fixture, in []Input) []Input {
			r := *in[0].Record
			r.Samples = append(r.Samples[:0:0], in[0].Record.Samples[0])
			r.Sign(key("fra"))
			return append(in, Input{Source: "fra-replay.json", Record: &r})
		}, "fra-replay.json", ReasonNonceReplayed, "sample 0: nonce"},
		{"counter signed twice: a second holder of the key", func(f *fixture, in []Input) []Input {
			r := f.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 1.0)
			s := &r.Samples[0]
			s.Counter = 1
			sig := SignResponse(key("gpu-0001"), s.Nonce, "gpu-0001", "fra", 1)
			s.Signature = sig[:]
			r.Sign(key("fra"))
			return append(in, Input{Source: "clone.json", Record: r})
		}, "clone.json", ReasonCounter, "sample 0: counter 1 was already signed in fra.json: a second holder of the device key"},
		{"wrong device key", func(f *fixture, in []Input) []Input {
			in[0].Record = f.record(fra, "gpu-0001", key("attacker"), key("fra"), 1.0)
			return in
		}, "fra.json", ReasonDeviceSignature, `not signed by the enrolled key of device "gpu-0001"`},
		{"another device's key", func(f *fixture, in []Input) []Input {
			in[0].Record = f.record(fra, "gpu-0001", key("gpu-0002"), key("fra"), 1.0)
			return in
		}, "fra.json", ReasonDeviceSignature, "sample 0"},
		{"forged landmark record", func(f *fixture, in []Input) []Input {
			in[0].Record = f.record(fra, "gpu-0001", key("gpu-0001"), key("attacker"), 1.0)
			return in
		}, "fra.json", ReasonLandmarkSignature, `not signed by the enrolled key of landmark "fra"`},
		{"tampered RTT", func(f *fixture, in []Input) []Input {
			in[1].Record.Samples[1].RTT = 2 * time.Millisecond // Ashburn 90 ms -> 2 ms
			return in
		}, "iad.json", ReasonLandmarkSignature, "forged or altered after signing"},
		{"tampered position", func(f *fixture, in []Input) []Input {
			in[2].Record.Landmark.Lat, in[2].Record.Landmark.Lon = 31.2304, 121.4737
			return in
		}, "sin.json", ReasonLandmarkSignature, "forged or altered"},
		{"landmark signs a false position", func(f *fixture, in []Input) []Input {
			moved := sin
			moved.Lat, moved.Lon = 31.2304, 121.4737
			in[2].Record = f.record(moved, "gpu-0001", key("gpu-0001"), key("sin"), 3)
			return in
		}, "sin.json", ReasonLandmarkPosition, "states (31.2304, 121.4737) ± 1 km, enrolled at (1.3521, 103.8198) ± 1 km"},
		{"unknown landmark", func(f *fixture, in []Input) []Input {
			rogue := LandmarkInfo{ID: "rogue", Lat: 50, Lon: 8, UncertaintyKM: 1}
			return append(in, Input{Source: "rogue.json", Record: f.record(rogue, "gpu-0001", key("gpu-0001"), key("rogue"), 1)})
		}, "rogue.json", ReasonLandmarkUnknown, `landmark "rogue" is not enrolled`},
		{"unknown device", func(f *fixture, in []Input) []Input {
			f.reg.devices["gpu-0001"] = nil
			delete(f.reg.devices, "gpu-0001")
			return in[:1]
		}, "fra.json", ReasonDeviceUnknown, `device "gpu-0001" is not enrolled`},
		{"record of another device", func(f *fixture, in []Input) []Input {
			return append(in, Input{Source: "other.json", Record: f.record(fra, "gpu-0002", key("gpu-0002"), key("fra"), 1)})
		}, "other.json", ReasonOtherDevice, `record for device "gpu-0002", verifying "gpu-0001"`},
		{"stale challenge", func(f *fixture, in []Input) []Input {
			r := in[0].Record
			for i := range r.Samples {
				r.Samples[i].Issued = testNow.Add(-time.Hour)
			}
			r.Sign(key("fra"))
			return in
		}, "fra.json", ReasonNonceStale, "1h0m0s before verification (limit 15m0s)"},
		{"challenge from the future", func(f *fixture, in []Input) []Input {
			r := in[0].Record
			r.Samples[0].Issued = testNow.Add(5 * time.Minute)
			r.Sign(key("fra"))
			return in
		}, "fra.json", ReasonNonceFuture, "5m0s after verification"},
		{"counter going back", func(f *fixture, in []Input) []Input {
			r := in[0].Record
			s := r.Samples[2]
			s.Counter = 1
			sig := SignResponse(key("gpu-0001"), s.Nonce, "gpu-0001", "fra", 1)
			s.Signature = sig[:]
			r.Samples[2] = s
			r.Sign(key("fra"))
			return in
		}, "fra.json", ReasonCounter, "sample 2: counter 1 is not above the previous sample's 2"},
		{"unreadable file", func(f *fixture, in []Input) []Input {
			_, err := ParseRecord([]byte(`{"version": 1,`+"\n"+`"landmark": 7}`), "bad.json")
			return append(in, Input{Source: "bad.json", Err: err})
		}, "bad.json", ReasonMalformed, "bad.json:2: landmark: number value cannot be a attest.LandmarkInfo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			in := tc.attack(f, f.honest())
			ev, err := f.verifier().Check(context.Background(), "gpu-0001", in)
			if err != nil {
				t.Fatal(err)
			}
			if len(ev.Rejected) != 1 {
				t.Fatalf("rejected %+v, want exactly %s", ev.Rejected, tc.source)
			}
			r := ev.Rejected[0]
			if r.Source != tc.source || r.Reason != tc.reason || !strings.Contains(r.Detail, tc.detail) {
				t.Errorf("rejection\n %s %s %q\nwant\n %s %s …%q…", r.Source, r.Reason, r.Detail, tc.source, tc.reason, tc.detail)
			}
			if !errors.Is(r, ErrRejected) {
				t.Error("rejection does not match ErrRejected")
			}
			if len(ev.Measurements) != len(ev.Accepted) {
				t.Errorf("%d measurements for %d accepted", len(ev.Measurements), len(ev.Accepted))
			}
			for _, a := range ev.Accepted {
				if a.Source == tc.source {
					t.Errorf("rejected record %s also accepted", a.Source)
				}
			}
		})
	}
}

// TestReplayAcrossCalls: a record accepted once is a replay the next time
// the same store sees it, and the verdict then rests on nothing.
func TestReplayAcrossCalls(t *testing.T) {
	f := newFixture(t)
	v := f.verifier()
	in := f.honest()
	ctx := context.Background()
	if _, err := v.Verify(ctx, "gpu-0001", in, verify.Site{Country: "DE"}, concerns); err != nil {
		t.Fatal(err)
	}
	res, err := v.Verify(ctx, "gpu-0001", in, verify.Site{Country: "DE"}, concerns)
	if err != nil {
		t.Fatal(err)
	}
	if res.Location.Verdict != verify.VerdictInsufficient || len(res.Evidence.Accepted) != 0 || len(res.Evidence.Rejected) != 3 {
		t.Fatalf("verdict %s accepted %d rejected %d", res.Location.Verdict, len(res.Evidence.Accepted), len(res.Evidence.Rejected))
	}
	for _, r := range res.Evidence.Rejected {
		if r.Reason != ReasonNonceReplayed {
			t.Errorf("%s: %s, want %s", r.Source, r.Reason, ReasonNonceReplayed)
		}
	}
	if want := "3 of 3 records rejected (nonce_replayed ×3); the verdict rests on the 0 accepted"; res.Notes[0] != want {
		t.Errorf("note %q, want %q", res.Notes[0], want)
	}
}

// TestRelayOnlyAddsDelay: a device in Shanghai whose answers to the
// Frankfurt landmark go through a relay next to it shows at least the
// Frankfurt–Shanghai light time, so China is never excluded and Germany
// is never confirmed.
func TestRelayOnlyAddsDelay(t *testing.T) {
	f := newFixture(t)
	// Frankfurt–Shanghai is 8,900 km: at least 59.4 ms in vacuum, about
	// 120 ms over real routes; plus the relay's own hop.
	in := []Input{
		{Source: "fra.json", Record: f.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 121.3, 120.9)},
		{Source: "sin.json", Record: f.record(sin, "gpu-0001", key("gpu-0001"), key("sin"), 52, 51)},
	}
	res, err := f.verifier().Verify(context.Background(), "gpu-0001", in, verify.Site{Country: "DE"}, concerns)
	if err != nil {
		t.Fatal(err)
	}
	if res.Location.Verdict != verify.VerdictInconsistent {
		t.Errorf("verdict %s, want inconsistent (DE excluded by sin)", res.Location.Verdict)
	}
	if rr, _ := res.Location.Region("CN"); rr.Verdict != verify.RegionPossible {
		t.Errorf("CN %s, want possible", rr.Verdict)
	}
}

func TestCheckBadDeviceID(t *testing.T) {
	f := newFixture(t)
	if _, err := f.verifier().Check(context.Background(), "gpu 1", nil); err == nil || !strings.Contains(err.Error(), `id "gpu 1": byte 3 (' ') is not a letter`) {
		t.Errorf("err %v", err)
	}
}
