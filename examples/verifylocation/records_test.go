package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
)

// writeRecords writes signed records of a device in Frankfurt (landmarks
// at real city coordinates; 4, 90 and 160 ms) and an unreadable file to a
// directory, and a registry; it returns the directory and registry path.
func writeRecords(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	os.Mkdir(recs, 0o755)
	dev := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	lms := []struct {
		info attest.LandmarkInfo
		rtt  float64
	}{
		{attest.LandmarkInfo{ID: "fra", Lat: 50.1109, Lon: 8.6821, UncertaintyKM: 1}, 4},
		{attest.LandmarkInfo{ID: "iad", Lat: 39.0438, Lon: -77.4874, UncertaintyKM: 1}, 90},
		{attest.LandmarkInfo{ID: "sin", Lat: 1.3521, Lon: 103.8198, UncertaintyKM: 1}, 160},
	}
	var enrolled []string
	ctr := uint64(0)
	for i, l := range lms {
		lk := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(10 + i)}, 32))
		enrolled = append(enrolled, fmt.Sprintf(`{"id": %q, "lat": %v, "lon": %v, "uncertainty_km": 1, "provenance": "test", "public_key": %q}`,
			l.info.ID, l.info.Lat, l.info.Lon, attest.EncodeKey(lk.Public().(ed25519.PublicKey))))
		r := &attest.Record{Version: 1, Landmark: l.info, DeviceID: "gpu-0001", Transport: "udp"}
		for k := range 3 {
			ctr++
			n, _ := attest.NewNonce()
			sig := attest.SignResponse(dev, n, "gpu-0001", l.info.ID, ctr)
			r.Samples = append(r.Samples, attest.Sample{Nonce: n, Issued: time.Now().Add(-time.Minute).Round(0).UTC(), Counter: ctr, Signature: sig[:],
				RTT: time.Duration((l.rtt + float64(k)) * float64(time.Millisecond))})
		}
		r.Sign(lk)
		data, _ := r.Marshal()
		os.WriteFile(filepath.Join(recs, l.info.ID+".json"), data, 0o644)
	}
	os.WriteFile(filepath.Join(recs, "truncated.json"), []byte("{\"version\": 1,\n\"landmark\": {"), 0o644)
	reg := filepath.Join(dir, "registry.json")
	os.WriteFile(reg, []byte(fmt.Sprintf(`{"devices": [{"id": "gpu-0001", "public_key": %q}], "landmarks": [%s]}`,
		attest.EncodeKey(dev.Public().(ed25519.PublicKey)), strings.Join(enrolled, ","))), 0o644)
	return recs, reg
}

func TestRecords(t *testing.T) {
	recs, reg := writeRecords(t)
	dir := filepath.Dir(recs)
	vkey := filepath.Join(dir, "verifier.pem")
	if _, err := attest.GenerateKeyFile(vkey); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"-records", recs, "-registry", reg, "-device", "gpu-0001", "-declared", "DE", "-at", "50.11,8.68",
		"-verifier-key", vkey, "-verifier-id", "v1", "-verdict-out", filepath.Join(dir, "verdict.json")}
	if got := run(context.Background(), args, &stdout, &stderr); got != 0 {
		t.Fatalf("status %d: %s", got, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"verdict: consistent",
		"evidence for device gpu-0001 (3 records accepted, 1 rejected):",
		"fra          min RTT    4.00 ms   3 samples over udp  counters 1–3",
		"rejected truncated.json: record_malformed: " + filepath.Join(recs, "truncated.json") + ":2: unexpected EOF",
		"1 of 4 records rejected (record_malformed ×1); the verdict rests on the 3 accepted",
		attest.Limitations[0],
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "verdict.json"))
	if err != nil {
		t.Fatal(err)
	}
	vr, err := attest.ParseVerdictRecord(data, "verdict.json")
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := attest.ReadKeyFile(vkey)
	if err := vr.Check(map[string]ed25519.PublicKey{"v1": pk.Public().(ed25519.PublicKey)}, time.Now()); err != nil {
		t.Errorf("verdict record: %v", err)
	}

	// -json. Without -seen the nonces of the first run were kept only in
	// its memory, so this run accepts the same records again.
	stdout.Reset()
	if got := run(context.Background(), []string{"-records", recs, "-registry", reg, "-device", "gpu-0001", "-declared", "DE", "-json"}, &stdout, &stderr); got != 0 {
		t.Fatalf("status %d: %s", got, stderr.String())
	}
	var res struct {
		Verdict   string                    `json:"verdict"`
		Device    string                    `json:"device"`
		Landmarks []attest.LandmarkEvidence `json:"landmarks"`
		Rejected  []attest.Rejection        `json:"rejected"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Verdict != "consistent" || res.Device != "gpu-0001" || len(res.Landmarks) != 3 || len(res.Rejected) != 1 || res.Rejected[0].Reason != attest.ReasonMalformed {
		t.Errorf("json %+v", res)
	}
}

func TestRecordsBadFlags(t *testing.T) {
	recs, reg := writeRecords(t)
	tests := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"-records", recs, "-device", "gpu-0001"}, 2, "-records needs -registry and -device"},
		{[]string{"-records", recs, "-registry", reg, "-device", "gpu-0001", "in.json"}, 2, "-records takes no input file"},
		{[]string{"-records", recs, "-registry", reg, "-device", "gpu-0001", "-at", "50.1"}, 2, `-at "50.1": want LAT,LON in degrees`},
		{[]string{"-records", recs, "-registry", recs + "/fra.json", "-device", "gpu-0001"}, 2, `fra.json:2: json: unknown field "version"`},
		{[]string{"-records", filepath.Join(recs, "none"), "-registry", reg, "-device", "gpu-0001"}, 2, "no such file or directory"},
		{[]string{"-records", recs, "-registry", reg, "-device", "gpu-0001", "-verdict-out", "v.json"}, 2, "-verdict-out needs -verifier-key"},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), tc.args, &stdout, &stderr); got != tc.status || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%v: status %d, stderr %q; want %d, …%q…", tc.args, got, stderr.String(), tc.status, tc.stderr)
		}
	}
}
