package attest

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"
)

// Landmarks at real city coordinates: Frankfurt (DE-CIX), Singapore,
// Ashburn, Virginia.
var (
	fra = LandmarkInfo{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1}
	sin = LandmarkInfo{ID: "sin", Lat: 1.3521, Lon: 103.8198, UncertaintyKM: 1}
	iad = LandmarkInfo{ID: "iad", Lat: 39.0438, Lon: -77.4874, UncertaintyKM: 1}
)

// testNow is the verifier's clock in the tests.
var testNow = time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)

// key derives a deterministic test key from a name.
func key(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("exportguard attest test key " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func pub(name string) ed25519.PublicKey { return key(name).Public().(ed25519.PublicKey) }

type fixture struct {
	reg *Registry
	ctr uint64
	seq byte
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	reg, err := NewRegistry(
		[]Device{{ID: "gpu-0001", PublicKey: pub("gpu-0001")}, {ID: "gpu-0002", PublicKey: pub("gpu-0002")}},
		[]EnrolledLandmark{
			{LandmarkInfo: fra, Provenance: "test: DE-CIX Frankfurt, city centre", PublicKey: pub("fra")},
			{LandmarkInfo: sin, Provenance: "test: Singapore, city centre", PublicKey: pub("sin")},
			{LandmarkInfo: iad, Provenance: "test: Ashburn VA, city centre", PublicKey: pub("iad")},
		})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{reg: reg}
}

func (f *fixture) verifier(opts ...Option) *Verifier {
	return NewVerifier(f.reg, append([]Option{WithClock(func() time.Time { return testNow })}, opts...)...)
}

// record makes a record of landmark lm for device dev whose samples are
// signed with devKey, with the given RTTs in milliseconds, issued a minute
// before testNow, signed with the landmark key lmKey.
func (f *fixture) record(lm LandmarkInfo, dev string, devKey, lmKey ed25519.PrivateKey, rttMS ...float64) *Record {
	r := &Record{Version: 1, Landmark: lm, DeviceID: dev, Transport: "udp"}
	for i, ms := range rttMS {
		f.ctr++
		f.seq++
		var n Nonce
		h := sha256.Sum256([]byte{f.seq, byte(i), 'n'})
		copy(n[:], h[:])
		sig := SignResponse(devKey, n, dev, lm.ID, f.ctr)
		r.Samples = append(r.Samples, Sample{
			Nonce: n, Issued: testNow.Add(-time.Minute + time.Duration(f.seq)*time.Second), Counter: f.ctr,
			Signature: sig[:], RTT: time.Duration(ms * float64(time.Millisecond)),
		})
	}
	r.Sign(lmKey)
	return r
}

// honest returns the three records of a device in Frankfurt: 4 ms to the
// Frankfurt landmark, 90 ms to Ashburn (6,560 km), 160 ms to Singapore
// (10,260 km) — each above the vacuum minimum of its distance.
func (f *fixture) honest() []Input {
	return []Input{
		{Source: "fra.json", Record: f.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 4.6, 4.0, 4.3)},
		{Source: "iad.json", Record: f.record(iad, "gpu-0001", key("gpu-0001"), key("iad"), 91, 90)},
		{Source: "sin.json", Record: f.record(sin, "gpu-0001", key("gpu-0001"), key("sin"), 160, 163)},
	}
}
