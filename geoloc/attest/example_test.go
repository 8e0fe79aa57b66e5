package attest_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
)

func exampleKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("example " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// A device in Frankfurt, measured by landmarks in Frankfurt and Singapore.
// The Singapore record arrives twice: the copy is a replay.
func ExampleVerifier_Verify() {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	device := exampleKey("gpu-0001")
	fra := attest.LandmarkInfo{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1}
	sin := attest.LandmarkInfo{ID: "sin", Lat: 1.3521, Lon: 103.8198, UncertaintyKM: 1}
	reg, _ := attest.NewRegistry(
		[]attest.Device{{ID: "gpu-0001", PublicKey: device.Public().(ed25519.PublicKey)}},
		[]attest.EnrolledLandmark{
			{LandmarkInfo: fra, Provenance: "DE-CIX Frankfurt", PublicKey: exampleKey("fra").Public().(ed25519.PublicKey)},
			{LandmarkInfo: sin, Provenance: "Equinix SG1", PublicKey: exampleKey("sin").Public().(ed25519.PublicKey)},
		})

	// What a landmark writes after a session: the device signed each
	// challenge with its key and counter; the landmark timed the answers
	// and signed the whole record.
	counter := uint64(0)
	record := func(l attest.LandmarkInfo, rtts ...time.Duration) *attest.Record {
		r := &attest.Record{Version: 1, Landmark: l, DeviceID: "gpu-0001", Transport: "udp"}
		for _, rtt := range rtts {
			counter++
			nonce, _ := attest.NewNonce()
			sig := attest.SignResponse(device, nonce, "gpu-0001", l.ID, counter)
			r.Samples = append(r.Samples, attest.Sample{Nonce: nonce, Issued: now.Add(-time.Minute), Counter: counter, Signature: sig[:], RTT: rtt})
		}
		r.Sign(exampleKey(l.ID))
		return r
	}
	fraRec := record(fra, 4100*time.Microsecond, 3900*time.Microsecond)
	sinRec := record(sin, 161*time.Millisecond, 158*time.Millisecond)
	in := []attest.Input{
		{Source: "fra.json", Record: fraRec},
		{Source: "sin.json", Record: sinRec},
		{Source: "sin-again.json", Record: sinRec},
	}

	v := attest.NewVerifier(reg, attest.WithClock(func() time.Time { return now }))
	res, err := v.Verify(context.Background(), "gpu-0001", in, verify.Site{Country: "DE"}, []string{"CN", "RU"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verdict:", res.Location.Verdict)
	for _, e := range res.Evidence.Accepted {
		fmt.Printf("accepted %s: min RTT %.1f ms, %d samples\n", e.Landmark, e.MinRTTms, e.Samples)
	}
	for _, r := range res.Evidence.Rejected {
		fmt.Printf("rejected %s: %s\n", r.Source, r.Reason)
	}
	cn, _ := res.Location.Region("CN")
	fmt.Println("CN:", cn.Verdict, "by", cn.By)
	// Output:
	// verdict: consistent
	// accepted fra: min RTT 3.9 ms, 2 samples
	// accepted sin: min RTT 158.0 ms, 2 samples
	// rejected sin-again.json: nonce_replayed
	// CN: excluded by fra
}

// A landmark and a device on loopback: one session over UDP, and the
// record the landmark signs.
func ExampleAgent_Measure() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pc.Close()
	records := make(chan *attest.Record, 1)
	lm := &attest.Landmark{
		Info: attest.LandmarkInfo{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1},
		Key:  exampleKey("fra"), Samples: 3,
		Record: func(r *attest.Record) error { records <- r; return nil },
		Logger: slog.New(slog.DiscardHandler),
	}
	go lm.ServeUDP(ctx, pc)

	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	// The counter file stands in for the secure element's counter.
	counter, _ := attest.OpenFileCounter(filepath.Join(dir, "gpu-0001.counter"))
	agent := &attest.Agent{DeviceID: "gpu-0001", Key: exampleKey("gpu-0001"), Counter: counter}
	res, err := agent.Measure(ctx, pc.LocalAddr().String())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := <-records
	fmt.Printf("%s: %d challenges signed, %d samples recorded\n", res.Transport, res.Signed, res.Done.Samples)
	fmt.Printf("record of %s for %s: %d samples, counters %d to %d, signed by the landmark: %v\n",
		r.Landmark.ID, r.DeviceID, len(r.Samples), r.Samples[0].Counter, r.Samples[2].Counter,
		ed25519.Verify(exampleKey("fra").Public().(ed25519.PublicKey), r.Payload(), r.Signature))
	// Output:
	// udp: 3 challenges signed, 3 samples recorded
	// record of fra for gpu-0001: 3 samples, counters 1 to 3, signed by the landmark: true
}
