package attest

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParseMessage: every message either fails with a WireError or
// re-encodes to exactly the bytes it came from.
func FuzzParseMessage(f *testing.F) {
	var n Nonce
	copy(n[:], "0123456789abcdef0123456789abcdef")
	f.Add(Hello{DeviceID: "gpu-0001"}.Marshal())
	f.Add(Challenge{Session: 7, Seq: 3, LandmarkID: "fra", Nonce: n}.Marshal())
	f.Add(Response{Session: 7, Seq: 3, Nonce: n, Counter: 99, DeviceID: "gpu-0001"}.Marshal())
	f.Add(Done{Session: 7, Status: DoneOK, Samples: 8}.Marshal())
	f.Add([]byte("EGA1\x09"))
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, err := ParseMessage(b)
		if err != nil {
			var we *WireError
			if !errors.As(err, &we) || !errors.Is(err, ErrBadMessage) {
				t.Fatalf("error %T %v is not a WireError", err, err)
			}
			return
		}
		var out []byte
		switch m := msg.(type) {
		case Hello:
			out = m.Marshal()
		case Challenge:
			out = m.Marshal()
		case Response:
			out = m.Marshal()
		case Done:
			out = m.Marshal()
		default:
			t.Fatalf("unexpected %T", msg)
		}
		if !bytes.Equal(out, b) {
			t.Fatalf("round trip\n in %x\nout %x", b, out)
		}
	})
}

func seedRecord(f *testing.F) []byte {
	fx := newFixture(f)
	data, err := fx.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 4.1, 4.0).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzParseRecord: a record either fails with a ParseError or is well
// formed, and its JSON round trip keeps the signed payload.
func FuzzParseRecord(f *testing.F) {
	f.Add(seedRecord(f))
	f.Add([]byte(`{"version": 1}`))
	f.Add([]byte(`{"version": 1, "landmark": {"id": "x"}} {}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRecord(b, "in.json")
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		if len(r.Samples) == 0 || len(r.Samples) > MaxSamples || ValidID(r.DeviceID) != nil || ValidID(r.Landmark.ID) != nil {
			t.Fatalf("accepted a malformed record %+v", r)
		}
		data, err := r.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		r2, err := ParseRecord(data, "again.json")
		if err != nil {
			t.Fatalf("re-encoded record does not parse: %v\n%s", err, data)
		}
		if !bytes.Equal(r.Payload(), r2.Payload()) {
			t.Fatal("signed payload changed in a JSON round trip")
		}
	})
}

const seedRegistry = `{
  "devices": [{"id": "gpu-0001", "public_key": "fl+z3cGgtC4Wj5s2gZbE4cQ/VYxL2QdY2x4XkS3cbMk="}],
  "landmarks": [{"id": "fra", "lat": 50.1109, "lon": 8.6821, "uncertainty_km": 1,
                 "provenance": "test", "public_key": "fl+z3cGgtC4Wj5s2gZbE4cQ/VYxL2QdY2x4XkS3cbMk="}]
}`

// FuzzParseRegistry: a registry either fails with a ParseError or every
// entry in it has a valid id, a 32-byte key and a position on the globe.
func FuzzParseRegistry(f *testing.F) {
	f.Add([]byte(seedRegistry))
	f.Add([]byte(`{"devices": [{"id": "a", "public_key": "AAAA"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		reg, err := ParseRegistry(b, "registry.json")
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		for _, d := range reg.Devices {
			if ValidID(d.ID) != nil || len(d.PublicKey) != 32 {
				t.Fatalf("accepted device %+v", d)
			}
			if got, ok := reg.Device(d.ID); !ok || got.ID != d.ID {
				t.Fatalf("device %q not indexed", d.ID)
			}
		}
		for _, l := range reg.Landmarks {
			if ValidID(l.ID) != nil || len(l.PublicKey) != 32 || checkPosition(l.Lat, l.Lon, l.UncertaintyKM) != nil {
				t.Fatalf("accepted landmark %+v", l)
			}
		}
	})
}

// FuzzParseVerdictRecord: a verdict record either fails with a ParseError
// or re-encodes to the same signed payload.
func FuzzParseVerdictRecord(f *testing.F) {
	f.Add([]byte(`{"version":1,"verifier":"v","device_id":"d","issued":"2026-12-06T04:00:00Z","expires":"2026-12-07T04:00:00Z","declared":{"country":"DE"},"verdict":"consistent","regions":[],"feasible_area_km2":1,"landmarks":[],"rejected":[],"notes":[],"signature":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := ParseVerdictRecord(b, "verdict.json")
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		p1, err := v.Payload()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := v.Marshal()
		v2, err := ParseVerdictRecord(data, "again.json")
		if err != nil {
			t.Fatalf("re-encoded verdict does not parse: %v", err)
		}
		p2, _ := v2.Payload()
		if !bytes.Equal(p1, p2) {
			t.Fatalf("signed payload changed in a JSON round trip:\n%s\n%s", p1, p2)
		}
	})
}

// FuzzOpenFileNonces: a nonce file either fails with a ParseError naming
// its line, or every unexpired nonce in it is refused as used.
func FuzzOpenFileNonces(f *testing.F) {
	var n Nonce
	n[0] = 7
	text, _ := n.MarshalText()
	f.Add([]byte(string(text) + " 1796616000\n"))
	f.Add([]byte("AAAA 12\n"))
	f.Add([]byte("\n\n" + string(text) + "\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "seen")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := OpenFileNonces(path, testNow)
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		defer s.Close()
		for k := range s.seen {
			if s.Claim(k, testNow.Add(time.Hour)) {
				t.Fatalf("nonce %v from the file claimed again", k)
			}
		}
	})
}

// FuzzParseKey: a key file either fails or holds an Ed25519 key that signs
// and verifies.
func FuzzParseKey(f *testing.F) {
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n"))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseKey(b, "key.pem")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "key.pem: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		sig := ed25519.Sign(k, []byte("x"))
		if !ed25519.Verify(k.Public().(ed25519.PublicKey), []byte("x"), sig) {
			t.Fatal("parsed key does not verify its own signature")
		}
	})
}
