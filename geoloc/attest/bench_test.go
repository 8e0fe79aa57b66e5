package attest

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/internal/cputime"
)

// reportCPU adds cpu-ns/op and, with unit, the CPU-time rate of ops per
// second: on a shared machine, wall time per op overstates the cost; CPU
// time per op does not. Nothing is reported where CPU time is unknown.
func reportCPU(b *testing.B, start time.Duration, unit string) {
	if cputime.Process() == 0 { // not known on this platform
		return
	}
	per := float64(cputime.Process()-start) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	if unit != "" && per > 0 {
		b.ReportMetric(1e9/per, unit+"/cpu-s")
	}
}

type acceptAll struct{}

func (acceptAll) Claim(Nonce, time.Time) bool { return true }

// BenchmarkVerifyDeviceSignature: one device signature over a challenge,
// as the verifier and a landmark with -registry check it.
func BenchmarkVerifyDeviceSignature(b *testing.B) {
	k := key("gpu-0001")
	p := k.Public().(ed25519.PublicKey)
	var n Nonce
	sig := SignResponse(k, n, "gpu-0001", "fra", 1)
	start := cputime.Process()
	for b.Loop() {
		if !ed25519.Verify(p, ResponsePayload(n, "gpu-0001", "fra", 1), sig[:]) {
			b.Fatal("signature")
		}
	}
	reportCPU(b, start, "signatures")
}

// BenchmarkCheckRecord: one record of 8 samples (9 signatures, freshness,
// counters, nonces).
func BenchmarkCheckRecord(b *testing.B) {
	f := newFixture(b)
	in := []Input{{Source: "fra.json", Record: f.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 4, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7)}}
	v := f.verifier(WithNonceStore(acceptAll{}))
	ctx := context.Background()
	start := cputime.Process()
	for b.Loop() {
		ev, err := v.Check(ctx, "gpu-0001", in)
		if err != nil || len(ev.Accepted) != 1 {
			b.Fatal(err, ev.Rejected)
		}
	}
	reportCPU(b, start, "records")
}

// tenLandmarks are real city coordinates around a device in Frankfurt.
var tenLandmarks = []LandmarkInfo{
	fra,
	{ID: "ams", Lat: 52.3676, Lon: 4.9041, UncertaintyKM: 1},
	{ID: "waw", Lat: 52.2297, Lon: 21.0122, UncertaintyKM: 1},
	{ID: "ber", Lat: 52.52, Lon: 13.405, UncertaintyKM: 1},
	{ID: "par", Lat: 48.8566, Lon: 2.3522, UncertaintyKM: 1},
	{ID: "lon", Lat: 51.5074, Lon: -0.1278, UncertaintyKM: 1},
	{ID: "vie", Lat: 48.2082, Lon: 16.3738, UncertaintyKM: 1},
	{ID: "mad", Lat: 40.4168, Lon: -3.7038, UncertaintyKM: 1},
	{ID: "sto", Lat: 59.3293, Lon: 18.0686, UncertaintyKM: 1},
	{ID: "tyo", Lat: 35.6762, Lon: 139.6503, UncertaintyKM: 1},
}

// greatCircleKM on the mean sphere.
func greatCircleKM(a, b LandmarkInfo) float64 {
	const r = 6371.01
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dl := (b.Lon - a.Lon) * math.Pi / 180
	return r * math.Acos(math.Min(1, math.Sin(la1)*math.Sin(la2)+math.Cos(la1)*math.Cos(la2)*math.Cos(dl)))
}

// BenchmarkVerify10Landmarks: ten records of 8 samples each (90
// signatures) checked, then verify.Verify on the minimum RTTs against the
// declared country and the ten countries of concern. RTTs: great-circle
// distance at light in fibre (99.9 km per ms of RTT) × 1.4 route inflation
// + 0.2 ms.
func BenchmarkVerify10Landmarks(b *testing.B) {
	var enrolled []EnrolledLandmark
	for _, l := range tenLandmarks {
		enrolled = append(enrolled, EnrolledLandmark{LandmarkInfo: l, Provenance: "bench", PublicKey: pub(l.ID)})
	}
	reg, err := NewRegistry([]Device{{ID: "gpu-0001", PublicKey: pub("gpu-0001")}}, enrolled)
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{reg: reg}
	var in []Input
	for _, l := range tenLandmarks {
		base := greatCircleKM(fra, l)/99.9*1.4 + 0.2
		in = append(in, Input{Source: l.ID + ".json", Record: f.record(l, "gpu-0001", key("gpu-0001"), key(l.ID),
			base+0.3, base, base+0.1, base+1, base+0.2, base+0.5, base+0.4, base+0.6)})
	}
	v := f.verifier(WithNonceStore(acceptAll{}))
	ctx := context.Background()
	site := verify.Site{Country: "DE"}
	if res, err := v.Verify(ctx, "gpu-0001", in, site, concerns); err != nil || res.Location.Verdict != verify.VerdictConsistent {
		b.Fatalf("%v %v", err, res.Location.Notes) // also warms the boundary indexes
	}
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		if _, err := v.Verify(ctx, "gpu-0001", in, site, concerns); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start, "verdicts")
}

// BenchmarkLandmarkSessions: whole sessions of 8 samples over loopback UDP
// against one landmark that checks every answer against the registry, 16
// devices at a time. Each session takes at least 7 × MinSampleInterval
// (the protocol's rate bound); the metric records/s is what one landmark
// sustains, cpu-ns/op what a record costs both ends together.
func BenchmarkLandmarkSessions(b *testing.B) {
	f := newFixture(b)
	var kept atomic.Int64
	lm := &Landmark{Info: fra, Key: key("fra"), Samples: 8, Interval: MinSampleInterval, SourceInterval: time.Nanosecond,
		MaxSessions: 64, DeviceKey: f.reg.DeviceKey}
	addr := startLandmarkB(b, lm, &kept)
	var ctr memCounter
	b.SetParallelism(8) // 16 concurrent devices on 2 CPUs
	start, t0 := cputime.Process(), time.Now()
	b.RunParallel(func(pb *testing.PB) {
		a := &Agent{DeviceID: "gpu-0001", Key: key("gpu-0001"), Counter: &ctr}
		for pb.Next() {
			if res, err := a.Measure(context.Background(), addr); err != nil || res.Done.Samples != 8 {
				panic(fmt.Sprintf("session: %v %+v", err, res))
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "records/s")
	reportCPU(b, start, "")
	if kept.Load() != int64(b.N) {
		b.Fatalf("%d records for %d sessions", kept.Load(), b.N)
	}
}
